import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { errorMessage } from "@/lib/error-message";
import { useSessionStore } from "@/lib/session-store";
import { useResendVerification } from "../api/verify-email";

/**
 * Until the e-mail is confirmed (needed to check out), a reminder with a resend button;
 * not on the welcome page, which says the same.
 */
export function VerifyEmailBanner() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.session?.user);
  const resend = useResendVerification();
  const { pathname } = useLocation();
  if (!user || user.email_verified || pathname === "/welcome") return null;
  return (
    <div className="border-b border-amber-300 bg-amber-50 text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <p>{t("verifyBanner.text", { email: user.email })}</p>
        {resend.isSuccess ? (
          <p role="status" className="font-semibold">
            {t("welcome.resent")}
          </p>
        ) : (
          <button
            type="button"
            className="min-h-11 rounded-lg border border-amber-400 bg-white px-3 font-semibold"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            {t("welcome.resend")}
          </button>
        )}
        {resend.isError ? (
          <p role="alert" className="w-full">
            {errorMessage(t, resend.error)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
