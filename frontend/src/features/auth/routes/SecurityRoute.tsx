import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { PageTitle } from "@/components/PageTitle";
import { errorMessage } from "@/lib/error-message";
import { useSessionStore } from "@/lib/session-store";
import { useSignOutEverywhere } from "../api/sign-out";
import { RecoveryCodesPanel } from "../components/RecoveryCodesPanel";
import { SessionsSection } from "../components/SessionsSection";
import { TwoFactorDisable } from "../components/TwoFactorDisable";
import { TwoFactorEnrolment } from "../components/TwoFactorEnrolment";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function SecurityRoute() {
  const { t } = useTranslation();
  const twoFactorOn = useSessionStore((state) => state.session?.user.two_factor_enabled ?? false);
  const everywhere = useSignOutEverywhere();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const twoFactor = () => {
    if (recoveryCodes) return <RecoveryCodesPanel codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;
    if (!twoFactorOn) return <TwoFactorEnrolment onEnabled={setRecoveryCodes} />;
    return (
      <div className="flex flex-col items-start gap-3">
        <Alert tone="success">{t("security.twoFactor.onLead")}</Alert>
        <TwoFactorDisable />
      </div>
    );
  };

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle lead={t("security.lead")}>{t("security.title")}</PageTitle>
      <Section title={t("security.twoFactor.title")}>
        {twoFactor()}
      </Section>
      <Section title={t("security.sessions.title")}>
        <SessionsSection />
        <div className="mt-4 flex flex-col items-start gap-2 border-t border-stone-200 pt-4">
          <p className="text-sm text-stone-700">{t("security.sessions.everywhereLead")}</p>
          {everywhere.isError ? <Alert tone="error">{errorMessage(t, everywhere.error)}</Alert> : null}
          <Button
            variant="danger"
            isLoading={everywhere.isPending}
            onClick={() => everywhere.mutate()}
          >
            {t("security.sessions.everywhere")}
          </Button>
        </div>
      </Section>
    </div>
  );
}
