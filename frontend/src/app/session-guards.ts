import { type LoaderFunctionArgs, redirect } from "react-router";
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
