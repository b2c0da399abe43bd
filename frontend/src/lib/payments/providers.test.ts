import { describe, expect, it } from "vitest";
import { isProvider, offeredProviders } from "./providers";

describe("the payment providers offered", () => {
  it("are M-Pesa and MTN MoMo for a deployed API, with the sandbox first for the local stack", () => {
    expect(offeredProviders(undefined, "https://api.soko.example")).toEqual(["mpesa", "mtn_momo"]);
    expect(offeredProviders(undefined, "http://127.0.0.1:18651")).toEqual(["sandbox", "mpesa", "mtn_momo"]);
    expect(offeredProviders(undefined, "http://localhost:8000")).toEqual(["sandbox", "mpesa", "mtn_momo"]);
  });

  it("follow VITE_PAYMENT_PROVIDERS in its order, once each, when it names known providers", () => {
    expect(offeredProviders("mtn_momo, mpesa, mtn_momo", "https://api.soko.example")).toEqual(["mtn_momo", "mpesa"]);
    expect(offeredProviders("sandbox", "https://api.soko.example")).toEqual(["sandbox"]);
  });

  it("ignore a VITE_PAYMENT_PROVIDERS that names no known provider", () => {
    expect(offeredProviders("paypal", "https://api.soko.example")).toEqual(["mpesa", "mtn_momo"]);
    expect(offeredProviders(" ", "http://127.0.0.1:18651")).toEqual(["sandbox", "mpesa", "mtn_momo"]);
  });

  it("recognise only the providers the API knows", () => {
    expect(isProvider("mtn_momo")).toBe(true);
    expect(isProvider("paypal")).toBe(false);
    expect(isProvider(null)).toBe(false);
  });
});
