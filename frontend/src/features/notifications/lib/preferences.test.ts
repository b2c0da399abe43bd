import { describe, expect, it } from "vitest";
import type { components } from "@/lib/api-types";
import { changedSwitches, switchesOf } from "./preferences";

type CategoryPreferences = components["schemas"]["CategoryPreferences"];

const CATEGORIES: CategoryPreferences[] = [
  { category: "security", description: "", locked: true, channels: { in_app: true, email: true, sms: true } },
  { category: "orders", description: "", locked: false, channels: { in_app: true, email: true, sms: true } },
  { category: "inventory", description: "", locked: false, channels: { in_app: true, email: false, sms: false } },
];

describe("notification preference changes", () => {
  it("sends nothing when nothing changed", () => {
    expect(changedSwitches(CATEGORIES, switchesOf(CATEGORIES))).toEqual([]);
  });

  it("sends only the switches that differ from what the API said", () => {
    const edited = { ...switchesOf(CATEGORIES), "orders.sms": false, "inventory.email": true, "orders.in_app": true };
    expect(changedSwitches(CATEGORIES, edited)).toEqual([
      { category: "orders", channel: "sms", enabled: false },
      { category: "inventory", channel: "email", enabled: true },
    ]);
  });

  it("never sends a locked category, which the API refuses to turn off", () => {
    const edited = { ...switchesOf(CATEGORIES), "security.sms": false };
    expect(changedSwitches(CATEGORIES, edited)).toEqual([]);
  });

  it("sends a switch turned back to its saved value as no change", () => {
    const edited = { ...switchesOf(CATEGORIES), "orders.email": true };
    expect(changedSwitches(CATEGORIES, edited)).toEqual([]);
  });
});
