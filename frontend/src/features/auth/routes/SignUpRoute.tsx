import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthCard } from "../components/AuthCard";
import { SignUpForm } from "../components/SignUpForm";

export function SignUpRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const welcome = next ? `/welcome?next=${encodeURIComponent(next)}` : "/welcome";
  return (
    <AuthCard
      title={t("signUp.title")}
      lead={t("signUp.lead")}
      footer={
        <p>
          {t("signUp.haveAccount")}{" "}
          <Link to="/sign-in" className="font-semibold text-brand-800 underline">
            {t("signUp.signInLink")}
          </Link>
        </p>
      }
    >
      <SignUpForm onRegistered={() => navigate(welcome, { replace: true })} />
    </AuthCard>
  );
}
