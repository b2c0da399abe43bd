import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { Money } from "@/components/Money";
import { SelectField } from "@/components/SelectField";
import { toCents } from "@/lib/money";
import { type AdminPaymentDetail, useRefundPayment } from "../api/payments";
import { MONEY_INPUT } from "../lib/plan-form";
import { useErrorText } from "./use-error-text";

type RefundErrors = { amount?: string; reason?: string; order?: string };

/**
 * Money back to the payer, at most what was paid; asked for once more before it is opened. A
 * payment for several orders is refunded against one of them (the API asks which), so that
 * wholesaler's settlement waits for the refund.
 */
export function RefundPayment({ payment }: { payment: AdminPaymentDetail }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const refund = useRefundPayment(payment.id);
  const paid = payment.charged_amount ?? payment.amount;
  const orders = payment.settlements.filter((settlement) => settlement.status !== "cancelled");
  const [amount, setAmount] = useState(paid);
  const [reason, setReason] = useState("");
  const [orderId, setOrderId] = useState("");
  const [errors, setErrors] = useState<RefundErrors>({});
  const [confirming, setConfirming] = useState(false);

  const check = (event: FormEvent) => {
    event.preventDefault();
    const found: RefundErrors = {};
    if (!MONEY_INPUT.test(amount.trim()) || toCents(amount.trim()) <= 0) found.amount = t("payments.refund.amountInvalid");
    else if (toCents(amount.trim()) > toCents(paid)) found.amount = t("payments.refund.amountTooHigh");
    if (reason.trim().length < 3) found.reason = t("payments.refund.reasonRequired");
    if (orders.length > 1 && !orderId) found.order = t("payments.refund.orderRequired");
    setErrors(found);
    if (!found.amount && !found.reason && !found.order) setConfirming(true);
  };

  if (refund.isSuccess) {
    return (
      <Alert tone="success">
        {t("payments.refund.done")} <Money amount={refund.data.amount} currency={refund.data.currency} />
      </Alert>
    );
  }
  return (
    <form onSubmit={check} className="flex flex-col gap-3">
      {orders.length > 1 ? (
        <SelectField label={t("payments.refund.order")} value={orderId} error={errors.order} disabled={confirming} onChange={(event) => setOrderId(event.target.value)}>
          <option value="">{t("payments.refund.chooseOrder")}</option>
          {orders.map((settlement) => (
            <option key={settlement.order_id} value={settlement.order_id}>
              {settlement.order_number} · {settlement.wholesaler_name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("payments.refund.amount")} inputMode="decimal" value={amount} error={errors.amount} disabled={confirming} onChange={(event) => setAmount(event.target.value)} />
        <Field label={t("payments.refund.reason")} value={reason} maxLength={500} error={errors.reason} disabled={confirming} onChange={(event) => setReason(event.target.value)} />
      </div>
      {refund.isError ? <Alert tone="error">{errorText(refund.error)}</Alert> : null}
      {confirming ? (
        <div className="flex flex-col gap-2 rounded-xl border border-red-300 bg-red-50 p-3 sm:flex-row sm:items-center">
          <p className="flex-1 text-red-950">
            {t("payments.refund.confirmLead", { name: payment.payer_name })} <Money amount={amount.trim()} currency={payment.currency} className="font-semibold" />
          </p>
          <Button variant="danger" isLoading={refund.isPending} onClick={() => refund.mutate({ amount: amount.trim(), reason: reason.trim(), order_id: orderId || null })}>
            {t("payments.refund.confirm")}
          </Button>
          <Button variant="secondary" disabled={refund.isPending} onClick={() => setConfirming(false)}>
            {t("actions.keep")}
          </Button>
        </div>
      ) : (
        <Button type="submit" variant="secondary" className="self-start">
          {t("payments.refund.start")}
        </Button>
      )}
    </form>
  );
}
