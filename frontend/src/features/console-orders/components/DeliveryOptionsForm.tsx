import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { CheckboxField } from "@/components/CheckboxField";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useSaveDeliveryOptions } from "../api/business";
import type { DeliveryOptions } from "../api/types";
import {
  DELIVERY_FIELDS,
  type DeliveryOptionsValues,
  deliveryOptionsBody,
  deliveryOptionsSchema,
  deliveryOptionsValues,
} from "../lib/delivery-options-form";

/** The owner sets pickup, delivery (fee, free above, regions, lead time) and payment on delivery. */
export function DeliveryOptionsForm({ options }: { options: DeliveryOptions }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const save = useSaveDeliveryOptions();
  const regionsId = useId();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(() => deliveryOptionsSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isDirty },
  } = useForm<DeliveryOptionsValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: deliveryOptionsValues(options),
  });
  const [pickup, delivery, payOnDelivery] = watch(["pickup_enabled", "delivery_enabled", "pay_on_delivery_enabled"]);

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    save.mutate(deliveryOptionsBody(values), {
      onSuccess: (saved) => reset(deliveryOptionsValues(saved)),
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, {
            fields: DELIVERY_FIELDS,
            codeFields: {
              no_option: "delivery_enabled",
              pickup_address_required: "pickup_address",
              regions_required: "regions",
              plan_feature_not_included: "pay_on_delivery_enabled",
            },
            message: (detail) => detailMessage(common, detail),
          }),
        ),
    });
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      <FormErrorSummary error={save.error} unplaced={unplaced} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold">{t("business.delivery.pickupTitle")}</legend>
        <CheckboxField label={t("business.delivery.pickupEnabled")} {...register("pickup_enabled")} />
        {pickup ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("business.delivery.pickupAddress")} error={errors.pickup_address?.message} {...register("pickup_address")} />
            <Field
              label={t("business.delivery.pickupHours")}
              placeholder={t("business.delivery.pickupHoursExample")}
              error={errors.pickup_hours?.message}
              {...register("pickup_hours")}
            />
          </div>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-3 border-t border-stone-200 pt-3">
        <legend className="mb-1 font-semibold">{t("business.delivery.deliveryTitle")}</legend>
        <CheckboxField
          label={t("business.delivery.deliveryEnabled")}
          error={errors.delivery_enabled?.message}
          {...register("delivery_enabled")}
        />
        {delivery ? (
          <>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field
                label={t("business.delivery.fee")}
                inputMode="decimal"
                error={errors.delivery_fee?.message}
                {...register("delivery_fee")}
              />
              <Field
                label={t("business.delivery.freeAbove")}
                hint={t("business.delivery.freeAboveHint")}
                inputMode="decimal"
                error={errors.free_delivery_threshold?.message}
                {...register("free_delivery_threshold")}
              />
              <Field
                label={t("business.delivery.leadTime")}
                inputMode="numeric"
                error={errors.lead_time_days?.message}
                {...register("lead_time_days")}
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={regionsId} className="text-sm font-semibold text-stone-800">
                {t("business.delivery.regions")}
              </label>
              <textarea
                id={regionsId}
                rows={3}
                aria-invalid={errors.regions ? true : undefined}
                aria-describedby={`${regionsId}-hint${errors.regions ? ` ${regionsId}-error` : ""}`}
                className={`rounded-lg border bg-white p-3 text-base ${errors.regions ? "border-red-700" : "border-stone-400"}`}
                {...register("regions")}
              />
              <p id={`${regionsId}-hint`} className="text-sm text-stone-600">
                {t("business.delivery.regionsHint")}
              </p>
              {errors.regions ? (
                <p id={`${regionsId}-error`} className="text-sm font-medium text-red-800">
                  {errors.regions.message}
                </p>
              ) : null}
            </div>
          </>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-3 border-t border-stone-200 pt-3">
        <legend className="mb-1 font-semibold">{t("business.delivery.podTitle")}</legend>
        <CheckboxField
          label={t("business.delivery.podEnabled")}
          error={errors.pay_on_delivery_enabled?.message}
          {...register("pay_on_delivery_enabled")}
        />
        {payOnDelivery ? (
          <Field
            label={t("business.delivery.podMax")}
            hint={t("business.delivery.podMaxHint")}
            inputMode="decimal"
            className="sm:max-w-xs"
            error={errors.pay_on_delivery_max?.message}
            {...register("pay_on_delivery_max")}
          />
        ) : null}
      </fieldset>
      <Button type="submit" isLoading={save.isPending} disabled={!isDirty} className="self-start">
        {t("business.delivery.save")}
      </Button>
      {save.isSuccess && !isDirty ? <Alert tone="success">{t("business.delivery.saved")}</Alert> : null}
    </form>
  );
}
