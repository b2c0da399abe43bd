import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("the next parameter after sign-in", () => {
  it.each([["/catalog?q=coca&brand=Coca-Cola"], ["/products/7d1f5c9e"], ["/compare?gtin=5449000000996&quantity=3"]])(
    "follows a path of this app: %s",
    (next) => {
      expect(safeNextPath(next)).toBe(next);
    },
  );

  it.each([["https://evil.example/"], ["//evil.example/"], ["/\\evil.example"], ["javascript:alert(1)"], [""], [null]])(
    "goes to the catalog instead of %s",
    (next) => {
      expect(safeNextPath(next)).toBe("/");
    },
  );
});
