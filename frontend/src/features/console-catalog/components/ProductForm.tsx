import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { SelectField } from "@/components/SelectField";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { categoriesQuery } from "../api/products";
import { type CategoryNode, PRODUCT_STATUSES } from "../api/types";
import { type ProductFormValues, productFormFields, productSchema } from "../lib/product-form";
import { TextAreaField } from "@/components/TextAreaField";
import { TierEditor } from "./TierEditor";

interface ProductFormProps {
  initial: ProductFormValues;
  submitLabel: string;
  isSaving: boolean;
  error: unknown;
  readOnly?: boolean;
  /**
   * Gets the values and the names of the fields changed since the form was filled; resolves
   * with the saved values to show (or nothing), rejects with the API's error, whose field
   * errors go under the fields.
   */
  onSave: (values: ProductFormValues, changed: (keyof ProductFormValues)[]) => Promise<ProductFormValues | undefined>;
}

interface CategoryOption {
  id: string;
  label: string;
}

function flatten(nodes: readonly CategoryNode[], trail: string[] = []): CategoryOption[] {
  return nodes.flatMap((node) => {
    const path = [...trail, node.name];
    return [{ id: node.id, label: path.join(" › ") }, ...flatten(node.children, path)];
  });
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** Every field of a product, checked with the API's own rules before anything is sent. */
export function ProductForm({ initial, submitLabel, isSaving, error, readOnly = false, onSave }: ProductFormProps) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const options = useMemo(() => flatten(categories.data?.items ?? []), [categories.data]);
  const schema = useMemo(() => productSchema(t), [t]);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    getValues,
    reset,
    resetField,
    formState: { errors, dirtyFields },
  } = useForm<ProductFormValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: initial });
  const minOrderQty = watch("min_order_qty");
  const statusChanged = Boolean(dirtyFields.status);

  useEffect(() => {
    if (!statusChanged) resetField("status", { defaultValue: initial.status });
  }, [initial.status, statusChanged, resetField]);

  const submit = handleSubmit(async (values) => {
    setUnplaced([]);
    try {
      const changed = (Object.keys(dirtyFields) as (keyof ProductFormValues)[]).filter((name) => dirtyFields[name]);
      const saved = await onSave(values, changed);
      if (saved) reset(saved);
    } catch (saveError) {
      setUnplaced(
        applyApiFieldErrors(saveError, setError, {
          fields: productFormFields(getValues("tiers").length) as Path<ProductFormValues>[],
          message: (detail) => detailMessage(tApp, detail),
        }),
      );
    }
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-4">
        <FormErrorSummary error={error} unplaced={unplaced} />
        <Section title={t("form.about")}>
          <Field label={t("form.name")} error={errors.name?.message} {...register("name")} />
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={t("form.brand")} error={errors.brand?.message} {...register("brand")} />
            <SelectField label={t("form.category")} error={errors.category_id?.message} {...register("category_id")}>
              <option value="">{categories.isPending ? t("form.categoriesLoading") : t("form.chooseCategory")}</option>
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </SelectField>
          </div>
          <TextAreaField label={t("form.description")} error={errors.description?.message} {...register("description")} />
        </Section>
        <Section title={t("form.identity")}>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={t("form.sku")} hint={t("form.skuHint")} error={errors.sku?.message} {...register("sku")} />
            <Field
              label={t("form.gtin")}
              hint={t("form.gtinHint")}
              inputMode="numeric"
              error={errors.gtin?.message}
              {...register("gtin")}
            />
          </div>
        </Section>
        <Section title={t("form.selling")}>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field
              label={t("form.unitOfSale")}
              hint={t("form.unitOfSaleHint")}
              error={errors.unit_of_sale?.message}
              {...register("unit_of_sale")}
            />
            <Field
              label={t("form.packSize")}
              hint={t("form.packSizeHint")}
              inputMode="numeric"
              error={errors.pack_size?.message}
              {...register("pack_size")}
            />
            <Field label={t("form.moq")} inputMode="numeric" error={errors.min_order_qty?.message} {...register("min_order_qty")} />
            <Field
              label={t("form.increment")}
              hint={t("form.incrementHint")}
              inputMode="numeric"
              error={errors.order_increment?.message}
              {...register("order_increment")}
            />
          </div>
        </Section>
        <TierEditor control={control} register={register} errors={errors} minOrderQty={minOrderQty} />
        <Section title={t("form.stockAndStatus")}>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Field
              label={t("form.threshold")}
              hint={t("form.thresholdHint")}
              inputMode="numeric"
              error={errors.low_stock_threshold?.message}
              {...register("low_stock_threshold")}
            />
            <Field
              label={t("form.leadTime")}
              inputMode="numeric"
              error={errors.lead_time_days?.message}
              {...register("lead_time_days")}
            />
            <SelectField label={t("form.status")} error={errors.status?.message} {...register("status")}>
              {PRODUCT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </Section>
      </fieldset>
      {readOnly ? null : (
        <Button type="submit" isLoading={isSaving} className="self-start">
          {submitLabel}
        </Button>
      )}
    </form>
  );
}
