import type { Page } from "@playwright/test";
import type { components } from "../../src/lib/api-types";
import { api, uniqueSuffix } from "./api";
import { signInThroughPage } from "./fixtures";
import { DEMO_PASSWORD } from "./stack";
import { APPROVING_PHONE, DEMO_WHOLESALER, type Shop, addToCartByApi, bearer, createProduct, newShop, placedOrder, wholesalerToken } from "./trade";

type Order = components["schemas"]["OrderOut"];
type TransitionRequest = components["schemas"]["TransitionRequest"];

async function ok<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as Data;
}

export const RICE = {
  name: "Pishori rice 25kg",
  minOrderQty: 1,
  orderIncrement: 1,
  tiers: [{ min_quantity: 1, unit_price: "3200.00" }],
  stock: 500,
};

/** The shop's name (unique per test), so the shared demo wholesaler's queue can be narrowed to it. */
export async function shopName(shop: Shop): Promise<string> {
  return (await ok(api.GET("/business", bearer(shop.token)))).name;
}

/** A fresh shop with `quantities.length` pay-on-delivery orders of one fresh product, placed one after another. */
export async function shopWithOrders(quantities: number[]) {
  const shop = await newShop();
  const product = await createProduct({ ...RICE, name: `${RICE.name} ${uniqueSuffix()}` });
  const orderIds: string[] = [];
  for (const quantity of quantities) orderIds.push(await placedOrder(shop, product, quantity));
  return { shop, product, orderIds, name: await shopName(shop) };
}

export async function moveOrder(orderId: string, body: TransitionRequest): Promise<Order> {
  const token = await wholesalerToken();
  return ok(api.POST("/orders/{id}/transitions", { params: { path: { id: orderId } }, body, ...bearer(token) }));
}

export async function orderAsWholesaler(orderId: string): Promise<Order> {
  return ok(api.GET("/orders/{id}", { params: { path: { id: orderId } }, ...bearer(await wholesalerToken()) }));
}

/**
 * An order paid by mobile money through the sandbox (a payer number ending in 0 approves),
 * waited for until the payment is confirmed and the order placed: it then has a settlement.
 */
export async function paidByMobileMoney(shop: Shop, productId: string, quantity: number): Promise<string> {
  await addToCartByApi(shop, productId, quantity);
  const cart = await ok(api.GET("/cart", bearer(shop.token)));
  const placed = await ok(
    api.POST("/checkout", {
      body: {
        cart_version: cart.version,
        payment: { method: "mobile_money", provider: "sandbox", payer_phone: `+254${APPROVING_PHONE.slice(1)}` },
      },
      params: { header: { "Idempotency-Key": `e2e-${uniqueSuffix()}` } },
      ...bearer(shop.token),
    }),
  );
  const orderId = placed.orders[0]?.id;
  if (!orderId) throw new Error("The checkout placed no order");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const order = await ok(api.GET("/orders/{id}", { params: { path: { id: orderId } }, ...bearer(shop.token) }));
    if (order.status === "placed") return orderId;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The sandbox payment was not confirmed within 30 s");
}

export async function signInWholesaler(page: Page, next: string, email = DEMO_WHOLESALER, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await signInThroughPage(page, email, password);
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

/** Ends the page's session (kept in sessionStorage and memory) so another account can sign in. */
export async function signOutOfPage(page: Page): Promise<void> {
  await page.evaluate(() => window.sessionStorage.clear());
}

/** The queue narrowed to one shop's orders. */
export function queueOf(name: string, extra = ""): string {
  return `/console/orders?q=${encodeURIComponent(name)}${extra}`;
}

/** The orders of the queue, whichever of the table (desktop) or the cards (phone) is on screen. */
export function queueRows(page: Page) {
  return page.getByRole("list", { name: "Orders" }).getByRole("listitem").or(page.getByRole("table", { name: "Orders" }).locator("tbody tr"));
}
