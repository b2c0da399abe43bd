import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { ErrorState } from "@/components/ErrorState";
import { Money } from "@/components/Money";
import { Skeleton } from "@/components/Skeleton";
import { errorMessage } from "@/lib/error-message";
import { useDownloadInvoice } from "../api/invoice-pdf";
import { type Invoice, invoicesQuery } from "../api/subscription";

const STATUS_TONES: Record<Invoice["status"], string> = {
  open: "bg-amber-100 text-amber-950",
  paid: "bg-brand-100 text-brand-900",
  void: "bg-stone-200 text-stone-900",
};

function InvoiceRow({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const download = useDownloadInvoice();
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-semibold">
          {invoice.number}
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_TONES[invoice.status]}`}>
            {t(`subscription.invoices.status.${invoice.status}`)}
          </span>
        </p>
        <p className="text-sm text-stone-800">{invoice.description}</p>
        <p className="text-sm text-stone-700">
          <DateTime iso={invoice.period_start} /> – <DateTime iso={invoice.period_end} />
        </p>
        {download.isError ? (
          <p role="alert" className="text-sm text-red-800">
            {errorMessage(t, download.error)}
          </p>
        ) : null}
      </div>
      <div className="flex items-center justify-between gap-3 sm:justify-end">
        <Money amount={invoice.amount} currency={invoice.currency} className="font-semibold" />
        <Button
          variant="secondary"
          isLoading={download.isPending}
          onClick={() => download.mutate({ id: invoice.id, number: invoice.number })}
          aria-label={t("subscription.invoices.downloadNamed", { number: invoice.number })}
        >
          {t("subscription.invoices.download")}
        </Button>
      </div>
    </li>
  );
}

export function InvoiceList() {
  const { t } = useTranslation();
  const invoices = useInfiniteQuery(invoicesQuery);
  if (invoices.isPending) {
    return (
      <div className="flex flex-col gap-3" aria-busy="true">
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-14 w-full" />
      </div>
    );
  }
  if (invoices.isError) return <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />;
  const items = invoices.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="text-stone-700">{t("subscription.invoices.none")}</p>;
  return (
    <div>
      <ul className="divide-y divide-stone-200">
        {items.map((invoice) => (
          <InvoiceRow key={invoice.id} invoice={invoice} />
        ))}
      </ul>
      {invoices.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3 w-full sm:w-auto"
          isLoading={invoices.isFetchingNextPage}
          onClick={() => void invoices.fetchNextPage()}
        >
          {t("subscription.invoices.more")}
        </Button>
      ) : null}
    </div>
  );
}
