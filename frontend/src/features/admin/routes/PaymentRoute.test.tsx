import { screen, within } from "@testing-library/react";
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

function openCold(answer: () => Response) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ [`GET /admin/payments/${ID}`]: answer });
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
});
