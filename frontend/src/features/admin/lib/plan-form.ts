import type { Plan, PlanCreate, PlanUpdate } from "../api/plans";

/** The plan form's values: what a person types, before it becomes the API's request body. */
export interface PlanFormValues {
  code: string;
  audience: "retailer" | "wholesaler";
  name: string;
  price_monthly: string;
  price_yearly: string;
  trial_days: string;
  limits: { active_products: string; orders_per_month: string; staff_users: string };
  features: { pay_on_delivery: boolean; sales_reports: boolean };
}

export const PLAN_FIELDS = [
  "code",
  "audience",
  "name",
  "price_monthly",
  "price_yearly",
  "trial_days",
  "limits.active_products",
  "limits.orders_per_month",
  "limits.staff_users",
] as const;

/** Amounts as the API takes them: digits with at most two decimals. */
export const MONEY_INPUT = /^\d{1,12}(\.\d{1,2})?$/;
export const WHOLE_NUMBER = /^\d{1,9}$/;
export const PLAN_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function emptyPlanForm(): PlanFormValues {
  return {
    code: "",
    audience: "retailer",
    name: "",
    price_monthly: "",
    price_yearly: "",
    trial_days: "14",
    limits: { active_products: "", orders_per_month: "", staff_users: "" },
    features: { pay_on_delivery: false, sales_reports: false },
  };
}

function limitText(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export function planToForm(plan: Plan): PlanFormValues {
  return {
    code: plan.code,
    audience: plan.audience,
    name: plan.name,
    price_monthly: plan.price_monthly,
    price_yearly: plan.price_yearly,
    trial_days: String(plan.trial_days),
    limits: {
      active_products: limitText(plan.limits.active_products),
      orders_per_month: limitText(plan.limits.orders_per_month),
      staff_users: limitText(plan.limits.staff_users),
    },
    features: { pay_on_delivery: plan.features.pay_on_delivery ?? false, sales_reports: plan.features.sales_reports ?? false },
  };
}

/** An empty limit means "no limit" (null), never zero. */
function limitValue(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : Number(trimmed);
}

/** Retailer plans limit orders a month, wholesaler plans active products; both limit staff. */
export function limitsFor(audience: PlanFormValues["audience"]): readonly (keyof PlanFormValues["limits"])[] {
  return audience === "retailer" ? ["orders_per_month", "staff_users"] : ["active_products", "staff_users"];
}

function limitsOf(values: PlanFormValues): Record<string, number | null> {
  return Object.fromEntries(limitsFor(values.audience).map((name) => [name, limitValue(values.limits[name])]));
}

/** Payment on delivery and sales reports are wholesaler features. */
function featuresOf(values: PlanFormValues): PlanFormValues["features"] {
  return values.audience === "wholesaler" ? values.features : { pay_on_delivery: false, sales_reports: false };
}

export function formToCreate(values: PlanFormValues): PlanCreate {
  return {
    code: values.code.trim(),
    audience: values.audience,
    name: values.name.trim(),
    price_monthly: values.price_monthly.trim(),
    price_yearly: values.price_yearly.trim(),
    trial_days: Number(values.trial_days),
    limits: limitsOf(values),
    features: featuresOf(values),
  };
}

export function formToUpdate(values: PlanFormValues): PlanUpdate {
  return {
    name: values.name.trim(),
    price_monthly: values.price_monthly.trim(),
    price_yearly: values.price_yearly.trim(),
    trial_days: Number(values.trial_days),
    limits: limitsOf(values),
    features: featuresOf(values),
  };
}
