import { describe, expect, it } from "vitest";
import { NO_FILTERS, activeFilterCount, isNewOnly, readFilters, toQuery, writeFilters } from "./queue-filters";

describe("the queue's filters in the address", () => {
  it("start with every order, newest first", () => {
    expect(readFilters(new URLSearchParams())).toEqual(NO_FILTERS);
    expect(toQuery(NO_FILTERS)).toEqual({
      status: undefined,
      payment_method: undefined,
      payment_status: undefined,
      delivery_date_from: undefined,
      delivery_date_to: undefined,
      q: undefined,
      sort: "newest",
    });
  });

  it("read several statuses in the queue's order and drop what the API does not know", () => {
    const filters = readFilters(new URLSearchParams("status=dispatched,shipped,placed&payment_method=cheque&sort=random"));
    expect(filters.statuses).toEqual(["placed", "dispatched"]);
    expect(filters.paymentMethod).toBeNull();
    expect(filters.sort).toBe("newest");
    expect(toQuery(filters).status).toBe("placed,dispatched");
  });

  it("keep real days only, and free text without control characters", () => {
    const filters = readFilters(new URLSearchParams("delivery_from=2026-12-04&delivery_to=2026-13-45&q=ORD-00%0012"));
    expect(filters.deliveryFrom).toBe("2026-12-04");
    expect(filters.deliveryTo).toBeNull();
    expect(filters.q).toBe("ORD-0012");
  });

  it("write back only what differs from the default, so it reads the same again", () => {
    const filters = {
      ...NO_FILTERS,
      statuses: ["accepted", "packed"] as const,
      paymentMethod: "pay_on_delivery",
      paymentStatus: "to_collect",
      deliveryFrom: "2026-12-01",
      q: "  Mama Njeri ",
      sort: "delivery_date",
    } as const;
    const params = writeFilters({ ...filters, statuses: [...filters.statuses] });
    expect(params.toString()).toBe(
      "status=accepted%2Cpacked&payment_method=pay_on_delivery&payment_status=to_collect&delivery_from=2026-12-01&q=Mama+Njeri&sort=delivery_date",
    );
    expect(readFilters(params)).toEqual({ ...filters, statuses: ["accepted", "packed"], q: "Mama Njeri" });
    expect(writeFilters(NO_FILTERS).toString()).toBe("");
  });

  it("know the New view and count the filters that are on", () => {
    expect(isNewOnly({ ...NO_FILTERS, statuses: ["placed"] })).toBe(true);
    expect(isNewOnly({ ...NO_FILTERS, statuses: ["placed", "accepted"] })).toBe(false);
    expect(activeFilterCount({ ...NO_FILTERS, statuses: ["placed"], q: "x", sort: "oldest" })).toBe(2);
  });
});
