import type { SignedIn } from "./api-schemas";
import { refreshTokenStorage } from "./refresh-token-storage";
import { type SessionEndReason, useSessionStore } from "./session-store";

type Listener = (reason: SessionEndReason) => void;
const endListeners = new Set<Listener>();

export function startSession(signedIn: SignedIn): void {
  refreshTokenStorage.save(signedIn.refresh_token);
  useSessionStore.getState().signIn(signedIn);
}

export function endSession(reason: SessionEndReason): void {
  refreshTokenStorage.clear();
  useSessionStore.getState().end(reason);
  endListeners.forEach((listener) => listener(reason));
}

export function onSessionEnd(listener: Listener): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

export function currentAccessToken(): string | null {
  return useSessionStore.getState().session?.accessToken ?? null;
}

/** True when the access token is missing or expires within `marginMs`. */
export function accessTokenExpiresSoon(marginMs: number, now = Date.now()): boolean {
  const session = useSessionStore.getState().session;
  return !session || session.accessTokenExpiresAt - now < marginMs;
}
