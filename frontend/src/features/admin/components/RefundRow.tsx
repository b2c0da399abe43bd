import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { type AdminRefund, type RefundMark, useMarkRefund } from "../api/refunds";
import { useErrorText } from "./use-error-text";

type Step = RefundMark["step"];

/** What a refund may become next: sent (also again after a failure), completed or failed from open or sent. */
export function nextSteps(status: AdminRefund["status"]): Step[] {
  if (status === "open") return ["sent", "complete", "failed"];
  if (status === "sent") return ["complete", "failed"];
  if (status === "failed") return ["sent"];
  return [];
}

export function RefundActions({ refund }: { refund: AdminRefund }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const mark = useMarkRefund(refund.id);
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const steps = nextSteps(refund.status);
  if (steps.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!step) return;
    const value = text.trim();
    if (!value) {
      setMissing(true);
      return;
    }
    mark.mutate(step === "failed" ? { step, reason: value } : { step, reference: value }, {
      onSuccess: () => {
        setStep(null);
        setText("");
      },
    });
  };

  if (!step) {
    return (
      <div className="flex flex-wrap gap-2">
        {steps.map((option) => (
          <Button key={option} variant="secondary" onClick={() => { setStep(option); setMissing(false); }}>
            {t(`refunds.mark.${option}`)}
          </Button>
        ))}
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <Field
        label={step === "failed" ? t("refunds.failureReason") : t("refunds.reference")}
        hint={step === "failed" ? undefined : t("refunds.referenceHint")}
        value={text}
        maxLength={step === "failed" ? 500 : 100}
        error={missing ? (step === "failed" ? t("reason.required") : t("reason.referenceRequired")) : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setMissing(false);
        }}
      />
      {mark.isError ? <Alert tone="error">{errorText(mark.error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={step === "failed" ? "danger" : "primary"} isLoading={mark.isPending}>
          {t(`refunds.confirm.${step}`)}
        </Button>
        <Button variant="secondary" disabled={mark.isPending} onClick={() => setStep(null)}>
          {t("actions.cancel")}
        </Button>
      </div>
    </form>
  );
}
