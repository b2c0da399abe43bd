import type { Provider } from "./types";

const SEPARATORS = /[\s()-]/g;
/** A Kenyan mobile number (07.., 01.., +2547.., 2541..), the only kind M-Pesa collects from. */
const KENYAN_MOBILE = /^(?:\+?254|0)(?:7|1)\d{8}$/;
/** Any number in international or national form: MoMo's markets differ, the API checks the country. */
const ANY_MOBILE = /^\+?\d{9,15}$/;

export function compactPhone(raw: string): string {
  return raw.replace(SEPARATORS, "");
}

export type PhoneProblem = "required" | "kenyan" | "invalid";

/** What is wrong with the payer's number for the provider, or null when it can be sent. */
export function phoneProblem(provider: Provider, raw: string): PhoneProblem | null {
  const phone = compactPhone(raw.trim());
  if (!phone) return "required";
  if (provider === "mtn_momo") return ANY_MOBILE.test(phone) ? null : "invalid";
  return KENYAN_MOBILE.test(phone) ? null : "kenyan";
}
