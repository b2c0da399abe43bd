import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { Money } from "@/components/Money";
import { type BulkPayoutResult, useMarkSettlementsPaid } from "../api/settlements";
import { useErrorText } from "./use-error-text";

interface PayoutPanelProps {
  ids: readonly string[];
  total: string;
  currency: string;
  onPaid: (result: BulkPayoutResult) => void;
}

/** Marks the chosen settlements paid under one payout reference (the bank's or M-Pesa B2C's batch code). */
export function PayoutPanel({ ids, total, currency, onPaid }: PayoutPanelProps) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const pay = useMarkSettlementsPaid();
  const [reference, setReference] = useState("");
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reference.trim()) {
      setMissing(true);
      return;
    }
    if (!confirming) {
      setConfirming(true);
      return;
    }
    pay.mutate(
      { settlement_ids: [...ids], reference: reference.trim() },
      {
        onSuccess: (result) => {
          setConfirming(false);
          setReference("");
          onPaid(result);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t("settlements.payTitle")} className="sticky bottom-2 z-10 flex flex-col gap-3 rounded-xl border border-brand-200 bg-brand-50 p-4 shadow-md">
      <p className="font-semibold text-stone-900">
        {t("settlements.selected", { count: ids.length })} · <Money amount={total} currency={currency} />
      </p>
      <Field
        label={t("settlements.reference")}
        hint={t("settlements.referenceHint")}
        value={reference}
        maxLength={100}
        disabled={confirming}
        error={missing ? t("reason.referenceRequired") : undefined}
        onChange={(event) => {
          setReference(event.target.value);
          setMissing(false);
        }}
      />
      {pay.isError ? <Alert tone="error">{errorText(pay.error)}</Alert> : null}
      {confirming ? <p className="text-stone-900">{t("settlements.confirmLead", { count: ids.length, reference: reference.trim() })}</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" isLoading={pay.isPending}>
          {confirming ? t("settlements.confirm", { count: ids.length }) : t("settlements.markPaid", { count: ids.length })}
        </Button>
        {confirming ? (
          <Button variant="secondary" disabled={pay.isPending} onClick={() => setConfirming(false)}>
            {t("actions.keep")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
