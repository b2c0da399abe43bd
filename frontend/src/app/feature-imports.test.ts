import { describe, expect, it } from "vitest";

/**
 * Features depend one way, like the API's packages: a feature imports the shared folders
 * (`src/components`, `src/lib`) and only the features named here. The catalog and the checkout
 * put things in the cart; the cart knows neither. Anything else goes through `src/app`.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  catalog: ["cart"],
  checkout: ["cart"],
  "console-orders": ["orders"],
};

const SOURCES = import.meta.glob<string>("/src/features/**/*.{ts,tsx}", {
  query: "?raw",
  import: "default",
  eager: true,
});

const FEATURE_IMPORT = /from\s+["']@\/features\/([\w-]+)\//g;

function featureOf(path: string): string {
  const feature = /^\/src\/features\/([\w-]+)\//.exec(path)?.[1];
  if (!feature) throw new Error(`not in a feature: ${path}`);
  return feature;
}

describe("imports between features", () => {
  it("reads the features' sources", () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
  });

  it("go only where MAY_IMPORT allows", () => {
    const wrong = Object.entries(SOURCES).flatMap(([path, source]) => {
      const own = featureOf(path);
      return [...source.matchAll(FEATURE_IMPORT)]
        .map((match) => match[1] ?? "")
        .filter((other) => other !== own && !(MAY_IMPORT[own] ?? []).includes(other))
        .map((other) => `${path} imports features/${other}`);
    });
    expect(wrong).toEqual([]);
  });

  it("never form a cycle", () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (MAY_IMPORT[from] ?? []).some(
        (next) => next === to || (!seen.has(next) && reaches(next, to, seen.add(next))),
      );
    expect(Object.keys(MAY_IMPORT).filter((feature) => reaches(feature, feature))).toEqual([]);
  });
});
