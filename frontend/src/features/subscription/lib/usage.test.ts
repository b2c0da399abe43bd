import { describe, expect, it } from "vitest";
import { meterFor } from "./usage";

describe("a usage meter", () => {
  it("has no bar for an unlimited plan", () => {
    expect(meterFor({ name: "orders_per_month", used: 120, limit: null, remaining: null })).toEqual({
      name: "orders_per_month",
      used: 120,
      limit: null,
      fraction: null,
      tone: "unlimited",
    });
  });

  it("warns from 80% of the limit, is full at the limit and over beyond it (the bar never past its end)", () => {
    const tone = (used: number, limit: number) => meterFor({ name: "staff_users", used, limit, remaining: null }).tone;
    expect(tone(23, 30)).toBe("ok");
    expect(tone(24, 30)).toBe("near");
    expect(tone(30, 30)).toBe("full");
    expect(tone(31, 30)).toBe("over");
    expect(meterFor({ name: "staff_users", used: 31, limit: 30, remaining: 0 }).fraction).toBe(1);
    expect(meterFor({ name: "staff_users", used: 15, limit: 30, remaining: 15 }).fraction).toBe(0.5);
  });

  it("treats a zero limit as full even when nothing is used", () => {
    expect(meterFor({ name: "staff_users", used: 0, limit: 0, remaining: 0 })).toMatchObject({ fraction: 1, tone: "full" });
  });
});
