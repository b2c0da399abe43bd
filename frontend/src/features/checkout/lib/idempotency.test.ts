import { describe, expect, it } from "vitest";
import { attemptFor, fingerprintOf, newIdempotencyKey } from "./idempotency";

function keys() {
  let next = 0;
  return () => {
    next += 1;
    return `key-${next}`;
  };
}

const MPESA = { cart_version: "v1", payment: { method: "mobile_money", provider: "mpesa", payer_phone: "0712345678" } };

describe("the idempotency key of a checkout attempt", () => {
  it("is kept when the same checkout is sent again", () => {
    const make = keys();
    const first = attemptFor(null, fingerprintOf(MPESA), make);
    const again = attemptFor(first, fingerprintOf({ payment: { ...MPESA.payment }, cart_version: "v1" }), make);
    expect(first.key).toBe("key-1");
    expect(again.key).toBe("key-1");
  });

  it("is new when the cart or the payment changed", () => {
    const make = keys();
    const first = attemptFor(null, fingerprintOf(MPESA), make);
    const otherCart = attemptFor(first, fingerprintOf({ ...MPESA, cart_version: "v2" }), make);
    const otherPhone = attemptFor(
      otherCart,
      fingerprintOf({ ...MPESA, cart_version: "v2", payment: { ...MPESA.payment, payer_phone: "0722000000" } }),
      make,
    );
    expect([first.key, otherCart.key, otherPhone.key]).toEqual(["key-1", "key-2", "key-3"]);
  });

  it("is random and within the API's 100 characters", () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThan(16);
    expect(a.length).toBeLessThanOrEqual(100);
  });
});
