import { describe, expect, it, vi } from "vitest";
import { BUSINESS, USER, deferred, envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { ApiError } from "./api-error";
import { createApiClient, unwrap } from "./api-client";
import { onSessionEnd, startSession } from "./auth-session";
import { refreshTokenStorage } from "./refresh-token-storage";
import { useSessionStore } from "./session-store";

const BASE = "https://api.test";
const NOT_AUTHENTICATED = envelope("not_authenticated", "Sign in to continue.");

function acceptsOnly(token: string) {
  return ({ authorization }: { authorization: string | null }) =>
    authorization === `Bearer ${token}` ? json(200, USER) : json(401, NOT_AUTHENTICATED);
}

describe("the API client", () => {
  it("renews the session once for two concurrent 401s and sends each request again once", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const refreshAnswer = deferred<Response>();
    const server = fakeApi({ "GET /me": acceptsOnly("access-2"), "POST /auth/refresh": () => refreshAnswer.promise });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const first = unwrap(api.GET("/me"));
    const second = unwrap(api.GET("/me"));
    await vi.waitFor(() => expect(server.callsTo("POST /auth/refresh")).toHaveLength(1));
    await vi.waitFor(() => expect(server.callsTo("GET /me")).toHaveLength(2));
    refreshAnswer.resolve(json(200, signedIn("access-2", "refresh-2")));

    await expect(Promise.all([first, second])).resolves.toEqual([USER, USER]);
    expect(server.callsTo("POST /auth/refresh")).toHaveLength(1);
    expect(server.callsTo("POST /auth/refresh")[0]?.body).toEqual({ refresh_token: "refresh-1" });
    expect(server.callsTo("GET /me").map((call) => call.authorization)).toEqual([
      "Bearer access-1",
      "Bearer access-1",
      "Bearer access-2",
      "Bearer access-2",
    ]);
    expect(refreshTokenStorage.read()).toBe("refresh-2");
    expect(useSessionStore.getState().session?.accessToken).toBe("access-2");
  });

  it("sends the body of a refused POST again with the renewed token", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = fakeApi({
      "POST /me/2fa/confirm": ({ authorization }) =>
        authorization === "Bearer access-2" ? json(200, { recovery_codes: ["a1b2c3d4e5"] }) : json(401, NOT_AUTHENTICATED),
      "POST /auth/refresh": () => json(200, signedIn("access-2", "refresh-2")),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.POST("/me/2fa/confirm", { body: { code: "123456" } }))).resolves.toEqual({
      recovery_codes: ["a1b2c3d4e5"],
    });
    expect(server.callsTo("POST /me/2fa/confirm").map((call) => call.body)).toEqual([
      { code: "123456" },
      { code: "123456" },
    ]);
  });

  it("does not renew or resend a second time when the resent request is refused too", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = fakeApi({
      "GET /me": () => json(401, NOT_AUTHENTICATED),
      "POST /auth/refresh": () => json(200, signedIn("access-2", "refresh-2")),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.GET("/me"))).rejects.toMatchObject({ status: 401, code: "not_authenticated" });
    expect(server.callsTo("POST /auth/refresh")).toHaveLength(1);
    expect(server.callsTo("GET /me")).toHaveLength(2);
  });

  it("ends the session, as expired, when the refresh token is refused", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const ended = vi.fn();
    const stopListening = onSessionEnd(ended);
    const server = fakeApi({
      "GET /me": () => json(401, NOT_AUTHENTICATED),
      "POST /auth/refresh": () => json(401, envelope("invalid_refresh_token", "Your session has ended.")),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.GET("/me"))).rejects.toMatchObject({ status: 401 });
    stopListening();
    expect(ended).toHaveBeenCalledExactlyOnceWith("expired");
    expect(useSessionStore.getState()).toMatchObject({ session: null, endReason: "expired" });
    expect(refreshTokenStorage.read()).toBeNull();
    expect(server.callsTo("GET /me")).toHaveLength(1);
  });

  it("keeps the session when the refresh cannot reach the API", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = fakeApi({
      "GET /me": () => json(401, NOT_AUTHENTICATED),
      "POST /auth/refresh": () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const failure = await unwrap(api.GET("/me")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: "network_error", status: 0 });
    expect(useSessionStore.getState().session?.accessToken).toBe("access-1");
    expect(refreshTokenStorage.read()).toBe("refresh-1");
  });

  it("renews an access token about to expire before sending, saving the 401", async () => {
    startSession(signedIn("access-1", "refresh-1", 10));
    const server = fakeApi({
      "GET /me": acceptsOnly("access-2"),
      "POST /auth/refresh": () => json(200, signedIn("access-2", "refresh-2")),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.GET("/me"))).resolves.toEqual(USER);
    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual(["POST /auth/refresh", "GET /me"]);
  });

  it("sends requests without a token when nobody is signed in, and never renews", async () => {
    const server = fakeApi({ "GET /me": () => json(401, NOT_AUTHENTICATED) });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.GET("/me"))).rejects.toMatchObject({ code: "not_authenticated" });
    expect(server.calls).toEqual([{ method: "GET", path: "/me", authorization: null, body: null }]);
  });

  it("turns the error envelope into an ApiError carrying code, message and details", async () => {
    const details = [{ field: "owner.password", code: "password_too_common", message: "This password is too common." }];
    const server = fakeApi({
      "POST /auth/register": () => json(400, envelope("validation_failed", "Some fields are invalid.", details)),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const failure = await unwrap(
      api.POST("/auth/register", {
        body: {
          business: { ...BUSINESS, tax_id: null, address: BUSINESS.address },
          owner: { full_name: "Njeri", email: "njeri@example.com", phone: "0712345678", password: "password1234" },
          accepted_terms_version: "2026-01",
          accepted_privacy_version: "2026-01",
        },
      }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 400, code: "validation_failed", message: "Some fields are invalid.", details });
  });

  it("reads Retry-After of a throttled answer", async () => {
    const server = fakeApi({
      "POST /auth/login": () => json(429, envelope("too_many_requests", "Too many attempts."), { "Retry-After": "120" }),
    });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.POST("/auth/login", { body: { email: "a@b.co", password: "x" } }))).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 120,
    });
  });

  it("explains an error answer that is not the envelope (a gateway's page)", async () => {
    const server = fakeApi({ "GET /me": () => new Response("<html>Bad gateway</html>", { status: 502 }) });
    const { api } = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    await expect(unwrap(api.GET("/me"))).rejects.toMatchObject({ status: 502, code: "unexpected_response" });
  });
});
