import { describe, expect, it } from "vitest";
import { lineTotalCents, nextTierOffer, orderableAtLeast, orderableQuantity, tierAt, tierRanges } from "./tiers";

const COCA_COLA = [
  { min_quantity: 10, unit_price: "1100.00" },
  { min_quantity: 1, unit_price: "1150.00" },
  { min_quantity: 50, unit_price: "1060.00" },
];
const ONE_BY_ONE = { minOrderQty: 1, orderIncrement: 1 };

describe("price tiers", () => {
  it("applies the highest tier the quantity reaches", () => {
    expect(tierAt(COCA_COLA, 1)?.unit_price).toBe("1150.00");
    expect(tierAt(COCA_COLA, 9)?.unit_price).toBe("1150.00");
    expect(tierAt(COCA_COLA, 10)?.unit_price).toBe("1100.00");
    expect(tierAt(COCA_COLA, 400)?.unit_price).toBe("1060.00");
  });

  it("spells out the saving of the next tier", () => {
    expect(nextTierOffer(COCA_COLA, 3, ONE_BY_ONE)).toEqual({
      tier: { min_quantity: 10, unit_price: "1100.00" },
      quantity: 10,
      unitSavingCents: 5000,
      savingFraction: 50 / 1150,
    });
    expect(nextTierOffer(COCA_COLA, 10, ONE_BY_ONE)?.unitSavingCents).toBe(4000);
    expect(nextTierOffer(COCA_COLA, 50, ONE_BY_ONE)).toBeNull();
  });

  it("names the first quantity that can be ordered at the next tier", () => {
    const tiers = [
      { min_quantity: 2, unit_price: "3600.00" },
      { min_quantity: 10, unit_price: "3480.00" },
    ];
    expect(nextTierOffer(tiers, 2, { minOrderQty: 2, orderIncrement: 4 })?.quantity).toBe(10);
    expect(nextTierOffer(tiers, 2, { minOrderQty: 2, orderIncrement: 3 })?.quantity).toBe(11);
  });

  it("offers nothing when a higher tier is not cheaper", () => {
    const tiers = [
      { min_quantity: 1, unit_price: "100.00" },
      { min_quantity: 5, unit_price: "100.00" },
    ];
    expect(nextTierOffer(tiers, 1, ONE_BY_ONE)).toBeNull();
  });

  it("writes the ranges of the tiers", () => {
    expect(tierRanges(COCA_COLA)).toEqual([
      { from: 1, to: 9, unitPrice: "1150.00" },
      { from: 10, to: 49, unitPrice: "1100.00" },
      { from: 50, to: null, unitPrice: "1060.00" },
    ]);
  });

  it("totals a line at its tier, in cents", () => {
    expect(lineTotalCents(COCA_COLA, 9)).toBe(9 * 115000);
    expect(lineTotalCents(COCA_COLA, 10)).toBe(10 * 110000);
  });
});

describe("orderable quantities", () => {
  it.each([
    [1, 6, 6],
    [6, 6, 6],
    [7, 6, 12],
    [13, 6, 18],
    [Number.NaN, 6, 6],
  ])("wanting %s with a minimum of 6 in steps of 6 orders %s", (wanted, _minimum, orderable) => {
    expect(orderableAtLeast(wanted, { minOrderQty: 6, orderIncrement: 6 })).toBe(orderable);
  });

  it("counts steps from the minimum, not from zero", () => {
    expect(orderableAtLeast(5, { minOrderQty: 2, orderIncrement: 4 })).toBe(6);
  });

  it("never goes above the largest quantity the API accepts, and stays on the steps", () => {
    const steps = { minOrderQty: 4, orderIncrement: 7 };
    expect(orderableQuantity(12, steps)).toBe(18);
    expect(orderableQuantity(999_999, steps)).toBe(999_996);
    expect(orderableQuantity(5_000_000, steps)).toBe(999_996);
    expect(orderableQuantity(Number.NaN, steps)).toBe(4);
  });
});
