import type { Cart, CartGroup, CartLine } from "../api/types";

export const PWANI = "5b1f4f0a-6a8e-4c0f-9a51-1d2c3b4a5e60";
export const LAKESIDE = "8c2e6d1b-3f4a-4b5c-8d9e-0f1a2b3c4d5e";

export function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    id: "line-coke",
    product_id: "product-coke",
    sku: "PW-COKE-500",
    name: "Coca-Cola 500ml PET",
    unit_of_sale: "crate of 24",
    quantity: 3,
    min_order_qty: 1,
    order_increment: 1,
    unit_price: "1150.00",
    unit_price_when_added: "1150.00",
    line_total: "3450.00",
    stock_on_hand: 400,
    available: true,
    warnings: [],
    price_tiers: [{ min_quantity: 1, unit_price: "1150.00" }],
    ...overrides,
  };
}

export function group(overrides: Partial<CartGroup> = {}): CartGroup {
  return {
    wholesaler_id: PWANI,
    wholesaler_name: "Pwani Wholesale Distributors Ltd",
    lines: [line()],
    subtotal: "3450.00",
    delivery: {
      method: "pickup",
      fee: "0.00",
      address: null,
      lead_time_days: 2,
      pickup_address: "Moi Avenue 14, Mombasa",
      pickup_hours: "Mon-Sat 07:00-18:00",
      options: ["pickup", "delivery"],
    },
    total: "3450.00",
    pay_on_delivery_available: true,
    warnings: [],
    ...overrides,
  };
}

/** Pwani: 3 crates of Coca-Cola and 2 packs of water, delivered for 500.00; Lakeside: 2 crates, picked up. */
export function sampleCart(): Cart {
  const pwani = group({
    lines: [
      line(),
      line({
        id: "line-water",
        product_id: "product-water",
        sku: "PW-DASANI-500",
        name: "Dasani still water 500ml",
        unit_of_sale: "pack of 24",
        quantity: 2,
        unit_price: "720.00",
        unit_price_when_added: "720.00",
        line_total: "1440.00",
        price_tiers: [{ min_quantity: 1, unit_price: "720.00" }],
      }),
    ],
    subtotal: "4890.00",
    delivery: { ...group().delivery, method: "delivery", fee: "500.00", address: { city: "Nairobi" } },
    total: "5390.00",
  });
  const lakeside = group({
    wholesaler_id: LAKESIDE,
    wholesaler_name: "Lakeside Traders Ltd",
    lines: [
      line({
        id: "line-lakeside-coke",
        product_id: "product-lakeside-coke",
        sku: "LT-COKE-500",
        quantity: 2,
        min_order_qty: 2,
        unit_price: "1120.00",
        unit_price_when_added: "1120.00",
        line_total: "2240.00",
        price_tiers: [{ min_quantity: 2, unit_price: "1120.00" }],
      }),
    ],
    subtotal: "2240.00",
    total: "2240.00",
  });
  return {
    version: "v1",
    currency: "KES",
    groups: [pwani, lakeside],
    items_total: "7130.00",
    delivery_total: "500.00",
    grand_total: "7630.00",
    item_count: 3,
  };
}
