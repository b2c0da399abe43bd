import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { type AdminPayment, paymentsQuery } from "../api/payments";
import { PAYMENT_PROVIDERS, PAYMENT_PURPOSES, PAYMENT_STATUSES, PaymentFilters, isProvider } from "../components/PaymentFilters";
import { PagedList } from "@/components/PagedList";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { SectionTabs } from "../components/SectionTabs";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { readChoice, readDay, readText } from "../lib/url-filters";

export function PaymentsRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const filters = {
    q: readText(params, "q"),
    status: readChoice(params, "status", PAYMENT_STATUSES),
    provider: readChoice(params, "provider", PAYMENT_PROVIDERS),
    purpose: readChoice(params, "purpose", PAYMENT_PURPOSES),
    date_from: readDay(params, "date_from"),
    date_to: readDay(params, "date_to"),
  };
  const query = useInfiniteQuery(paymentsQuery(filters));

  const link = (payment: AdminPayment) => (
    <Link to={`/admin/payments/${payment.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
      {payment.payer_name}
    </Link>
  );
  return (
    <div className="flex flex-col">
      <PageTitle>{t("title.payments")}</PageTitle>
      <SectionTabs section="money" />
      <PaymentFilters filters={filters} />
      <PagedList query={query} empty={t("payments.empty")}>
        {(items: AdminPayment[]) => (
          <ResponsiveTable
            label={t("payments.listLabel")}
            rows={items}
            rowKey={(payment) => payment.id}
            cardTitle={link}
            columns={[
              { header: t("fields.payer"), cell: link },
              { header: t("fields.status"), cell: (payment) => <StatusBadge tone={toneOf(payment.status)}>{t(`paymentStatus.${payment.status}`)}</StatusBadge> },
              { header: t("fields.amount"), numeric: true, cell: (payment) => <Money amount={payment.amount} currency={payment.currency} /> },
              { header: t("fields.purpose"), cell: (payment) => t(`purpose.${payment.purpose}`) },
              { header: t("fields.provider"), cell: (payment) => (isProvider(payment.provider) ? t(`provider.${payment.provider}`) : (payment.provider ?? payment.method)) },
              { header: t("fields.reference"), cell: (payment) => <span className="break-all">{payment.receipt ?? payment.provider_reference ?? "—"}</span> },
              { header: t("fields.created"), cell: (payment) => <DateTime iso={payment.created_at} style="dateTime" /> },
            ]}
          />
        )}
      </PagedList>
    </div>
  );
}
