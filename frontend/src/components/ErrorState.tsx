import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, nextStep } from "@/lib/error-message";
import { Button } from "./Button";

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  /** Another way out, e.g. a link back to the search. */
  action?: ReactNode;
  title?: string;
}

/** What went wrong, in the API's words when it said something, and what to do next. */
export function ErrorState({ error, onRetry, action, title }: ErrorStateProps) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-white p-4">
      <h2 className="text-lg font-semibold text-red-900">{title ?? t("errors.title")}</h2>
      <p className="text-stone-800">{errorMessage(t, error)}</p>
      <p className="text-stone-700">{nextStep(t, error)}</p>
      <div className="flex flex-wrap gap-2">
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            {t("actions.tryAgain")}
          </Button>
        ) : null}
        {action}
      </div>
    </div>
  );
}
