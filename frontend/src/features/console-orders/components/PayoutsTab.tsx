import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PagedList } from "@/components/PagedList";
import { payoutsQuery } from "../api/money";

/** The payouts the platform made: one reference, one amount, the settlements it covered. */
export function PayoutsTab() {
  const { t } = useTranslation("consoleOrders");
  const payouts = useInfiniteQuery(payoutsQuery);
  return (
    <PagedList
      query={payouts}
      loadingLabel={t("money.loading")}
      empty={t("money.payout.empty")}
      emptyHint={t("money.payout.emptyHint")}
    >
      {(items) => (
        <ul aria-label={t("money.payout.listLabel")} className="flex flex-col gap-2">
          {items.map((payout) => (
            <li key={payout.reference} className="flex items-center justify-between gap-3 rounded-xl border border-stone-200 bg-white p-3">
              <span className="flex flex-col">
                <span className="font-semibold">{payout.reference}</span>
                <span className="text-sm text-stone-700">
                  <DateTime iso={payout.paid_at} /> · {t("money.payout.settlements", { count: payout.settlement_count })}
                </span>
              </span>
              <Money amount={payout.amount} currency={payout.currency} className="text-lg font-bold" />
            </li>
          ))}
        </ul>
      )}
    </PagedList>
  );
}
