import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Field } from "@/components/Field";
import { Money } from "@/components/Money";
import { PagedList } from "@/components/PagedList";
import { SelectField } from "@/components/SelectField";
import { formatPercent } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import { settlementsQuery } from "../api/money";
import type { Settlement, SettlementSummary } from "../api/types";
import { type MoneyFilters, SETTLEMENT_STATUSES } from "../lib/money-filters";

function Totals({ summary }: { summary: SettlementSummary }) {
  const { t } = useTranslation("consoleOrders");
  const cells: [string, string, string][] = [
    ["due", t("money.summary.due"), "border-brand-700"],
    ["held", t("money.summary.held"), "border-amber-500"],
    ["paid", t("money.summary.paid"), "border-stone-400"],
  ];
  const amounts: Record<string, string> = { due: summary.due, held: summary.held, paid: summary.paid };
  return (
    <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3">
      {cells.map(([key, label, border]) => (
        <div key={key} className={`rounded-xl border-l-4 bg-white p-3 shadow-sm ${border}`}>
          <dt className="text-sm text-stone-700">{label}</dt>
          <dd>
            <Money amount={amounts[key] ?? "0.00"} currency={summary.currency} className="text-xl font-bold" />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function StatusText({ settlement }: { settlement: Settlement }) {
  const { t } = useTranslation("consoleOrders");
  if (settlement.status === "due" && settlement.held) return <span className="font-semibold text-amber-900">{t("money.settlement.held")}</span>;
  return <span className="font-semibold">{t(`money.settlement.${settlement.status}`)}</span>;
}

function SettlementRow({ settlement }: { settlement: Settlement }) {
  const { t } = useTranslation("consoleOrders");
  const locale = useLocale();
  const commission = formatPercent(Number(settlement.commission_rate), locale);
  return (
    <li className="grid gap-1 rounded-xl border border-stone-200 bg-white p-3 sm:grid-cols-[1fr_auto] sm:items-center">
      <div className="flex flex-col">
        <span className="flex flex-wrap items-baseline gap-x-2">
          <Link to={`/console/orders/${settlement.order_id}`} className="font-semibold text-brand-800 underline">
            {settlement.order_number}
          </Link>
          <StatusText settlement={settlement} />
        </span>
        <span className="text-sm text-stone-700">
          <DateTime iso={settlement.created_at} /> · {t("money.settlement.orderTotal")}{" "}
          <Money amount={settlement.order_total} currency={settlement.currency} /> · {t("money.settlement.commission", { rate: commission })}{" "}
          <Money amount={settlement.commission} currency={settlement.currency} />
        </span>
        {settlement.refunded !== "0.00" ? (
          <span className="text-sm text-stone-700">
            {t("money.settlement.refunded")} <Money amount={settlement.refunded} currency={settlement.currency} />
          </span>
        ) : null}
        {settlement.payout_reference ? (
          <span className="text-sm text-stone-700">
            {t("money.settlement.paidOut", { reference: settlement.payout_reference })}
            {settlement.paid_at ? (
              <>
                {" · "}
                <DateTime iso={settlement.paid_at} />
              </>
            ) : null}
          </span>
        ) : null}
      </div>
      <span className="flex flex-col sm:items-end">
        <span className="text-sm text-stone-700">{t("money.settlement.amountDue")}</span>
        <Money amount={settlement.amount_due} currency={settlement.currency} className="text-lg font-bold" />
      </span>
    </li>
  );
}

/** What the platform owes the wholesaler per paid order, filtered by status and day. */
export function SettlementsTab({ filters, onChange }: { filters: MoneyFilters; onChange: (filters: MoneyFilters) => void }) {
  const { t } = useTranslation("consoleOrders");
  const settlements = useInfiniteQuery(settlementsQuery(filters));
  const first = settlements.data?.pages[0];
  return (
    <div className="flex flex-col gap-4">
      {first ? <Totals summary={first.summary} /> : null}
      {first ? (
        <p className="text-sm text-stone-700">
          {t("money.allTime")} <Money amount={first.total_due} currency={first.currency} className="font-semibold" />{" "}
          {t("money.allTimePaid")} <Money amount={first.total_paid} currency={first.currency} className="font-semibold" />
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("money.filters.status")}
          value={filters.settlementStatus ?? ""}
          onChange={(event) =>
            onChange({ ...filters, settlementStatus: SETTLEMENT_STATUSES.find((status) => status === event.target.value) ?? null })
          }
        >
          <option value="">{t("queue.filters.any")}</option>
          {SETTLEMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`money.settlement.${status}`)}
            </option>
          ))}
        </SelectField>
        <Field
          type="date"
          label={t("money.filters.from")}
          value={filters.from ?? ""}
          onChange={(event) => onChange({ ...filters, from: event.target.value || null })}
        />
        <Field
          type="date"
          label={t("money.filters.to")}
          value={filters.to ?? ""}
          onChange={(event) => onChange({ ...filters, to: event.target.value || null })}
        />
      </div>
      <PagedList
        query={settlements}
        loadingLabel={t("money.loading")}
        empty={t("money.settlement.empty")}
        emptyHint={t("money.settlement.emptyHint")}
      >
        {(items) => (
          <ul aria-label={t("money.settlement.listLabel")} className="flex flex-col gap-2">
            {items.map((settlement) => (
              <SettlementRow key={settlement.id} settlement={settlement} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}
