import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { priceOf, yearlySavingCents } from "./plan-price";

type Plan = components["schemas"]["PlanOut"];

function plan(monthly: string, yearly: string): Plan {
  return {
    id: "id-plan",
    code: "plan",
    name: "Plan",
    audience: "retailer",
    status: "active",
    currency: "KES",
    price_monthly: monthly,
    price_yearly: yearly,
    trial_days: 14,
    limits: {},
    features: { pay_on_delivery: false, sales_reports: false },
  };
}

describe("a plan's prices", () => {
  it("takes the price of the interval shown", () => {
    expect(priceOf(plan("1000.00", "10000.00"), "month")).toBe("1000.00");
    expect(priceOf(plan("1000.00", "10000.00"), "year")).toBe("10000.00");
  });

  it("says what paying yearly saves against twelve months", () => {
    expect(yearlySavingCents(plan("1000.00", "10000.00"))).toBe(200_000);
    expect(yearlySavingCents(plan("100.00", "1300.00"))).toBe(0);
  });
});
