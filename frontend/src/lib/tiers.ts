import type { PriceTier } from "@/lib/api-schemas";
import { toCents } from "@/lib/money";

export interface OrderRules {
  minOrderQty: number;
  orderIncrement: number;
}

export function byMinQuantity(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers].sort((a, b) => a.min_quantity - b.min_quantity);
}

/** The smallest quantity that can be ordered and is at least `wanted`: the minimum plus whole steps. */
export function orderableAtLeast(wanted: number, { minOrderQty, orderIncrement }: OrderRules): number {
  if (!Number.isFinite(wanted) || wanted <= minOrderQty) return minOrderQty;
  const steps = Math.ceil((wanted - minOrderQty) / orderIncrement);
  return minOrderQty + steps * orderIncrement;
}

/** The API's largest quantity per product. */
export const MAX_ORDER_QUANTITY = 1_000_000;

/** `orderableAtLeast`, but never above the largest quantity the API accepts. */
export function orderableQuantity(wanted: number, rules: OrderRules): number {
  const next = orderableAtLeast(wanted, rules);
  if (next <= MAX_ORDER_QUANTITY) return next;
  const { minOrderQty, orderIncrement } = rules;
  return minOrderQty + Math.floor((MAX_ORDER_QUANTITY - minOrderQty) / orderIncrement) * orderIncrement;
}

/** The tier whose price applies to `quantity` (the lowest tier below the first one's minimum). */
export function tierAt(tiers: readonly PriceTier[], quantity: number): PriceTier | undefined {
  const sorted = byMinQuantity(tiers);
  return sorted.filter((tier) => tier.min_quantity <= quantity).at(-1) ?? sorted[0];
}

export interface NextTierOffer {
  tier: PriceTier;
  /** The first orderable quantity at which the tier's price applies. */
  quantity: number;
  unitSavingCents: number;
  savingFraction: number;
}

/** What ordering a little more would save per unit, or null at the best tier already. */
export function nextTierOffer(tiers: readonly PriceTier[], quantity: number, rules: OrderRules): NextTierOffer | null {
  const current = tierAt(tiers, quantity);
  const next = byMinQuantity(tiers).find((tier) => tier.min_quantity > quantity);
  if (!current || !next) return null;
  const currentCents = toCents(current.unit_price);
  const unitSavingCents = currentCents - toCents(next.unit_price);
  if (unitSavingCents <= 0) return null;
  return {
    tier: next,
    quantity: orderableAtLeast(next.min_quantity, rules),
    unitSavingCents,
    savingFraction: unitSavingCents / currentCents,
  };
}

export interface TierRange {
  from: number;
  /** Null for the last tier: "and more". */
  to: number | null;
  unitPrice: string;
}

export function tierRanges(tiers: readonly PriceTier[]): TierRange[] {
  const sorted = byMinQuantity(tiers);
  return sorted.map((tier, index) => {
    const following = sorted[index + 1];
    return {
      from: tier.min_quantity,
      to: following ? following.min_quantity - 1 : null,
      unitPrice: tier.unit_price,
    };
  });
}

export function lineTotalCents(tiers: readonly PriceTier[], quantity: number): number {
  const tier = tierAt(tiers, quantity);
  return tier ? toCents(tier.unit_price) * quantity : 0;
}
