import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { ApiError } from "@/lib/api-error";
import { detailMessage, errorMessage } from "@/lib/error-message";
import { useUpdateProduct } from "../api/products";
import type { Product } from "../api/types";

/** The low-stock threshold alone, where stock is looked after. */
export function ThresholdForm({ product }: { product: Product }) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const update = useUpdateProduct();
  const [value, setValue] = useState(String(product.low_stock_threshold));
  const [problem, setProblem] = useState<string | null>(null);

  const save = () => {
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) > 1_000_000) {
      setProblem(t("validation.range", { min: 0, max: 1_000_000 }));
      return;
    }
    setProblem(null);
    update.mutate(
      { id: product.id, body: { low_stock_threshold: Number(text) } },
      {
        onError: (error) => {
          const detail = error instanceof ApiError ? error.details.find((item) => item.field === "low_stock_threshold") : undefined;
          setProblem(detail ? detailMessage(tApp, detail) : errorMessage(tApp, error));
        },
      },
    );
  };

  return (
    <form
      noValidate
      className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2 className="text-lg font-semibold">{t("threshold.title")}</h2>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label={t("form.threshold")}
          hint={t("form.thresholdHint")}
          inputMode="numeric"
          value={value}
          error={problem ?? undefined}
          className="sm:flex-1"
          onChange={(event) => {
            setValue(event.target.value);
          }}
        />
        <Button type="submit" variant="secondary" isLoading={update.isPending} className="sm:mt-7">
          {t("threshold.save")}
        </Button>
      </div>
      {update.isSuccess ? <Alert tone="success">{t("threshold.saved", { count: update.data.low_stock_threshold })}</Alert> : null}
    </form>
  );
}
