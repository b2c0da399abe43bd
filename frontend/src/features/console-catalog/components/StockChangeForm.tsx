import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { SelectField } from "@/components/SelectField";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useChangeStock } from "../api/stock";
import { STOCK_REASONS, type StockReason } from "../api/types";
import { type Direction, deltaOf, directionOf } from "../lib/stock-change";
import { TextAreaField } from "@/components/TextAreaField";

interface StockValues {
  reason: StockReason;
  direction: Direction;
  units: string;
  note: string;
}

const DEFAULTS: StockValues = { reason: "restock", direction: "add", units: "", note: "" };

/** A restock, return, damage or adjustment with its reason; the API refuses going below zero. */
export function StockChangeForm({ productId, stockOnHand }: { productId: string; stockOnHand: number }) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const change = useChangeStock(productId);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const schema = useMemo(
    () =>
      z.object({
        reason: z.enum(["restock", "adjustment", "return", "damage"]),
        direction: z.enum(["add", "remove"]),
        units: z
          .string()
          .trim()
          .regex(/^\d+$/, t("validation.wholeNumber"))
          .refine((value) => Number(value) >= 1 && Number(value) <= 1_000_000, t("validation.range", { min: 1, max: 1_000_000 })),
        note: z.string().trim().max(500, t("validation.tooLong", { max: 500 })),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors },
  } = useForm<StockValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: DEFAULTS });
  const reason = watch("reason");
  const direction = directionOf(reason, watch("direction"));

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    setSaved(null);
    change.mutate(
      { reason: values.reason, delta: deltaOf(values.reason, values.direction, Number(values.units)), note: values.note.trim() || null },
      {
        onSuccess: (result) => {
          setSaved(result.stock_on_hand);
          reset(DEFAULTS);
        },
        onError: (error) => {
          setUnplaced(
            applyApiFieldErrors(error, setError, {
              fields: ["reason", "units", "note"],
              aliases: { delta: "units" },
              message: (detail) => detailMessage(tApp, detail),
            }),
          );
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{t("change.title")}</h2>
      <FormErrorSummary error={change.error} unplaced={unplaced} />
      {saved !== null ? <Alert tone="success">{t("change.saved", { count: saved })}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField label={t("change.reason")} error={errors.reason?.message} {...register("reason")}>
          {STOCK_REASONS.map((value) => (
            <option key={value} value={value}>
              {t(`movement.${value}`)}
            </option>
          ))}
        </SelectField>
        {reason === "adjustment" ? (
          <SelectField label={t("change.direction")} {...register("direction")}>
            <option value="add">{t("change.add")}</option>
            <option value="remove">{t("change.remove")}</option>
          </SelectField>
        ) : null}
        <Field
          label={t(direction === "add" ? "change.unitsToAdd" : "change.unitsToRemove")}
          hint={t("change.onHand", { count: stockOnHand })}
          inputMode="numeric"
          error={errors.units?.message}
          {...register("units")}
        />
      </div>
      <TextAreaField label={t("change.note")} rows={2} maxLength={500} error={errors.note?.message} {...register("note")} />
      <Button type="submit" isLoading={change.isPending} className="self-start">
        {t("change.submit")}
      </Button>
    </form>
  );
}
