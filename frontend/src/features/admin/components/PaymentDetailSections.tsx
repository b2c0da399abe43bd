import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import type { AdminPaymentDetail } from "../api/payments";
import { type PaymentEvent, entriesText, paymentHistory } from "../lib/payment-history";
import { ResponsiveTable } from "./ResponsiveTable";
import { Section } from "./Section";
import { StatusBadge, toneOf } from "./StatusBadge";

const MUTED = "text-sm text-stone-700";

function EventText({ event }: { event: PaymentEvent }) {
  const { t } = useTranslation("admin");
  if (event.kind === "request") {
    const { request } = event;
    return (
      <>
        <p className="font-semibold">{t("payments.history.request", { number: request.number, phone: request.payer_phone })}</p>
        <p className={MUTED}>
          {[request.provider, request.reference, request.outcome ? t("payments.history.outcome", { outcome: request.outcome }) : t("payments.history.open")]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </>
    );
  }
  if (event.kind === "message") {
    const { message } = event;
    return (
      <>
        <p className="font-semibold">
          {t("payments.history.message", { kind: message.kind, result: message.result ?? "—" })}{" "}
          {message.amount ? <Money amount={message.amount} currency={message.currency ?? undefined} /> : null}
        </p>
        <p className={`${MUTED} break-all`}>
          {[message.provider, message.receipt, message.provider_transaction_id, t("payments.history.outcome", { outcome: message.outcome }), message.reason]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </>
    );
  }
  const { action } = event;
  const details = entriesText(action.details);
  return (
    <>
      <p className="font-semibold">{t("payments.history.action", { action: action.action })}</p>
      {details ? <p className={`${MUTED} break-all`}>{details}</p> : null}
    </>
  );
}

/** Requests, provider messages and staff actions in the order they happened. */
export function PaymentHistorySection({ payment }: { payment: AdminPaymentDetail }) {
  const { t } = useTranslation("admin");
  const events = paymentHistory(payment);
  return (
    <Section title={t("payments.history.title")}>
      {events.length === 0 ? (
        <p className={MUTED}>{t("payments.history.none")}</p>
      ) : (
        <ol className="flex flex-col gap-3 border-l-2 border-stone-200 pl-4">
          {events.map((event) => (
            <li key={event.key} className="flex flex-col">
              <span className={MUTED}>
                <DateTime iso={event.at} style="dateTime" />
              </span>
              <EventText event={event} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** What the payment paid for, the refunds of it and what its wholesalers are owed from it. */
export function PaymentLinksSections({ payment }: { payment: AdminPaymentDetail }) {
  const { t } = useTranslation("admin");
  return (
    <>
      <Section title={t("payments.orders")}>
        {payment.orders.length === 0 ? (
          <p className={MUTED}>{t("payments.noOrders")}</p>
        ) : (
          <ResponsiveTable
            label={t("payments.orders")}
            rows={payment.orders}
            rowKey={(order) => order.id}
            cardTitle={(order) => order.number}
            columns={[
              { header: t("payments.orderNumber"), cell: (order) => order.number },
              { header: t("fields.status"), cell: (order) => t(`orderStatus.${order.status}`, { defaultValue: order.status }) },
              { header: t("payments.orderTotal"), numeric: true, cell: (order) => <Money amount={order.total} currency={payment.currency} /> },
            ]}
          />
        )}
      </Section>
      <Section title={t("payments.refunds")}>
        {payment.refunds.length === 0 ? (
          <p className={MUTED}>{t("payments.noRefunds")}</p>
        ) : (
          <ResponsiveTable
            label={t("payments.refunds")}
            rows={payment.refunds}
            rowKey={(refund) => refund.id}
            cardTitle={(refund) => t(`refundCause.${refund.cause}`)}
            columns={[
              { header: t("refunds.cause"), cell: (refund) => t(`refundCause.${refund.cause}`) },
              { header: t("fields.status"), cell: (refund) => <StatusBadge tone={toneOf(refund.status)}>{t(`refundStatus.${refund.status}`)}</StatusBadge> },
              { header: t("fields.amount"), numeric: true, cell: (refund) => <Money amount={refund.amount} currency={refund.currency} /> },
              { header: t("fields.reason"), cell: (refund) => refund.reason },
            ]}
          />
        )}
      </Section>
      <Section title={t("payments.settlements")}>
        {payment.settlements.length === 0 ? (
          <p className={MUTED}>{t("payments.noSettlements")}</p>
        ) : (
          <ResponsiveTable
            label={t("payments.settlements")}
            rows={payment.settlements}
            rowKey={(settlement) => settlement.id}
            cardTitle={(settlement) => settlement.wholesaler_name}
            columns={[
              { header: t("fields.wholesaler"), cell: (settlement) => settlement.wholesaler_name },
              { header: t("payments.orderNumber"), cell: (settlement) => settlement.order_number },
              {
                header: t("fields.status"),
                cell: (settlement) => (
                  <span className="flex flex-wrap gap-1">
                    <StatusBadge tone={toneOf(settlement.status)}>{t(`settlementStatus.${settlement.status}`)}</StatusBadge>
                    {settlement.held ? <StatusBadge tone="bad">{t("settlements.held")}</StatusBadge> : null}
                  </span>
                ),
              },
              { header: t("settlements.amountDue"), numeric: true, cell: (settlement) => <Money amount={settlement.amount_due} currency={settlement.currency} /> },
              { header: t("fields.reference"), cell: (settlement) => settlement.payout_reference ?? "—" },
            ]}
          />
        )}
      </Section>
    </>
  );
}
