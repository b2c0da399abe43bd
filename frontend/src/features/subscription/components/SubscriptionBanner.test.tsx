import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { renderWithProviders } from "@/test/render";
import { bannerState } from "../lib/banner";
import { SubscriptionBannerView } from "./SubscriptionBanner";

type Subscription = components["schemas"]["SubscriptionOut"];

const INVOICE: components["schemas"]["InvoiceOut"] = {
  id: "inv-1",
  number: "SUB-000042",
  kind: "renewal",
  status: "open",
  description: "Basic plan, monthly",
  plan_code: "retailer-basic",
  plan_name: "Basic",
  interval: "month",
  period_start: "2026-12-01T00:00:00Z",
  period_end: "2027-01-01T00:00:00Z",
  amount: "500.00",
  currency: "KES",
  created_at: "2026-12-01T00:00:00Z",
  paid_at: null,
  voided_at: null,
};

function subscription(status: Subscription["status"]): Subscription {
  return {
    id: "sub-1",
    status,
    in_good_standing: status === "active" || status === "trialing",
    plan: {
      id: "plan-1",
      code: "retailer-basic",
      name: "Basic",
      audience: "retailer",
      status: "active",
      currency: "KES",
      price_monthly: "500.00",
      price_yearly: "5000.00",
      trial_days: 14,
      limits: { orders_per_month: 30, staff_users: 2 },
      features: { pay_on_delivery: false, sales_reports: false },
    },
    interval: "month",
    current_period_start: "2026-12-01T00:00:00Z",
    current_period_end: "2027-01-01T00:00:00Z",
    trial_end: null,
    cancel_at_period_end: false,
    ended_at: null,
    next_charge: null,
    scheduled_change: null,
    open_invoice: status === "past_due" || status === "suspended" ? INVOICE : null,
    next_retry_at: null,
    grace_ends_at: status === "past_due" ? "2026-12-08T00:00:00Z" : null,
    provider: "mpesa",
    payer_phone: "+254712345678",
    created_at: "2026-11-01T00:00:00Z",
  };
}

describe("the subscription banner", () => {
  it("shows only while the subscription is in grace or suspended", () => {
    for (const status of ["trialing", "active", "incomplete", "cancelled", "expired"] as const) {
      expect(bannerState(subscription(status), "owner")).toBeNull();
    }
    expect(bannerState(null, "owner")).toBeNull();
    expect(bannerState(subscription("past_due"), "owner")).toMatchObject({ kind: "past_due", canPay: true });
    expect(bannerState(subscription("suspended"), "staff")).toMatchObject({ kind: "suspended", canPay: false });
  });

  it("tells an owner in grace until when ordering works, what is due, and links to paying it", () => {
    const state = bannerState(subscription("past_due"), "owner");
    if (!state) throw new Error("expected a banner");
    renderWithProviders(<SubscriptionBannerView state={state} />);
    const banner = screen.getByRole("region", { name: "Subscription" });
    expect(banner).toHaveTextContent("Your subscription payment is overdue.");
    expect(banner).toHaveTextContent(/Pay to keep ordering after 8 Dec 2026/);
    expect(banner).toHaveTextContent(/Amount due: Ksh\s500\.00/);
    expect(screen.getByRole("link", { name: "Pay now" })).toHaveAttribute("href", "/subscription#open-invoice");
  });

  it("tells staff of a suspended business to ask the owner, without a payment link", () => {
    const state = bannerState(subscription("suspended"), "staff");
    if (!state) throw new Error("expected a banner");
    renderWithProviders(<SubscriptionBannerView state={state} />);
    expect(screen.getByRole("region", { name: "Subscription" })).toHaveTextContent(
      "Ordering is paused until the open invoice is paid.",
    );
    expect(screen.getByText(/Ask your business owner to pay it\./)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Pay now" })).toBeNull();
  });
});
