/** `/` sends each audience to its own starting page. */
export const DEFAULT_AFTER_SIGN_IN = "/";

/** A `next` parameter is followed only to a path of this app, never to another site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return next;
}
