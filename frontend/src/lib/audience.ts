import type { Session } from "./session-store";
import { useSessionStore } from "./session-store";

/** Who the app is for in this session: a shop, a wholesaler's team, or the platform's staff. */
export type Audience = "retailer" | "wholesaler" | "platform";

const PLATFORM_ROLES: ReadonlySet<string> = new Set(["admin", "support"]);

export function audienceOf(session: Session): Audience {
  if (PLATFORM_ROLES.has(session.user.role)) return "platform";
  return session.business?.kind === "wholesaler" ? "wholesaler" : "retailer";
}

/** Where each audience starts: the catalog, the order queue, the verification queue. */
export const HOME_PATH: Record<Audience, string> = {
  retailer: "/catalog",
  wholesaler: "/console/orders",
  platform: "/admin/verification",
};

export function useAudience(): Audience | null {
  return useSessionStore((state) => (state.session ? audienceOf(state.session) : null));
}

/** Platform support reads what admins read but changes nothing. */
export function useCanWrite(): boolean {
  return useSessionStore((state) => state.session?.user.role !== "support");
}
