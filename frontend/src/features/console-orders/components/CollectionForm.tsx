import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { Money } from "@/components/Money";
import { SelectField } from "@/components/SelectField";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useRecordCollection } from "../api/order";
import type { Order } from "../api/types";
import { COLLECTION_FIELDS, type CollectionValues, collectionBody, collectionSchema } from "../lib/collection-form";
import { outstanding } from "../lib/transitions";

/** Money taken on delivery: prefilled with what is still due; the retailer sees it on the order. */
export function CollectionForm({ order }: { order: Order }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const due = outstanding(order);
  const record = useRecordCollection(order.id);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(() => collectionSchema(t, due), [t, due]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors },
  } = useForm<CollectionValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { amount: due, method: "cash", reference: "" },
  });
  const method = watch("method");

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    record.mutate(collectionBody(values), {
      onSuccess: (saved) => reset({ amount: outstanding(saved), method: "cash", reference: "" }),
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, {
            fields: COLLECTION_FIELDS,
            codeFields: { collection_not_allowed: "amount" },
            message: (detail) => detailMessage(common, detail),
          }),
        ),
    });
  });

  return (
    <section aria-labelledby="collection-title" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <h2 id="collection-title" className="text-lg font-semibold">
        {t("collection.title")}
      </h2>
      <p className="text-stone-800">
        {t("collection.due")} <Money amount={due} currency={order.currency} className="font-semibold" />
      </p>
      {record.isSuccess ? <Alert tone="success">{t("collection.saved")}</Alert> : null}
      <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <FormErrorSummary error={record.error} unplaced={unplaced} />
        <Field
          label={t("collection.amount", { currency: order.currency })}
          inputMode="decimal"
          autoComplete="off"
          error={errors.amount?.message}
          {...register("amount")}
        />
        <SelectField label={t("collection.method")} error={errors.method?.message} {...register("method")}>
          <option value="cash">{t("collection.methods.cash")}</option>
          <option value="mobile_money">{t("collection.methods.mobile_money")}</option>
        </SelectField>
        <Field
          label={method === "mobile_money" ? t("collection.referenceRequired") : t("collection.reference")}
          autoComplete="off"
          error={errors.reference?.message}
          {...register("reference")}
        />
        <Button type="submit" isLoading={record.isPending}>
          {t("collection.save")}
        </Button>
      </form>
    </section>
  );
}
