import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { ApiError } from "@/lib/api-error";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage, errorMessage, nextStep } from "@/lib/error-message";

type LimitName = "active_products" | "staff_users" | "orders_per_month";

function isLimitName(field: string): field is LimitName {
  return field === "active_products" || field === "staff_users" || field === "orders_per_month";
}

/** The billing refusals in the reader's language; any other error as the app says it elsewhere. */
export function billingErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const known: Record<string, string> = t("subscription.errors", { returnObjects: true });
    const message = known[error.code];
    if (message) return message;
  }
  return errorMessage(t, error);
}

function billingDetail(t: TFunction, detail: ApiErrorDetail): string {
  if (detail.code === "over_limit" && isLimitName(detail.field)) {
    return t("subscription.overLimit", { name: t(`subscription.usage.names.${detail.field}`).toLocaleLowerCase() });
  }
  return detailMessage(t, detail);
}

interface BillingErrorSummaryProps {
  error: unknown;
  /** Details no field of the form shows. */
  unplaced?: ApiErrorDetail[];
}

export function BillingErrorSummary({ error, unplaced = [] }: BillingErrorSummaryProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert tone="error" title={billingErrorMessage(t, error)}>
      {unplaced.length > 0 ? (
        <ul className="list-disc pl-5">
          {unplaced.map((detail) => (
            <li key={`${detail.field}-${detail.code}`}>{billingDetail(t, detail)}</li>
          ))}
        </ul>
      ) : (
        <p>{nextStep(t, error)}</p>
      )}
    </Alert>
  );
}
