import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { PageTitle } from "@/components/PageTitle";
import { LanguageSelect } from "@/components/LanguageSelect";
import { useSessionStore } from "@/lib/session-store";
import { useSignOut } from "../api/sign-out";

const UPCOMING = ["nav.notifications", "nav.subscription"] as const;

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
          <li>
            <Link to="/account/security" className="flex min-h-12 items-center justify-between px-4 font-semibold">
              {t("security.title")}
              <span aria-hidden="true">›</span>
            </Link>
          </li>
          {UPCOMING.map((key) => (
            <li key={key} className="flex min-h-12 items-center justify-between px-4 text-stone-600">
              {t(key)}
              <span className="rounded bg-stone-100 px-2 text-sm">{t("nav.soon")}</span>
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
