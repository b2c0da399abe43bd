import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useDispatch, useTransition } from "../api/order";
import type { Order } from "../api/types";
import { actionsFor, cancelNeedsReason } from "../lib/transitions";
import { DispatchForm } from "./DispatchForm";

const REASON_MAX = 500;

function CancelForm({ order, onBack }: { order: Order; onBack: () => void }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const reasonId = useId();
  const cancel = useTransition(order.id);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const required = cancelNeedsReason(order.status);
  const confirm = () => {
    const note = reason.trim();
    if (required && !note) {
      setMissing(true);
      return;
    }
    cancel.mutate({ to: "cancelled", note: note || null }, { onSuccess: onBack });
  };
  return (
    <section aria-labelledby={`${reasonId}-title`} className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4">
      <h3 id={`${reasonId}-title`} className="text-lg font-semibold text-red-950">
        {t("detail.cancel.title", { number: order.number })}
      </h3>
      <p className="text-stone-800">{t("detail.cancel.lead")}</p>
      <label htmlFor={reasonId} className="text-sm font-semibold text-stone-800">
        {required ? t("detail.cancel.reasonRequired") : t("detail.cancel.reason")}
      </label>
      <textarea
        id={reasonId}
        value={reason}
        maxLength={REASON_MAX}
        rows={3}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${reasonId}-error` : undefined}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
        }}
        className="rounded-lg border border-stone-400 bg-white p-3 text-base"
      />
      {missing ? (
        <p id={`${reasonId}-error`} className="text-sm font-medium text-red-800">
          {t("detail.cancel.reasonMissing")}
        </p>
      ) : null}
      {cancel.isError ? <Alert tone="error">{errorMessage(common, cancel.error)}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button variant="danger" isLoading={cancel.isPending} onClick={confirm}>
          {t("detail.cancel.confirm")}
        </Button>
        <Button variant="secondary" disabled={cancel.isPending} onClick={onBack}>
          {t("detail.cancel.keep")}
        </Button>
      </div>
    </section>
  );
}

function DispatchPanel({ order, onBack }: { order: Order; onBack: () => void }) {
  const { t } = useTranslation("consoleOrders");
  const dispatch = useDispatch(order.id, order.status);
  return (
    <section aria-labelledby="dispatch-title" className="flex flex-col gap-3 rounded-xl border border-brand-300 bg-white p-4">
      <h3 id="dispatch-title" className="text-lg font-semibold">
        {t("detail.dispatchTitle")}
      </h3>
      <DispatchForm
        submitLabel={t("detail.dispatchConfirm")}
        isPending={dispatch.isPending}
        error={dispatch.error}
        onSubmit={(details, onError) => dispatch.mutate(details, { onSuccess: onBack, onError })}
        onCancel={onBack}
      />
    </section>
  );
}

/** The moves the state machine allows from the order's status, each a button. */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const move = useTransition(order.id);
  const [open, setOpen] = useState<"dispatch" | "cancel" | null>(null);
  const actions = actionsFor(order.status);
  if (actions.length === 0) return null;
  if (open === "dispatch") return <DispatchPanel order={order} onBack={() => setOpen(null)} />;
  if (open === "cancel") return <CancelForm order={order} onBack={() => setOpen(null)} />;
  return (
    <section aria-labelledby="order-actions" className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id="order-actions" className="text-lg font-semibold">
        {t("detail.next")}
      </h2>
      {actions.includes("accept") ? (
        <Button isLoading={move.isPending} onClick={() => move.mutate({ to: "accepted" })}>
          {t("detail.accept")}
        </Button>
      ) : null}
      {actions.includes("pack") ? (
        <Button variant="secondary" isLoading={move.isPending} onClick={() => move.mutate({ to: "packed" })}>
          {t("detail.pack")}
        </Button>
      ) : null}
      {actions.includes("dispatch") ? (
        <Button disabled={move.isPending} onClick={() => setOpen("dispatch")}>
          {t("detail.dispatch")}
        </Button>
      ) : null}
      {actions.includes("deliver") ? (
        <Button isLoading={move.isPending} onClick={() => move.mutate({ to: "delivered" })}>
          {t("detail.deliver")}
        </Button>
      ) : null}
      {actions.includes("cancel") ? (
        <Button variant="secondary" disabled={move.isPending} onClick={() => setOpen("cancel")}>
          {t("detail.cancel.start")}
        </Button>
      ) : null}
      {move.isError ? <Alert tone="error">{errorMessage(common, move.error)}</Alert> : null}
    </section>
  );
}
