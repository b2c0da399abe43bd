import type { Payment } from "../api/types";

/**
 * What the payment page shows. A payment is only "failed" when the API says it failed;
 * a pending payment whose answer we could not read, or one in review, is "confirming":
 * the money may have left the phone, so the retailer is never told to pay again.
 */
export type PaymentState =
  | { kind: "approve" }
  | { kind: "confirming" }
  | { kind: "confirmed" }
  | { kind: "failed"; canRetry: boolean }
  | { kind: "late" }
  | { kind: "refunded" };

export function paymentState(payment: Payment): PaymentState {
  switch (payment.status) {
    case "pending":
      return payment.next_action === "approve_on_phone" ? { kind: "approve" } : { kind: "confirming" };
    case "needs_review":
      return { kind: "confirming" };
    case "succeeded":
      return payment.late ? { kind: "late" } : { kind: "confirmed" };
    case "failed":
      return { kind: "failed", canRetry: payment.can_retry && payment.next_action === "retry" };
    case "refunded":
    case "partially_refunded":
      return { kind: "refunded" };
  }
}

/** Asked often while the phone is asking, less often after a minute, not at all after ten. */
export const POLL_FAST_MS = 2_000;
export const POLL_SLOW_MS = 5_000;
const FAST_FOR_MS = 60_000;
export const GIVE_UP_AFTER_MS = 10 * 60_000;

export function pollInterval(payment: Payment | undefined, watchedForMs: number): number | false {
  if (!payment) return false;
  const { kind } = paymentState(payment);
  if (kind !== "approve" && kind !== "confirming") return false;
  if (payment.status === "needs_review") return false;
  if (watchedForMs >= GIVE_UP_AFTER_MS) return false;
  return watchedForMs < FAST_FOR_MS ? POLL_FAST_MS : POLL_SLOW_MS;
}

export const FAILURE_REASONS = [
  "cancelled_by_user",
  "insufficient_funds",
  "wrong_pin",
  "timeout",
  "unreachable",
  "payer_busy",
  "payer_not_found",
  "limit_reached",
  "account_blocked",
  "declined",
  "request_rejected",
  "provider_unavailable",
  "expired",
  "unknown",
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

export function knownReason(reason: string | null): FailureReason | null {
  return FAILURE_REASONS.find((known) => known === reason) ?? null;
}
