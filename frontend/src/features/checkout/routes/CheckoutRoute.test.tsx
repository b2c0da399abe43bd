import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { sampleCart } from "@/features/cart/test/sample-cart";
import { deferred, envelope, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { CheckoutRoute } from "./CheckoutRoute";

const PLACED = {
  checkout_id: "3f1c2b7e-9a10-4d5b-9a51-7d1f5c9e2f6a",
  orders: [
    {
      id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
      number: "ORD-000042",
      wholesaler_id: "5b1f4f0a-6a8e-4c0f-9a51-1d2c3b4a5e60",
      wholesaler_name: "Pwani Wholesale Distributors Ltd",
      status: "placed",
      total: "7630.00",
    },
  ],
  grand_total: "7630.00",
  currency: "KES",
  payment_id: null,
  payment_status: null,
  next_action: "none",
  message: "Your orders are placed.",
};

interface Sent {
  key: string | null;
  body: unknown;
}

/** The API's /cart and /checkout; each checkout answer is taken from `answers` in turn. */
function checkoutServer(answers: (() => Promise<Response>)[]) {
  const sent: Sent[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET" && path === "/cart") return json(200, sampleCart());
    if (request.method === "POST" && path === "/checkout") {
      sent.push({ key: request.headers.get("Idempotency-Key"), body: await request.json() });
      const answer = answers[sent.length - 1];
      if (!answer) throw new Error("one checkout too many");
      return answer();
    }
    throw new Error(`No fake answer for ${request.method} ${path}`);
  };
  return { fetch, sent };
}

describe("the checkout", () => {
  it("sends the same Idempotency-Key again when the first answer was lost, and places one order", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = checkoutServer([() => Promise.reject(new TypeError("Failed to fetch")), () => Promise.resolve(json(201, PLACED))]);
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderWithProviders(<CheckoutRoute />, { path: "/checkout" });
    await userEvent.click(await screen.findByRole("radio", { name: /^Pay on delivery/ }));
    const place = screen.getByRole("button", { name: "Place order, pay on delivery" });

    await userEvent.click(place);
    expect(await screen.findByText("We could not reach Soko Wholesale.")).toBeInTheDocument();
    expect(screen.getByText(/the same order is sent, so it cannot be placed twice/)).toBeInTheDocument();
    await userEvent.click(place);

    await waitFor(() => expect(router.state.location.pathname).toBe("/orders"));
    expect(router.state.location.state).toEqual({ placed: ["ORD-000042"] });
    expect(server.sent).toHaveLength(2);
    expect(server.sent[0]?.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(server.sent[1]?.key).toBe(server.sent[0]?.key);
    expect(server.sent[0]?.body).toEqual({ cart_version: "v1", payment: { method: "pay_on_delivery" } });
  });

  it("sends one checkout however often the button is tapped while it is on its way", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const answer = deferred<Response>();
    const server = checkoutServer([() => answer.promise]);
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<CheckoutRoute />, { path: "/checkout" });
    await userEvent.click(await screen.findByRole("radio", { name: /^Pay on delivery/ }));
    const place = screen.getByRole("button", { name: "Place order, pay on delivery" });

    await userEvent.dblClick(place);
    await userEvent.click(place);
    await waitFor(() => expect(place).toBeDisabled());
    answer.resolve(json(201, PLACED));
    await waitFor(() => expect(server.sent).toHaveLength(1));
  });

  it("asks for a new key once the payment changes, and shows the API's phone error under the phone", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const refused = envelope("validation_failed", "This number cannot pay with the chosen provider.", [
      { field: "payment.payer_phone", code: "phone_not_supported", message: "Use a Safaricom number." },
    ]);
    const server = checkoutServer([
      () => Promise.resolve(json(400, refused)),
      () => Promise.resolve(json(201, { ...PLACED, payment_id: "0e6f2b7c-4d1a-4f3e-9b8c-2a1d3c4b5e6f" })),
    ]);
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderWithProviders(<CheckoutRoute />, { path: "/checkout" });
    await userEvent.click(await screen.findByRole("radio", { name: /^M-Pesa/ }));
    const phone = screen.getByLabelText("M-Pesa phone number");
    expect(phone).toHaveValue("+254712345678");

    await userEvent.click(screen.getByRole("button", { name: /^Pay with M-Pesa/ }));
    expect(await screen.findByText("Use a Safaricom number.")).toBeInTheDocument();
    expect(phone).toHaveAccessibleDescription(expect.stringContaining("Use a Safaricom number.") as string);

    await userEvent.clear(phone);
    await userEvent.type(phone, "0722 000 000");
    await userEvent.click(screen.getByRole("button", { name: /^Pay with M-Pesa/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/payments/0e6f2b7c-4d1a-4f3e-9b8c-2a1d3c4b5e6f"));
    expect(server.sent[1]?.body).toEqual({
      cart_version: "v1",
      payment: { method: "mobile_money", provider: "mpesa", payer_phone: "0722000000" },
    });
    expect(server.sent[1]?.key).not.toBe(server.sent[0]?.key);
  });
});
