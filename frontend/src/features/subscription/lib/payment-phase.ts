import type { components } from "@/lib/api-types";

type Payment = components["schemas"]["PaymentOut"];

/**
 * What the payer is told about a payment. Money is never "failed" while we do not know:
 * an answer we could not get, or a phone that stays silent, is "still confirming".
 */
export type PaymentPhase = "waiting_on_phone" | "confirming" | "confirmed" | "failed" | "refunded";

/** How long the phone's prompt is worth waiting for before we say we are still confirming. */
export const PHONE_PROMPT_MS = 2 * 60_000;

export function isSettled(payment: Payment): boolean {
  return payment.status !== "pending" && payment.status !== "needs_review";
}

interface PhaseInput {
  payment: Payment | undefined;
  /** The last poll failed (no answer, or an error answer). */
  pollFailed: boolean;
  elapsedMs: number;
}

export function paymentPhase({ payment, pollFailed, elapsedMs }: PhaseInput): PaymentPhase {
  if (!payment) return pollFailed || elapsedMs > PHONE_PROMPT_MS ? "confirming" : "waiting_on_phone";
  switch (payment.status) {
    case "succeeded":
      return "confirmed";
    case "failed":
      return "failed";
    case "refunded":
    case "partially_refunded":
      return "refunded";
    case "needs_review":
      return "confirming";
    case "pending":
      if (payment.next_action !== "approve_on_phone" || pollFailed || elapsedMs > PHONE_PROMPT_MS) return "confirming";
      return "waiting_on_phone";
  }
}
