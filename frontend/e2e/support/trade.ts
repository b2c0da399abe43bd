import type { Page } from "@playwright/test";
import type { components } from "../../src/lib/api-types";
import { api, signInByApi, uniqueSuffix, verifyEmailByLink } from "./api";
import { signInThroughPage } from "./fixtures";
import { DEMO_PASSWORD } from "./stack";

type SignedIn = components["schemas"]["SignedIn"];
type Cart = components["schemas"]["CartOut"];
type CheckoutOut = components["schemas"]["CheckoutOut"];
type Order = components["schemas"]["OrderOut"];

export const DEMO_WHOLESALER = "wholesaler@demo.soko.test";
export const PWANI = "Pwani Wholesale Distributors Ltd";
/** The profile phone of every shop made here: the sandbox approves a number ending in 0. */
export const APPROVING_PHONE = "0712345670";

export function bearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

async function ok<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as Data;
}

export interface Shop {
  email: string;
  password: string;
  token: string;
}

/**
 * A retailer of its own per test (carts and orders never cross between tests running side
 * by side): registered in Nairobi, where the demo wholesaler delivers, with its e-mail
 * confirmed (checkout needs it) and a retailer plan on its free trial (ordering needs it).
 */
export async function newShop(): Promise<Shop> {
  const suffix = uniqueSuffix();
  const email = `e2e-shop-${suffix}@example.com`;
  const password = `Sukuma-Wiki-${suffix}-Gunia`;
  const signedIn = await ok(
    api.POST("/auth/register", {
      body: {
        business: {
          kind: "retailer",
          name: `Duka la Mama ${suffix}`,
          registration_number: `E2E-SHOP-${suffix}`.toUpperCase(),
          tax_id: null,
          phone: APPROVING_PHONE,
          email,
          address: { line: "Kenyatta Ave 3", city: "Nairobi", region: "Nairobi", country: "KE" },
        },
        owner: { full_name: "Wanjiru Kamau", email, phone: APPROVING_PHONE, password },
        accepted_terms_version: "2026-01",
        accepted_privacy_version: "2026-01",
      },
    }),
  );
  await verifyEmailByLink(email);
  await ok(
    api.POST("/subscription", {
      body: { plan_code: "retailer-basic", interval: "month", provider: "sandbox", payer_phone: "+254712345670" },
      ...bearer(signedIn.access_token),
    }),
  );
  const fresh: SignedIn = await signInByApi(email, password);
  return { email, password, token: fresh.access_token };
}

export async function signInShop(page: Page, shop: Shop, next = "/catalog"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await signInThroughPage(page, shop.email, shop.password);
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

export async function wholesalerToken(): Promise<string> {
  return (await signInByApi(DEMO_WHOLESALER, DEMO_PASSWORD)).access_token;
}

export interface ProductSpec {
  name: string;
  minOrderQty: number;
  orderIncrement: number;
  tiers: { min_quantity: number; unit_price: string }[];
  stock: number;
}

/** A product of the demo wholesaler made for one test (unique SKU), in stock and visible. */
export async function createProduct(spec: ProductSpec): Promise<{ id: string; name: string }> {
  const token = await wholesalerToken();
  const { items } = await ok(api.GET("/categories"));
  const category = items.flatMap((node) => node.children).find((node) => node.slug === "rice");
  if (!category) throw new Error("The demo categories have no rice");
  const suffix = uniqueSuffix();
  const name = `${spec.name} ${suffix}`;
  const product = await ok(
    api.POST("/inventory/products", {
      body: {
        sku: `E2E-${suffix}`.toUpperCase(),
        gtin: null,
        name,
        brand: "Mwea",
        category_id: category.id,
        unit_of_sale: "bale",
        pack_size: 4,
        min_order_qty: spec.minOrderQty,
        order_increment: spec.orderIncrement,
        tiers: spec.tiers,
        lead_time_days: 1,
        status: "active",
      },
      ...bearer(token),
    }),
  );
  await ok(
    api.POST("/inventory/products/{id}/stock", {
      params: { path: { id: product.id } },
      body: { reason: "restock", delta: spec.stock },
      ...bearer(token),
    }),
  );
  return { id: product.id, name };
}

export async function removeStock(productId: string, units: number): Promise<void> {
  await ok(
    api.POST("/inventory/products/{id}/stock", {
      params: { path: { id: productId } },
      body: { reason: "damage", delta: -units },
      ...bearer(await wholesalerToken()),
    }),
  );
}

export async function addToCartByApi(shop: Shop, productId: string, quantity: number): Promise<Cart> {
  return ok(api.POST("/cart/items", { body: { product_id: productId, quantity }, ...bearer(shop.token) }));
}

export async function payOnDeliveryByApi(shop: Shop): Promise<CheckoutOut> {
  const cart = await ok(api.GET("/cart", bearer(shop.token)));
  return ok(
    api.POST("/checkout", {
      body: { cart_version: cart.version, payment: { method: "pay_on_delivery" } },
      params: { header: { "Idempotency-Key": `e2e-${uniqueSuffix()}` } },
      ...bearer(shop.token),
    }),
  );
}

/** A pay-on-delivery order of `quantity` of a fresh product, placed through the API. */
export async function placedOrder(shop: Shop, product: { id: string }, quantity: number): Promise<string> {
  await addToCartByApi(shop, product.id, quantity);
  const placed = await payOnDeliveryByApi(shop);
  const order = placed.orders[0];
  if (!order) throw new Error("The checkout placed no order");
  return order.id;
}

/** The wholesaler's side: accepted, packed, dispatched with a driver, delivered. */
export async function deliverOrder(orderId: string): Promise<Order> {
  const token = await wholesalerToken();
  const move = (body: components["schemas"]["TransitionRequest"]) =>
    ok(api.POST("/orders/{id}/transitions", { params: { path: { id: orderId } }, body, ...bearer(token) }));
  await move({ to: "accepted" });
  await move({ to: "packed" });
  await move({ to: "dispatched", driver_name: "Otieno Ouma", driver_phone: "0722000111", expected_delivery_date: tomorrow() });
  return move({ to: "delivered" });
}

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

export async function ordersOf(shop: Shop): Promise<components["schemas"]["OrderListItem"][]> {
  return (await ok(api.GET("/orders", bearer(shop.token)))).items;
}

