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
import type { ApiErrorDetail, BusinessOut } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useLocale } from "@/lib/use-locale";
import { useUpdateBusiness } from "../api/business";
import { email, phone, requiredText } from "../lib/validation";

const COUNTRIES = ["KE", "UG", "TZ", "RW", "BI", "SS", "ET", "CD", "SO", "ZM", "MW", "MZ"];

interface BusinessValues {
  name: string;
  tax_id: string;
  phone: string;
  email: string;
  address: { line: string; city: string; region: string; country: string };
}

const FIELDS = [
  "name",
  "tax_id",
  "phone",
  "email",
  "address.line",
  "address.city",
  "address.region",
  "address.country",
] as const;

function valuesOf(business: BusinessOut): BusinessValues {
  return {
    name: business.name,
    tax_id: business.tax_id ?? "",
    phone: business.phone,
    email: business.email,
    address: { ...business.address },
  };
}

/** The owner edits the business's public details; the registration number and kind are fixed. */
export function BusinessForm({ business }: { business: BusinessOut }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const update = useUpdateBusiness();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const countryNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);
  const schema = useMemo(
    () =>
      z
        .object({
          name: requiredText(t, 200),
          tax_id: z.string().trim().max(60, t("validation.tooLong", { max: 60 })),
          phone: phone(t),
          email: email(t),
          address: z.object({
            line: requiredText(t, 300),
            city: requiredText(t, 120),
            region: requiredText(t, 120),
            country: z.string().length(2, t("validation.required")),
          }),
        })
        .superRefine((values, ctx) => {
          if (business.kind === "wholesaler" && !values.tax_id) {
            ctx.addIssue({ code: "custom", path: ["tax_id"], message: t("validation.taxIdRequired") });
          }
        }),
    [t, business.kind],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<BusinessValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: valuesOf(business) });

  const submit = handleSubmit(({ tax_id, ...values }) => {
    setUnplaced([]);
    update.mutate(
      { ...values, ...(tax_id ? { tax_id } : {}) },
      {
        onSuccess: (saved) => reset(valuesOf(saved)),
        onError: (error) =>
          setUnplaced(
            applyApiFieldErrors(error, setError, {
              fields: FIELDS,
              message: (detail) => detailMessage(t, detail),
            }),
          ),
      },
    );
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      <FormErrorSummary error={update.error} unplaced={unplaced} />
      <Field label={t("fields.businessName")} autoComplete="organization" error={errors.name?.message} {...register("name")} />
      <Field
        label={business.kind === "wholesaler" ? t("fields.taxId") : t("fields.taxIdOptional")}
        error={errors.tax_id?.message}
        {...register("tax_id")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("fields.businessPhone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          error={errors.phone?.message}
          {...register("phone")}
        />
        <Field
          label={t("fields.businessEmail")}
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register("email")}
        />
      </div>
      <Field
        label={t("fields.addressLine")}
        autoComplete="street-address"
        error={errors.address?.line?.message}
        {...register("address.line")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t("fields.city")} autoComplete="address-level2" error={errors.address?.city?.message} {...register("address.city")} />
        <Field
          label={t("fields.region")}
          autoComplete="address-level1"
          error={errors.address?.region?.message}
          {...register("address.region")}
        />
        <SelectField label={t("fields.country")} error={errors.address?.country?.message} {...register("address.country")}>
          {COUNTRIES.map((code) => (
            <option key={code} value={code}>
              {countryNames.of(code) ?? code}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" isLoading={update.isPending} disabled={!isDirty} className="self-start">
        {t("business.save")}
      </Button>
      {update.isSuccess && !isDirty ? <Alert tone="success">{t("business.saved")}</Alert> : null}
    </form>
  );
}
