import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { type AdminSettlement, type BulkPayoutResult, downloadPayoutBatch, settlementsQuery } from "../api/settlements";
import { PagedList } from "@/components/PagedList";
import { PayoutPanel } from "../components/PayoutPanel";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { SectionTabs } from "../components/SectionTabs";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { selectedTotal, toggled, toggledAll } from "../lib/selection";
import { readChoice, readText, utcToday } from "../lib/url-filters";
import { useErrorText } from "../components/use-error-text";

const STATUSES = ["due", "paid", "cancelled"] as const;
const CHIP = "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap rounded-full border px-4 text-sm font-semibold";

export function SettlementsRoute() {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const canWrite = useCanWrite();
  const [params] = useSearchParams();
  const status = readChoice(params, "status", STATUSES) ?? "due";
  const wholesalerId = readText(params, "wholesaler_id");
  const query = useInfiniteQuery(settlementsQuery({ status, wholesaler_id: wholesalerId }));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [paid, setPaid] = useState<BulkPayoutResult | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const selectable = items.filter((item) => item.status === "due" && !item.held).map((item) => item.id);
  const chosenIds = selectable.filter((id) => chosen.has(id));
  const currency = query.data?.pages[0]?.currency ?? items[0]?.currency ?? "KES";
  const totals = query.data?.pages[0]?.totals ?? [];
  const selecting = canWrite && status === "due";

  const download = async () => {
    setDownloadError(null);
    setDownloading(true);
    try {
      await downloadPayoutBatch(`payouts-${utcToday()}.csv`, wholesalerId);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };

  const choose = (settlement: AdminSettlement) => (
    <input
      type="checkbox"
      className="size-6 accent-brand-700"
      aria-label={t("settlements.choose", { order: settlement.order_number, name: settlement.wholesaler_name })}
      checked={chosen.has(settlement.id)}
      disabled={settlement.held || settlement.status !== "due"}
      onChange={() => setChosen(toggled(chosen, settlement.id))}
    />
  );
  const title = (settlement: AdminSettlement) => (
    <span className="flex items-center gap-3">
      {selecting ? choose(settlement) : null}
      <span className="flex flex-col">
        <span>{settlement.wholesaler_name}</span>
        <span className="text-sm font-normal text-stone-700">{settlement.order_number}</span>
      </span>
    </span>
  );

  return (
    <div className="flex flex-col">
      <PageTitle lead={t("settlements.lead")}>{t("title.settlements")}</PageTitle>
      <SectionTabs section="money" />
      <nav aria-label={t("settlements.filterLabel")} className="-mx-4 mb-4 overflow-x-auto px-4 pb-1">
        <ul className="flex gap-2">
          {STATUSES.map((option) => (
            <li key={option}>
              <Link
                to={option === "due" ? "/admin/settlements" : `/admin/settlements?status=${option}`}
                aria-current={option === status ? "page" : undefined}
                className={`${CHIP} ${option === status ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900"}`}
              >
                {t(`settlementStatus.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {totals.length > 0 ? (
        <dl aria-label={t("settlements.totals")} className="mb-4 grid grid-cols-1 gap-2 sm:grid-cols-3">
          {totals.map((total) => (
            <div key={total.status} className="rounded-xl border border-stone-200 bg-white p-3">
              <dt className="text-sm text-stone-700">{t("settlements.totalOf", { status: t(`settlementStatus.${total.status}`), count: total.count })}</dt>
              <dd className="text-xl font-bold">
                <Money amount={total.amount} currency={currency} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {paid ? (
        <Alert tone="success" className="mb-4" title={t("settlements.paid", { count: paid.settlement_count, reference: paid.reference })}>
          <ul>
            {paid.wholesalers.map((wholesaler) => (
              <li key={wholesaler.wholesaler_id}>
                {wholesaler.wholesaler_name}: <Money amount={wholesaler.amount} currency={paid.currency} />
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {status === "due" ? (
        <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center">
          <Button variant="secondary" isLoading={downloading} onClick={() => void download()}>
            {t("settlements.download")}
          </Button>
          {selecting && selectable.length > 0 ? (
            <Button variant="ghost" onClick={() => setChosen(toggledAll(chosen, selectable))}>
              {selectable.every((id) => chosen.has(id)) ? t("settlements.clearAll") : t("settlements.chooseAll", { count: selectable.length })}
            </Button>
          ) : null}
        </div>
      ) : null}
      {downloadError ? <Alert tone="error" className="mb-4">{errorText(downloadError)}</Alert> : null}
      <PagedList query={query} empty={t(`settlements.empty.${status}`)}>
        {(rows: AdminSettlement[]) => (
          <ResponsiveTable
            label={t("settlements.listLabel", { status: t(`settlementStatus.${status}`) })}
            rows={rows}
            rowKey={(settlement) => settlement.id}
            cardTitle={title}
            columns={[
              { header: t("fields.wholesaler"), cell: title },
              {
                header: t("fields.status"),
                cell: (settlement) => (
                  <span className="flex flex-wrap gap-1">
                    <StatusBadge tone={toneOf(settlement.status)}>{t(`settlementStatus.${settlement.status}`)}</StatusBadge>
                    {settlement.held ? <StatusBadge tone="bad">{t("settlements.held")}</StatusBadge> : null}
                  </span>
                ),
              },
              { header: t("settlements.orderTotal"), numeric: true, cell: (settlement) => <Money amount={settlement.order_total} currency={settlement.currency} /> },
              { header: t("settlements.commission"), numeric: true, cell: (settlement) => <Money amount={settlement.commission} currency={settlement.currency} /> },
              { header: t("settlements.refunded"), numeric: true, cell: (settlement) => <Money amount={settlement.refunded} currency={settlement.currency} /> },
              { header: t("settlements.amountDue"), numeric: true, cell: (settlement) => <Money amount={settlement.amount_due} currency={settlement.currency} className="font-semibold" /> },
              {
                header: status === "paid" ? t("settlements.paidAt") : t("settlements.openedAt"),
                cell: (settlement) =>
                  settlement.paid_at ? (
                    <span className="flex flex-col">
                      <DateTime iso={settlement.paid_at} />
                      <span className="break-all text-stone-700">{settlement.payout_reference}</span>
                    </span>
                  ) : (
                    <DateTime iso={settlement.created_at} />
                  ),
              },
            ]}
          />
        )}
      </PagedList>
      {selecting && chosenIds.length > 0 ? (
        <PayoutPanel
          ids={chosenIds}
          total={selectedTotal(items, new Set(chosenIds), (item) => item.amount_due)}
          currency={currency}
          onPaid={(result) => {
            setPaid(result);
            setChosen(new Set());
          }}
        />
      ) : null}
    </div>
  );
}

