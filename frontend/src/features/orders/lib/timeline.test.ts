import { describe, expect, it } from "vitest";
import { entry, order } from "../test/sample-order";
import { readStatus, retailerActions, timelineSteps } from "./timeline";

const keys = (steps: ReturnType<typeof timelineSteps>) => steps.map((step) => `${step.key}${step.done ? "✓" : ""}`);

describe("an order's timeline", () => {
  it("follows a mobile money order from payment to completion", () => {
    const paid = order({
      payment_method: "mobile_money",
      status: "dispatched",
      timeline: [
        entry("pending_payment", null, "2026-12-01T07:00:00Z", { actor: "retailer" }),
        entry("placed", "pending_payment", "2026-12-01T07:01:00Z", { actor: "system", note: "Payment received" }),
        entry("accepted", "placed", "2026-12-01T09:00:00Z"),
        entry("packed", "accepted", "2026-12-01T10:00:00Z"),
        entry("dispatched", "packed", "2026-12-02T06:00:00Z"),
      ],
    });
    const steps = timelineSteps(paid);
    expect(keys(steps)).toEqual(["placed✓", "paid✓", "accepted✓", "dispatched✓", "delivered", "completed"]);
    expect(steps[0]?.at).toBe("2026-12-01T07:00:00Z");
    expect(steps[1]?.at).toBe("2026-12-01T07:01:00Z");
  });

  it("shows the cash collected on delivery once all of it is in", () => {
    const delivered = {
      status: "delivered" as const,
      timeline: [entry("placed", null, "2026-12-01T07:00:00Z"), entry("delivered", "dispatched", "2026-12-02T12:00:00Z")],
    };
    expect(keys(timelineSteps(order({ ...delivered, amount_collected: "1000.00" })))).toContain("cashCollected");
    expect(keys(timelineSteps(order({ ...delivered, amount_collected: "3950.00" })))).toContain("cashCollected✓");
  });

  it("ends a cancelled order with the cancellation and its reason", () => {
    const cancelled = order({
      status: "cancelled",
      cancel_reason: "Ordered twice by mistake",
      timeline: [entry("placed", null, "2026-12-01T07:00:00Z"), entry("cancelled", "placed", "2026-12-01T08:00:00Z")],
    });
    const steps = timelineSteps(cancelled);
    expect(keys(steps)).toEqual(["placed✓", "cancelled✓"]);
    expect(steps[1]).toMatchObject({ at: "2026-12-01T08:00:00Z", note: "Ordered twice by mistake" });
  });

  it("offers only what the state machine allows the retailer", () => {
    expect(retailerActions(order({ status: "placed" }))).toMatchObject({ cancel: true, confirmReceipt: false });
    expect(retailerActions(order({ status: "accepted" }))).toMatchObject({ cancel: false, confirmReceipt: false });
    expect(retailerActions(order({ status: "delivered" }))).toMatchObject({ cancel: false, confirmReceipt: true });
    expect(retailerActions(order({ status: "pending_payment", invoice_number: null }))).toMatchObject({
      cancel: false,
      invoice: false,
    });
  });

  it("reads the status filter from the address, ignoring what it does not know", () => {
    expect(readStatus("delivered")).toBe("delivered");
    expect(readStatus("shipped")).toBeNull();
    expect(readStatus(null)).toBeNull();
  });
});
