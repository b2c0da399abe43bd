import { fromCents, toCents } from "@/lib/money";
import { tierAt } from "@/lib/tiers";
import type { Cart, CartGroup, CartLine } from "../api/types";

function sum(amounts: readonly string[]): number {
  return amounts.reduce((total, amount) => total + toCents(amount), 0);
}

function repriceGroup(group: CartGroup, lines: CartLine[]): CartGroup {
  const subtotal = sum(lines.map((line) => line.line_total));
  return {
    ...group,
    lines,
    subtotal: fromCents(subtotal),
    total: fromCents(subtotal + toCents(group.delivery.fee)),
  };
}

function repriceCart(cart: Cart, groups: CartGroup[]): Cart {
  const itemsTotal = sum(groups.map((group) => group.subtotal));
  const deliveryTotal = sum(groups.map((group) => group.delivery.fee));
  return {
    ...cart,
    groups,
    items_total: fromCents(itemsTotal),
    delivery_total: fromCents(deliveryTotal),
    grand_total: fromCents(itemsTotal + deliveryTotal),
    item_count: groups.reduce((count, group) => count + group.lines.length, 0),
  };
}

/**
 * The cart as it will be once the server has the new quantity, shown while it is asked:
 * the tier price at that quantity (from the line's own tiers, as the API sends them; the
 * line's current price when it has none), the line, group and cart totals, all in whole
 * cents. The delivery fee stays as it is; the server's answer replaces all of it.
 */
export function withQuantity(cart: Cart, lineId: string, quantity: number): Cart {
  const groups = cart.groups.map((group) => {
    if (!group.lines.some((line) => line.id === lineId)) return group;
    const lines = group.lines.map((line) => {
      if (line.id !== lineId) return line;
      const unitPrice = tierAt(line.price_tiers, quantity)?.unit_price ?? line.unit_price;
      return { ...line, quantity, unit_price: unitPrice, line_total: fromCents(toCents(unitPrice) * quantity) };
    });
    return repriceGroup(group, lines);
  });
  return repriceCart(cart, groups);
}

/** The cart without one line; a wholesaler left with no line leaves the cart. */
export function withoutLine(cart: Cart, lineId: string): Cart {
  const groups = cart.groups
    .map((group) =>
      group.lines.some((line) => line.id === lineId)
        ? repriceGroup(
            group,
            group.lines.filter((line) => line.id !== lineId),
          )
        : group,
    )
    .filter((group) => group.lines.length > 0);
  return repriceCart(cart, groups);
}

/** True when some line cannot be ordered as it is: checkout would refuse the cart. */
export function hasBlockingProblem(cart: Cart): boolean {
  return cart.groups.some(
    (group) =>
      group.lines.some((line) => !line.available) ||
      group.warnings.some((warning) => warning.code === "region_not_served"),
  );
}
