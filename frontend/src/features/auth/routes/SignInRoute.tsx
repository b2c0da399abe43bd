import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { safeNextPath } from "@/lib/safe-next";
import { useSessionStore } from "@/lib/session-store";
import { AuthCard } from "../components/AuthCard";
import { SignInForm } from "../components/SignInForm";

export function SignInRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const endReason = useSessionStore((state) => state.endReason);
  const signUpLink = next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up";

  return (
    <AuthCard
      title={t("signIn.title")}
      lead={t("signIn.lead")}
      footer={
        <p>
          {t("signIn.noAccount")}{" "}
          <Link to={signUpLink} className="font-semibold text-brand-800 underline">
            {t("signIn.signUpLink")}
          </Link>
        </p>
      }
    >
      <div className="flex flex-col gap-4">
        {endReason === "expired" ? <Alert tone="warning">{t("signIn.sessionEnded")}</Alert> : null}
        {endReason === "signed_out" ? <Alert tone="success">{t("signIn.signedOut")}</Alert> : null}
        {params.get("reset") === "done" ? <Alert tone="success">{t("signIn.passwordReset")}</Alert> : null}
        <SignInForm onSignedIn={() => navigate(safeNextPath(next), { replace: true })} />
      </div>
    </AuthCard>
  );
}
