import { zodResolver } from "@hookform/resolvers/zod";
import { QRCodeSVG } from "qrcode.react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import type { ApiErrorDetail, TwoFactorSetup } from "@/lib/api-schemas";
import { detailMessage, errorMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useBeginTwoFactorSetup, useConfirmTwoFactor } from "../api/two-factor";

/** The secret in groups of four, easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

function ConfirmCode({ setup, onConfirmed }: { setup: TwoFactorSetup; onConfirmed: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmTwoFactor(onConfirmed);
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(() => z.object({ code: z.string().trim().regex(/^\d{6}$/, t("validation.sixDigits")) }), [t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ code: string }>({ resolver: zodResolver(schema), mode: "onTouched" });

  const submit = handleSubmit(({ code }) => {
    setUnplaced([]);
    confirm.mutate(code, {
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, { fields: ["code"], message: (detail) => detailMessage(t, detail) }),
        ),
    });
  });

  return (
    <div className="flex flex-col gap-4">
      <ol className="list-decimal space-y-2 pl-5 text-stone-800">
        <li>{t("security.twoFactor.stepApp")}</li>
        <li>{t("security.twoFactor.stepScan")}</li>
        <li>{t("security.twoFactor.stepCode")}</li>
      </ol>
      <div className="flex flex-col items-center gap-3 rounded-xl bg-white p-4 ring-1 ring-stone-200">
        <QRCodeSVG value={setup.otpauth_uri} size={192} marginSize={2} title={t("security.twoFactor.qrTitle")} />
        <p className="text-sm text-stone-700">{t("security.twoFactor.manualEntry")}</p>
        <code className="rounded bg-stone-100 px-2 py-1 text-center text-base tracking-wider" data-testid="totp-secret">
          {grouped(setup.secret)}
        </code>
      </div>
      {unplaced.length > 0 || (confirm.error && errors.code === undefined) ? (
        <Alert tone="error">{errorMessage(t, confirm.error)}</Alert>
      ) : null}
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <Field
          label={t("fields.appCode")}
          inputMode="numeric"
          autoComplete="one-time-code"
          error={errors.code?.message}
          {...register("code")}
        />
        <Button type="submit" isLoading={confirm.isPending}>
          {t("security.twoFactor.confirm")}
        </Button>
      </form>
    </div>
  );
}

/** Turning two-step sign-in on; the recovery codes it answers are the caller's to show. */
export function TwoFactorEnrolment({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const begin = useBeginTwoFactorSetup();

  if (begin.data) return <ConfirmCode setup={begin.data} onConfirmed={onEnabled} />;
  return (
    <div className="flex flex-col items-start gap-3">
      <p className="text-stone-800">{t("security.twoFactor.offLead")}</p>
      {begin.isError ? <Alert tone="error">{errorMessage(t, begin.error)}</Alert> : null}
      <Button isLoading={begin.isPending} onClick={() => begin.mutate()}>
        {t("security.twoFactor.turnOn")}
      </Button>
    </div>
  );
}
