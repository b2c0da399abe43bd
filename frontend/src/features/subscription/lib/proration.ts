import { toCents } from "@/lib/money";

/**
 * The API's upgrade charge (chalicelib/billing/proration.py), computed the same way so the
 * amount can be shown before the owner confirms:
 *
 *     (new price - old price) x seconds remaining / seconds in the period, half-up to the cent
 *
 * in integers (cents x seconds can pass 2^53, hence BigInt). The API charges what it computes
 * at the moment it receives the change, so a few seconds later the amount can be a cent lower.
 */
export function proratedChargeCents({
  oldPrice,
  newPrice,
  periodStart,
  periodEnd,
  now,
}: {
  oldPrice: string;
  newPrice: string;
  periodStart: string;
  periodEnd: string;
  now: Date;
}): number {
  const start = Math.floor(Date.parse(periodStart) / 1000);
  const end = Math.floor(Date.parse(periodEnd) / 1000);
  const total = end - start;
  const remaining = Math.max(0, Math.min(total, Math.floor((Date.parse(periodEnd) - now.getTime()) / 1000)));
  const difference = toCents(newPrice) - toCents(oldPrice);
  if (total <= 0 || remaining === 0 || difference <= 0) return 0;
  const product = BigInt(difference) * BigInt(remaining);
  let quotient = product / BigInt(total);
  const remainder = product % BigInt(total);
  if (2n * remainder >= BigInt(total)) quotient += 1n;
  return Number(quotient);
}
