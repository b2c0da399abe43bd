import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { renderWithProviders } from "@/test/render";
import type { ChangePreview } from "../api/subscription";
import { ChangeSummary } from "./ChangeSummary";

type Plan = components["schemas"]["PlanOut"];

const BASIC: Plan = {
  id: "basic",
  code: "retailer-basic",
  name: "Basic",
  audience: "retailer",
  status: "active",
  currency: "KES",
  price_monthly: "1000.00",
  price_yearly: "10000.00",
  trial_days: 0,
  limits: {},
  features: { pay_on_delivery: false, sales_reports: false },
};

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

function preview(overrides: Partial<ChangePreview>): ChangePreview {
  return {
    outcome: "upgrade_now",
    applies: "now",
    effective_at: "2026-12-16T00:00:00Z",
    charge_now: "0.00",
    new_price: "2500.00",
    currency: "KES",
    plan_code: "retailer-pro",
    interval: "month",
    warnings: [],
    ...overrides,
  };
}

describe("the plan change summary", () => {
  it("shows the API's upgrade charge, the phone asked and the price after, before confirming", () => {
    renderWithProviders(<ChangeSummary preview={preview({ charge_now: "741.94" })} subscription={SUBSCRIPTION} />);
    expect(screen.getByTestId("proration")).toHaveTextContent(
      /^You pay Ksh\s741\.94 today for the rest of this period, until 31 Dec 2026\.$/,
    );
    expect(screen.getByText(/The request goes to \+254712345678\./)).toHaveTextContent(/Then Ksh\s2,500\.00 a month\./);
  });

  it("says a change at the period's end charges nothing now, with the new price of its interval", () => {
    const later = preview({
      outcome: "at_period_end",
      applies: "period_end",
      effective_at: "2026-12-31T00:00:00Z",
      new_price: "10000.00",
      interval: "year",
    });
    renderWithProviders(<ChangeSummary preview={later} subscription={SUBSCRIPTION} />);
    expect(screen.getByRole("status")).toHaveTextContent("Applies when this period ends");
    expect(screen.getByRole("status")).toHaveTextContent(
      /The change happens on 31 Dec 2026\. Nothing is charged today; from then you pay Ksh\s10,000\.00 a year\./,
    );
    expect(screen.queryByTestId("proration")).toBeNull();
  });

  it("says nothing is charged during a trial and that a return to the plan withdraws the scheduled change", () => {
    const { unmount } = renderWithProviders(
      <ChangeSummary preview={preview({ outcome: "now_in_trial" })} subscription={SUBSCRIPTION} />,
    );
    expect(screen.getByRole("status")).toHaveTextContent(/nothing is charged today\. After the trial: Ksh\s2,500\.00 a month\./);
    unmount();
    renderWithProviders(
      <ChangeSummary preview={preview({ outcome: "withdraw_scheduled" })} subscription={SUBSCRIPTION} />,
    );
    expect(screen.getByRole("status")).toHaveTextContent("the change you scheduled is cancelled");
  });
});
