import { useTranslation } from "react-i18next";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import type { Plan } from "../api/subscription";

type LimitName = "active_products" | "staff_users" | "orders_per_month";

const LIMITS_BY_AUDIENCE: Record<Plan["audience"], LimitName[]> = {
  retailer: ["orders_per_month", "staff_users"],
  wholesaler: ["active_products", "staff_users"],
};

/** What a plan allows, in the words of the person buying it. */
export function PlanLimits({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="flex flex-col gap-1.5 text-stone-800">
      {LIMITS_BY_AUDIENCE[plan.audience].map((name) => {
        const limit = plan.limits[name];
        return (
          <li key={name} className="flex gap-2">
            <span aria-hidden="true" className="text-brand-700">
              ✓
            </span>
            {limit === null || limit === undefined
              ? t(`subscription.limits.${name}.unlimited`)
              : t(`subscription.limits.${name}.upTo`, { count: limit, formatted: formatNumber(limit, locale) })}
          </li>
        );
      })}
      {plan.audience === "wholesaler"
        ? (["pay_on_delivery", "sales_reports"] as const).map((feature) => (
            <li key={feature} className={`flex gap-2 ${plan.features[feature] ? "" : "text-stone-600"}`}>
              <span aria-hidden="true" className={plan.features[feature] ? "text-brand-700" : ""}>
                {plan.features[feature] ? "✓" : "–"}
              </span>
              {t(`subscription.features.${feature}.${plan.features[feature] ? "yes" : "no"}`)}
            </li>
          ))
        : null}
    </ul>
  );
}
