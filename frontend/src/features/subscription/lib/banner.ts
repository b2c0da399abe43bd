import type { components } from "@/lib/api-types";

type Subscription = components["schemas"]["SubscriptionOut"];
type Invoice = components["schemas"]["InvoiceOut"];

/**
 * The app-wide warning about the subscription: in grace (`past_due`: ordering still works
 * until the grace period ends) or `suspended` (ordering stopped). Both end by paying the
 * open invoice, which only the owner may do.
 */
export type SubscriptionBannerState =
  | { kind: "past_due"; graceEndsAt: string | null; invoice: Invoice | null; canPay: boolean }
  | { kind: "suspended"; invoice: Invoice | null; canPay: boolean };

export function bannerState(
  subscription: Subscription | null | undefined,
  role: "owner" | "staff" | "admin" | "support",
): SubscriptionBannerState | null {
  if (!subscription) return null;
  const canPay = role === "owner";
  if (subscription.status === "past_due") {
    return { kind: "past_due", graceEndsAt: subscription.grace_ends_at, invoice: subscription.open_invoice, canPay };
  }
  if (subscription.status === "suspended") {
    return { kind: "suspended", invoice: subscription.open_invoice, canPay };
  }
  return null;
}
