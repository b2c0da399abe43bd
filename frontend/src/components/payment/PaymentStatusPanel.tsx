import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { ErrorState } from "@/components/ErrorState";
import { Money } from "@/components/Money";
import { Skeleton } from "@/components/Skeleton";
import { Spinner } from "@/components/Spinner";
import { type PaymentState, knownReason } from "@/lib/payments/payment-state";
import { isProvider } from "@/lib/payments/providers";
import type { Payment } from "@/lib/payments/types";
import { usePaymentWatch } from "@/lib/payments/use-payment-watch";
import { RetryPaymentForm } from "./RetryPaymentForm";

const TONES = {
  waiting: "border-sky-300 bg-sky-50",
  good: "border-brand-300 bg-brand-50",
  bad: "border-red-300 bg-red-50",
} as const;

const TONE_OF: Record<PaymentState["kind"], keyof typeof TONES> = {
  approve: "waiting",
  confirming: "waiting",
  confirmed: "good",
  refunded: "good",
  failed: "bad",
  late: "bad",
};

interface PaymentStatusPanelProps {
  paymentId: string;
  /** The journey's next steps for this state (e.g. "View your orders" once confirmed). */
  next?: (state: PaymentState, payment: Payment | undefined) => ReactNode;
  /** Data the payment's outcome changes, fetched again once it settles (keep the key stable). */
  refreshOnSettle?: QueryKey;
}

/**
 * The live state of one payment, polled until it settles, as both the checkout and the
 * subscription show it; a failed payment the API lets the payer retry carries the retry form.
 */
export function PaymentStatusPanel({ paymentId, next, refreshOnSettle }: PaymentStatusPanelProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const watch = usePaymentWatch(paymentId);
  const { payment, state } = watch;
  const settled = state.kind !== "approve" && state.kind !== "confirming";

  useEffect(() => {
    if (settled && refreshOnSettle) void queryClient.invalidateQueries({ queryKey: refreshOnSettle });
  }, [settled, refreshOnSettle, queryClient]);

  if (watch.refused) return <ErrorState error={watch.refused} />;
  if (watch.loading) {
    return (
      <div aria-busy="true">
        <Skeleton className="h-32 w-full rounded-xl" />
      </div>
    );
  }

  const provider = isProvider(payment?.provider) ? t(`payment.providers.${payment.provider}`) : t("payment.status.theProvider");
  const amount = payment ? (
    <Money amount={payment.charged_amount ?? payment.amount} currency={payment.currency} className="font-semibold" />
  ) : null;

  const body = (): ReactNode => {
    switch (state.kind) {
      case "approve":
        return (
          <p>
            {payment?.payer_phone && amount ? (
              <>
                {t("payment.status.approve", { phone: payment.payer_phone, provider })} {amount}
              </>
            ) : (
              t("payment.status.approveGeneric")
            )}
          </p>
        );
      case "confirming":
        return (
          <>
            <p>{t("payment.status.confirming", { provider })}</p>
            <p className="font-semibold">{t("payment.status.doNotPayAgain")}</p>
          </>
        );
      case "confirmed":
        return (
          <>
            <p>
              {t("payment.status.confirmed")} {amount}
            </p>
            {payment?.receipt ? <p>{t("payment.status.receipt", { receipt: payment.receipt })}</p> : null}
          </>
        );
      case "failed": {
        const reason = knownReason(payment?.failure_reason);
        return (
          <>
            <p>{reason ? t(`payment.reasons.${reason}`) : (payment?.failure_message ?? t("payment.reasons.unknown"))}</p>
            {state.canRetry && payment ? (
              <>
                <p className="text-sm text-stone-800">
                  {payment.retry_until ? (
                    <>
                      {t("payment.status.retryUntil")} <DateTime iso={payment.retry_until} style="dateTime" />
                    </>
                  ) : (
                    t("payment.status.retryHint")
                  )}
                </p>
                <RetryPaymentForm payment={payment} />
              </>
            ) : null}
          </>
        );
      }
      case "late":
        return <p>{t("payment.status.late")}</p>;
      case "refunded":
        return <p>{t("payment.status.refunded")}</p>;
    }
  };

  return (
    <section
      aria-label={t("payment.title")}
      aria-live="polite"
      data-state={state.kind}
      className={`flex flex-col gap-3 rounded-xl border p-4 ${TONES[TONE_OF[state.kind]]}`}
    >
      <h2 className="flex items-center gap-2 text-xl font-bold">
        {settled ? null : <Spinner className="size-5" />}
        {t(`payment.status.${state.kind}Title`)}
      </h2>
      {body()}
      {next?.(state, payment)}
      {watch.stoppedWatching ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-stone-700">{t("payment.status.stillWaiting")}</p>
          <button type="button" onClick={watch.checkAgain} className="self-start py-2 font-semibold text-brand-800 underline">
            {t("payment.status.checkAgain")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
