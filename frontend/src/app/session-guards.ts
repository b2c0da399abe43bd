import { type LoaderFunctionArgs, redirect } from "react-router";
import { type Audience, HOME_PATH, audienceOf } from "@/lib/audience";
import { ensureSession } from "@/lib/ensure-session";
import { safeNextPath } from "@/lib/safe-next";

export function signInHref(next: string | null): string {
  return next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
}

/** Pages behind sign-in: without a session, to sign-in and back here afterwards. */
export async function requireSession({ request }: LoaderFunctionArgs) {
  if (await ensureSession()) return null;
  const url = new URL(request.url);
  return redirect(signInHref(url.pathname + url.search));
}

/** Sign-in and sign-up: someone signed in already goes where they were heading. */
export async function redirectSignedIn({ request }: LoaderFunctionArgs) {
  if (!(await ensureSession())) return null;
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")));
}

/** The console is for wholesalers' teams, the admin panel for the platform's staff; others go home. */
export function requireAudience(audience: Audience) {
  return async ({ request }: LoaderFunctionArgs) => {
    const session = await ensureSession();
    if (!session) {
      const url = new URL(request.url);
      return redirect(signInHref(url.pathname + url.search));
    }
    const own = audienceOf(session);
    return own === audience ? null : redirect(HOME_PATH[own]);
  };
}

/** `/`: each audience's starting page. */
export async function redirectHome({ request }: LoaderFunctionArgs) {
  const session = await ensureSession();
  if (!session) return redirect(signInHref(new URL(request.url).pathname));
  return redirect(HOME_PATH[audienceOf(session)]);
}
