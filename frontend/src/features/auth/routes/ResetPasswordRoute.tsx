import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useResetPassword } from "../api/passwords";
import { AuthCard } from "../components/AuthCard";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { PasswordField } from "@/components/PasswordField";
import { MIN_PASSWORD_LENGTH } from "../components/sign-up-schema";

/** Opened from the e-mailed link: /reset-password?token=... */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const reset = useResetPassword();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(
    () =>
      z.object({
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
  } = useForm<{ password: string }>({ resolver: zodResolver(schema), mode: "onTouched" });

  if (!token) {
    return (
      <AuthCard title={t("resetPassword.title")}>
        <div className="flex flex-col gap-4">
          <Alert tone="error" title={t("resetPassword.incompleteLink")} />
          <LinkButton to="/forgot-password">{t("resetPassword.askNewLink")}</LinkButton>
        </div>
      </AuthCard>
    );
  }

  const submit = handleSubmit(({ password }) => {
    setUnplaced([]);
    reset.mutate(
      { token, password },
      {
        onSuccess: () => void navigate("/sign-in?reset=done", { replace: true }),
        onError: (error) =>
          setUnplaced(
            applyApiFieldErrors(error, setError, {
              fields: ["password"],
              message: (detail) => detailMessage(t, detail),
            }),
          ),
      },
    );
  });

  const tokenRefused = unplaced.some((detail) => detail.field === "token");

  return (
    <AuthCard title={t("resetPassword.title")} lead={t("resetPassword.lead")}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormErrorSummary error={reset.error} unplaced={unplaced} />
        {tokenRefused ? (
          <Link to="/forgot-password" className="font-semibold text-brand-800 underline">
            {t("resetPassword.askNewLink")}
          </Link>
        ) : null}
        <PasswordField
          label={t("fields.newPassword")}
          autoComplete="new-password"
          hint={t("fields.passwordHint")}
          error={errors.password?.message}
          {...register("password")}
        />
        <Button type="submit" isLoading={reset.isPending} className="w-full">
          {t("resetPassword.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
