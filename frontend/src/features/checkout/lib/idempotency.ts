/**
 * One Idempotency-Key per checkout attempt. An attempt is what the retailer confirmed: the
 * request body (cart version and payment). Sending the same body again (a double tap, a
 * retry after the network dropped the answer) reuses the key, so the API answers with the
 * orders it already placed instead of placing them twice; any change to the body (the cart
 * changed, another payment method or number) is a new attempt with a new key.
 */
export interface Attempt {
  key: string;
  fingerprint: string;
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function attemptFor(previous: Attempt | null, fingerprint: string, newKey: () => string = newIdempotencyKey): Attempt {
  if (previous && previous.fingerprint === fingerprint) return previous;
  return { key: newKey(), fingerprint };
}

/** A body's fingerprint: the same JSON for the same request, whatever order its keys were set in. */
export function fingerprintOf(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
