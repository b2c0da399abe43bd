import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Money } from "@/components/Money";
import { Spinner } from "@/components/Spinner";
import { paymentQuery } from "../api/payment";
import type en from "@/locales/en.json";
import { paymentPhase } from "../lib/payment-phase";
import { isProvider } from "../lib/providers";

interface PaymentStatusPanelProps {
  paymentId: string;
  /** Shown when the payment failed: the way to try again. */
  retry?: ReactNode;
  onDismiss?: () => void;
}

type ReasonCode = keyof (typeof en)["subscription"]["paymentReasons"];

function isReasonCode(reason: string | null | undefined, known: object): reason is ReasonCode {
  return typeof reason === "string" && Object.hasOwn(known, reason);
}

/** The live state of a subscription payment, polled until it settles. */
export function PaymentStatusPanel({ paymentId, retry, onDismiss }: PaymentStatusPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [startedAt] = useState(() => Date.now());
  const payment = useQuery(paymentQuery(paymentId, startedAt));
  const phase = paymentPhase({
    payment: payment.data,
    pollFailed: payment.isError,
    elapsedMs: Math.max(payment.dataUpdatedAt, payment.errorUpdatedAt, startedAt) - startedAt,
  });

  useEffect(() => {
    if (phase === "confirmed" || phase === "failed") void queryClient.invalidateQueries({ queryKey: ["subscription"] });
  }, [phase, queryClient]);

  const data = payment.data;
  const amount = data ? (data.charged_amount ?? data.amount) : null;
  const provider = isProvider(data?.provider) ? t(`subscription.providers.${data.provider}`) : null;

  const body = (): ReactNode => {
    switch (phase) {
      case "waiting_on_phone":
        return (
          <div className="flex items-start gap-3">
            <Spinner className="mt-0.5 size-6 text-brand-700" />
            <div>
              <p className="font-semibold">{t("subscription.payment.waitingTitle")}</p>
              <p className="text-sm">
                {data?.payer_phone && amount ? (
                  <>
                    {t("subscription.payment.waitingOn", { phone: data.payer_phone })}{" "}
                    <Money amount={amount} currency={data.currency} />
                  </>
                ) : (
                  t("subscription.payment.waitingGeneric")
                )}
              </p>
            </div>
          </div>
        );
      case "confirming":
        return (
          <div className="flex items-start gap-3">
            <Spinner className="mt-0.5 size-6 text-amber-700" />
            <div>
              <p className="font-semibold">{t("subscription.payment.confirmingTitle")}</p>
              <p className="text-sm">
                {t("subscription.payment.confirming", { provider: provider ?? t("subscription.payment.theProvider") })}
              </p>
            </div>
          </div>
        );
      case "confirmed":
        return (
          <Alert tone="success" title={t("subscription.payment.confirmedTitle")}>
            {data?.receipt ? t("subscription.payment.receipt", { receipt: data.receipt }) : null}
          </Alert>
        );
      case "refunded":
        return <Alert tone="info" title={t("subscription.payment.refundedTitle")} />;
      case "failed": {
        const reason = data?.failure_reason;
        const known: object = t("subscription.paymentReasons", { returnObjects: true });
        const text = isReasonCode(reason, known)
          ? t(`subscription.paymentReasons.${reason}`)
          : (data?.failure_message ?? t("subscription.paymentReasons.unknown"));
        return (
          <div className="flex flex-col gap-3">
            <Alert tone="error" title={t("subscription.payment.failedTitle")}>
              {text}
            </Alert>
            {retry}
          </div>
        );
      }
    }
  };

  return (
    <section
      aria-labelledby="payment-status-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:p-6"
    >
      <h2 id="payment-status-title" className="text-lg font-semibold">
        {t("subscription.payment.title")}
      </h2>
      <div aria-live="polite" data-phase={phase}>
        {body()}
      </div>
      {onDismiss && (phase === "confirmed" || phase === "refunded") ? (
        <button type="button" onClick={onDismiss} className="self-start font-semibold text-brand-800 underline">
          {t("subscription.payment.dismiss")}
        </button>
      ) : null}
    </section>
  );
}
