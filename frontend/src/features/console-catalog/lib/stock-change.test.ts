import { describe, expect, it } from "vitest";
import { deltaOf, directionOf } from "./stock-change";

describe("deltaOf", () => {
  it("adds for a restock or a return whatever direction was chosen", () => {
    expect(deltaOf("restock", "remove", 5)).toBe(5);
    expect(deltaOf("return", "remove", 2)).toBe(2);
  });

  it("removes for damage", () => {
    expect(deltaOf("damage", "add", 3)).toBe(-3);
  });

  it("follows the chosen direction for an adjustment", () => {
    expect(deltaOf("adjustment", "add", 4)).toBe(4);
    expect(deltaOf("adjustment", "remove", 4)).toBe(-4);
    expect(directionOf("adjustment", "remove")).toBe("remove");
  });
});
