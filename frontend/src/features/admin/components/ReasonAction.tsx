import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { useErrorText } from "./use-error-text";

const REASON_MAX = 500;

interface ReasonActionProps {
  /** The button that opens the confirmation, e.g. "Suspend". */
  start: string;
  title: string;
  lead?: string;
  confirm: string;
  tone?: "danger" | "primary";
  isPending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  /** The reason may be left empty (still recommended). */
  optionalReason?: boolean;
}

/**
 * An action on a person or a business, asked for once more with a reason that goes to the audit
 * log. It is only rendered for those who may write; the API refuses the others anyway.
 */
export function ReasonAction({ start, title, lead, confirm, tone = "danger", isPending, error, onConfirm, optionalReason = false }: ReasonActionProps) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  if (!open) {
    return (
      <Button variant={tone === "danger" ? "secondary" : "primary"} onClick={() => setOpen(true)}>
        {start}
      </Button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed && !optionalReason) {
      setMissing(true);
      return;
    }
    onConfirm(trimmed);
  };
  const panel = tone === "danger" ? "border-red-300 bg-red-50" : "border-brand-200 bg-brand-50";
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className={`flex w-full flex-col gap-3 rounded-xl border p-4 ${panel}`}>
      <h3 id={`${id}-title`} className="text-lg font-semibold text-stone-950">
        {title}
      </h3>
      {lead ? <p className="text-stone-800">{lead}</p> : null}
      <label htmlFor={id} className="text-sm font-semibold text-stone-800">
        {optionalReason ? t("reason.optionalLabel") : t("reason.label")}
      </label>
      <textarea
        id={id}
        value={reason}
        maxLength={REASON_MAX}
        rows={3}
        aria-required={!optionalReason}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(event) => {
          setReason(event.target.value);
          setMissing(false);
        }}
        className={`rounded-lg border bg-white p-3 text-base ${missing ? "border-red-700" : "border-stone-400"}`}
      />
      {missing ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {t("reason.required")}
        </p>
      ) : null}
      {error ? <Alert tone="error">{errorText(error)}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" variant={tone} isLoading={isPending}>
          {confirm}
        </Button>
        <Button variant="secondary" disabled={isPending} onClick={() => setOpen(false)}>
          {t("actions.keep")}
        </Button>
      </div>
    </form>
  );
}
