import { config } from "@/lib/config";
import type { Provider } from "../api/types";

/**
 * The mobile money providers offered at checkout. People see M-Pesa and MTN MoMo; the
 * sandbox (the local stack's stand-in, which answers like Daraja) is offered only by a
 * build for an API on this computer (127.0.0.1 or localhost), where the local stack always
 * enables it. A production API refuses the sandbox anyway (PAYMENT_PROVIDERS_ENABLED).
 * VITE_PAYMENT_PROVIDERS (comma-separated) overrides the choice.
 */
const ALL: readonly Provider[] = ["mpesa", "mtn_momo", "sandbox"];

function isProvider(value: string): value is Provider {
  return (ALL as readonly string[]).includes(value);
}

export function offeredProviders(apiUrl: string = config.apiUrl, setting?: string): Provider[] {
  if (setting) return setting.split(",").map((name) => name.trim()).filter(isProvider);
  const { hostname } = new URL(apiUrl);
  const local = hostname === "127.0.0.1" || hostname === "localhost";
  return local ? ["mpesa", "mtn_momo", "sandbox"] : ["mpesa", "mtn_momo"];
}

export const OFFERED_PROVIDERS = offeredProviders(
  config.apiUrl,
  (import.meta.env.VITE_PAYMENT_PROVIDERS as string | undefined) ?? undefined,
);
