import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { type Subscription, usePayInvoice } from "../api/subscription";
import { PayerForm } from "./PayerForm";

interface OpenInvoiceProps {
  subscription: Subscription;
  canPay: boolean;
  onPaymentStarted: (paymentId: string) => void;
}

/** The invoice waiting to be paid, and paying it now from a phone. */
export function OpenInvoice({ subscription, canPay, onPaymentStarted }: OpenInvoiceProps) {
  const { t } = useTranslation();
  const pay = usePayInvoice();
  const invoice = subscription.open_invoice;
  if (!invoice) return null;
  const urgent = subscription.status === "suspended" || subscription.status === "past_due";
  return (
    <section
      id="open-invoice"
      aria-labelledby="open-invoice-title"
      className={`flex scroll-mt-24 flex-col gap-3 rounded-2xl border bg-white p-4 sm:p-6 ${
        urgent ? "border-red-300" : "border-amber-300"
      }`}
    >
      <h2 id="open-invoice-title" className="text-lg font-semibold">
        {t("subscription.openInvoice.title")}
      </h2>
      <p className="text-stone-800">
        {t(`subscription.openInvoice.lead.${subscription.status === "suspended" ? "suspended" : subscription.status === "past_due" ? "past_due" : "other"}`)}
        {subscription.status === "past_due" && subscription.grace_ends_at ? (
          <>
            {" "}
            {t("subscription.openInvoice.graceUntil")} <DateTime iso={subscription.grace_ends_at} />.
          </>
        ) : null}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-stone-800">
        <dt className="font-semibold">{t("subscription.invoices.number")}</dt>
        <dd>{invoice.number}</dd>
        <dt className="font-semibold">{t("subscription.invoices.for")}</dt>
        <dd>{invoice.description}</dd>
        <dt className="font-semibold">{t("subscription.invoices.amount")}</dt>
        <dd>
          <Money amount={invoice.amount} currency={invoice.currency} className="font-bold" />
        </dd>
      </dl>
      {canPay ? (
        <PayerForm
          defaultPhone={subscription.payer_phone}
          defaultProvider={subscription.provider}
          submitLabel={t("subscription.openInvoice.pay")}
          isPending={pay.isPending}
          error={pay.error}
          onSubmit={async ({ provider, payer_phone }) => {
            const started = await pay.mutateAsync({ invoiceId: invoice.id, provider, payerPhone: payer_phone });
            onPaymentStarted(started.payment_id);
          }}
        />
      ) : (
        <p className="text-stone-700">{t("subscription.ownerOnly")}</p>
      )}
    </section>
  );
}
