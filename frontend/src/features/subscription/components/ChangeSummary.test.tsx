import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { renderWithProviders } from "@/test/render";
import { previewChange } from "../lib/change-preview";
import { ChangeSummary } from "./ChangeSummary";

type Plan = components["schemas"]["PlanOut"];

function plan(code: string, name: string, monthly: string): Plan {
  return {
    id: code,
    code,
    name,
    audience: "retailer",
    status: "active",
    currency: "KES",
    price_monthly: monthly,
    price_yearly: "0.00",
    trial_days: 0,
    limits: {},
    features: { pay_on_delivery: false, sales_reports: false },
  };
}

const BASIC = plan("retailer-basic", "Basic", "1000.00");
const PRO = plan("retailer-pro", "Pro", "2500.00");

const SUBSCRIPTION: components["schemas"]["SubscriptionOut"] = {
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
  created_at: "2026-11-01T00:00:00Z",
};

describe("the plan change summary", () => {
  it("shows an upgrade's prorated charge, the phone asked and the price after, before confirming", () => {
    const preview = previewChange(SUBSCRIPTION, PRO, "month", new Date("2026-12-16T00:00:00Z"));
    renderWithProviders(<ChangeSummary preview={preview} subscription={SUBSCRIPTION} plan={PRO} interval="month" />);
    expect(screen.getByTestId("proration")).toHaveTextContent(
      /^You pay Ksh\s750\.00 today for the rest of this period, until 31 Dec 2026\.$/,
    );
    expect(screen.getByText(/The request goes to \+254712345678\./)).toHaveTextContent(/Then Ksh\s2,500\.00 a month\./);
  });

  it("says a downgrade waits for the period's end and charges nothing now", () => {
    const subscription = { ...SUBSCRIPTION, plan: PRO };
    const preview = previewChange(subscription, BASIC, "month", new Date("2026-12-16T00:00:00Z"));
    renderWithProviders(<ChangeSummary preview={preview} subscription={subscription} plan={BASIC} interval="month" />);
    expect(screen.getByRole("status")).toHaveTextContent("Applies when this period ends");
    expect(screen.getByRole("status")).toHaveTextContent(
      /The change happens on 31 Dec 2026\. Nothing is charged today; from then you pay Ksh\s1,000\.00 a month\./,
    );
    expect(screen.queryByTestId("proration")).toBeNull();
  });
});
