import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { PageTitle } from "@/components/PageTitle";
import { PasswordField } from "@/components/PasswordField";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useAcceptInvitation } from "../api/accept-invitation";
import { MIN_PASSWORD_LENGTH, optionalPhone } from "../lib/validation";

interface AcceptValues {
  full_name: string;
  phone: string;
  password: string;
}

/** Opened from the invitation e-mail (`SPA_URL/accept-invitation?token=...`): set a password, then in. */
export function AcceptInvitationRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const accept = useAcceptInvitation();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(
    () =>
      z.object({
        full_name: z.string().trim().max(200, t("validation.tooLong", { max: 200 })),
        phone: optionalPhone(t),
        password: z
          .string()
          .min(MIN_PASSWORD_LENGTH, t("validation.passwordLength", { min: MIN_PASSWORD_LENGTH }))
          .max(128, t("validation.tooLong", { max: 128 })),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<AcceptValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { full_name: "", phone: "", password: "" },
  });

  const submit = handleSubmit(({ full_name, phone, password }) => {
    setUnplaced([]);
    accept.mutate(
      { token, password, ...(full_name ? { full_name } : {}), ...(phone ? { phone } : {}) },
      {
        onSuccess: () => void navigate("/catalog", { replace: true }),
        onError: (error) =>
          setUnplaced(
            applyApiFieldErrors(error, setError, {
              fields: ["full_name", "phone", "password"],
              message: (detail) => detailMessage(t, detail),
            }),
          ),
      },
    );
  });
  const tokenRefused = unplaced.some((detail) => detail.field === "token");

  return (
    <div className="mx-auto w-full max-w-md">
      <div className="rounded-2xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
        <PageTitle lead={t("business.invitation.lead")}>{t("business.invitation.title")}</PageTitle>
        {!token ? (
          <Alert tone="error" title={t("business.invitation.incomplete")}>
            {t("business.invitation.askAgain")}
          </Alert>
        ) : (
          <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
            <FormErrorSummary
              error={accept.error}
              unplaced={unplaced}
              hint={tokenRefused ? t("business.invitation.askAgain") : undefined}
            />
            {tokenRefused ? <Alert>{t("business.invitation.askAgain")}</Alert> : null}
            <Field
              label={t("business.invitation.name")}
              hint={t("business.invitation.nameHint")}
              autoComplete="name"
              error={errors.full_name?.message}
              {...register("full_name")}
            />
            <Field
              label={t("business.invitation.phone")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              error={errors.phone?.message}
              {...register("phone")}
            />
            <PasswordField
              label={t("fields.newPassword")}
              autoComplete="new-password"
              hint={t("fields.passwordHint")}
              error={errors.password?.message}
              {...register("password")}
            />
            <Button type="submit" isLoading={accept.isPending} className="w-full">
              {t("business.invitation.submit")}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
