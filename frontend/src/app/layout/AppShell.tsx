import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { LanguageSelect } from "@/components/LanguageSelect";
import { VerifyEmailBanner } from "@/features/auth/components/VerifyEmailBanner";
import { CartCountBadge } from "@/features/cart/components/CartCountBadge";
import { NotificationBell } from "@/features/notifications/components/NotificationBell";
import { SubscriptionBanner } from "@/features/subscription/components/SubscriptionBanner";
import { HOME_PATH, useAudience } from "@/lib/audience";
import { Brand } from "./Brand";
import { NavEntry } from "./NavEntry";
import { ACCOUNT_ITEM, NAV_ITEMS } from "./nav-items";

export function AppShell() {
  const { t } = useTranslation();
  const audience = useAudience() ?? "retailer";
  const items = NAV_ITEMS[audience];
  const shopping = audience === "retailer";
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 font-semibold focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("nav.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 border-b border-stone-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2">
          <Brand to={HOME_PATH[audience]} />
          <nav aria-label={t("nav.main")} className="hidden lg:block">
            <ul className="flex items-center gap-1">
              {items.map((item) => (
                <li key={item.labelKey} className="relative">
                  <NavEntry item={item} layout="row" />
                  {shopping && item.icon === "cart" ? <CartCountBadge className="absolute top-0 left-6" /> : null}
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex items-center gap-2">
            <LanguageSelect compact />
            <NotificationBell />
            <div className="hidden lg:block">
              <NavEntry item={ACCOUNT_ITEM} layout="row" />
            </div>
          </div>
        </div>
      </header>
      <VerifyEmailBanner />
      <SubscriptionBanner />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 pt-4 pb-24 lg:pb-10">
        <Outlet />
      </main>
      <nav
        aria-label={t("nav.main")}
        className="fixed inset-x-0 bottom-0 z-30 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] lg:hidden"
      >
        <ul className="flex">
          {[...items, ACCOUNT_ITEM].map((item) => (
            <li key={item.labelKey} className="relative flex min-w-0 flex-1">
              <NavEntry item={item} layout="bar" />
              {shopping && item.icon === "cart" ? <CartCountBadge className="absolute top-1 left-1/2 ml-1" /> : null}
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
