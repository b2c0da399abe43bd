import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { compactPhone, phoneProblem } from "@/lib/payments/phone";
import { OFFERED_PROVIDERS } from "@/lib/payments/providers";
import type { Provider } from "@/lib/payments/types";
import { BillingErrorSummary } from "./BillingErrorSummary";

export interface PayerValues {
  provider: Provider;
  payer_phone: string;
}

interface PayerFormProps {
  defaultPhone: string;
  defaultProvider?: Provider | undefined;
  submitLabel: string;
  /** Above the fields: what confirming does (the amount, the trial). */
  summary?: ReactNode;
  isPending: boolean;
  error: unknown;
  onSubmit: (values: PayerValues) => Promise<unknown>;
  onCancel?: () => void;
}

/** The mobile money provider and the phone that approves the payment (prefilled, editable). */
export function PayerForm({
  defaultPhone,
  defaultProvider,
  submitLabel,
  summary,
  isPending,
  error,
  onSubmit,
  onCancel,
}: PayerFormProps) {
  const { t } = useTranslation();
  const providers = OFFERED_PROVIDERS;
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(
    () =>
      z
        .object({ provider: z.enum(["mpesa", "mtn_momo", "sandbox"]), payer_phone: z.string() })
        .superRefine(({ provider, payer_phone }, context) => {
          const problem = phoneProblem(provider, payer_phone);
          if (problem) context.addIssue({ code: "custom", path: ["payer_phone"], message: t(`payment.phone.${problem}`) });
        })
        .transform((values) => ({ ...values, payer_phone: compactPhone(values.payer_phone) })),
    [t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PayerValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: {
      provider: defaultProvider && providers.includes(defaultProvider) ? defaultProvider : providers[0],
      payer_phone: defaultPhone,
    },
  });

  const submit = handleSubmit(async (values) => {
    setUnplaced([]);
    try {
      await onSubmit(values);
    } catch (failure) {
      setUnplaced(
        applyApiFieldErrors(failure, setError, {
          fields: ["provider", "payer_phone"],
          aliases: { "payment.payer_phone": "payer_phone", "payment.provider": "provider" },
          message: (detail) => detailMessage(t, detail),
        }),
      );
    }
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      {summary}
      <BillingErrorSummary error={error} unplaced={unplaced} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-stone-800">{t("subscription.pay.provider")}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          {providers.map((provider) => (
            <label
              key={provider}
              className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                value={provider}
                className="size-5 accent-brand-700"
                {...register("provider")}
              />
              <span className="font-semibold">{t(`payment.providers.${provider}`)}</span>
            </label>
          ))}
        </div>
        {errors.provider?.message ? (
          <p className="text-sm font-medium text-red-800">{errors.provider.message}</p>
        ) : null}
      </fieldset>
      <Field
        label={t("subscription.pay.phone")}
        hint={t("subscription.pay.phoneHint")}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        error={errors.payer_phone?.message}
        {...register("payer_phone")}
      />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" isLoading={isPending} className="w-full sm:w-auto">
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} className="w-full sm:w-auto">
            {t("actions.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
