import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { PageTitle } from "@/components/PageTitle";
import { LanguageSelect } from "@/components/LanguageSelect";
import { useSessionStore } from "@/lib/session-store";
import { useSignOut } from "../api/sign-out";

type LinkLabel =
  | "profile.title"
  | "security.title"
  | "nav.notifications"
  | "notifications.preferences.title"
  | "nav.subscription"
  | "business.title"
  | "business.staff.title"
  | "business.verificationAndDelivery";

const PERSONAL_LINKS: { to: string; label: LinkLabel }[] = [
  { to: "/account/profile", label: "profile.title" },
  { to: "/account/security", label: "security.title" },
  { to: "/notifications", label: "nav.notifications" },
  { to: "/account/notifications", label: "notifications.preferences.title" },
];

const BUSINESS_LINKS: { to: string; label: LinkLabel }[] = [
  { to: "/subscription", label: "nav.subscription" },
  { to: "/business", label: "business.title" },
  { to: "/business/staff", label: "business.staff.title" },
];

const WHOLESALER_LINKS: { to: string; label: LinkLabel }[] = [
  { to: "/console/business", label: "business.verificationAndDelivery" },
];

/** The account hub the mobile bottom bar opens. */
export function AccountRoute() {
  const { t } = useTranslation();
  const session = useSessionStore((state) => state.session);
  const signOut = useSignOut();
  if (!session) return null;
  const { user, business } = session;

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle>{t("account.title")}</PageTitle>
      <section className="rounded-2xl border border-stone-200 bg-white p-4">
        <p className="text-lg font-semibold">{user.full_name}</p>
        <p className="text-stone-700">{user.email}</p>
        {business ? (
          <p className="mt-2 text-stone-800">
            {business.name} · {t(`account.kind.${business.kind}`)}
          </p>
        ) : null}
      </section>
      <nav aria-label={t("account.title")} className="rounded-2xl border border-stone-200 bg-white">
        <ul className="divide-y divide-stone-200">
          {[
            ...PERSONAL_LINKS,
            ...(business ? BUSINESS_LINKS : []),
            ...(business?.kind === "wholesaler" ? WHOLESALER_LINKS : []),
          ].map(({ to, label }) => (
            <li key={to}>
              <Link to={to} className="flex min-h-12 items-center justify-between px-4 font-semibold">
                {t(label)}
                <span aria-hidden="true">›</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="rounded-2xl border border-stone-200 bg-white p-4">
        <LanguageSelect />
      </section>
      <Button
        variant="secondary"
        isLoading={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {t("nav.signOut")}
      </Button>
    </div>
  );
}
