import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { LanguageSelect } from "@/components/LanguageSelect";
import { PageTitle } from "@/components/PageTitle";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useSessionStore } from "@/lib/session-store";
import { useUpdateProfile } from "../api/profile";
import { optionalPhone, requiredText } from "../lib/validation";

interface ProfileValues {
  full_name: string;
  phone: string;
}

/** The person's own name and phone (PATCH /me), and the language of the app on this device. */
export function ProfileRoute() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.session?.user);
  const update = useUpdateProfile();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(() => z.object({ full_name: requiredText(t, 200), phone: optionalPhone(t) }), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<ProfileValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { full_name: user?.full_name ?? "", phone: user?.phone ?? "" },
  });
  if (!user) return null;

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    update.mutate(
      { full_name: values.full_name, ...(values.phone ? { phone: values.phone } : {}) },
      {
        onSuccess: (saved) => reset({ full_name: saved.full_name, phone: saved.phone ?? "" }),
        onError: (error) =>
          setUnplaced(
            applyApiFieldErrors(error, setError, {
              fields: ["full_name", "phone"],
              message: (detail) => detailMessage(t, detail),
            }),
          ),
      },
    );
  });

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle lead={t("profile.lead")}>{t("profile.title")}</PageTitle>
      <Link to="/account" className="self-start font-semibold text-brand-800 underline">
        {t("profile.backToAccount")}
      </Link>
      <section aria-labelledby="profile-details" className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="profile-details" className="mb-3 text-lg font-semibold">
          {t("profile.details")}
        </h2>
        <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
          <FormErrorSummary error={update.error} unplaced={unplaced} />
          <Field label={t("fields.fullName")} autoComplete="name" error={errors.full_name?.message} {...register("full_name")} />
          <Field
            label={t("fields.phone")}
            hint={t("profile.phoneHint")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            error={errors.phone?.message}
            {...register("phone")}
          />
          <div className="flex flex-col gap-1">
            <p className="text-sm font-semibold text-stone-800">{t("fields.email")}</p>
            <p className="text-stone-900">{user.email}</p>
            <p className="text-sm text-stone-600">{t("profile.emailFixed")}</p>
          </div>
          <Button type="submit" isLoading={update.isPending} className="self-start">
            {t("profile.save")}
          </Button>
          {update.isSuccess && !isDirty ? <Alert tone="success">{t("profile.saved")}</Alert> : null}
        </form>
      </section>
      <section aria-labelledby="profile-language" className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="profile-language" className="mb-1 text-lg font-semibold">
          {t("profile.language")}
        </h2>
        <p className="mb-3 text-sm text-stone-700">{t("profile.languageLead")}</p>
        <LanguageSelect />
      </section>
    </div>
  );
}
