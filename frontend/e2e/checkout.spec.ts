import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { addToCartByApi, createProduct, newShop, ordersOf, signInShop } from "./support/trade";

async function shopWithCart(page: Page, checkpoint: (screen: string) => Promise<void>, name: string) {
  const product = await createProduct({
    name: "Mwea pishori rice 5kg",
    minOrderQty: 2,
    orderIncrement: 1,
    tiers: [{ min_quantity: 2, unit_price: "1200.00" }],
    stock: 100,
  });
  const shop = await newShop();
  await addToCartByApi(shop, product.id, 3);
  await signInShop(page, shop, "/cart");
  await expect(page.getByRole("heading", { name: "Pwani Wholesale Distributors Ltd" })).toBeVisible();
  await checkpoint(`${name}-cart`);
  await page.getByRole("button", { name: "Go to checkout" }).click();
  await expect(page).toHaveURL("/checkout");
  await expect(page.getByRole("heading", { name: "Checkout", level: 1 })).toBeVisible();
  await checkpoint(`${name}-checkout`);
  return shop;
}

test("paying by mobile money: the phone is asked, the payment is confirmed and the order appears", async ({
  page,
  checkpoint,
}) => {
  await shopWithCart(page, checkpoint, "mobile-money");
  await page.getByRole("radio", { name: /^Test payment \(sandbox\)/ }).check();
  const phone = page.getByLabel("Test payment (sandbox) phone number");
  await expect(phone).toHaveValue("+254712345670");
  await phone.fill("0712 345");
  await phone.blur();
  await expect(page.getByText("Enter a Kenyan mobile number, e.g. 0712 345 678.")).toBeVisible();
  await phone.fill("0712 345 670");
  await checkpoint("checkout");

  await page.getByRole("button", { name: /^Pay with Test payment \(sandbox\)/ }).click();
  await expect(page).toHaveURL(/\/payments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await checkpoint("payment-approve");
  await expect(page.getByRole("heading", { name: "Payment confirmed" })).toBeVisible({ timeout: 30_000 });
  await checkpoint("payment-confirmed");

  await page.getByRole("link", { name: "View your orders" }).click();
  const orders = page.getByRole("list", { name: "Your orders" });
  await expect(orders.getByRole("listitem")).toHaveCount(1);
  await expect(orders.getByRole("listitem").first()).toContainText("Placed");
  await expect(orders.getByRole("listitem").first()).toContainText("Ksh 3,600.00");
  await expect(page.getByTestId("cart-count").filter({ visible: true })).toHaveCount(0);
  await checkpoint("orders-after-payment");
});

test("a failed mobile money payment says why and can be tried again from another number", async ({
  page,
  checkpoint,
}) => {
  await shopWithCart(page, checkpoint, "failed-payment");
  await page.getByRole("radio", { name: /^Test payment \(sandbox\)/ }).check();
  await page.getByLabel("Test payment (sandbox) phone number").fill("0712345672");
  await page.getByRole("button", { name: /^Pay with Test payment/ }).click();
  await expect(page.getByRole("heading", { name: "The payment did not go through" })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText("There was not enough money in the mobile money account. Top up and try again."),
  ).toBeVisible();
  await checkpoint("payment-failed");

  await page.getByLabel("Phone number to pay from").fill("0712345670");
  await page.getByRole("button", { name: "Try the payment again" }).click();
  await expect(page.getByRole("heading", { name: "Payment confirmed" })).toBeVisible({ timeout: 30_000 });
  await checkpoint("payment-confirmed-after-retry");
});

test("paying on delivery places the order at once", async ({ page, checkpoint }) => {
  const shop = await shopWithCart(page, checkpoint, "on-delivery");
  await page.getByRole("radio", { name: /^Pay on delivery/ }).check();
  await expect(page.getByLabel(/phone number/)).toHaveCount(0);
  await page.getByRole("button", { name: "Place order, pay on delivery" }).click();
  await expect(page).toHaveURL("/orders");
  await expect(page.getByText("Order placed: the wholesaler has it.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your orders" }).getByRole("listitem")).toHaveCount(1);
  await checkpoint("orders-placed-on-delivery");
  expect((await ordersOf(shop)).map((order) => order.status)).toEqual(["placed"]);
});

test("a checkout sent again after its answer was lost places one order (same Idempotency-Key)", async ({
  page,
  checkpoint,
}) => {
  const shop = await shopWithCart(page, checkpoint, "lost-answer");
  const keys: string[] = [];
  let dropAnswer = true;
  await page.route("**/checkout", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    if (dropAnswer) {
      dropAnswer = false;
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });

  await page.getByRole("radio", { name: /^Pay on delivery/ }).check();
  const place = page.getByRole("button", { name: "Place order, pay on delivery" });
  await place.dblclick();
  await expect(page.getByText("We could not reach Soko Wholesale.")).toBeVisible();
  await checkpoint("checkout-answer-lost");
  await place.click();
  await expect(page).toHaveURL("/orders");
  await checkpoint("orders-after-lost-answer");

  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(await ordersOf(shop)).toHaveLength(1);
});
