import { describe, expect, it } from "vitest";
import { order } from "@/features/orders/test/sample-order";
import type { BulkTransitionResult } from "../api/types";
import { actionsFor, canRecordCollection, cancelNeedsReason, localDay, mergeRounds, outstanding, stepsTo, tomorrow } from "./transitions";

function result(id: string, ok: boolean, status: BulkTransitionResult["status"]): BulkTransitionResult {
  return { id, number: `ORD-${id}`, ok, status, changed: ok, error: ok ? null : { code: "invalid_transition", message: "No" } };
}

describe("what a wholesaler may do to an order", () => {
  it("follows the state machine", () => {
    expect(actionsFor("placed")).toEqual(["accept", "cancel"]);
    expect(actionsFor("accepted")).toEqual(["pack", "dispatch", "cancel"]);
    expect(actionsFor("packed")).toEqual(["dispatch"]);
    expect(actionsFor("dispatched")).toEqual(["deliver"]);
    expect(actionsFor("delivered")).toEqual([]);
    expect(actionsFor("pending_payment")).toEqual([]);
    expect(cancelNeedsReason("accepted")).toBe(true);
    expect(cancelNeedsReason("placed")).toBe(false);
  });

  it("packs an accepted order on its way to dispatch, and says when an action does not apply", () => {
    expect(stepsTo("accepted", "dispatch")).toEqual(["packed", "dispatched"]);
    expect(stepsTo("packed", "dispatch")).toEqual(["dispatched"]);
    expect(stepsTo("placed", "dispatch")).toBeNull();
    expect(stepsTo("placed", "accept")).toEqual(["accepted"]);
    expect(stepsTo("accepted", "accept")).toBeNull();
  });

  it("reports each order once: its last answer, or the round that failed it", () => {
    const packRound = [result("1", true, "packed"), result("2", false, "cancelled")];
    const dispatchRound = [result("1", true, "dispatched"), result("3", true, "dispatched")];
    expect(mergeRounds([packRound, dispatchRound]).map((one) => [one.id, one.ok, one.status])).toEqual([
      ["1", true, "dispatched"],
      ["2", false, "cancelled"],
      ["3", true, "dispatched"],
    ]);
  });

  it("offers to record money only on a pay-on-delivery order with money outstanding", () => {
    const accepted = order({ status: "accepted", total: "3950.00", amount_collected: "1000.00" });
    expect(outstanding(accepted)).toBe("2950.00");
    expect(canRecordCollection(accepted)).toBe(true);
    expect(canRecordCollection(order({ status: "placed" }))).toBe(false);
    expect(canRecordCollection(order({ status: "delivered", amount_collected: "3950.00" }))).toBe(false);
    expect(canRecordCollection(order({ status: "delivered", payment_method: "mobile_money" }))).toBe(false);
    expect(outstanding(order({ total: "10.00", amount_collected: "12.00" }))).toBe("0.00");
  });

  it("counts days where the device is", () => {
    const lateEvening = new Date(2026, 11, 31, 23, 30);
    expect(localDay(0, lateEvening)).toBe("2026-12-31");
    expect(tomorrow(lateEvening)).toBe("2027-01-01");
  });
});
