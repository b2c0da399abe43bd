import { describe, expect, it } from "vitest";
import {
  GIVE_UP_AFTER_MS,
  PHONE_PROMPT_MS,
  POLL_FAST_MS,
  POLL_SLOW_MS,
  type Observation,
  knownReason,
  paymentState,
  pollInterval,
} from "./payment-state";
import { payment } from "./sample-payment";

const heard = { pollFailed: false, watchedForMs: 5_000 } satisfies Partial<Observation>;

describe("what the payer is told about a payment", () => {
  it("asks to approve on the phone while the prompt is fresh", () => {
    expect(paymentState({ payment: payment(), ...heard })).toEqual({ kind: "approve" });
    expect(paymentState({ payment: undefined, ...heard })).toEqual({ kind: "approve" });
  });

  it("says 'still confirming', never 'failed', when the answer is not known", () => {
    expect(paymentState({ payment: payment({ next_action: "wait" }), ...heard })).toEqual({ kind: "confirming" });
    expect(paymentState({ payment: payment({ status: "needs_review", next_action: "none" }), ...heard })).toEqual({
      kind: "confirming",
    });
  });

  it("says 'still confirming' after a failed poll or a phone silent for too long", () => {
    expect(paymentState({ payment: payment(), pollFailed: true, watchedForMs: 0 })).toEqual({ kind: "confirming" });
    expect(paymentState({ payment: undefined, pollFailed: true, watchedForMs: 0 })).toEqual({ kind: "confirming" });
    expect(paymentState({ payment: payment(), pollFailed: false, watchedForMs: PHONE_PROMPT_MS + 1 })).toEqual({
      kind: "confirming",
    });
  });

  it("offers a retry only where the API allows one", () => {
    const failed = { status: "failed", failure_reason: "insufficient_funds" } as const;
    expect(paymentState({ payment: payment({ ...failed, can_retry: true, next_action: "retry" }), ...heard })).toEqual({
      kind: "failed",
      canRetry: true,
    });
    expect(paymentState({ payment: payment({ ...failed, can_retry: false, next_action: "none" }), ...heard })).toEqual({
      kind: "failed",
      canRetry: false,
    });
  });

  it("ends confirmed, late or refunded from the payment's status, even after a failed poll", () => {
    const settled = { pollFailed: true, watchedForMs: PHONE_PROMPT_MS + 1 };
    expect(paymentState({ payment: payment({ status: "succeeded", next_action: "none" }), ...settled })).toEqual({
      kind: "confirmed",
    });
    expect(paymentState({ payment: payment({ status: "succeeded", late: true, next_action: "none" }), ...settled })).toEqual({
      kind: "late",
    });
    expect(paymentState({ payment: payment({ status: "partially_refunded", next_action: "none" }), ...settled })).toEqual({
      kind: "refunded",
    });
  });
});

describe("how often a payment is asked about", () => {
  it("polls a pending payment fast, slower after a minute, and gives up after ten minutes", () => {
    expect(pollInterval(payment(), 0)).toBe(POLL_FAST_MS);
    expect(pollInterval(payment({ next_action: "wait" }), 90_000)).toBe(POLL_SLOW_MS);
    expect(pollInterval(payment(), GIVE_UP_AFTER_MS)).toBe(false);
  });

  it("keeps asking after a failed poll (no payment read yet), within the same ten minutes", () => {
    expect(pollInterval(undefined, 0)).toBe(POLL_FAST_MS);
    expect(pollInterval(undefined, GIVE_UP_AFTER_MS)).toBe(false);
  });

  it("stops once the payment is settled or in review", () => {
    expect(pollInterval(payment({ status: "succeeded", next_action: "none" }), 0)).toBe(false);
    expect(pollInterval(payment({ status: "failed", next_action: "retry", can_retry: true }), 0)).toBe(false);
    expect(pollInterval(payment({ status: "needs_review", next_action: "none" }), 0)).toBe(false);
  });
});

describe("the failure reasons", () => {
  it("are the ones put in the reader's language, and nothing else", () => {
    expect(knownReason("insufficient_funds")).toBe("insufficient_funds");
    expect(knownReason("something_new")).toBeNull();
    expect(knownReason(null)).toBeNull();
  });
});
