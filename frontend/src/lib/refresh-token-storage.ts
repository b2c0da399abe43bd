/**
 * Where the refresh token lives between page loads.
 *
 * The API answers the refresh token in the JSON body of /auth/login, /auth/register and
 * /auth/refresh (not in an HttpOnly cookie), so the app has to keep it somewhere a reload
 * can read. It is kept in sessionStorage, never localStorage:
 * - it dies with the tab, so a shop's shared phone or computer does not stay signed in
 *   once the tab is closed, and a token left behind cannot be picked up later;
 * - a reload keeps the session (the access token itself stays in memory only).
 * Script injected into the page could still read it; an HttpOnly, SameSite refresh cookie
 * set by the API would close that gap (see the frontend README).
 */
const KEY = "soko.refresh_token";

export const refreshTokenStorage = {
  read(): string | null {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  save(token: string): void {
    try {
      window.sessionStorage.setItem(KEY, token);
    } catch {
      // Storage refused (private mode quota): the session lasts until the next reload.
    }
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Nothing stored, nothing to clear.
    }
  },
};
