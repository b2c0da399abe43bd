import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { DISPATCH_FIELDS, type DispatchValues, dispatchBody, dispatchSchema } from "../lib/dispatch-form";
import { localDay, tomorrow } from "../lib/transitions";

interface DispatchFormProps {
  /** The submit button's text, e.g. "Dispatch 3 orders". */
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (body: ReturnType<typeof dispatchBody>, onError: (error: unknown) => void) => void;
  onCancel: () => void;
}

/** Who drives, in what, and when it arrives: one form for one order or all the selected ones. */
export function DispatchForm({ submitLabel, isPending, error, onSubmit, onCancel }: DispatchFormProps) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const today = useMemo(() => localDay(), []);
  const schema = useMemo(() => dispatchSchema(t, today), [t, today]);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<DispatchValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { driver_name: "", driver_phone: "", vehicle: "", expected_delivery_date: tomorrow() },
  });

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    onSubmit(dispatchBody(values), (failure) =>
      setUnplaced(
        applyApiFieldErrors(failure, setError, { fields: DISPATCH_FIELDS, message: (detail) => detailMessage(common, detail) }),
      ),
    );
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
      <FormErrorSummary error={error} unplaced={unplaced} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("dispatch.driverName")} autoComplete="off" error={errors.driver_name?.message} {...register("driver_name")} />
        <Field
          label={t("dispatch.driverPhone")}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          error={errors.driver_phone?.message}
          {...register("driver_phone")}
        />
        <Field
          label={t("dispatch.vehicle")}
          hint={t("dispatch.vehicleHint")}
          autoComplete="off"
          autoCapitalize="characters"
          error={errors.vehicle?.message}
          {...register("vehicle")}
        />
        <Field
          label={t("dispatch.expected")}
          type="date"
          min={today}
          error={errors.expected_delivery_date?.message}
          {...register("expected_delivery_date")}
        />
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" isLoading={isPending}>
          {submitLabel}
        </Button>
        <Button variant="secondary" disabled={isPending} onClick={onCancel}>
          {t("actions.back")}
        </Button>
      </div>
    </form>
  );
}
