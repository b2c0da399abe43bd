import { describe, expect, it } from "vitest";
import { NO_FILTERS, apiSearchQuery, countRefinements, readFilters, searchHref, writeFilters } from "./search-filters";

describe("search filters in the URL", () => {
  it("read back what they wrote", () => {
    const filters = { q: "coca", category: "soft-drinks", brand: "Coca-Cola", inStock: true, sort: "price_asc" as const };
    expect(readFilters(writeFilters(filters))).toEqual(filters);
  });

  it("write only what differs from the defaults, in a fixed order", () => {
    expect(searchHref({ ...NO_FILTERS, brand: "Omo", q: "  soap " })).toBe("/catalog?q=soap&brand=Omo");
    expect(searchHref(NO_FILTERS)).toBe("/catalog");
  });

  it("ignore what the API would refuse", () => {
    expect(readFilters(new URLSearchParams("sort=cheapest&in_stock=yes&brand="))).toEqual(NO_FILTERS);
  });

  it("count the refinements besides the words", () => {
    expect(countRefinements({ ...NO_FILTERS, q: "soap", brand: "Omo", inStock: true })).toBe(2);
  });

  it("leave out of the API's query what is not set", () => {
    expect(apiSearchQuery({ ...NO_FILTERS, q: "sugar" })).toEqual({
      q: "sugar",
      category: undefined,
      brand: undefined,
      in_stock: undefined,
      sort: undefined,
    });
  });
});
