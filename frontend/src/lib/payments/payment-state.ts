import type { Payment } from "./types";

/**
 * What the payer is told about a payment, and how often we ask the API about it.
 *
 * The rule: money is never "failed" while we do not know. A payment is "failed" only when the
 * API says it failed. Everything else that is not settled is "confirming" (still confirming, do
 * not pay again): a pending payment the provider no longer asks about, one in review, an answer
 * we could not get (the last poll failed), and a phone that stayed silent past PHONE_PROMPT_MS.
 * "approve" (check your phone) is shown only while the prompt is fresh and we can hear the API.
 *
 * Polling: fast while the phone asks, slower after a minute, and not at all after ten minutes or
 * once the payment is settled or in review (a person decides those; the payer can still ask again
 * and is notified). A poll that failed is retried on the same schedule.
 */
export type PaymentState =
  | { kind: "approve" }
  | { kind: "confirming" }
  | { kind: "confirmed" }
  | { kind: "failed"; canRetry: boolean }
  | { kind: "late" }
  | { kind: "refunded" };

/** How long the phone's prompt is worth waiting for before we say we are still confirming. */
export const PHONE_PROMPT_MS = 2 * 60_000;

export interface Observation {
  payment: Payment | undefined;
  /** The last poll failed (no answer, or an error answer). */
  pollFailed: boolean;
  /** Since the payer started watching this payment. */
  watchedForMs: number;
}

export function paymentState({ payment, pollFailed, watchedForMs }: Observation): PaymentState {
  const phoneSilent = pollFailed || watchedForMs > PHONE_PROMPT_MS;
  if (!payment) return phoneSilent ? { kind: "confirming" } : { kind: "approve" };
  switch (payment.status) {
    case "pending":
      return payment.next_action === "approve_on_phone" && !phoneSilent ? { kind: "approve" } : { kind: "confirming" };
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

export function isUnsettled(state: PaymentState): boolean {
  return state.kind === "approve" || state.kind === "confirming";
}

export const POLL_FAST_MS = 2_000;
export const POLL_SLOW_MS = 5_000;
const FAST_FOR_MS = 60_000;
export const GIVE_UP_AFTER_MS = 10 * 60_000;

export function pollInterval(payment: Payment | undefined, watchedForMs: number): number | false {
  if (payment && payment.status !== "pending") return false;
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

export function knownReason(reason: string | null | undefined): FailureReason | null {
  return FAILURE_REASONS.find((known) => known === reason) ?? null;
}
