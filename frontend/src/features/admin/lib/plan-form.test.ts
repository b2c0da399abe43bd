import { describe, expect, it } from "vitest";
import type { Plan } from "../api/plans";
import { MONEY_INPUT, emptyPlanForm, formToCreate, formToUpdate, planToForm } from "./plan-form";

const PLAN: Plan = {
  id: "4b0c6a3e-0000-4000-8000-000000000001",
  code: "retailer-basic",
  audience: "retailer",
  name: "Basic",
  currency: "KES",
  price_monthly: "1500.00",
  price_yearly: "15000.00",
  trial_days: 14,
  status: "active",
  limits: { active_products: null, orders_per_month: 200, staff_users: 3 },
  features: { pay_on_delivery: true },
};

describe("the plan form", () => {
  it("shows a plan's limits, an unlimited one as an empty field", () => {
    const form = planToForm(PLAN);
    expect(form.limits).toEqual({ active_products: "", orders_per_month: "200", staff_users: "3" });
    expect(form.features).toEqual({ pay_on_delivery: true, sales_reports: false });
  });

  it("sends an empty limit as no limit, prices as the strings typed, and no wholesaler feature on a retailer plan", () => {
    const values = { ...planToForm(PLAN), price_monthly: " 1750.50 ", limits: { active_products: "", orders_per_month: "0", staff_users: "5" } };
    expect(formToUpdate(values)).toEqual({
      name: "Basic",
      price_monthly: "1750.50",
      price_yearly: "15000.00",
      trial_days: 14,
      limits: { orders_per_month: 0, staff_users: 5 },
      features: { pay_on_delivery: false, sales_reports: false },
    });
  });

  it("sends only the limits and features of the plan's audience", () => {
    const values = { ...emptyPlanForm(), audience: "wholesaler" as const, limits: { active_products: "500", orders_per_month: "9", staff_users: "" }, features: { pay_on_delivery: true, sales_reports: true } };
    expect(formToCreate(values).limits).toEqual({ active_products: 500, staff_users: null });
    expect(formToCreate(values).features).toEqual({ pay_on_delivery: true, sales_reports: true });
  });

  it("creates with the code and audience, which an edit never sends", () => {
    const values = { ...emptyPlanForm(), code: "wholesaler-gold", audience: "wholesaler" as const, name: "Gold", price_monthly: "5000", price_yearly: "50000" };
    const body = formToCreate(values);
    expect(body.code).toBe("wholesaler-gold");
    expect(body.audience).toBe("wholesaler");
    expect("code" in formToUpdate(values)).toBe(false);
  });

  it("accepts amounts with at most two decimals", () => {
    expect(MONEY_INPUT.test("1500")).toBe(true);
    expect(MONEY_INPUT.test("1500.5")).toBe(true);
    expect(MONEY_INPUT.test("1500.555")).toBe(false);
    expect(MONEY_INPUT.test("-1")).toBe(false);
    expect(MONEY_INPUT.test("1e3")).toBe(false);
  });
});
