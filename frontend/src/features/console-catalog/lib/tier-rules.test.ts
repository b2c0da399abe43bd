import { describe, expect, it } from "vitest";
import { type TierDraft, tierProblems, tiersForApi } from "./tier-rules";

const tier = (min_quantity: string, unit_price: string): TierDraft => ({ min_quantity, unit_price });
const codes = (tiers: TierDraft[], moq: number) => tierProblems(tiers, moq).map((p) => `${p.field}:${p.code}`);

describe("tierProblems", () => {
  it("accepts tiers from the minimum with increasing quantities and falling or equal prices", () => {
    expect(codes([tier("12", "120.00"), tier("48", "115.5"), tier("96", "115.50")], 12)).toEqual([]);
    expect(codes([tier("1", "10")], 1)).toEqual([]);
  });

  it("wants at least one and at most ten tiers", () => {
    expect(codes([], 1)).toEqual(["tiers:tiers_required"]);
    const eleven = Array.from({ length: 11 }, (_, index) => tier(String(index + 1), "10.00"));
    expect(codes(eleven, 1)).toEqual(["tiers:too_many_tiers"]);
  });

  it("wants the first tier at the minimum order quantity", () => {
    expect(codes([tier("10", "5.00")], 12)).toEqual(["tiers.0.min_quantity:first_tier_not_moq"]);
  });

  it("refuses quantities that do not strictly increase", () => {
    expect(codes([tier("12", "120.00"), tier("12", "110.00"), tier("6", "100.00")], 12)).toEqual([
      "tiers.1.min_quantity:quantities_not_increasing",
      "tiers.2.min_quantity:quantities_not_increasing",
    ]);
  });

  it("refuses a unit price that rises with quantity, compared in cents", () => {
    expect(codes([tier("1", "100.00"), tier("10", "100.01")], 1)).toEqual(["tiers.1.unit_price:price_rises"]);
    expect(codes([tier("1", "0.10"), tier("10", "0.1")], 1)).toEqual([]);
  });

  it("refuses prices the API's money pattern refuses, zero and too large", () => {
    expect(codes([tier("1", "1.234")], 1)).toEqual(["tiers.0.unit_price:invalid_money"]);
    expect(codes([tier("1", "-1.00")], 1)).toEqual(["tiers.0.unit_price:invalid_money"]);
    expect(codes([tier("1", "1e3")], 1)).toEqual(["tiers.0.unit_price:invalid_money"]);
    expect(codes([tier("1", "")], 1)).toEqual(["tiers.0.unit_price:invalid_money"]);
    expect(codes([tier("1", "0.00")], 1)).toEqual(["tiers.0.unit_price:not_positive"]);
    expect(codes([tier("1", "1000000000.00")], 1)).toEqual(["tiers.0.unit_price:too_large"]);
    expect(codes([tier("1", "999999999.99")], 1)).toEqual([]);
  });

  it("refuses quantities that are not whole positive numbers", () => {
    expect(codes([tier("0", "1.00")], 1)).toEqual(["tiers.0.min_quantity:not_positive"]);
    expect(codes([tier("1.5", "1.00")], 1)).toEqual(["tiers.0.min_quantity:invalid_quantity"]);
    expect(codes([tier("2000000", "1.00")], 1)).toEqual(["tiers.0.min_quantity:invalid_quantity"]);
  });

  it("does not compare a price against a previous tier whose price is itself wrong", () => {
    expect(codes([tier("1", "abc"), tier("5", "10.00")], 1)).toEqual(["tiers.0.unit_price:invalid_money"]);
  });

  it("names the tier each problem is about", () => {
    expect(tierProblems([tier("1", "5.00"), tier("1", "6.00")], 1).map((p) => p.tier)).toEqual([2, 2]);
  });
});

describe("tiersForApi", () => {
  it("sends whole-number quantities and trimmed price strings", () => {
    expect(tiersForApi([tier(" 12 ", " 120.00 ")])).toEqual([{ min_quantity: 12, unit_price: "120.00" }]);
  });
});
