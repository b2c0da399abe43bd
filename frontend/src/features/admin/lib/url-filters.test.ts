import { describe, expect, it } from "vitest";
import { filtersToParams, readChoice, readDay, readText, utcToday } from "./url-filters";

describe("filters in the address", () => {
  const params = new URLSearchParams("q=%20njeri%20&status=pending&role=king&date_from=2026-11-24&date_to=2026-13-45&empty=");

  it("reads text trimmed, and nothing for an empty or missing value", () => {
    expect(readText(params, "q")).toBe("njeri");
    expect(readText(params, "empty")).toBeNull();
    expect(readText(params, "missing")).toBeNull();
  });

  it("reads only the choices the screen offers", () => {
    expect(readChoice(params, "status", ["pending", "verified"] as const)).toBe("pending");
    expect(readChoice(params, "role", ["admin", "support"] as const)).toBeNull();
  });

  it("reads real days only", () => {
    expect(readDay(params, "date_from")).toBe("2026-11-24");
    expect(readDay(params, "date_to")).toBeNull();
  });

  it("writes only the filters that have a value", () => {
    expect(filtersToParams({ q: " duka ", status: null, kind: "", role: undefined, page: "2" }).toString()).toBe("q=duka&page=2");
  });

  it("names today's UTC day", () => {
    expect(utcToday(new Date("2026-12-03T23:30:00+01:00"))).toBe("2026-12-03");
  });
});
