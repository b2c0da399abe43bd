import { config } from "@/lib/config";
import type { Provider } from "./types";

const KNOWN: readonly Provider[] = ["mpesa", "mtn_momo", "sandbox"];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function isProvider(name: unknown): name is Provider {
  return typeof name === "string" && (KNOWN as readonly string[]).includes(name);
}

/**
 * The mobile money providers a payer may choose, in the order shown (the first is preselected).
 * `VITE_PAYMENT_PROVIDERS` (comma separated) names them, in its order, for a deployment; when it
 * names no known provider it is ignored rather than leaving nothing to pay with. Without it:
 * M-Pesa and MTN MoMo, and the sandbox first when the API runs on this machine, because the local
 * stack enables only the sandbox (the real providers need credentials it does not have) and a
 * production API refuses the sandbox anyway.
 */
export function offeredProviders(
  setting: unknown = import.meta.env["VITE_PAYMENT_PROVIDERS"],
  apiUrl: string = config.apiUrl,
): Provider[] {
  if (typeof setting === "string") {
    const named = setting.split(",").map((name) => name.trim()).filter(isProvider);
    const chosen = [...new Set(named)];
    if (chosen.length > 0) return chosen;
  }
  const local = LOOPBACK.has(new URL(apiUrl).hostname);
  return local ? ["sandbox", "mpesa", "mtn_momo"] : ["mpesa", "mtn_momo"];
}

export const OFFERED_PROVIDERS: readonly Provider[] = offeredProviders();
