import { toCents } from "@/lib/money";

/**
 * The price tier rules of the API (`chalicelib/inventory/rules.py` `tier_problems` and the
 * `MoneyInput` pattern), mirrored so the editor refuses a bad price list before sending it:
 * tier 1 starts at the minimum order quantity, quantities strictly increase, unit prices are
 * positive, have at most 2 decimals and never rise with quantity.
 */
export const MAX_TIERS = 10;
export const MAX_TIER_QUANTITY = 1_000_000;
const MAX_UNIT_PRICE_CENTS = 99_999_999_999;
/** The API's money pattern: up to 12 digits, at most 2 decimals, no sign for a price. */
const PRICE = /^\d{1,12}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,7}$/;

/** A tier as typed in the editor: text, exactly as the fields hold it. */
export interface TierDraft {
  min_quantity: string;
  unit_price: string;
}

export type TierProblemCode =
  | "tiers_required"
  | "too_many_tiers"
  | "invalid_quantity"
  | "not_positive"
  | "invalid_money"
  | "too_large"
  | "first_tier_not_moq"
  | "quantities_not_increasing"
  | "price_rises";

export interface TierProblem {
  /** The API's field path: `tiers`, `tiers.1.min_quantity`, `tiers.1.unit_price`. */
  field: string;
  code: TierProblemCode;
  /** 1-based tier number the problem is about (the previous tier is `tier - 1`). */
  tier: number;
}

function quantityOf(text: string): number | null {
  const value = text.trim();
  if (!QUANTITY.test(value)) return null;
  const quantity = Number(value);
  return quantity <= MAX_TIER_QUANTITY ? quantity : null;
}

/** The price in cents, a problem code, or "empty" when nothing was typed. */
function priceOf(text: string): number | TierProblemCode {
  const value = text.trim();
  if (!PRICE.test(value)) return "invalid_money";
  const cents = toCents(value);
  if (cents <= 0) return "not_positive";
  if (cents > MAX_UNIT_PRICE_CENTS) return "too_large";
  return cents;
}

export function tierProblems(tiers: readonly TierDraft[], minOrderQty: number): TierProblem[] {
  if (tiers.length === 0) return [{ field: "tiers", code: "tiers_required", tier: 0 }];
  if (tiers.length > MAX_TIERS) return [{ field: "tiers", code: "too_many_tiers", tier: 0 }];
  const problems: TierProblem[] = [];
  const quantities = tiers.map((tier) => quantityOf(tier.min_quantity));
  const prices = tiers.map((tier) => priceOf(tier.unit_price));
  tiers.forEach((_, index) => {
    const tier = index + 1;
    const quantityField = `tiers.${String(index)}.min_quantity`;
    const priceField = `tiers.${String(index)}.unit_price`;
    const quantity = quantities[index] ?? null;
    const price = prices[index] ?? "invalid_money";
    if (quantity === null) {
      problems.push({ field: quantityField, code: "invalid_quantity", tier });
    } else if (quantity < 1) {
      problems.push({ field: quantityField, code: "not_positive", tier });
    }
    if (typeof price === "string") problems.push({ field: priceField, code: price, tier });
    if (index === 0) {
      if (quantity !== null && quantity >= 1 && quantity !== minOrderQty) {
        problems.push({ field: quantityField, code: "first_tier_not_moq", tier });
      }
      return;
    }
    const previousQuantity = quantities[index - 1] ?? null;
    if (quantity !== null && previousQuantity !== null && quantity <= previousQuantity) {
      problems.push({ field: quantityField, code: "quantities_not_increasing", tier });
    }
    const previousPrice = prices[index - 1];
    if (typeof price === "number" && typeof previousPrice === "number" && price > previousPrice) {
      problems.push({ field: priceField, code: "price_rises", tier });
    }
  });
  return problems;
}

/** The tiers as the API wants them; call only when `tierProblems` found nothing. */
export function tiersForApi(tiers: readonly TierDraft[]): { min_quantity: number; unit_price: string }[] {
  return tiers.map((tier) => ({ min_quantity: Number(tier.min_quantity.trim()), unit_price: tier.unit_price.trim() }));
}
