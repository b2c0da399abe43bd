import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { paymentQuery } from "../api/payments";
import { DetailStates } from "../components/DetailStates";
import { PaymentHistorySection, PaymentLinksSections } from "../components/PaymentDetailSections";
import { isProvider } from "../components/PaymentFilters";
import { RefundPayment } from "../components/RefundPayment";
import { ResolveReview } from "../components/ResolveReview";
import { Facts, Section } from "../components/Section";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { entriesText } from "../lib/payment-history";

const REFUNDABLE = new Set(["succeeded", "partially_refunded"]);

export function PaymentRoute() {
  const { t } = useTranslation("admin");
  const { paymentId = "" } = useParams();
  const canWrite = useCanWrite();
  const query = useQuery(paymentQuery(paymentId));

  const back = (
    <Link to="/admin/payments" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
      {t("payments.back")}
    </Link>
  );
  if (!query.isSuccess) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <PageTitle>{t("title.payment")}</PageTitle>
        <DetailStates query={query} back="/admin/payments">
          {() => null}
        </DetailStates>
      </div>
    );
  }
  const payment = query.data;
  return (
    <div className="flex flex-col gap-4">
      {back}
      <PageTitle lead={<StatusBadge tone={toneOf(payment.status)}>{t(`paymentStatus.${payment.status}`)}</StatusBadge>}>
        {t("payments.titleOf", { name: payment.payer_name })}
      </PageTitle>
      <Section title={t("payments.details")}>
        <Facts
          items={[
            { label: t("fields.amount"), value: <Money amount={payment.amount} currency={payment.currency} /> },
            {
              label: t("payments.charged"),
              value: payment.charged_amount ? <Money amount={payment.charged_amount} currency={payment.currency} /> : "—",
            },
            { label: t("fields.purpose"), value: t(`purpose.${payment.purpose}`) },
            { label: t("fields.provider"), value: isProvider(payment.provider) ? t(`provider.${payment.provider}`) : (payment.provider ?? payment.method) },
            { label: t("payments.providerReference"), value: <span className="break-all">{payment.provider_reference ?? "—"}</span> },
            { label: t("payments.receipt"), value: payment.receipt ?? "—" },
            { label: t("payments.attempts"), value: String(payment.attempts) },
            { label: t("fields.created"), value: <DateTime iso={payment.created_at} style="dateTime" /> },
            { label: t("payments.settled"), value: payment.settled_at ? <DateTime iso={payment.settled_at} style="dateTime" /> : "—" },
            { label: t("payments.failure"), value: payment.failure_reason ?? "—" },
            { label: t("payments.late"), value: payment.late ? t("yes") : t("no") },
            { label: t("fields.phone"), value: payment.payer_phone ?? "—" },
            { label: t("payments.holdUntil"), value: payment.hold_until ? <DateTime iso={payment.hold_until} style="dateTime" /> : "—" },
            { label: t("payments.lastChecked"), value: payment.last_checked_at ? <DateTime iso={payment.last_checked_at} style="dateTime" /> : "—" },
            { label: t("payments.notes"), value: <span className="break-all">{entriesText(payment.notes) || "—"}</span> },
            { label: t("fields.id"), value: <code className="break-all text-sm">{payment.id}</code> },
          ]}
        />
      </Section>
      {!canWrite ? <Alert tone="info">{t("readOnly")}</Alert> : null}
      {canWrite && payment.status === "needs_review" ? (
        <Section title={t("payments.resolve.title")}>
          <ResolveReview paymentId={payment.id} />
        </Section>
      ) : null}
      {canWrite && REFUNDABLE.has(payment.status) ? (
        <Section title={t("payments.refund.title")}>
          <RefundPayment payment={payment} />
        </Section>
      ) : null}
      <PaymentLinksSections payment={payment} />
      <PaymentHistorySection payment={payment} />
      <Link to="/admin/refunds" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
        {t("payments.seeRefunds")}
      </Link>
    </div>
  );
}
