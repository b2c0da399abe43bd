import { refreshSession } from "./api-client";
import { refreshTokenStorage } from "./refresh-token-storage";
import { type Session, useSessionStore } from "./session-store";

/**
 * The current session, restored after a reload from the refresh token (the access token
 * lives in memory only). Null when nobody is signed in; throws when the API cannot be
 * reached, so the session is kept for the next try.
 */
export async function ensureSession(): Promise<Session | null> {
  const { session } = useSessionStore.getState();
  if (session) return session;
  if (!refreshTokenStorage.read()) return null;
  await refreshSession();
  return useSessionStore.getState().session;
}
