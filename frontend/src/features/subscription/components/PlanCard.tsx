import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import { fromCents } from "@/lib/money";
import type { Interval, Plan } from "../api/subscription";
import { priceOf, yearlySavingCents } from "../lib/plan-price";
import { PlanLimits } from "./PlanLimits";

interface PlanCardProps {
  plan: Plan;
  interval: Interval;
  isCurrent: boolean;
  children?: ReactNode;
}

export function PlanCard({ plan, interval, isCurrent, children }: PlanCardProps) {
  const { t } = useTranslation();
  const saving = yearlySavingCents(plan);
  const headingId = `plan-${plan.code}`;
  return (
    <section
      aria-labelledby={headingId}
      className={`flex flex-col gap-4 rounded-2xl border bg-white p-4 sm:p-6 ${
        isCurrent ? "border-brand-600 ring-1 ring-brand-600" : "border-stone-200"
      }`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={headingId} className="text-xl font-bold">
          {plan.name}
        </h2>
        {isCurrent ? (
          <span className="rounded-full bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">
            {t("subscription.plans.current")}
          </span>
        ) : null}
      </div>
      <p>
        <Money amount={priceOf(plan, interval)} currency={plan.currency} className="text-3xl font-bold" />
        <span className="text-stone-700"> {t(`subscription.plans.per.${interval}`)}</span>
      </p>
      {interval === "year" && saving > 0 ? (
        <p className="-mt-2 text-sm font-semibold text-brand-800">
          {t("subscription.plans.yearSaves")} <Money amount={fromCents(saving)} currency={plan.currency} />
        </p>
      ) : null}
      {plan.trial_days > 0 ? (
        <p className="-mt-2 text-sm text-stone-700">{t("subscription.plans.trialDays", { count: plan.trial_days })}</p>
      ) : null}
      <PlanLimits plan={plan} />
      {children ? <div className="mt-auto flex flex-col gap-3">{children}</div> : null}
    </section>
  );
}
