import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { BillingErrorSummary } from "./BillingErrorSummary";

describe("a billing refusal", () => {
  it("names each limit the business is over, in the app's words", () => {
    const error = new ApiError(422, "usage_exceeds_plan", "Your current use exceeds the limits of that plan.", [
      { field: "staff_users", code: "over_limit", message: "You have 3 staff users; the Basic plan allows 2." },
    ]);
    render(<BillingErrorSummary error={error} unplaced={error.details} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Your business uses more than that plan allows.");
    expect(alert).toHaveTextContent("You use more staff accounts than that plan allows. Reduce it first, or choose a bigger plan.");
  });

  it("says what to do about a payment already waiting on the phone", () => {
    render(<BillingErrorSummary error={new ApiError(409, "payment_in_progress", "A payment is already waiting.")} />);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "A payment for this invoice is already waiting for approval on the phone. Approve it, or wait a few minutes.",
    );
  });

  it("keeps the API's message for a code it does not know", () => {
    render(<BillingErrorSummary error={new ApiError(422, "something_new", "Something new happened.")} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Something new happened.");
  });
});
