import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorState } from "@/components/ErrorState";
import { Field } from "@/components/Field";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import type { components } from "@/lib/api-types";
import { reconciliationQuery } from "../api/payments";
import { FilterForm } from "../components/FilterForm";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { Section } from "../components/Section";
import { SectionTabs } from "../components/SectionTabs";
import { readDay, utcToday } from "../lib/url-filters";

type Line = components["schemas"]["ReconciliationLine"];
const GROUPS = ["missing_in_ledger", "missing_at_provider", "amount_differences", "credited_other_day", "matched"] as const;

/** One UTC day's provider statement against the ledger: what is missing on either side. */
export function ReconciliationRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const day = readDay(params, "date") ?? utcToday();
  const report = useQuery(reconciliationQuery(day));

  const body = () => {
    if (report.isPending) {
      return (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">{t("list.loading")}</span>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      );
    }
    if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
    const data = report.data;
    return (
      <>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <div className="rounded-xl border border-stone-200 bg-white p-3">
            <dt className="text-sm text-stone-700">{t("reconciliation.providerTotal")}</dt>
            <dd className="text-lg font-bold"><Money amount={data.provider_total} /></dd>
          </div>
          <div className="rounded-xl border border-stone-200 bg-white p-3">
            <dt className="text-sm text-stone-700">{t("reconciliation.ledgerTotal")}</dt>
            <dd className="text-lg font-bold"><Money amount={data.ledger_total} /></dd>
          </div>
          {GROUPS.slice(0, 2).map((group) => (
            <div key={group} className={`rounded-xl border p-3 ${data[group].length > 0 ? "border-red-300 bg-red-50" : "border-stone-200 bg-white"}`}>
              <dt className="text-sm text-stone-700">{t(`reconciliation.${group}`)}</dt>
              <dd className="text-lg font-bold">{data[group].length}</dd>
            </div>
          ))}
        </dl>
        {GROUPS.map((group) => (
          <Section key={group} title={t("reconciliation.groupTitle", { group: t(`reconciliation.${group}`), count: data[group].length })}>
            <p className="text-sm text-stone-700">{t(`reconciliation.${group}Hint`)}</p>
            {data[group].length === 0 ? (
              <p className="text-stone-700">{t("reconciliation.none")}</p>
            ) : (
              <LineTable lines={data[group]} label={t(`reconciliation.${group}`)} />
            )}
          </Section>
        ))}
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={t("reconciliation.lead")}>{t("title.reconciliation")}</PageTitle>
      <SectionTabs section="money" />
      <FilterForm label={t("reconciliation.dayLabel")}>
        <Field label={t("reconciliation.day")} name="date" type="date" defaultValue={day} max={utcToday()} />
      </FilterForm>
      {body()}
    </div>
  );
}

function LineTable({ lines, label }: { lines: readonly Line[]; label: string }) {
  const { t } = useTranslation("admin");
  const reference = (line: Line) => <span className="break-all">{line.reference}</span>;
  return (
    <ResponsiveTable
      label={label}
      rows={lines}
      rowKey={(line) => `${line.provider}-${line.reference}`}
      cardTitle={reference}
      columns={[
        { header: t("fields.reference"), cell: reference },
        { header: t("fields.provider"), cell: (line) => line.provider },
        { header: t("payments.receipt"), cell: (line) => line.receipt ?? "—" },
        { header: t("reconciliation.providerAmount"), numeric: true, cell: (line) => (line.provider_amount ? <Money amount={line.provider_amount} /> : "—") },
        { header: t("reconciliation.ledgerAmount"), numeric: true, cell: (line) => (line.ledger_amount ? <Money amount={line.ledger_amount} /> : "—") },
        {
          header: t("reconciliation.follow"),
          cell: (line) =>
            line.refund_id ? (
              <Link to="/admin/refunds?cause=orphan_collection" className="font-semibold text-brand-800 underline">
                {t("reconciliation.refundOpened")}
              </Link>
            ) : line.payment_id ? (
              <Link to={`/admin/payments?q=${encodeURIComponent(line.reference)}`} className="font-semibold text-brand-800 underline">
                {t("reconciliation.findPayment")}
              </Link>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
