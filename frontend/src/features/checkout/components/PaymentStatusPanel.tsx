import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LinkButton } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { Spinner } from "@/components/Spinner";
import type { Payment } from "../api/types";
import { knownReason, paymentState } from "../lib/payment-status";
import { RetryPaymentForm } from "./RetryPaymentForm";

const TONES = {
  waiting: "border-sky-300 bg-sky-50",
  good: "border-brand-300 bg-brand-50",
  bad: "border-red-300 bg-red-50",
} as const;

function Panel({ tone, title, children }: { tone: keyof typeof TONES; title: string; children: ReactNode }) {
  return (
    <section className={`flex flex-col gap-3 rounded-xl border p-4 ${TONES[tone]}`}>
      <h2 className="flex items-center gap-2 text-xl font-bold">
        {tone === "waiting" ? <Spinner className="size-5" /> : null}
        {title}
      </h2>
      {children}
    </section>
  );
}

interface PaymentStatusPanelProps {
  payment: Payment;
  /** True once polling stopped while the payment is still pending. */
  stoppedWatching: boolean;
  onCheckAgain: () => void;
}

export function PaymentStatusPanel({ payment, stoppedWatching, onCheckAgain }: PaymentStatusPanelProps) {
  const { t } = useTranslation();
  const state = paymentState(payment);
  const amount = <Money amount={payment.charged_amount ?? payment.amount} currency={payment.currency} className="font-semibold" />;
  const provider = t(`checkout.method.${payment.provider === "mtn_momo" || payment.provider === "sandbox" ? payment.provider : "mpesa"}`);

  switch (state.kind) {
    case "approve":
      return (
        <Panel tone="waiting" title={t("checkout.status.approveTitle")}>
          <p>
            {t("checkout.status.approve", { phone: payment.payer_phone ?? "", provider })} {amount}
          </p>
          <p className="text-sm text-stone-700">{t("checkout.status.held")}</p>
          {stoppedWatching ? <CheckAgain onClick={onCheckAgain} /> : null}
        </Panel>
      );
    case "confirming":
      return (
        <Panel tone="waiting" title={t("checkout.status.confirmingTitle")}>
          <p>{t("checkout.status.confirming", { provider })}</p>
          <p className="font-semibold">{t("checkout.status.doNotPayAgain")}</p>
          {stoppedWatching ? <CheckAgain onClick={onCheckAgain} /> : null}
        </Panel>
      );
    case "confirmed":
      return (
        <Panel tone="good" title={t("checkout.status.confirmedTitle")}>
          <p>
            {t("checkout.status.confirmed")} {amount}
          </p>
          {payment.receipt ? <p>{t("checkout.status.receipt", { receipt: payment.receipt })}</p> : null}
          <LinkButton to="/orders" className="self-start">
            {t("checkout.status.viewOrders")}
          </LinkButton>
        </Panel>
      );
    case "failed": {
      const reason = knownReason(payment.failure_reason);
      return (
        <Panel tone="bad" title={t("checkout.status.failedTitle")}>
          <p>{reason ? t(`checkout.reasons.${reason}`) : (payment.failure_message ?? t("checkout.reasons.unknown"))}</p>
          {state.canRetry ? (
            <>
              <p className="text-sm text-stone-800">
                {payment.retry_until ? (
                  <>
                    {t("checkout.status.retryUntil")} <DateTime iso={payment.retry_until} style="dateTime" />
                  </>
                ) : (
                  t("checkout.status.retryHint")
                )}
              </p>
              <RetryPaymentForm payment={payment} />
            </>
          ) : (
            <>
              <p>{t("checkout.status.released")}</p>
              <LinkButton to="/cart" variant="secondary" className="self-start">
                {t("checkout.status.backToCart")}
              </LinkButton>
            </>
          )}
        </Panel>
      );
    }
    case "late":
      return (
        <Panel tone="bad" title={t("checkout.status.lateTitle")}>
          <p>{t("checkout.status.late")}</p>
        </Panel>
      );
    case "refunded":
      return (
        <Panel tone="good" title={t("checkout.status.refundedTitle")}>
          <p>{t("checkout.status.refunded")}</p>
        </Panel>
      );
  }
}

function CheckAgain({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-stone-700">{t("checkout.status.stillWaiting")}</p>
      <button type="button" onClick={onClick} className="self-start py-2 font-semibold text-brand-800 underline">
        {t("checkout.status.checkAgain")}
      </button>
    </div>
  );
}
