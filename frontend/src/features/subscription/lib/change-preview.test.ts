import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { previewChange, yearlySavingCents } from "./change-preview";
import { proratedChargeCents } from "./proration";

type Plan = components["schemas"]["PlanOut"];
type Subscription = components["schemas"]["SubscriptionOut"];

function plan(code: string, monthly: string, yearly: string): Plan {
  return {
    id: `id-${code}`,
    code,
    name: code,
    audience: "retailer",
    status: "active",
    currency: "KES",
    price_monthly: monthly,
    price_yearly: yearly,
    trial_days: 14,
    limits: { orders_per_month: 30, staff_users: 2, active_products: null },
    features: { pay_on_delivery: false, sales_reports: false },
  };
}

const BASIC = plan("retailer-basic", "1000.00", "10000.00");
const PRO = plan("retailer-pro", "2500.00", "25000.00");

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: "sub-1",
    status: "active",
    in_good_standing: true,
    plan: BASIC,
    interval: "month",
    current_period_start: "2026-12-01T00:00:00Z",
    current_period_end: "2026-12-31T00:00:00Z",
    trial_end: null,
    cancel_at_period_end: false,
    ended_at: null,
    next_charge: null,
    scheduled_change: null,
    open_invoice: null,
    next_retry_at: null,
    grace_ends_at: null,
    provider: "mpesa",
    payer_phone: "+254712345678",
    created_at: "2026-12-01T00:00:00Z",
    ...overrides,
  };
}

describe("the prorated upgrade charge", () => {
  const period = { periodStart: "2026-12-01T00:00:00Z", periodEnd: "2026-12-31T00:00:00Z" };

  it("matches the API's worked examples", () => {
    expect(proratedChargeCents({ oldPrice: "1000.00", newPrice: "2500.00", ...period, now: new Date("2026-12-16T00:00:00Z") })).toBe(75_000);
    expect(
      proratedChargeCents({ oldPrice: "1000.00", newPrice: "2500.00", ...period, now: new Date("2026-12-21T00:00:00Z") }),
    ).toBe(50_000);
    expect(
      proratedChargeCents({
        oldPrice: "1000.00",
        newPrice: "2500.00",
        periodStart: "2026-12-01T00:00:00Z",
        periodEnd: "2027-01-01T00:00:00Z",
        now: new Date("2026-12-22T00:00:00Z"),
      }),
    ).toBe(48_387);
  });

  it("counts a started second as used and rounds half up to the cent", () => {
    const now = new Date(Date.parse("2026-12-16T00:00:00Z") - 500);
    expect(proratedChargeCents({ oldPrice: "0.00", newPrice: "0.03", ...period, now })).toBe(2);
    expect(proratedChargeCents({ oldPrice: "0.00", newPrice: "0.01", ...period, now: new Date("2026-12-16T00:00:00Z") })).toBe(1);
  });

  it("is nothing for a cheaper plan, after the period, or for a period with no length", () => {
    expect(proratedChargeCents({ oldPrice: "2500.00", newPrice: "1000.00", ...period, now: new Date("2026-12-16T00:00:00Z") })).toBe(0);
    expect(proratedChargeCents({ oldPrice: "1000.00", newPrice: "2500.00", ...period, now: new Date("2027-01-02T00:00:00Z") })).toBe(0);
    expect(
      proratedChargeCents({
        oldPrice: "1.00",
        newPrice: "2.00",
        periodStart: period.periodEnd,
        periodEnd: period.periodEnd,
        now: new Date("2026-12-16T00:00:00Z"),
      }),
    ).toBe(0);
  });

  it("stays exact where cents times seconds passes 2^53 (a large yearly difference)", () => {
    expect(
      proratedChargeCents({
        oldPrice: "0.00",
        newPrice: "9999999.99",
        periodStart: "2026-01-01T00:00:00Z",
        periodEnd: "2027-01-01T00:00:00Z",
        now: new Date("2026-07-02T12:00:00Z"),
      }),
    ).toBe(500_000_000);
  });
});

describe("what a plan change will do", () => {
  const now = new Date("2026-12-16T00:00:00Z");

  it("upgrades at once with the prorated charge on the same interval", () => {
    expect(previewChange(subscription(), PRO, "month", now)).toEqual({
      kind: "upgrade_now",
      chargeCents: 75_000,
      periodEnd: "2026-12-31T00:00:00Z",
    });
  });

  it("waits for the period's end for a cheaper plan or another interval", () => {
    expect(previewChange(subscription({ plan: PRO }), BASIC, "month", now)).toMatchObject({
      kind: "at_period_end",
      effectiveAt: "2026-12-31T00:00:00Z",
      nextPriceCents: 100_000,
    });
    expect(previewChange(subscription(), PRO, "year", now)).toMatchObject({ kind: "at_period_end", nextPriceCents: 2_500_000 });
  });

  it("applies at once without a charge during a trial", () => {
    expect(previewChange(subscription({ status: "trialing" }), PRO, "month", now)).toEqual({ kind: "now_in_trial" });
  });

  it("knows the current plan, and a return to it withdraws a scheduled change", () => {
    expect(previewChange(subscription(), BASIC, "month", now)).toEqual({ kind: "current" });
    const scheduled = subscription({
      scheduled_change: { plan: PRO, interval: "year", effective_at: "2026-12-31T00:00:00Z" },
    });
    expect(previewChange(scheduled, BASIC, "month", now)).toEqual({ kind: "withdraw" });
  });

  it("says what paying yearly saves against twelve months", () => {
    expect(yearlySavingCents(BASIC)).toBe(200_000);
    expect(yearlySavingCents(plan("dear", "100.00", "1300.00"))).toBe(0);
  });
});
