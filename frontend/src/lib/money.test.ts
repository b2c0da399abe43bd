import { describe, expect, it } from "vitest";
import { fromCents, toCents } from "./money";

describe("money in cents", () => {
  it.each([
    ["1150.00", 115000],
    ["0.10", 10],
    ["7", 700],
    ["12.5", 1250],
    ["-5.05", -505],
    ["999999999999.99", 99999999999999],
  ])("reads %s as %i cents", (amount, cents) => {
    expect(toCents(amount)).toBe(cents);
  });

  it("never goes through binary fractions (0.1 + 0.2)", () => {
    expect(fromCents(toCents("0.10") + toCents("0.20"))).toBe("0.30");
  });

  it.each([["1e3"], ["1,000.00"], [" "], ["12.345"], ["NaN"]])("refuses %s", (amount) => {
    expect(() => toCents(amount)).toThrow(RangeError);
  });

  it.each([
    [115000, "1150.00"],
    [5, "0.05"],
    [-505, "-5.05"],
    [0, "0.00"],
  ])("writes %i cents as %s", (cents, amount) => {
    expect(fromCents(cents)).toBe(amount);
  });
});
