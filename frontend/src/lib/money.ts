/**
 * Money arrives from the API as decimal strings ("1150.00") and is computed on in whole
 * cents, so that no sum or difference goes through binary floating point.
 */
const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export function toCents(amount: string): number {
  const match = MONEY.exec(amount.trim());
  if (!match) throw new RangeError(`Not an amount of money: ${amount}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}
