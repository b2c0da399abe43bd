import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { ApiError } from "@/lib/api-error";
import type { SignedIn } from "@/lib/api-schemas";
import { useSignIn } from "../api/sign-in";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { PasswordField } from "@/components/PasswordField";
import { SecondFactorForm } from "./SecondFactorForm";

interface SignInFormProps {
  onSignedIn: (signedIn: SignedIn) => void;
}

function credentialsSchema(t: (key: "validation.email" | "validation.required") => string) {
  return z.object({
    email: z.string().trim().min(1, t("validation.required")).pipe(z.email(t("validation.email"))),
    password: z.string().min(1, t("validation.required")),
  });
}

type Credentials = z.infer<ReturnType<typeof credentialsSchema>>;

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => credentialsSchema(t), [t]);
  const signIn = useSignIn();
  const [needsSecondFactor, setNeedsSecondFactor] = useState<Credentials | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Credentials>({ resolver: zodResolver(schema), mode: "onTouched" });

  if (needsSecondFactor) {
    return (
      <SecondFactorForm
        credentials={needsSecondFactor}
        onSignedIn={onSignedIn}
        onCancel={() => setNeedsSecondFactor(null)}
      />
    );
  }

  const submit = handleSubmit((credentials) =>
    signIn.mutate(credentials, {
      onSuccess: onSignedIn,
      onError: (error) => {
        if (error instanceof ApiError && error.code === "otp_required") setNeedsSecondFactor(credentials);
      },
    }),
  );

  const refusal = signIn.error instanceof ApiError && signIn.error.code === "otp_required" ? null : signIn.error;

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      <FormErrorSummary
        error={refusal}
        hint={refusal instanceof ApiError && refusal.status === 401 ? t("signIn.checkCredentials") : undefined}
      />
      <Field
        label={t("fields.email")}
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        error={errors.email?.message}
        {...register("email")}
      />
      <PasswordField
        label={t("fields.password")}
        autoComplete="current-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <div className="-mt-2 text-right">
        <Link to="/forgot-password" className="inline-block py-2 text-sm font-semibold text-brand-800 underline">
          {t("signIn.forgotPassword")}
        </Link>
      </div>
      <Button type="submit" isLoading={signIn.isPending} className="w-full">
        {t("signIn.submit")}
      </Button>
    </form>
  );
}
