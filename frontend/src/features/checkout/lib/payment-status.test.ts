import { describe, expect, it } from "vitest";
import { payment } from "../test/sample-payment";
import { GIVE_UP_AFTER_MS, POLL_FAST_MS, POLL_SLOW_MS, knownReason, paymentState, pollInterval } from "./payment-status";

describe("what the payment page shows", () => {
  it("asks to approve on the phone while the provider is asking", () => {
    expect(paymentState(payment())).toEqual({ kind: "approve" });
  });

  it("never calls a payment failed when the answer is not known", () => {
    expect(paymentState(payment({ next_action: "wait" }))).toEqual({ kind: "confirming" });
    expect(paymentState(payment({ status: "needs_review", next_action: "none" }))).toEqual({ kind: "confirming" });
  });

  it("offers a retry only where the API allows one", () => {
    const failed = { status: "failed", failure_reason: "insufficient_funds" } as const;
    expect(paymentState(payment({ ...failed, can_retry: true, next_action: "retry" }))).toEqual({
      kind: "failed",
      canRetry: true,
    });
    expect(paymentState(payment({ ...failed, can_retry: false, next_action: "none" }))).toEqual({
      kind: "failed",
      canRetry: false,
    });
  });

  it("confirms a payment that succeeded, and tells a late one apart", () => {
    expect(paymentState(payment({ status: "succeeded", next_action: "none" }))).toEqual({ kind: "confirmed" });
    expect(paymentState(payment({ status: "succeeded", late: true, next_action: "none" }))).toEqual({ kind: "late" });
    expect(paymentState(payment({ status: "refunded", next_action: "none" }))).toEqual({ kind: "refunded" });
  });

  it("polls a pending payment, slower after a minute, and stops once it is settled or after ten minutes", () => {
    expect(pollInterval(payment(), 0)).toBe(POLL_FAST_MS);
    expect(pollInterval(payment({ next_action: "wait" }), 90_000)).toBe(POLL_SLOW_MS);
    expect(pollInterval(payment(), GIVE_UP_AFTER_MS)).toBe(false);
    expect(pollInterval(payment({ status: "succeeded", next_action: "none" }), 0)).toBe(false);
    expect(pollInterval(payment({ status: "failed", next_action: "retry", can_retry: true }), 0)).toBe(false);
    expect(pollInterval(undefined, 0)).toBe(false);
  });

  it("knows the reasons it can put in the reader's language", () => {
    expect(knownReason("insufficient_funds")).toBe("insufficient_funds");
    expect(knownReason("something_new")).toBeNull();
    expect(knownReason(null)).toBeNull();
  });
});
