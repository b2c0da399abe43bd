import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { PHONE_PROMPT_MS, paymentPhase } from "./payment-phase";

type Payment = components["schemas"]["PaymentOut"];

function payment(overrides: Partial<Payment>): Payment {
  return {
    id: "pay-1",
    purpose: "subscription",
    method: "mobile_money",
    provider: "sandbox",
    status: "pending",
    amount: "500.00",
    charged_amount: "500.00",
    currency: "KES",
    payer_phone: "+254712345670",
    receipt: null,
    failure_reason: null,
    failure_message: null,
    late: false,
    attempts: 1,
    can_retry: false,
    retry_until: null,
    next_action: "approve_on_phone",
    message: "",
    orders: [],
    refunds: [],
    created_at: "2026-12-03T10:00:00Z",
    settled_at: null,
    ...overrides,
  };
}

describe("what the payer is told about a payment", () => {
  it("asks to approve on the phone while the prompt is fresh", () => {
    expect(paymentPhase({ payment: payment({}), pollFailed: false, elapsedMs: 5_000 })).toBe("waiting_on_phone");
  });

  it("says 'still confirming', never 'failed', when the answer is unknown", () => {
    expect(paymentPhase({ payment: payment({ next_action: "wait" }), pollFailed: false, elapsedMs: 0 })).toBe("confirming");
    expect(paymentPhase({ payment: payment({ status: "needs_review", next_action: "none" }), pollFailed: false, elapsedMs: 0 })).toBe(
      "confirming",
    );
    expect(paymentPhase({ payment: payment({}), pollFailed: true, elapsedMs: 0 })).toBe("confirming");
    expect(paymentPhase({ payment: payment({}), pollFailed: false, elapsedMs: PHONE_PROMPT_MS + 1 })).toBe("confirming");
    expect(paymentPhase({ payment: undefined, pollFailed: true, elapsedMs: 0 })).toBe("confirming");
  });

  it("ends confirmed, failed or refunded from the payment's status", () => {
    expect(paymentPhase({ payment: payment({ status: "succeeded", next_action: "none" }), pollFailed: true, elapsedMs: 0 })).toBe("confirmed");
    expect(paymentPhase({ payment: payment({ status: "failed", next_action: "none" }), pollFailed: false, elapsedMs: 0 })).toBe("failed");
    expect(paymentPhase({ payment: payment({ status: "partially_refunded" }), pollFailed: false, elapsedMs: 0 })).toBe("refunded");
  });
});
