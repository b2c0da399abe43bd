import type { components } from "@/lib/api-types";
import { config } from "@/lib/config";

export type Provider = components["schemas"]["StartSubscription"]["provider"];

const KNOWN: readonly Provider[] = ["mpesa", "mtn_momo", "sandbox"];
export function isProvider(name: unknown): name is Provider {
  return typeof name === "string" && (KNOWN as readonly string[]).includes(name);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The mobile money providers the payer may choose. `VITE_PAYMENT_PROVIDERS` (comma separated)
 * names them for a deployment; without it, M-Pesa and MTN MoMo, and the sandbox first when the
 * API runs on this machine (the local stack enables the sandbox; the real providers need
 * credentials it does not have).
 */
export function offeredProviders(
  setting: unknown = import.meta.env["VITE_PAYMENT_PROVIDERS"],
  apiUrl: string = config.apiUrl,
): Provider[] {
  if (typeof setting === "string" && setting.trim()) {
    const chosen = setting.split(",").map((name) => name.trim());
    const known = KNOWN.filter((provider) => chosen.includes(provider));
    if (known.length > 0) return known;
  }
  const local = LOOPBACK.has(new URL(apiUrl).hostname);
  return local ? ["sandbox", "mpesa", "mtn_momo"] : ["mpesa", "mtn_momo"];
}
