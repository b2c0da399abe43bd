import { describe, expect, it } from "vitest";
import type { Cart } from "../api/types";
import { sampleCart } from "../test/sample-cart";
import { hasBlockingProblem, withQuantity, withoutLine } from "./optimistic-cart";

const COCA_COLA_TIERS = [
  { min_quantity: 1, unit_price: "1150.00" },
  { min_quantity: 10, unit_price: "1100.00" },
  { min_quantity: 50, unit_price: "1060.00" },
];

/** The sample cart with other tiers on one line, as the API would send them. */
function withTiers(cart: Cart, lineId: string, tiers: { min_quantity: number; unit_price: string }[]): Cart {
  return {
    ...cart,
    groups: cart.groups.map((group) => ({
      ...group,
      lines: group.lines.map((line) => (line.id === lineId ? { ...line, price_tiers: tiers } : line)),
    })),
  };
}

describe("the cart while a change is on its way", () => {
  it("applies the tier price of the new quantity and carries it to every total", () => {
    const cart = withQuantity(withTiers(sampleCart(), "line-coke", COCA_COLA_TIERS), "line-coke", 10);
    const [pwani, lakeside] = cart.groups;
    expect(pwani?.lines[0]).toMatchObject({ quantity: 10, unit_price: "1100.00", line_total: "11000.00" });
    expect(pwani?.subtotal).toBe("12440.00");
    expect(pwani?.total).toBe("12940.00");
    expect(lakeside?.total).toBe("2240.00");
    expect(cart.items_total).toBe("14680.00");
    expect(cart.delivery_total).toBe("500.00");
    expect(cart.grand_total).toBe("15180.00");
  });

  it("goes back to the lower tier when the quantity drops below it", () => {
    const up = withQuantity(withTiers(sampleCart(), "line-coke", COCA_COLA_TIERS), "line-coke", 50);
    expect(up.groups[0]?.lines[0]?.line_total).toBe("53000.00");
    const down = withQuantity(up, "line-coke", 9);
    expect(down.groups[0]?.lines[0]).toMatchObject({ unit_price: "1150.00", line_total: "10350.00" });
  });

  it("adds cents exactly where floating point would not", () => {
    const dime = [{ min_quantity: 1, unit_price: "0.10" }];
    const cart = withTiers(withTiers(sampleCart(), "line-coke", dime), "line-water", dime);
    const cheap = withQuantity(cart, "line-coke", 3);
    const cheaper = withQuantity(cheap, "line-water", 2);
    expect(cheaper.groups[0]?.subtotal).toBe("0.50");
    expect(cheaper.grand_total).toBe("2740.50");
  });

  it("keeps the line's price when its product has no tiers", () => {
    const cart = withQuantity(withTiers(sampleCart(), "line-water", []), "line-water", 5);
    expect(cart.groups[0]?.lines[1]).toMatchObject({ unit_price: "720.00", line_total: "3600.00" });
  });

  it("drops a removed line, and the wholesaler with its last line", () => {
    const cart = withoutLine(sampleCart(), "line-lakeside-coke");
    expect(cart.groups.map((group) => group.wholesaler_name)).toEqual(["Pwani Wholesale Distributors Ltd"]);
    expect(cart.item_count).toBe(2);
    expect(cart.grand_total).toBe("5390.00");
    const smaller = withoutLine(cart, "line-water");
    expect(smaller.groups[0]?.total).toBe("3950.00");
  });

  it("says when checkout would refuse the cart", () => {
    const cart = sampleCart();
    expect(hasBlockingProblem(cart)).toBe(false);
    const gone = { ...cart, groups: cart.groups.map((group, index) => (index === 1 ? { ...group, lines: group.lines.map((line) => ({ ...line, available: false })) } : group)) };
    expect(hasBlockingProblem(gone)).toBe(true);
  });
});
