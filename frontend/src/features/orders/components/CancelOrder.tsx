import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useCancelOrder } from "../api/orders";

const REASON_MAX = 500;

/** Cancelling asks once more, with room for a reason the wholesaler will read. */
export function CancelOrder({ orderId, number }: { orderId: string; number: string }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const cancel = useCancelOrder(orderId);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t("orders.cancel.start")}
      </Button>
    );
  }
  return (
    <section
      aria-labelledby={`${reasonId}-title`}
      className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4"
    >
      <h2 id={`${reasonId}-title`} className="text-lg font-semibold text-red-950">
        {t("orders.cancel.title", { number })}
      </h2>
      <p className="text-stone-800">{t("orders.cancel.lead")}</p>
      <label htmlFor={reasonId} className="text-sm font-semibold text-stone-800">
        {t("orders.cancel.reason")}
      </label>
      <textarea
        id={reasonId}
        value={reason}
        maxLength={REASON_MAX}
        rows={3}
        onChange={(event) => setReason(event.target.value)}
        className="rounded-lg border border-stone-400 bg-white p-3 text-base"
      />
      {cancel.isError ? <Alert tone="error">{errorMessage(t, cancel.error)}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button variant="danger" isLoading={cancel.isPending} onClick={() => cancel.mutate(reason.trim() || null)}>
          {t("orders.cancel.confirm")}
        </Button>
        <Button variant="secondary" disabled={cancel.isPending} onClick={() => setConfirming(false)}>
          {t("orders.cancel.keep")}
        </Button>
      </div>
    </section>
  );
}
