import type { BusinessOut, SignedIn, UserOut } from "@/lib/api-schemas";

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

/** A stand-in for the API: answers by "METHOD /path" and records every request. */
export function fakeApi(handlers: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get("Authorization"),
      body: text ? (JSON.parse(text) as unknown) : null,
    };
    calls.push(call);
    const handler = handlers[`${call.method} ${call.path}`];
    if (!handler) throw new Error(`No fake answer for ${call.method} ${call.path}`);
    return handler(call);
  };
  const callsTo = (key: string) => calls.filter((call) => `${call.method} ${call.path}` === key);
  return { fetch, calls, callsTo };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function envelope(code: string, message: string, details: { field: string; code: string; message: string }[] = []) {
  return { error: { code, message, details } };
}

export const USER: UserOut = {
  id: "7d1f5c9e-2f6a-4d5b-9a51-3f1c2b7e9a10",
  email: "njeri@example.com",
  full_name: "Njeri Wanjiku",
  phone: "+254712345678",
  role: "owner",
  status: "active",
  business_id: "1c9e2a6b-8f0d-4e57-b3a2-6d4f8e1c0b92",
  email_verified: true,
  two_factor_enabled: false,
  created_at: "2026-11-02T08:30:00Z",
};

export const BUSINESS: BusinessOut = {
  id: "1c9e2a6b-8f0d-4e57-b3a2-6d4f8e1c0b92",
  kind: "retailer",
  name: "Mama Njeri Mini Mart",
  registration_number: "BN-2231",
  tax_id: null,
  phone: "+254712345678",
  email: "njeri@example.com",
  address: { line: "Kenyatta Ave 3", city: "Nairobi", region: "Nairobi", country: "KE" },
  verification_status: "not_required",
  verification_reason: null,
  created_at: "2026-11-02T08:30:00Z",
};

export function signedIn(accessToken: string, refreshToken: string, expiresIn = 900): SignedIn {
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: expiresIn,
    refresh_token: refreshToken,
    refresh_expires_at: "2026-12-30T08:30:00Z",
    user: USER,
    business: BUSINESS,
  };
}

/** A promise resolved from outside, to hold an answer back until a test says so. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
