import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { useDisableTwoFactor } from "../api/two-factor";

interface DisableValues {
  password: string;
  code: string;
}

export function TwoFactorDisable() {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const [open, setOpen] = useState(false);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(
    () =>
      z.object({
        password: z.string().min(1, t("validation.required")),
        code: z.string().trim().min(6, t("validation.codeOrRecovery")).max(20, t("validation.codeOrRecovery")),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<DisableValues>({ resolver: zodResolver(schema), mode: "onTouched" });

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("security.twoFactor.turnOff")}
      </Button>
    );
  }

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    disable.mutate(values, {
      onSuccess: () => setOpen(false),
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, {
            fields: ["password", "code"],
            message: (detail) => detailMessage(t, detail),
          }),
        ),
    });
  });

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      <FormErrorSummary error={disable.error} unplaced={unplaced} />
      <Field
        label={t("fields.password")}
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <Field
        label={t("fields.codeOrRecovery")}
        autoComplete="one-time-code"
        autoCapitalize="none"
        error={errors.code?.message}
        {...register("code")}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" isLoading={disable.isPending}>
          {t("security.twoFactor.confirmTurnOff")}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("actions.cancel")}
        </Button>
      </div>
    </form>
  );
}
