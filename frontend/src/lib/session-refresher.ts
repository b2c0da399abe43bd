import type { Client } from "openapi-fetch";
import { ApiError } from "./api-error";
import type { paths } from "./api-types";
import { endSession, startSession } from "./auth-session";
import { refreshTokenStorage } from "./refresh-token-storage";
import { useSessionStore } from "./session-store";

/** Answers a fresh access token, or null once the session has ended. */
export type RefreshSession = () => Promise<string | null>;

/**
 * Rotates the refresh token (POST /auth/refresh). The API ends the whole session when a
 * refresh token is presented twice, so concurrent callers share the one rotation in flight.
 * A refusal (401) ends the session; a network or server failure keeps it and throws.
 */
export function createSessionRefresher(client: Client<paths>): RefreshSession {
  let inFlight: Promise<string | null> | null = null;

  async function rotate(): Promise<string | null> {
    const refreshToken = refreshTokenStorage.read();
    if (!refreshToken) {
      if (useSessionStore.getState().session) endSession("expired");
      return null;
    }
    let result;
    try {
      result = await client.POST("/auth/refresh", { body: { refresh_token: refreshToken } });
    } catch (cause) {
      throw ApiError.network(cause);
    }
    if (result.data) {
      startSession(result.data);
      return result.data.access_token;
    }
    if (result.response.status === 401 || result.response.status === 400) {
      endSession("expired");
      return null;
    }
    throw ApiError.fromResponse(result.response, result.error);
  }

  return () => {
    inFlight ??= rotate().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
