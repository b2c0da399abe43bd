import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import type { AdminPaymentDetail } from "../api/payments";
import { loadAdminTexts } from "../texts";
import { PaymentRoute } from "./PaymentRoute";

const ID = "5b1e9c2a-7d3f-4a6b-8c1d-2e9f0a7b3c64";
const ORDER = "0f6d2b1c-3a4e-4b5f-9c6d-7e8f9a0b1c2d";

const PAYMENT: AdminPaymentDetail = {
  id: ID,
  payer_business_id: "1c9e2a6b-8f0d-4e57-b3a2-6d4f8e1c0b92",
  payer_name: "Mama Njeri Mini Mart",
  purpose: "checkout",
  method: "mobile_money",
  provider: "mpesa",
  provider_reference: "ws_CO_0112",
  status: "succeeded",
  amount: "1500.00",
  charged_amount: "1500.00",
  currency: "KES",
  receipt: "QK7B2X9ZPL",
  failure_reason: null,
  late: false,
  attempts: 1,
  created_at: "2026-12-01T08:00:00Z",
  settled_at: "2026-12-01T08:01:00Z",
  payer_phone: "+254712345678",
  checkout_id: null,
  order_id: null,
  subscription_invoice_id: null,
  hold_until: null,
  last_checked_at: null,
  updated_at: "2026-12-01T08:01:00Z",
  notes: {},
  requests: [
    { number: 1, provider: "mpesa", reference: "ws_CO_0112", payer_phone: "+254712345678", requested_at: "2026-12-01T08:00:00Z", outcome: "succeeded", closed_at: "2026-12-01T08:01:00Z" },
  ],
  provider_messages: [],
  actions: [],
  orders: [{ id: ORDER, number: "ORD-000042", status: "accepted", total: "1500.00", wholesaler_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" }],
  refunds: [],
  settlements: [],
};

beforeAll(loadAdminTexts);

function settlement(orderId: string, number: string, wholesaler: string, status: "due" | "cancelled" = "due") {
  return {
    id: `${orderId.slice(0, -4)}5e7f`, order_id: orderId, order_number: number, payment_id: ID, wholesaler_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    wholesaler_name: wholesaler, currency: "KES", order_total: "750.00", commission_rate: "0.0200", commission: "15.00", amount_due: "735.00",
    status, held: false, refunded: "0.00", payout_reference: null, paid_at: null, created_at: "2026-12-01T08:01:00Z",
  };
}

function openCold(answer: () => Response, refund?: (call: { body: unknown }) => Response) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ [`GET /admin/payments/${ID}`]: answer, ...(refund ? { [`POST /admin/payments/${ID}/refund`]: refund } : {}) });
  vi.stubGlobal("fetch", server.fetch);
  vi.stubGlobal("matchMedia", () => ({ matches: true, addEventListener: vi.fn(), removeEventListener: vi.fn() }));
  renderWithProviders(<PaymentRoute />, { path: "/admin/payments/:paymentId", at: `/admin/payments/${ID}` });
  return server;
}

describe("a payment's page opened from its address", () => {
  it("fetches the payment and shows its details, orders, history and refund action", async () => {
    const server = openCold(() => json(200, PAYMENT));
    expect(await screen.findByRole("heading", { name: "Payment from Mama Njeri Mini Mart" })).toBeInTheDocument();
    expect(server.callsTo(`GET /admin/payments/${ID}`)).toHaveLength(1);
    expect(screen.getByText("QK7B2X9ZPL")).toBeInTheDocument();
    const orders = screen.getByRole("region", { name: "Orders paid" });
    expect(within(orders).getAllByText("ORD-000042").length).toBeGreaterThan(0);
    expect(within(orders).getByText("Accepted")).toBeInTheDocument();
    const history = screen.getByRole("region", { name: "History" });
    expect(within(history).getByText("Request 1 sent to +254712345678")).toBeInTheDocument();
    expect(screen.getByText("No refund of this payment.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Refund" })).toBeInTheDocument();
  });

  it("says so when the payment does not exist", async () => {
    openCold(() => json(404, envelope("not_found", "No such payment.")));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("We could not find this.");
    expect(within(alert).getByRole("link", { name: "Back to the list" })).toHaveAttribute("href", "/admin/payments");
  });

  it("asks which order a refund is for when the payment paid for several, and sends it", async () => {
    const SECOND = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const several = {
      ...PAYMENT,
      settlements: [settlement(ORDER, "ORD-000042", "Pwani Wholesale"), settlement(SECOND, "ORD-000043", "Lakeside Traders")],
    };
    const server = openCold(
      () => json(200, several),
      () => json(201, { id: "r-1", amount: "100.00", currency: "KES", status: "open" }),
    );
    const form = await screen.findByRole("region", { name: "Refund" });
    await userEvent.clear(within(form).getByLabelText("Amount to refund"));
    await userEvent.type(within(form).getByLabelText("Amount to refund"), "100.00");
    await userEvent.type(within(form).getByLabelText("Reason"), "Damaged crate");
    await userEvent.click(within(form).getByRole("button", { name: "Refund…" }));
    expect(within(form).getByText("This payment paid for several orders: choose the one the refund is for.")).toBeInTheDocument();

    await userEvent.selectOptions(within(form).getByLabelText("Order the refund is for"), "ORD-000043 · Lakeside Traders");
    await userEvent.click(within(form).getByRole("button", { name: "Refund…" }));
    await userEvent.click(within(form).getByRole("button", { name: "Yes, open the refund" }));

    await screen.findByText("Refund opened:");
    expect(server.callsTo(`POST /admin/payments/${ID}/refund`).map((call) => call.body)).toEqual([
      { amount: "100.00", reason: "Damaged crate", order_id: SECOND },
    ]);
  });

  it("does not ask for an order when only one of the orders is still owed", async () => {
    const one = { ...PAYMENT, settlements: [settlement(ORDER, "ORD-000042", "Pwani Wholesale"), settlement("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "ORD-000044", "Lakeside Traders", "cancelled")] };
    openCold(() => json(200, one));
    const form = await screen.findByRole("region", { name: "Refund" });
    expect(within(form).queryByLabelText("Order the refund is for")).not.toBeInTheDocument();
  });
});
