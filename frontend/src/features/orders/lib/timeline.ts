import { toCents } from "@/lib/money";
import type { Order, OrderStatus, TimelineEntry } from "../api/types";

export type StepKey =
  | "placed"
  | "paid"
  | "accepted"
  | "dispatched"
  | "delivered"
  | "cashCollected"
  | "completed"
  | "cancelled";

export interface TimelineStep {
  key: StepKey;
  done: boolean;
  /** When it happened, where the API records it (the cash collected has no time of its own). */
  at: string | null;
  note: string | null;
}

function entryTo(timeline: readonly TimelineEntry[], status: OrderStatus, from?: OrderStatus): TimelineEntry | undefined {
  return timeline.find((entry) => entry.to_status === status && (from === undefined || entry.from_status === from));
}

function step(key: StepKey, entry: TimelineEntry | undefined): TimelineStep {
  return { key, done: entry !== undefined, at: entry?.at ?? null, note: entry?.note ?? null };
}

/**
 * The order's way from placed to completed, as the retailer follows it: paid (mobile money)
 * or cash collected (on delivery) in its place, each step with its time when it happened.
 * A cancelled order shows what happened before, then the cancellation and its reason.
 */
export function timelineSteps(order: Order): TimelineStep[] {
  const { timeline } = order;
  const first = timeline.find((entry) => entry.from_status === null) ?? timeline[0];
  const placed: TimelineStep = { key: "placed", done: true, at: first?.at ?? order.created_at, note: null };
  const collected = toCents(order.amount_collected) > 0 && toCents(order.amount_collected) >= toCents(order.total);
  const cashCollected: TimelineStep = { key: "cashCollected", done: collected, at: null, note: null };
  const steps: TimelineStep[] = [
    placed,
    ...(order.payment_method === "mobile_money" ? [step("paid", entryTo(timeline, "placed", "pending_payment"))] : []),
    step("accepted", entryTo(timeline, "accepted")),
    step("dispatched", entryTo(timeline, "dispatched")),
    step("delivered", entryTo(timeline, "delivered")),
    ...(order.payment_method === "pay_on_delivery" ? [cashCollected] : []),
    step("completed", entryTo(timeline, "completed")),
  ];
  if (order.status !== "cancelled") return steps;
  const cancelled = entryTo(timeline, "cancelled");
  return [
    ...steps.filter((candidate) => candidate.done),
    { key: "cancelled", done: true, at: cancelled?.at ?? null, note: order.cancel_reason ?? cancelled?.note ?? null },
  ];
}

/** What the retailer may do to the order now (the API's state machine decides; these mirror it). */
export function retailerActions(order: Order) {
  return {
    cancel: order.status === "placed",
    confirmReceipt: order.status === "delivered",
    invoice: order.invoice_number !== null,
    reorder: order.lines.length > 0,
  };
}

export const STATUS_FILTERS: readonly OrderStatus[] = [
  "pending_payment",
  "placed",
  "accepted",
  "packed",
  "dispatched",
  "delivered",
  "completed",
  "cancelled",
];

export function readStatus(value: string | null): OrderStatus | null {
  return STATUS_FILTERS.find((status) => status === value) ?? null;
}
