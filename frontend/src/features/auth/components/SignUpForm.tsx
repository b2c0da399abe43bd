import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { CheckboxField } from "@/components/CheckboxField";
import { Field } from "@/components/Field";
import { SelectField } from "@/components/SelectField";
import type { ApiErrorDetail, RegisterResponse } from "@/lib/api-schemas";
import { config } from "@/lib/config";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useLocale } from "@/lib/use-locale";
import { useRegister } from "../api/register";
import { BusinessKindPicker } from "./BusinessKindPicker";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { PasswordField } from "@/components/PasswordField";
import {
  EAST_AFRICAN_COUNTRIES,
  EMPTY_SIGN_UP,
  type SignUpValues,
  signUpSchema,
  toRegisterRequest,
} from "./sign-up-schema";

const FIELDS: readonly Path<SignUpValues>[] = [
  "owner.full_name",
  "owner.email",
  "owner.phone",
  "owner.password",
  "business.kind",
  "business.name",
  "business.registration_number",
  "business.tax_id",
  "business.phone",
  "business.email",
  "business.address.line",
  "business.address.city",
  "business.address.region",
  "business.address.country",
];

interface SignUpFormProps {
  onRegistered: (registered: RegisterResponse) => void;
}

export function SignUpForm({ onRegistered }: SignUpFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useMemo(() => signUpSchema(t), [t]);
  const registration = useRegister();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors },
  } = useForm<SignUpValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: EMPTY_SIGN_UP });
  const kind = watch("business.kind");
  const sameContact = watch("sameContact");
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: "region" }), [locale]);

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    registration.mutate(toRegisterRequest(values), {
      onSuccess: onRegistered,
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, {
            fields: FIELDS,
            aliases: {
              ...(values.sameContact ? { "business.email": "owner.email", "business.phone": "owner.phone" } : {}),
              accepted_terms_version: "accepted",
              accepted_privacy_version: "accepted",
            },
            codeFields: { email_taken: "owner.email", registration_number_taken: "business.registration_number" },
            message: (detail) => detailMessage(t, detail),
          }),
        ),
    });
  });

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-6">
      <FormErrorSummary error={registration.error} unplaced={unplaced} />
      <BusinessKindPicker registration={register("business.kind")} selected={kind} />

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t("signUp.sections.you")}</legend>
        <Field
          label={t("fields.fullName")}
          autoComplete="name"
          error={errors.owner?.full_name?.message}
          {...register("owner.full_name")}
        />
        <Field
          label={t("fields.email")}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          error={errors.owner?.email?.message}
          {...register("owner.email")}
        />
        <Field
          label={t("fields.phone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          hint={t("fields.phoneHint")}
          error={errors.owner?.phone?.message}
          {...register("owner.phone")}
        />
        <PasswordField
          label={t("fields.newPassword")}
          autoComplete="new-password"
          hint={t("fields.passwordHint")}
          error={errors.owner?.password?.message}
          {...register("owner.password")}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t("signUp.sections.business")}</legend>
        <Field
          label={t("fields.businessName")}
          autoComplete="organization"
          error={errors.business?.name?.message}
          {...register("business.name")}
        />
        <Field
          label={t("fields.registrationNumber")}
          hint={t("fields.registrationNumberHint")}
          autoCapitalize="characters"
          error={errors.business?.registration_number?.message}
          {...register("business.registration_number")}
        />
        <Field
          label={kind === "wholesaler" ? t("fields.taxId") : t("fields.taxIdOptional")}
          hint={t("fields.taxIdHint")}
          autoCapitalize="characters"
          error={errors.business?.tax_id?.message}
          {...register("business.tax_id")}
        />
        <CheckboxField label={t("signUp.sameContact")} {...register("sameContact")} />
        {sameContact ? null : (
          <>
            <Field
              label={t("fields.businessEmail")}
              type="email"
              inputMode="email"
              autoCapitalize="none"
              error={errors.business?.email?.message}
              {...register("business.email")}
            />
            <Field
              label={t("fields.businessPhone")}
              type="tel"
              inputMode="tel"
              error={errors.business?.phone?.message}
              {...register("business.phone")}
            />
          </>
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t("signUp.sections.address")}</legend>
        <Field
          label={t("fields.addressLine")}
          autoComplete="street-address"
          error={errors.business?.address?.line?.message}
          {...register("business.address.line")}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("fields.city")}
            autoComplete="address-level2"
            error={errors.business?.address?.city?.message}
            {...register("business.address.city")}
          />
          <Field
            label={t("fields.region")}
            autoComplete="address-level1"
            error={errors.business?.address?.region?.message}
            {...register("business.address.region")}
          />
        </div>
        <SelectField
          label={t("fields.country")}
          autoComplete="country"
          error={errors.business?.address?.country?.message}
          {...register("business.address.country")}
        >
          {EAST_AFRICAN_COUNTRIES.map((code) => (
            <option key={code} value={code}>
              {regionNames.of(code) ?? code}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <CheckboxField
        label={t("signUp.acceptTerms", { terms: config.termsVersion, privacy: config.privacyVersion })}
        error={errors.accepted?.message}
        {...register("accepted")}
      />
      <Button type="submit" isLoading={registration.isPending} className="w-full">
        {t("signUp.submit")}
      </Button>
    </form>
  );
}
