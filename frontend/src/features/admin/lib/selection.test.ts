import { describe, expect, it } from "vitest";
import { selectedTotal, toggled, toggledAll } from "./selection";

const ROWS = [
  { id: "a", amount_due: "1150.10" },
  { id: "b", amount_due: "0.20" },
  { id: "c", amount_due: "99.70" },
];

describe("choosing settlements to pay", () => {
  it("adds the chosen amounts in cents, without binary rounding", () => {
    expect(selectedTotal(ROWS, new Set(["a", "b"]), (row) => row.amount_due)).toBe("1150.30");
    expect(selectedTotal(ROWS, new Set(["b", "c"]), (row) => row.amount_due)).toBe("99.90");
    expect(selectedTotal(ROWS, new Set(), (row) => row.amount_due)).toBe("0.00");
  });

  it("toggles one row without changing the previous set", () => {
    const before = new Set(["a"]);
    expect([...toggled(before, "b")].sort()).toEqual(["a", "b"]);
    expect([...toggled(before, "a")]).toEqual([]);
    expect([...before]).toEqual(["a"]);
  });

  it("selects every selectable row, then clears them", () => {
    expect([...toggledAll(new Set(["a"]), ["a", "b"])].sort()).toEqual(["a", "b"]);
    expect([...toggledAll(new Set(["a", "b"]), ["a", "b"])]).toEqual([]);
    expect([...toggledAll(new Set(), [])]).toEqual([]);
  });
});
