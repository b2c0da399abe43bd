import type { components } from "@/lib/api-types";
import { toCents } from "@/lib/money";
import { proratedChargeCents } from "./proration";

type Schemas = components["schemas"];
type Plan = Schemas["PlanOut"];
type Subscription = Schemas["SubscriptionOut"];
type Interval = Schemas["StartSubscription"]["interval"];

/**
 * What confirming a plan change will do, by the rules of chalicelib/billing/changes.py
 * (the API has no preview route):
 * - `current`: already the plan and interval (nothing to confirm);
 * - `withdraw`: back to the current plan, cancelling a scheduled change;
 * - `now_in_trial`: during a trial every change applies at once, nothing is charged;
 * - `upgrade_now`: a dearer plan on the same interval applies at once, the rest of the period charged now;
 * - `at_period_end`: anything else waits for the period's end; nothing is charged now.
 */
export type ChangePreview =
  | { kind: "current" }
  | { kind: "withdraw" }
  | { kind: "now_in_trial" }
  | { kind: "upgrade_now"; chargeCents: number; periodEnd: string }
  | { kind: "at_period_end"; effectiveAt: string; nextPriceCents: number };

export function priceOf(plan: Plan, interval: Interval): string {
  return interval === "month" ? plan.price_monthly : plan.price_yearly;
}

export function previewChange(subscription: Subscription, plan: Plan, interval: Interval, now: Date): ChangePreview {
  if (plan.id === subscription.plan.id && interval === subscription.interval) {
    return subscription.scheduled_change ? { kind: "withdraw" } : { kind: "current" };
  }
  if (subscription.status === "trialing") return { kind: "now_in_trial" };
  const oldPrice = priceOf(subscription.plan, subscription.interval);
  const newPrice = priceOf(plan, interval);
  if (interval === subscription.interval && toCents(newPrice) > toCents(oldPrice)) {
    return {
      kind: "upgrade_now",
      chargeCents: proratedChargeCents({
        oldPrice,
        newPrice,
        periodStart: subscription.current_period_start,
        periodEnd: subscription.current_period_end,
        now,
      }),
      periodEnd: subscription.current_period_end,
    };
  }
  return { kind: "at_period_end", effectiveAt: subscription.current_period_end, nextPriceCents: toCents(newPrice) };
}

/** What a year costs less than twelve months, in cents (0 when it does not). */
export function yearlySavingCents(plan: Plan): number {
  return Math.max(0, toCents(plan.price_monthly) * 12 - toCents(plan.price_yearly));
}
