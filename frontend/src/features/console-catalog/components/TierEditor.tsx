import { type Control, type FieldErrors, type UseFormRegister, useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import type { ProductFormValues } from "../lib/product-form";
import { MAX_TIERS } from "../lib/tier-rules";

interface TierEditorProps {
  control: Control<ProductFormValues>;
  register: UseFormRegister<ProductFormValues>;
  errors: FieldErrors<ProductFormValues>;
  minOrderQty: string;
}

/** Price tiers: from a quantity on, a unit price; the first starts at the minimum order quantity. */
export function TierEditor({ control, register, errors, minOrderQty }: TierEditorProps) {
  const { t } = useTranslation("consoleCatalog");
  const { fields, append, remove } = useFieldArray({ control, name: "tiers" });
  const listError = errors.tiers?.message ?? errors.tiers?.root?.message;
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{t("tiers.title")}</legend>
      <p className="text-sm text-stone-700">{t("tiers.hint", { moq: minOrderQty || "1" })}</p>
      {listError ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {listError}
        </p>
      ) : null}
      <ol className="flex flex-col gap-3">
        {fields.map((field, index) => {
          const tierErrors = errors.tiers?.[index];
          return (
            <li key={field.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] items-start gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
              <Field
                label={t("tiers.fromQuantity", { tier: index + 1 })}
                inputMode="numeric"
                error={tierErrors?.min_quantity?.message}
                {...register(`tiers.${index}.min_quantity`)}
              />
              <Field
                label={t("tiers.unitPrice", { tier: index + 1 })}
                inputMode="decimal"
                placeholder="0.00"
                error={tierErrors?.unit_price?.message}
                {...register(`tiers.${index}.unit_price`)}
              />
              {fields.length > 1 ? (
                <Button
                  variant="ghost"
                  className="col-span-2 justify-self-start sm:col-span-1 sm:mt-6"
                  onClick={() => {
                    remove(index);
                  }}
                >
                  {t("tiers.remove", { tier: index + 1 })}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {fields.length < MAX_TIERS ? (
        <Button
          variant="secondary"
          className="self-start"
          onClick={() => {
            append({ min_quantity: "", unit_price: "" });
          }}
        >
          {t("tiers.add")}
        </Button>
      ) : null}
    </fieldset>
  );
}
