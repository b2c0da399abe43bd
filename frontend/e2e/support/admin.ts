import { spawnSync } from "node:child_process";
import type { Page } from "@playwright/test";
import type { components } from "../../src/lib/api-types";
import { type Account, api, registerBusiness, signInByApi, uniqueSuffix } from "./api";
import { signInThroughPage } from "./fixtures";
import { REPOSITORY_DIR, DEMO_ADMIN, DEMO_PASSWORD, stack } from "./stack";
import { APPROVING_PHONE, type Shop, addToCartByApi, bearer, createProduct } from "./trade";

type Payment = components["schemas"]["PaymentOut"];

async function ok<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as Data;
}

export async function adminToken(): Promise<string> {
  return (await signInByApi(DEMO_ADMIN, DEMO_PASSWORD)).access_token;
}

/** Signs in through the page and lands on `next` of the admin panel. */
export async function signInAs(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await signInThroughPage(page, email, password);
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

export function signInAdmin(page: Page, next: string): Promise<void> {
  return signInAs(page, DEMO_ADMIN, DEMO_PASSWORD, next);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/**
 * A wholesaler that just registered (so its verification is pending) with its business
 * registration certificate uploaded the way the app would: the API hands out a presigned
 * POST and the file goes straight to the bucket.
 */
export async function pendingWholesaler(): Promise<{ account: Account; businessId: string; name: string; filename: string }> {
  const name = `Ziwa Traders ${uniqueSuffix()}`;
  const account = await registerBusiness("wholesaler", name);
  const businessId = account.signedIn.business?.id;
  if (!businessId) throw new Error("The registered wholesaler has no business");
  const filename = "registration-certificate.pdf";
  const { upload } = await ok(
    api.POST("/business/verification-documents", {
      body: { kind: "business_registration", filename, content_type: "application/pdf", size_bytes: PDF.length },
      ...bearer(account.signedIn.access_token),
    }),
  );
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append("file", new Blob([PDF], { type: "application/pdf" }), filename);
  const stored = await fetch(upload.url, { method: "POST", body: form });
  if (!stored.ok) throw new Error(`The presigned upload answered ${stored.status}: ${await stored.text()}`);
  return { account, businessId, name, filename };
}

/** A platform support user (read-only staff), made with the operator CLI as an operator would. */
export function createSupportUser(): { email: string; password: string; fullName: string } {
  const suffix = uniqueSuffix();
  const email = `e2e-support-${suffix}@example.com`;
  const password = `Support-Desk-${suffix}-Nairobi`;
  const fullName = "Neema Wekesa";
  const result = spawnSync(
    stack.python,
    ["-m", "infra.local", "create-admin", "--role", "support", "--email", email, "--name", fullName, "--password-stdin"],
    { cwd: REPOSITORY_DIR, env: { ...process.env, DATABASE_URL: stack.databaseUrl }, input: `${password}\n`, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`create-admin failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { email, password, fullName };
}

async function waitForPayment(shop: Shop, paymentId: string, status: Payment["status"], timeoutMs = 30_000): Promise<Payment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const payment = await ok(api.GET("/payments/{id}", { params: { path: { id: paymentId } }, ...bearer(shop.token) }));
    if (payment.status === status) return payment;
    if (Date.now() > deadline) throw new Error(`Payment ${paymentId} is ${payment.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * An order of the demo wholesaler paid by M-Pesa through the sandbox (which approves the
 * phone's number): the paid order opens a settlement due to the wholesaler.
 */
export async function paidOrder(shop: Shop): Promise<{ orderId: string; orderNumber: string; paymentId: string }> {
  const product = await createProduct({
    name: "Pishori rice 25kg",
    minOrderQty: 1,
    orderIncrement: 1,
    tiers: [{ min_quantity: 1, unit_price: "3150.00" }],
    stock: 20,
  });
  const cart = await addToCartByApi(shop, product.id, 2);
  const placed = await ok(
    api.POST("/checkout", {
      body: { cart_version: cart.version, payment: { method: "mobile_money", provider: "sandbox", payer_phone: `+254${APPROVING_PHONE.slice(1)}` } },
      params: { header: { "Idempotency-Key": `e2e-${uniqueSuffix()}` } },
      ...bearer(shop.token),
    }),
  );
  const order = placed.orders[0];
  if (!order || !placed.payment_id) throw new Error("The checkout placed no order or asked for no payment");
  await waitForPayment(shop, placed.payment_id, "succeeded");
  return { orderId: order.id, orderNumber: order.number, paymentId: placed.payment_id };
}

/** The retailer cancels its paid order: the platform owes it the money back, an open refund for staff to send. */
export async function cancelPaidOrder(shop: Shop, orderId: string, reason: string): Promise<void> {
  await ok(api.POST("/orders/{id}/cancel", { params: { path: { id: orderId } }, body: { reason }, ...bearer(shop.token) }));
}

/** A category of its own for one test, with sub-categories in this order; removed by `removeCategoryTree`. */
export async function categoryTree(children: string[]): Promise<{ rootId: string; rootName: string; childIds: string[] }> {
  const token = await adminToken();
  const suffix = uniqueSuffix().toLowerCase();
  const rootName = `E2E shelf ${suffix}`;
  const root = await ok(api.POST("/admin/categories", { body: { name: rootName, parent_id: null, position: 900 }, ...bearer(token) }));
  const childIds: string[] = [];
  for (const [index, name] of children.entries()) {
    // Slugs are unique across the tree: the same names in a test running beside this one need their own.
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}`;
    const child = await ok(api.POST("/admin/categories", { body: { name, slug, parent_id: root.id, position: index }, ...bearer(token) }));
    childIds.push(child.id);
  }
  return { rootId: root.id, rootName, childIds };
}

export async function removeCategoryTree(rootId: string): Promise<void> {
  const token = await adminToken();
  const { items } = await ok(api.GET("/categories"));
  const root = items.find((node) => node.id === rootId);
  const remove = async (node: components["schemas"]["CategoryNode"]): Promise<void> => {
    for (const child of node.children) await remove(child);
    await api.DELETE("/admin/categories/{id}", { params: { path: { id: node.id } }, ...bearer(token) });
  };
  if (root) await remove(root);
}
