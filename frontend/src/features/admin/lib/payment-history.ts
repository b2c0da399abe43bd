import type { components } from "@/lib/api-types";

type Detail = components["schemas"]["AdminPaymentDetail"];

export type PaymentEvent =
  | { kind: "request"; at: string; key: string; request: Detail["requests"][number] }
  | { kind: "message"; at: string; key: string; message: Detail["provider_messages"][number] }
  | { kind: "action"; at: string; key: string; action: Detail["actions"][number] };

/**
 * The payment's requests to the provider, the provider's messages and the staff's actions as one
 * history, oldest first, so a person resolving it reads what happened in order. Events at the
 * same instant keep the order request, message, action (what we asked, what came back, what
 * staff did).
 */
export function paymentHistory(detail: Pick<Detail, "requests" | "provider_messages" | "actions">): PaymentEvent[] {
  const events: PaymentEvent[] = [
    ...detail.requests.map((request) => ({ kind: "request" as const, at: request.requested_at, key: `r${request.number}`, request })),
    ...detail.provider_messages.map((message) => ({ kind: "message" as const, at: message.received_at, key: `m${message.id}`, message })),
    ...detail.actions.map((action, index) => ({ kind: "action" as const, at: action.created_at, key: `a${index}`, action })),
  ];
  return events
    .map((event, index) => ({ event, index, time: Date.parse(event.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ event }) => event);
}

/** A JSON object of notes or details as `key: value` pairs on one line (nested values as JSON). */
export function entriesText(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}
