import type { Order, TimelineEntry } from "../api/types";

export function entry(to: string, from: string | null, at: string, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return { kind: "status_changed", from_status: from, to_status: to, actor: "wholesaler", actor_user_id: null, note: null, data: {}, at, ...overrides };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    number: "ORD-000042",
    status: "placed",
    retailer_id: "1c9e2a6b-8f0d-4e57-b3a2-6d4f8e1c0b92",
    retailer_name: "Mama Njeri Mini Mart",
    wholesaler_id: "5b1f4f0a-6a8e-4c0f-9a51-1d2c3b4a5e60",
    wholesaler_name: "Pwani Wholesale Distributors Ltd",
    payment_method: "pay_on_delivery",
    payment_status: "to_collect",
    total: "3950.00",
    line_count: 1,
    expected_delivery_date: "2026-12-03",
    currency: "KES",
    created_at: "2026-12-01T07:00:00Z",
    payment: null,
    subtotal: "3450.00",
    delivery_fee: "500.00",
    amount_collected: "0.00",
    invoice_number: "INV-000007",
    cancel_reason: null,
    expires_at: null,
    placed_at: "2026-12-01T07:00:00Z",
    lines: [
      {
        product_id: "product-coke",
        sku: "PW-COKE-500",
        name: "Coca-Cola 500ml PET",
        unit_of_sale: "crate of 24",
        unit_price: "1150.00",
        quantity: 3,
        line_total: "3450.00",
      },
    ],
    delivery: {
      method: "delivery",
      address: { line: "Kenyatta Ave 3", city: "Nairobi", region: "Nairobi", country: "KE" },
      lead_time_days: 2,
      driver_name: null,
      driver_phone: null,
      vehicle: null,
      expected_delivery_date: null,
    },
    timeline: [entry("placed", null, "2026-12-01T07:00:00Z", { actor: "retailer" })],
    refunds: [],
    ...overrides,
  };
}
