import { expect, test } from "./support/fixtures";
import { moveOrder, orderAsWholesaler, shopWithOrders, signInWholesaler, signOutOfPage } from "./support/console-orders";
import { signInShop } from "./support/trade";

test("an order is accepted, dispatched with its driver and vehicle, then marked delivered", async ({ page, checkpoint }) => {
  test.slow();
  const { orderIds, product } = await shopWithOrders([3]);
  const orderId = orderIds[0] ?? "";
  await signInWholesaler(page, `/console/orders/${orderId}`);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Order ORD-\d+$/);
  await expect(page.getByRole("heading", { name: "What to pick (1 product)" })).toBeVisible();
  await expect(page.getByText(product.name)).toBeVisible();
  await checkpoint("console-order-new");
  await page.getByRole("button", { name: "Accept order" }).click();
  await expect(page.getByText("Accepted", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Dispatch…" }).click();
  await page.getByRole("button", { name: "Dispatch order" }).click();
  await expect(page.getByText("Fill this in.")).toHaveCount(2);
  await page.getByLabel("Driver's name").fill("Juma Bakari");
  await page.getByLabel("Driver's phone").fill("0733 222 444");
  await page.getByLabel("Vehicle plate (optional)").fill("KCB 456Z");
  await checkpoint("console-order-dispatch");
  await page.getByRole("button", { name: "Dispatch order" }).click();
  await expect(page.getByRole("button", { name: "Mark as delivered" })).toBeVisible();
  await expect(page.getByText("Juma Bakari")).toBeVisible();
  await expect(page.getByText("KCB 456Z")).toBeVisible();

  await page.getByRole("button", { name: "Mark as delivered" }).click();
  await expect(page.getByRole("button", { name: "Mark as delivered" })).toHaveCount(0);
  await expect(page.getByText("Delivered", { exact: true }).first()).toBeVisible();
  await checkpoint("console-order-delivered");
  expect((await orderAsWholesaler(orderId)).status).toBe("delivered");
});

test("cash collected on delivery is recorded, joins the timeline, and the retailer sees it", async ({ page, checkpoint }) => {
  test.slow();
  const { shop, orderIds } = await shopWithOrders([2]);
  const orderId = orderIds[0] ?? "";
  const { total } = await moveOrder(orderId, { to: "accepted" });
  const shown = new Intl.NumberFormat("en-KE", { style: "currency", currency: "KES" }).format(Number(total));
  await signInWholesaler(page, `/console/orders/${orderId}`);

  const amount = page.getByLabel("Amount collected (KES)");
  await expect(amount).toHaveValue(total);
  await amount.fill("99999");
  await page.getByRole("button", { name: "Record collection" }).click();
  await expect(page.getByText("That is more than is still to collect.")).toBeVisible();
  await amount.fill(total);
  await page.getByLabel("Paid with").selectOption("mobile_money");
  await page.getByRole("button", { name: "Record collection" }).click();
  await expect(page.getByText("Give the mobile money transaction code.")).toBeVisible();
  await page.getByLabel("Transaction code").fill("QJK4XT72PL");
  await checkpoint("console-order-collection");
  await page.getByRole("button", { name: "Record collection" }).click();

  const collected = page.getByRole("heading", { name: "Money collected" }).locator("..");
  await expect(collected).toContainText(shown);
  await expect(collected).toContainText("QJK4XT72PL");
  await expect(page.getByRole("heading", { name: "Record money collected" })).toHaveCount(0);
  await expect(page.getByText("Collected", { exact: true })).toBeVisible();
  await checkpoint("console-order-collected");

  await signOutOfPage(page);
  await signInShop(page, shop, `/orders/${orderId}`);
  await expect(page.getByText("Cash collected (done)")).toBeVisible();
  await expect(page.getByText("Paid on delivery so far")).toBeVisible();
  await checkpoint("retailer-order-cash-collected");
});
