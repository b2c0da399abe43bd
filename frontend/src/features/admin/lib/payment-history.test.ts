import { describe, expect, it } from "vitest";
import { entriesText, paymentHistory } from "./payment-history";

const request = (number: number, requested_at: string) => ({
  number,
  provider: "mpesa",
  reference: `ws_${number}`,
  payer_phone: "+254712345678",
  requested_at,
  outcome: null,
  closed_at: null,
});

const message = (id: string, received_at: string) => ({
  id,
  kind: "callback",
  provider: "mpesa",
  provider_transaction_id: null,
  reference: "ws_1",
  received_at,
  outcome: "processed",
  reason: null,
  result: "succeeded",
  amount: "1500.00",
  currency: "KES",
  receipt: "QK7B2X9ZPL",
  processed_at: received_at,
});

const action = (name: string, created_at: string) => ({ action: name, actor_user_id: null, created_at, details: {} });

describe("a payment's history", () => {
  it("puts requests, provider messages and staff actions in time order", () => {
    const history = paymentHistory({
      requests: [request(1, "2026-12-01T08:00:00Z"), request(2, "2026-12-01T09:00:00+03:00")],
      provider_messages: [message("m-1", "2026-12-01T08:00:30Z")],
      actions: [action("payment.retry", "2026-12-01T05:30:00Z")],
    });
    expect(history.map((event) => event.key)).toEqual(["a0", "r2", "r1", "mm-1"]);
  });

  it("keeps request, message, action at the same instant and is empty for a payment with none", () => {
    const at = "2026-12-01T08:00:00Z";
    const history = paymentHistory({ requests: [request(1, at)], provider_messages: [message("m-1", at)], actions: [action("payment.resolve", at)] });
    expect(history.map((event) => event.kind)).toEqual(["request", "message", "action"]);
    expect(paymentHistory({ requests: [], provider_messages: [], actions: [] })).toEqual([]);
  });
});

describe("notes and details on one line", () => {
  it("writes strings as they are, other values as JSON, nothing for an empty object", () => {
    expect(entriesText({ reason: "amount_mismatch", charged: 1500, verified: { by: "statement" } })).toBe(
      'reason: amount_mismatch · charged: 1500 · verified: {"by":"statement"}',
    );
    expect(entriesText({})).toBe("");
  });
});
