import type { ApiErrorDetail, ErrorEnvelope } from "./api-schemas";

export const NETWORK_ERROR = "network_error";
export const UNEXPECTED_RESPONSE = "unexpected_response";

/** An error the API answered in its envelope, or a request that never got an answer. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const retryAfter = Number(response.headers.get("Retry-After"));
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
    if (isErrorEnvelope(body)) {
      const { code, message, details } = body.error;
      return new ApiError(response.status, code, message, details, retryAfterSeconds);
    }
    return new ApiError(
      response.status,
      UNEXPECTED_RESPONSE,
      `The server answered ${response.status} without an explanation.`,
      [],
      retryAfterSeconds,
    );
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, NETWORK_ERROR, "The request did not reach the server.");
    error.cause = cause;
    return error;
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR;
  }
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string" &&
    "details" in error &&
    Array.isArray(error.details)
  );
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
