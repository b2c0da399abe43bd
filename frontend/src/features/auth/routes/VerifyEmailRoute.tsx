import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { Spinner } from "@/components/Spinner";
import { ApiError } from "@/lib/api-error";
import { detailMessage, errorMessage } from "@/lib/error-message";
import { useSessionStore } from "@/lib/session-store";
import { useResendVerification, verifyEmailQuery } from "../api/verify-email";
import { AuthCard } from "../components/AuthCard";

/** Opened from the e-mailed link: /verify-email?token=... */
export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const signedIn = useSessionStore((state) => state.session !== null);
  const verification = useQuery({ ...verifyEmailQuery(token), enabled: token.length > 0 });
  const resend = useResendVerification();

  const continueLink = signedIn ? (
    <LinkButton to="/catalog" className="w-full">
      {t("verifyEmail.continue")}
    </LinkButton>
  ) : (
    <LinkButton to="/sign-in" className="w-full">
      {t("verifyEmail.signIn")}
    </LinkButton>
  );

  if (!token) {
    return (
      <AuthCard title={t("verifyEmail.title")}>
        <Alert tone="error" title={t("verifyEmail.incompleteLink")}>
          {t("verifyEmail.incompleteLinkHint")}
        </Alert>
      </AuthCard>
    );
  }

  if (verification.isPending) {
    return (
      <AuthCard title={t("verifyEmail.title")}>
        <p className="flex items-center gap-3 text-stone-800">
          <Spinner />
          {t("verifyEmail.checking")}
        </p>
      </AuthCard>
    );
  }

  if (verification.isError) {
    const { error } = verification;
    const tokenProblem = error instanceof ApiError ? error.details.find((detail) => detail.field === "token") : undefined;
    return (
      <AuthCard title={t("verifyEmail.title")}>
        <div className="flex flex-col gap-4">
          <Alert tone="error" title={tokenProblem ? detailMessage(t, tokenProblem) : errorMessage(t, error)}>
            {signedIn ? t("verifyEmail.askNewLink") : t("verifyEmail.signInForNewLink")}
          </Alert>
          {resend.isSuccess ? <Alert tone="success">{t("welcome.resent")}</Alert> : null}
          {signedIn ? (
            <Button isLoading={resend.isPending} onClick={() => resend.mutate()} className="w-full">
              {t("welcome.resend")}
            </Button>
          ) : (
            continueLink
          )}
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t("verifyEmail.doneTitle")}>
      <div className="flex flex-col gap-4">
        <Alert tone="success">{t("verifyEmail.done", { email: verification.data.email })}</Alert>
        {continueLink}
      </div>
    </AuthCard>
  );
}
