import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { type ReviewResolution, useResolvePayment } from "../api/payments";
import { useErrorText } from "./use-error-text";

const RESOLUTIONS = ["credit", "refund", "fail"] as const;
type Resolution = (typeof RESOLUTIONS)[number];

/** A payment the provider and the ledger disagree on, settled after checking with the provider. */
export function ResolveReview({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const resolve = useResolvePayment(paymentId);
  const id = useId();
  const [resolution, setResolution] = useState<Resolution | null>(null);
  const [note, setNote] = useState("");
  const [receipt, setReceipt] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!resolution) return;
    if (note.trim().length < 3) {
      setNoteError(t("payments.resolve.noteRequired"));
      return;
    }
    const body: ReviewResolution = { resolution, note: note.trim(), receipt: receipt.trim() || null };
    resolve.mutate(body);
  };

  if (resolve.isSuccess) return <Alert tone="success">{t("payments.resolve.done", { status: t(`paymentStatus.${resolve.data.status}`) })}</Alert>;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <p className="text-stone-800">{t("payments.resolve.lead")}</p>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-stone-800">{t("payments.resolve.choose")}</legend>
        {RESOLUTIONS.map((option) => (
          <div key={option} className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
            <input
              id={`${id}-${option}`}
              type="radio"
              name="resolution"
              value={option}
              checked={resolution === option}
              onChange={() => setResolution(option)}
              aria-describedby={`${id}-${option}-hint`}
              className="mt-1 size-5 accent-brand-700"
            />
            <div>
              <label htmlFor={`${id}-${option}`} className="block font-semibold">
                {t(`payments.resolve.${option}`)}
              </label>
              <p id={`${id}-${option}-hint`} className="text-sm text-stone-700">
                {t(`payments.resolve.${option}Hint`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <Field
        label={t("payments.resolve.note")}
        value={note}
        maxLength={500}
        error={noteError}
        onChange={(event) => {
          setNote(event.target.value);
          setNoteError(undefined);
        }}
      />
      {resolution === "credit" ? (
        <Field label={t("payments.resolve.receipt")} hint={t("payments.resolve.receiptHint")} value={receipt} maxLength={100} onChange={(event) => setReceipt(event.target.value)} />
      ) : null}
      {resolve.isError ? <Alert tone="error">{errorText(resolve.error)}</Alert> : null}
      <Button type="submit" className="self-start" disabled={!resolution} isLoading={resolve.isPending}>
        {resolution ? t("payments.resolve.confirm", { resolution: t(`payments.resolve.${resolution}`) }) : t("payments.resolve.pick")}
      </Button>
    </form>
  );
}
