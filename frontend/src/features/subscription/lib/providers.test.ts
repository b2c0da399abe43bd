import { describe, expect, it } from "vitest";
import { offeredProviders } from "./providers";

describe("the payment providers offered", () => {
  it("are M-Pesa and MTN MoMo for a deployed API, with the sandbox first for the local stack", () => {
    expect(offeredProviders(undefined, "https://api.soko.example")).toEqual(["mpesa", "mtn_momo"]);
    expect(offeredProviders(undefined, "http://127.0.0.1:18651")).toEqual(["sandbox", "mpesa", "mtn_momo"]);
  });

  it("follow VITE_PAYMENT_PROVIDERS when it names known providers", () => {
    expect(offeredProviders("mtn_momo, mpesa", "https://api.soko.example")).toEqual(["mpesa", "mtn_momo"]);
    expect(offeredProviders("paypal", "https://api.soko.example")).toEqual(["mpesa", "mtn_momo"]);
  });
});
