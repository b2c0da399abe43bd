import { useTranslation } from "react-i18next";
import { Alert } from "./Alert";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage, errorMessage, nextStep } from "@/lib/error-message";

interface FormErrorSummaryProps {
  error: unknown;
  /** Details no field of the form shows. */
  unplaced?: ApiErrorDetail[];
  /** What to do next, when the general advice would not fit this form. */
  hint?: string;
}

export function FormErrorSummary({ error, unplaced = [], hint }: FormErrorSummaryProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert tone="error" title={errorMessage(t, error)}>
      {unplaced.length > 0 ? (
        <ul className="list-disc pl-5">
          {unplaced.map((detail) => (
            <li key={`${detail.field}-${detail.code}`}>{detailMessage(t, detail)}</li>
          ))}
        </ul>
      ) : (
        <p>{hint ?? nextStep(t, error)}</p>
      )}
    </Alert>
  );
}
