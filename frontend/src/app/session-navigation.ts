import type { QueryClient } from "@tanstack/react-query";
import type { DataRouter } from "react-router";
import { onSessionEnd } from "@/lib/auth-session";
import { signInHref } from "./session-guards";

const PUBLIC_PATHS = ["/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/verify-email"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * When a session ends (signed out, or found over by a request), the person goes to sign-in
 * (after an expiry, with a way back to where they were) and nothing of theirs stays cached.
 */
export function followSessionEnds(
  router: Pick<DataRouter, "state" | "navigate">,
  queryClient: QueryClient,
): () => void {
  return onSessionEnd((reason) => {
    const { pathname, search } = router.state.location;
    if (!isPublicPath(pathname)) {
      void router.navigate(signInHref(reason === "expired" ? pathname + search : null), { replace: true });
    }
    queryClient.clear();
  });
}
