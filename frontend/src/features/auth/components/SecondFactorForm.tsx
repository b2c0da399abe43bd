import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { ApiError } from "@/lib/api-error";
import type { SignedIn } from "@/lib/api-schemas";
import { useSignIn } from "../api/sign-in";
import { FormErrorSummary } from "@/components/FormErrorSummary";

interface SecondFactorFormProps {
  credentials: { email: string; password: string };
  onSignedIn: (signedIn: SignedIn) => void;
  onCancel: () => void;
}

type Method = "app" | "recovery";

export function SecondFactorForm({ credentials, onSignedIn, onCancel }: SecondFactorFormProps) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>("app");
  const signIn = useSignIn();
  const schema = useMemo(
    () =>
      z.object({
        code:
          method === "app"
            ? z.string().trim().regex(/^\d{6}$/, t("validation.sixDigits"))
            : z.string().trim().min(8, t("validation.recoveryCode")).max(20, t("validation.recoveryCode")),
      }),
    [method, t],
  );
  const {
    register,
    handleSubmit,
    reset,
    setFocus,
    formState: { errors },
  } = useForm<{ code: string }>({ resolver: zodResolver(schema), mode: "onTouched" });

  useEffect(() => setFocus("code"), [method, setFocus]);

  const submit = handleSubmit(({ code }) =>
    signIn.mutate(
      method === "app" ? { ...credentials, otp: code } : { ...credentials, recovery_code: code },
      { onSuccess: onSignedIn },
    ),
  );

  const switchMethod = () => {
    setMethod((current) => (current === "app" ? "recovery" : "app"));
    reset({ code: "" });
    signIn.reset();
  };

  const wrongCode = signIn.error instanceof ApiError && signIn.error.code === "invalid_credentials";

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{t("signIn.secondFactor.title")}</h2>
      <p className="text-stone-700">
        {method === "app" ? t("signIn.secondFactor.appLead") : t("signIn.secondFactor.recoveryLead")}
      </p>
      {wrongCode ? (
        <FormErrorSummary error={signIn.error} hint={t("signIn.secondFactor.wrongCode")} />
      ) : (
        <FormErrorSummary error={signIn.error} />
      )}
      <Field
        key={method}
        label={method === "app" ? t("fields.appCode") : t("fields.recoveryCode")}
        autoComplete="one-time-code"
        inputMode={method === "app" ? "numeric" : "text"}
        autoCapitalize="none"
        error={errors.code?.message}
        {...register("code")}
      />
      <Button type="submit" isLoading={signIn.isPending} className="w-full">
        {t("signIn.secondFactor.submit")}
      </Button>
      <Button variant="ghost" onClick={switchMethod}>
        {method === "app" ? t("signIn.secondFactor.useRecovery") : t("signIn.secondFactor.useApp")}
      </Button>
      <Button variant="ghost" onClick={onCancel}>
        {t("signIn.secondFactor.back")}
      </Button>
    </form>
  );
}
