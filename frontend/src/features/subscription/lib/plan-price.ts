import type { components } from "@/lib/api-types";
import { toCents } from "@/lib/money";

type Plan = components["schemas"]["PlanOut"];
type Interval = components["schemas"]["StartSubscription"]["interval"];

export function priceOf(plan: Plan, interval: Interval): string {
  return interval === "month" ? plan.price_monthly : plan.price_yearly;
}

/** What a year costs less than twelve months, in cents (0 when it does not). */
export function yearlySavingCents(plan: Plan): number {
  return Math.max(0, toCents(plan.price_monthly) * 12 - toCents(plan.price_yearly));
}
