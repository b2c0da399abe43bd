import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { useForgotPassword } from "../api/passwords";
import { AuthCard } from "../components/AuthCard";
import { FormErrorSummary } from "@/components/FormErrorSummary";

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const schema = useMemo(
    () => z.object({ email: z.string().trim().min(1, t("validation.required")).pipe(z.email(t("validation.email"))) }),
    [t],
  );
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors },
  } = useForm<{ email: string }>({ resolver: zodResolver(schema), mode: "onTouched" });

  return (
    <AuthCard
      title={t("forgotPassword.title")}
      lead={t("forgotPassword.lead")}
      footer={
        <Link to="/sign-in" className="font-semibold text-brand-800 underline">
          {t("forgotPassword.backToSignIn")}
        </Link>
      }
    >
      {forgot.isSuccess ? (
        <Alert tone="success" title={t("forgotPassword.sentTitle")}>
          {t("forgotPassword.sent", { email: getValues("email") })}
        </Alert>
      ) : (
        <form noValidate onSubmit={handleSubmit(({ email }) => forgot.mutate(email))} className="flex flex-col gap-4">
          <FormErrorSummary error={forgot.error} />
          <Field
            label={t("fields.email")}
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            error={errors.email?.message}
            {...register("email")}
          />
          <Button type="submit" isLoading={forgot.isPending} className="w-full">
            {t("forgotPassword.submit")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
