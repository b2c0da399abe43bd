import { accessTokenExpiresSoon, currentAccessToken } from "./auth-session";
import type { RefreshSession } from "./session-refresher";

export type Fetch = (request: Request) => Promise<Response>;

/** An access token this close to its expiry is renewed before the request, saving a 401 round trip. */
export const RENEW_BEFORE_EXPIRY_MS = 30_000;

interface AuthFetchOptions {
  fetch: Fetch;
  refresh: RefreshSession;
}

/**
 * Sends each request with the session's access token. A 401 to a request that carried a
 * token renews the session once (shared with every other request waiting on it) and sends
 * the request again, once. When the session cannot be renewed it has ended (the session's
 * end listeners take the person to sign in) and the 401 is answered.
 */
export function createAuthFetch({ fetch, refresh }: AuthFetchOptions): Fetch {
  async function tokenForRequest(): Promise<string | null> {
    const token = currentAccessToken();
    if (!token || !accessTokenExpiresSoon(RENEW_BEFORE_EXPIRY_MS)) return token;
    try {
      return await refresh();
    } catch {
      return token;
    }
  }

  return async (request) => {
    const token = await tokenForRequest();
    if (!token) return fetch(request);
    const replay = request.clone();
    const response = await fetch(withBearer(request, token));
    if (response.status !== 401) return response;

    const latest = currentAccessToken();
    const renewed = latest && latest !== token ? latest : await refresh();
    if (!renewed) return response;
    return fetch(withBearer(replay, renewed));
  };
}

function withBearer(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set("Authorization", `Bearer ${token}`);
  return new Request(request, { headers });
}
