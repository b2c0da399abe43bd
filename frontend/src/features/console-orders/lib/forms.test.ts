import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { collectionBody, collectionSchema } from "./collection-form";
import { deliveryOptionsBody, deliveryOptionsSchema, deliveryOptionsValues, parseRegions } from "./delivery-options-form";
import { dispatchBody, dispatchSchema } from "./dispatch-form";
import { payoutAccountBody, payoutAccountSchema, payoutAccountValues } from "./payout-account-form";
import { MAX_PICK_LIST_ORDERS, pickListBatches, readPickListIds } from "./pick-list-ids";
import { documentProblem } from "./upload";

const t = ((key: string) => key) as unknown as TFunction<"consoleOrders">;

function orderIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
}

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("the dispatch form", () => {
  const schema = dispatchSchema(t, "2026-12-03");
  const valid = { driver_name: "Otieno", driver_phone: "0722 000 111", vehicle: " kda  123b ", expected_delivery_date: "2026-12-04" };

  it("sends a plate in capitals with single spaces, or none", () => {
    expect(schema.safeParse(valid).success).toBe(true);
    expect(dispatchBody(valid)).toEqual({
      driver_name: "Otieno",
      driver_phone: "0722 000 111",
      vehicle: "KDA 123B",
      expected_delivery_date: "2026-12-04",
    });
    expect(dispatchBody({ ...valid, vehicle: "  " }).vehicle).toBeNull();
  });

  it("refuses what the API refuses: no driver, a bad plate, a day gone by", () => {
    const result = schema.safeParse({ driver_name: " ", driver_phone: "12", vehicle: "#1", expected_delivery_date: "2026-12-02" });
    expect(issues(result)).toEqual([
      "driver_name: validation.required",
      "driver_phone: validation.phone",
      "vehicle: validation.plate",
      "expected_delivery_date: validation.notPast",
    ]);
  });
});

describe("the collection form", () => {
  const schema = collectionSchema(t, "2950.00");

  it("takes up to what is outstanding, as a two-place decimal", () => {
    expect(schema.safeParse({ amount: "2950", method: "cash", reference: "" }).success).toBe(true);
    expect(collectionBody({ amount: "2950", method: "cash", reference: " " })).toEqual({
      amount: "2950.00",
      method: "cash",
      reference: null,
    });
    expect(collectionBody({ amount: "12.5", method: "mobile_money", reference: "QJK1" }).amount).toBe("12.50");
  });

  it("refuses more than is due, nothing, and mobile money without its code", () => {
    expect(issues(schema.safeParse({ amount: "2950.01", method: "cash", reference: "" }))).toEqual(["amount: validation.amountMax"]);
    expect(issues(schema.safeParse({ amount: "0", method: "cash", reference: "" }))).toEqual(["amount: validation.amountPositive"]);
    expect(issues(schema.safeParse({ amount: "1,000", method: "cash", reference: "" }))).toEqual(["amount: validation.amount"]);
    expect(issues(schema.safeParse({ amount: "100", method: "mobile_money", reference: "" }))).toEqual([
      "reference: validation.referenceRequired",
    ]);
  });
});

describe("the delivery options form", () => {
  const options = { configured: true, pickup_enabled: true, pickup_address: "Moi Ave 1", delivery_enabled: true, delivery_fee: "300.00", regions: ["Mombasa", "Kilifi"], lead_time_days: 2 };

  it("reads regions one per line or by commas, each once", () => {
    expect(parseRegions("Mombasa, Kilifi\n\n Kwale ,Mombasa")).toEqual(["Mombasa", "Kilifi", "Kwale"]);
  });

  it("sends what the owner set, amounts as decimals and empty as null", () => {
    const values = { ...deliveryOptionsValues(options), delivery_fee: "250", free_delivery_threshold: "20000.5", regions: "Mombasa\nKwale" };
    expect(deliveryOptionsSchema(t).safeParse(values).success).toBe(true);
    expect(deliveryOptionsBody(values)).toEqual({
      pickup_enabled: true,
      pickup_address: "Moi Ave 1",
      pickup_hours: null,
      delivery_enabled: true,
      delivery_fee: "250.00",
      free_delivery_threshold: "20000.50",
      regions: ["Mombasa", "Kwale"],
      lead_time_days: 2,
      pay_on_delivery_enabled: false,
      pay_on_delivery_max: null,
    });
  });

  it("asks for a way to get the goods and what each way needs", () => {
    const values = deliveryOptionsValues(options);
    expect(issues(deliveryOptionsSchema(t).safeParse({ ...values, pickup_enabled: false, delivery_enabled: false }))).toEqual([
      "delivery_enabled: validation.noOption",
    ]);
    expect(issues(deliveryOptionsSchema(t).safeParse({ ...values, pickup_address: "", regions: " , " }))).toEqual([
      "pickup_address: validation.pickupAddress",
      "regions: validation.regions",
    ]);
    expect(issues(deliveryOptionsSchema(t).safeParse({ ...values, lead_time_days: "61" }))).toEqual(["lead_time_days: validation.leadTime"]);
  });
});

describe("the payout account form", () => {
  it("sends only the chosen method's fields", () => {
    const mpesa = { ...payoutAccountValues(null), account_name: "Pwani Ltd", phone: "0712345678", bank_code: "01" };
    expect(payoutAccountSchema(t).safeParse(mpesa).success).toBe(true);
    expect(payoutAccountBody(mpesa)).toEqual({ method: "mpesa", account_name: "Pwani Ltd", phone: "0712345678" });
    const bank = { ...mpesa, method: "bank" as const, account_number: "0123-456 789", bank_name: "" };
    expect(payoutAccountBody(bank)).toEqual({
      method: "bank",
      account_name: "Pwani Ltd",
      bank_code: "01",
      bank_name: null,
      account_number: "0123-456 789",
    });
  });

  it("needs a phone for mobile money and a code and number for a bank", () => {
    const values = { ...payoutAccountValues(null), account_name: "Pwani Ltd" };
    expect(issues(payoutAccountSchema(t).safeParse(values))).toEqual(["phone: validation.phone"]);
    expect(issues(payoutAccountSchema(t).safeParse({ ...values, method: "bank", bank_code: "x", account_number: "12" }))).toEqual([
      "bank_code: validation.bankCode",
      "account_number: validation.accountNumber",
    ]);
  });
});

describe("the pick list's orders and the documents", () => {
  it("reads each order id once, ignoring what is not an id", () => {
    const id = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    expect(readPickListIds(`${id},nope,${id.toUpperCase()}, `)).toEqual({ ids: [id], leftOut: 0 });
    expect(readPickListIds(null)).toEqual({ ids: [], leftOut: 0 });
  });

  it("keeps the first 200 orders of a longer address and counts the ones left out", () => {
    const ids = orderIds(203);
    const request = readPickListIds(ids.join(","));
    expect(request.ids).toHaveLength(MAX_PICK_LIST_ORDERS);
    expect(request.ids[0]).toBe(ids[0]);
    expect(request.ids.at(-1)).toBe(ids[199]);
    expect(request.leftOut).toBe(3);
  });

  it("splits a selection into pick lists of at most 200 orders, in the order selected", () => {
    expect(pickListBatches([])).toEqual([]);
    const ids = orderIds(401);
    const batches = pickListBatches(ids);
    expect(batches.map(({ from, to }) => [from, to])).toEqual([
      [1, 200],
      [201, 400],
      [401, 401],
    ]);
    expect(batches.map((batch) => readPickListIds(new URLSearchParams(batch.path.split("?")[1]).get("ids")))).toEqual([
      { ids: ids.slice(0, 200), leftOut: 0 },
      { ids: ids.slice(200, 400), leftOut: 0 },
      { ids: [ids[400]], leftOut: 0 },
    ]);
  });

  it("checks a document's type and size before asking the API", () => {
    expect(documentProblem({ type: "application/pdf", size: 1000 })).toBeNull();
    expect(documentProblem({ type: "image/gif", size: 1000 })).toBe("type");
    expect(documentProblem({ type: "image/png", size: 0 })).toBe("empty");
    expect(documentProblem({ type: "image/png", size: 10 * 1024 * 1024 + 1 })).toBe("size");
  });
});
