import createClient, { type Client } from "openapi-fetch";
import { ApiError } from "./api-error";
import type { paths } from "./api-types";
import { type Fetch, createAuthFetch } from "./auth-fetch";
import { config } from "./config";
import { type RefreshSession, createSessionRefresher } from "./session-refresher";

export type ApiClient = Client<paths>;

interface ApiClientOptions {
  baseUrl: string;
  fetch: Fetch;
}

/** `api` sends the session's access token and renews it; `refresh` renews it on demand. */
export function createApiClient({ baseUrl, fetch }: ApiClientOptions): {
  api: ApiClient;
  refresh: RefreshSession;
} {
  const bare = createClient<paths>({ baseUrl, fetch });
  const refresh = createSessionRefresher(bare);
  const api = createClient<paths>({ baseUrl, fetch: createAuthFetch({ fetch, refresh }) });
  return { api, refresh };
}

export const { api, refresh: refreshSession } = createApiClient({
  baseUrl: config.apiUrl,
  fetch: (request) => globalThis.fetch(request),
});

interface ApiResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError carrying the error envelope (or the network failure). */
export async function unwrap<Data>(pending: Promise<ApiResult<Data>>): Promise<Data> {
  let result: ApiResult<Data>;
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof ApiError || (cause instanceof DOMException && cause.name === "AbortError")) throw cause;
    throw ApiError.network(cause);
  }
  if (result.response.ok) return result.data as Data;
  throw ApiError.fromResponse(result.response, result.error);
}
