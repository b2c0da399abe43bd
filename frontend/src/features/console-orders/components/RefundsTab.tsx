import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PagedList } from "@/components/PagedList";
import { SelectField } from "@/components/SelectField";
import { refundsQuery } from "../api/money";
import { type MoneyFilters, REFUND_STATUSES } from "../lib/money-filters";

/** Money going back to retailers on this wholesaler's orders, and where each refund stands. */
export function RefundsTab({ filters, onChange }: { filters: MoneyFilters; onChange: (filters: MoneyFilters) => void }) {
  const { t } = useTranslation("consoleOrders");
  const refunds = useInfiniteQuery(refundsQuery(filters));
  return (
    <div className="flex flex-col gap-4">
      <SelectField
        label={t("money.filters.status")}
        value={filters.refundStatus ?? ""}
        className="sm:max-w-xs"
        onChange={(event) =>
          onChange({ ...filters, refundStatus: REFUND_STATUSES.find((status) => status === event.target.value) ?? null })
        }
      >
        <option value="">{t("queue.filters.any")}</option>
        {REFUND_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`money.refund.status.${status}`)}
          </option>
        ))}
      </SelectField>
      <PagedList
        query={refunds}
        loadingLabel={t("money.loading")}
        empty={t("money.refund.empty")}
      >
        {(items) => (
          <ul aria-label={t("money.refund.listLabel")} className="flex flex-col gap-2">
            {items.map((refund) => (
              <li key={refund.id} className="flex items-start justify-between gap-3 rounded-xl border border-stone-200 bg-white p-3">
                <span className="flex min-w-0 flex-col">
                  <span className="flex flex-wrap gap-x-2">
                    {refund.order_id && refund.order_number ? (
                      <Link to={`/console/orders/${refund.order_id}`} className="font-semibold text-brand-800 underline">
                        {refund.order_number}
                      </Link>
                    ) : null}
                    <span className="font-semibold">{t(`money.refund.status.${refund.status}`)}</span>
                  </span>
                  <span className="text-sm text-stone-700">
                    <DateTime iso={refund.created_at} /> · {t(`money.refund.cause.${refund.cause}`)}
                  </span>
                  {refund.reason ? <span className="text-sm break-words text-stone-800">{refund.reason}</span> : null}
                </span>
                <Money amount={refund.amount} currency={refund.currency} className="text-lg font-bold" />
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}
