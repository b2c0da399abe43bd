import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { type Subscription, useCancelSubscription, useResumeSubscription } from "../api/subscription";
import { billingErrorMessage } from "./BillingErrorSummary";

const CANCELLABLE = new Set<Subscription["status"]>(["trialing", "active", "incomplete", "past_due", "suspended"]);

/**
 * Cancelling a running subscription (trial or paid) keeps it to the period's end, and can
 * be withdrawn until then; an unpaid one ends at once, its open invoice voided.
 */
export function CancelOrResume({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const cancel = useCancelSubscription();
  const resume = useResumeSubscription();
  const [confirming, setConfirming] = useState(false);

  if (subscription.cancel_at_period_end) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p className="text-stone-800">
          {t("subscription.cancel.scheduledLead")} <DateTime iso={subscription.current_period_end} />.
        </p>
        {resume.isError ? <Alert tone="error">{billingErrorMessage(t, resume.error)}</Alert> : null}
        <Button isLoading={resume.isPending} onClick={() => resume.mutate()}>
          {t("subscription.cancel.resume")}
        </Button>
      </div>
    );
  }
  if (!CANCELLABLE.has(subscription.status)) return null;
  const atPeriodEnd = subscription.status === "trialing" || subscription.status === "active";

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)} className="self-start">
        {t("subscription.cancel.start")}
      </Button>
    );
  }
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
      <p className="font-semibold text-red-950">{t("subscription.cancel.confirmTitle")}</p>
      <p className="text-stone-900">
        {atPeriodEnd ? (
          <>
            {t("subscription.cancel.atPeriodEnd")} <DateTime iso={subscription.current_period_end} />.{" "}
            {t("subscription.cancel.canResume")}
          </>
        ) : (
          t("subscription.cancel.now")
        )}
      </p>
      {cancel.isError ? <Alert tone="error">{billingErrorMessage(t, cancel.error)}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          variant="danger"
          isLoading={cancel.isPending}
          onClick={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        >
          {t("subscription.cancel.confirm")}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t("subscription.cancel.keep")}
        </Button>
      </div>
    </div>
  );
}
