import { useTranslation } from "react-i18next";
import { LinkButton } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import type { Subscription } from "../api/subscription";
import { priceOf } from "../lib/plan-price";
import { PlanLimits } from "./PlanLimits";
import { StatusBadge } from "./StatusBadge";

const ENDED = new Set<Subscription["status"]>(["cancelled", "expired"]);

/** The plan the business is on, what it costs, and what happens next. */
export function CurrentPlan({ subscription, canChange }: { subscription: Subscription; canChange: boolean }) {
  const { t } = useTranslation();
  const { plan, interval, next_charge: next, scheduled_change: scheduled } = subscription;
  const ended = ENDED.has(subscription.status);
  return (
    <section
      aria-labelledby="current-plan-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-4 sm:p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="current-plan-title" className="text-lg font-semibold">
          {t("subscription.current.title", { plan: plan.name })}
        </h2>
        <StatusBadge status={subscription.status} />
      </div>
      <p>
        <Money amount={priceOf(plan, interval)} currency={plan.currency} className="text-2xl font-bold" />
        <span className="text-stone-700"> {t(`subscription.plans.per.${interval}`)}</span>
      </p>
      <div className="flex flex-col gap-1 text-stone-800">
        {subscription.status === "trialing" && subscription.trial_end ? (
          <p>
            {t("subscription.current.trialUntil")} <DateTime iso={subscription.trial_end} />
          </p>
        ) : null}
        {ended ? (
          <p>
            {t("subscription.current.ended")}{" "}
            {subscription.ended_at ? <DateTime iso={subscription.ended_at} /> : null}
          </p>
        ) : null}
        {subscription.cancel_at_period_end ? (
          <p className="font-semibold text-amber-900">
            {t("subscription.current.endsOn")} <DateTime iso={subscription.current_period_end} />
          </p>
        ) : null}
        {next && !subscription.cancel_at_period_end ? (
          <p>
            {t("subscription.current.nextCharge")} <Money amount={next.amount} currency={next.currency} />,{" "}
            <DateTime iso={next.at} />
          </p>
        ) : null}
        {scheduled ? (
          <p className="font-semibold">
            {t("subscription.current.scheduled", {
              plan: scheduled.plan.name,
              interval: t(`subscription.interval.${scheduled.interval}`),
            })}{" "}
            <DateTime iso={scheduled.effective_at} />
          </p>
        ) : null}
        <p className="text-sm text-stone-700">
          {t("subscription.current.payer", {
            provider: t(`payment.providers.${subscription.provider}`),
            phone: subscription.payer_phone,
          })}
        </p>
      </div>
      <PlanLimits plan={plan} />
      {canChange ? (
        <LinkButton to="/subscription/plans" variant={ended ? "primary" : "secondary"} className="self-start">
          {ended ? t("subscription.current.choosePlan") : t("subscription.current.changePlan")}
        </LinkButton>
      ) : null}
    </section>
  );
}
