import type { Payment } from "./types";

export function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: "0e6f2b7c-4d1a-4f3e-9b8c-2a1d3c4b5e6f",
    purpose: "checkout",
    method: "mobile_money",
    provider: "sandbox",
    status: "pending",
    amount: "3450.00",
    charged_amount: "3450.00",
    currency: "KES",
    payer_phone: "+254712345670",
    receipt: null,
    failure_reason: null,
    failure_message: null,
    late: false,
    attempts: 1,
    can_retry: false,
    retry_until: null,
    next_action: "approve_on_phone",
    message: "Approve the payment of KES 3450.00 on +254712345670.",
    orders: [
      {
        id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        number: "ORD-000042",
        status: "pending_payment",
        total: "3450.00",
        wholesaler_id: "5b1f4f0a-6a8e-4c0f-9a51-1d2c3b4a5e60",
      },
    ],
    refunds: [],
    created_at: "2026-12-03T08:30:00Z",
    settled_at: null,
    ...overrides,
  };
}
