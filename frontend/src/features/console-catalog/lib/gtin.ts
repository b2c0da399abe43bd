/**
 * GTIN-8/12/13/14 barcodes, checked as the API checks them (`chalicelib/inventory/rules.py`
 * `gtin_problem`) so a wrong number is refused before it is sent.
 */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

export type GtinProblem = "gtin_format" | "gtin_check_digit";

/** The GS1 check digit of the digits before it: weights 3, 1, 3, ... from the right. */
export function gtinCheckDigit(body: string): number {
  let total = 0;
  for (let position = 0; position < body.length; position += 1) {
    const digit = Number(body[body.length - 1 - position]);
    total += digit * (position % 2 === 0 ? 3 : 1);
  }
  return (10 - (total % 10)) % 10;
}

/** Why `value` is not a GTIN, or null when it is one (an empty value is "no barcode": null). */
export function gtinProblem(value: string): GtinProblem | null {
  const gtin = value.trim();
  if (gtin === "") return null;
  if (!/^\d+$/.test(gtin) || !GTIN_LENGTHS.includes(gtin.length)) return "gtin_format";
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.slice(-1)) ? null : "gtin_check_digit";
}
