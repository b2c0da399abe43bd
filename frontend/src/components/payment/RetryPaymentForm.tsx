import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { ApiError } from "@/lib/api-error";
import { detailMessage, errorMessage } from "@/lib/error-message";
import { useRetryPayment } from "@/lib/payments/api";
import { compactPhone, phoneProblem } from "@/lib/payments/phone";
import { isProvider } from "@/lib/payments/providers";
import type { Payment } from "@/lib/payments/types";

/** Asks the provider again, from the same number or another one, while the API allows a retry. */
export function RetryPaymentForm({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const retry = useRetryPayment(payment.id);
  const [phone, setPhone] = useState(payment.payer_phone ?? "");
  const [touched, setTouched] = useState(false);
  const problem = phoneProblem(isProvider(payment.provider) ? payment.provider : "mpesa", phone);
  const apiDetail =
    retry.error instanceof ApiError ? retry.error.details.find((detail) => detail.field === "payer_phone") : undefined;
  const error = touched && problem ? t(`payment.phone.${problem}`) : apiDetail ? detailMessage(t, apiDetail) : undefined;

  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!problem) retry.mutate(compactPhone(phone));
      }}
    >
      <Field
        label={t("payment.retry.phone")}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={phone}
        error={error}
        onChange={(event) => {
          setPhone(event.target.value);
          setTouched(false);
        }}
      />
      {retry.isError && !apiDetail ? <Alert tone="error">{errorMessage(t, retry.error)}</Alert> : null}
      <Button type="submit" isLoading={retry.isPending}>
        {t("payment.retry.action")}
      </Button>
    </form>
  );
}
