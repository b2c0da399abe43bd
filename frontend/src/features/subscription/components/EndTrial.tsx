import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { type Subscription, useEndTrial } from "../api/subscription";
import { priceOf } from "../lib/plan-price";
import { PayerForm } from "./PayerForm";

interface EndTrialProps {
  subscription: Subscription;
  onPaymentStarted: (paymentId: string) => void;
}

/** For an owner who does not want to wait for the trial's end: the first period starts when paid. */
export function EndTrial({ subscription, onPaymentStarted }: EndTrialProps) {
  const { t } = useTranslation();
  const endTrial = useEndTrial();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" className="self-start" onClick={() => setOpen(true)}>
        {t("subscription.endTrial.start")}
      </Button>
    );
  }
  const { plan, interval } = subscription;
  return (
    <PayerForm
      defaultPhone={subscription.payer_phone}
      defaultProvider={subscription.provider}
      summary={
        <Alert title={t("subscription.endTrial.title")}>
          <p>
            {t("subscription.endTrial.pay")}{" "}
            <Money amount={priceOf(plan, interval)} currency={plan.currency} className="font-semibold" />{" "}
            {t("subscription.endTrial.now")}
          </p>
          {subscription.trial_end ? (
            <p className="mt-1">
              {t("subscription.endTrial.keepsUntilPaid")} <DateTime iso={subscription.trial_end} />.
            </p>
          ) : null}
        </Alert>
      }
      submitLabel={t("subscription.endTrial.submit")}
      isPending={endTrial.isPending}
      error={endTrial.error}
      onCancel={() => setOpen(false)}
      onSubmit={async ({ provider, payer_phone }) => {
        const result = await endTrial.mutateAsync({ provider, payerPhone: payer_phone });
        if (result.payment_id) onPaymentStarted(result.payment_id);
        setOpen(false);
      }}
    />
  );
}
