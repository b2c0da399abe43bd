import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { useSessionStore } from "@/lib/session-store";
import { useIdle } from "@/lib/use-idle";
import { subscriptionQuery } from "../api/subscription";
import { type SubscriptionBannerState, bannerState } from "../lib/banner";

/** Under the header on every page while the subscription is in grace or suspended (not on its own page). */
export function SubscriptionBanner() {
  const session = useSessionStore((state) => state.session);
  const { pathname } = useLocation();
  const hasBusiness = Boolean(session?.business);
  const idle = useIdle();
  const subscription = useQuery({ ...subscriptionQuery, enabled: hasBusiness && idle });
  const state = session ? bannerState(subscription.data, session.user.role) : null;
  if (!state || pathname.startsWith("/subscription")) return null;
  return <SubscriptionBannerView state={state} />;
}

export function SubscriptionBannerView({ state }: { state: SubscriptionBannerState }) {
  const { t } = useTranslation();
  const suspended = state.kind === "suspended";
  return (
    <div
      role="region"
      aria-label={t("subscription.banner.label")}
      className={`border-b ${suspended ? "border-red-300 bg-red-50 text-red-950" : "border-amber-300 bg-amber-50 text-amber-950"}`}
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
        <div>
          <p className="font-semibold">{t(`subscription.banner.${state.kind}.title`)}</p>
          <p>
            {state.kind === "past_due" && state.graceEndsAt ? (
              <>
                {t("subscription.banner.past_due.until")} <DateTime iso={state.graceEndsAt} />.{" "}
              </>
            ) : null}
            {state.kind === "suspended" ? `${t("subscription.banner.suspended.text")} ` : null}
            {state.invoice ? (
              <>
                {t("subscription.banner.invoice")}{" "}
                <Money amount={state.invoice.amount} currency={state.invoice.currency} className="font-semibold" />.{" "}
              </>
            ) : null}
            {state.canPay ? null : t("subscription.banner.askOwner")}
          </p>
        </div>
        {state.canPay ? (
          <Link
            to="/subscription#open-invoice"
            className={`inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-white ${
              suspended ? "bg-red-700 hover:bg-red-800" : "bg-amber-800 hover:bg-amber-900"
            }`}
          >
            {t("subscription.banner.payNow")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
