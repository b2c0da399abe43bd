import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { safeNextPath } from "@/lib/safe-next";
import { useSessionStore } from "@/lib/session-store";
import { useResendVerification } from "../api/verify-email";
import { AuthCard } from "../components/AuthCard";

/** After registration: the e-mail to confirm and, for a wholesaler, the review to wait for. */
export function WelcomeRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const session = useSessionStore((state) => state.session);
  const resend = useResendVerification();
  if (!session) return null;
  const { user, business } = session;

  return (
    <AuthCard title={t("welcome.title", { name: user.full_name })}>
      <div className="flex flex-col gap-4">
        {user.email_verified ? (
          <Alert tone="success">{t("welcome.verified")}</Alert>
        ) : (
          <>
            <p className="text-stone-800">{t("welcome.checkEmail", { email: user.email })}</p>
            <p className="text-sm text-stone-700">{t("welcome.emailValidity")}</p>
          </>
        )}
        {business?.kind === "wholesaler" ? <Alert tone="info">{t("welcome.wholesalerReview")}</Alert> : null}
        {resend.isSuccess ? <Alert tone="success">{t("welcome.resent")}</Alert> : null}
        {resend.isError ? <Alert tone="error">{errorMessage(t, resend.error)}</Alert> : null}
        <LinkButton to={safeNextPath(params.get("next"))} className="w-full">
          {t("welcome.continue")}
        </LinkButton>
        {user.email_verified ? null : (
          <Button variant="secondary" isLoading={resend.isPending} onClick={() => resend.mutate()}>
            {t("welcome.resend")}
          </Button>
        )}
      </div>
    </AuthCard>
  );
}
