import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatPercent } from "./format";

const NBSP = "\u00a0";

describe("formatting for Kenya", () => {
  it.each([
    ["en-KE", `Ksh${NBSP}1,150.50`],
    ["sw-KE", `Ksh${NBSP}1,150.50`],
  ])("writes KES in %s", (locale, expected) => {
    expect(formatMoney("1150.50", "KES", locale)).toBe(expected);
  });

  it("writes another deployment's currency with its own symbol", () => {
    expect(formatMoney("2500", "UGX", "en-KE")).toBe(`UGX${NBSP}2,500`);
  });

  it("writes dates with the locale's month names", () => {
    expect(formatDate("2026-12-03T09:30:00Z", "en-KE")).toBe("3 Dec 2026");
    expect(formatDate("2026-12-03T09:30:00Z", "sw-KE")).toBe("3 Des 2026");
  });

  it("writes a saving as a percentage with one decimal", () => {
    expect(formatPercent(50 / 1150, "en-KE")).toBe("4.3%");
  });
});
