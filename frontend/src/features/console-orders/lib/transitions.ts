import { fromCents, toCents } from "@/lib/money";
import type { BulkTransitionResult, Order, OrderStatus, TransitionTarget } from "../api/types";

/** What a wholesaler may do to an order, as the API's state machine (`orders/state.py`) allows. */
export type OrderAction = "accept" | "pack" | "dispatch" | "deliver" | "cancel";

const ACTIONS: Partial<Record<OrderStatus, readonly OrderAction[]>> = {
  placed: ["accept", "cancel"],
  accepted: ["pack", "dispatch", "cancel"],
  packed: ["dispatch"],
  dispatched: ["deliver"],
};

export function actionsFor(status: OrderStatus): readonly OrderAction[] {
  return ACTIONS[status] ?? [];
}

/** An accepted order can only be cancelled with a reason the retailer reads. */
export function cancelNeedsReason(status: OrderStatus): boolean {
  return status === "accepted";
}

/**
 * The moves that take an order of `status` where a bulk action leads, or null when the
 * action does not apply. Dispatching an accepted order packs it first: the state machine
 * goes through packed, and nobody loading a lorry wants two rounds of taps.
 */
export function stepsTo(status: OrderStatus, action: "accept" | "dispatch"): TransitionTarget[] | null {
  if (action === "accept") return status === "placed" ? ["accepted"] : null;
  if (status === "accepted") return ["packed", "dispatched"];
  if (status === "packed") return ["dispatched"];
  return null;
}

/**
 * One result per order from the rounds of a bulk action: an order's last answer, unless an
 * earlier round already failed it (a later round then never asked about it).
 */
export function mergeRounds(rounds: readonly (readonly BulkTransitionResult[])[]): BulkTransitionResult[] {
  const merged = new Map<string, BulkTransitionResult>();
  for (const round of rounds) {
    for (const result of round) {
      const before = merged.get(result.id);
      if (before && !before.ok) continue;
      merged.set(result.id, result);
    }
  }
  return [...merged.values()];
}

const COLLECTABLE: ReadonlySet<OrderStatus> = new Set(["accepted", "packed", "dispatched", "delivered", "completed"]);

/** What is still to collect on a pay-on-delivery order, as a decimal string ("0.00" when nothing). */
export function outstanding(order: Pick<Order, "total" | "amount_collected">): string {
  return fromCents(Math.max(0, toCents(order.total) - toCents(order.amount_collected)));
}

export function canRecordCollection(order: Order): boolean {
  return order.payment_method === "pay_on_delivery" && COLLECTABLE.has(order.status) && toCents(outstanding(order)) > 0;
}

/** A day counted from `now` where the device is, as yyyy-mm-dd (the API's dates). */
export function localDay(offsetDays = 0, now: Date = new Date()): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** The usual expected delivery of a lorry leaving today. */
export function tomorrow(now: Date = new Date()): string {
  return localDay(1, now);
}
