import { useState } from "react";
import { type SubmitHandler, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { CheckboxField } from "@/components/CheckboxField";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { SelectField } from "@/components/SelectField";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { MONEY_INPUT, PLAN_CODE, PLAN_FIELDS, type PlanFormValues, WHOLE_NUMBER, limitsFor } from "../lib/plan-form";

interface PlanFormProps {
  mode: "create" | "edit";
  initial: PlanFormValues;
  submitLabel: string;
  onSubmit: (values: PlanFormValues) => Promise<unknown>;
  onCancel: () => void;
}

/** Creating a plan or changing one; the API's field errors land under the fields. */
export function PlanForm({ mode, initial, submitLabel, onSubmit, onCancel }: PlanFormProps) {
  const { t } = useTranslation("admin");
  const { t: tCommon } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PlanFormValues>({ defaultValues: initial });
  const audience = watch("audience");
  const shownLimits = limitsFor(audience);

  const submit: SubmitHandler<PlanFormValues> = async (values) => {
    setFailure(null);
    try {
      await onSubmit(values);
    } catch (error) {
      setFailure(error);
      setUnplaced(applyApiFieldErrors(error, setError, { fields: PLAN_FIELDS, message: (detail) => detailMessage(tCommon, detail) }));
    }
  };
  const money = { required: t("plans.form.required"), pattern: { value: MONEY_INPUT, message: t("plans.form.money") } };
  const whole = { pattern: { value: WHOLE_NUMBER, message: t("plans.form.whole") } };

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(submit)(event)} className="flex flex-col gap-3">
      <FormErrorSummary error={failure} unplaced={unplaced} />
      {mode === "create" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label={t("plans.form.code")}
            hint={t("plans.form.codeHint")}
            error={errors.code?.message}
            {...register("code", { required: t("plans.form.required"), pattern: { value: PLAN_CODE, message: t("plans.form.codePattern") } })}
          />
          <SelectField label={t("plans.form.audience")} error={errors.audience?.message} {...register("audience")}>
            <option value="retailer">{t("kind.retailer")}</option>
            <option value="wholesaler">{t("kind.wholesaler")}</option>
          </SelectField>
        </div>
      ) : null}
      <Field label={t("plans.form.name")} error={errors.name?.message} {...register("name", { required: t("plans.form.required") })} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("plans.form.priceMonthly")} inputMode="decimal" error={errors.price_monthly?.message} {...register("price_monthly", money)} />
        <Field label={t("plans.form.priceYearly")} inputMode="decimal" error={errors.price_yearly?.message} {...register("price_yearly", money)} />
        <Field label={t("plans.form.trialDays")} inputMode="numeric" error={errors.trial_days?.message} {...register("trial_days", { required: t("plans.form.required"), ...whole })} />
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold text-stone-800">{t("plans.form.limits")}</legend>
        {shownLimits.map((name) => (
          <Field
            key={name}
            label={t(`plans.limit.${name}`)}
            hint={t("plans.form.unlimitedHint")}
            inputMode="numeric"
            error={errors.limits?.[name]?.message}
            {...register(`limits.${name}`, whole)}
          />
        ))}
      </fieldset>
      {audience === "wholesaler" ? (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-semibold text-stone-800">{t("plans.form.features")}</legend>
          <CheckboxField label={t("plans.feature.pay_on_delivery")} {...register("features.pay_on_delivery")} />
          <CheckboxField label={t("plans.feature.sales_reports")} {...register("features.sales_reports")} />
        </fieldset>
      ) : null}
      {mode === "edit" ? <p className="text-sm text-stone-700">{t("plans.nextPeriod")}</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" isLoading={isSubmitting}>
          {submitLabel}
        </Button>
        <Button variant="secondary" disabled={isSubmitting} onClick={onCancel}>
          {t("actions.cancel")}
        </Button>
      </div>
    </form>
  );
}
