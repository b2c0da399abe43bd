import { readFile } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import {
  addToCartByApi,
  createProduct,
  deliverOrder,
  newShop,
  payOnDeliveryByApi,
  placedOrder,
  removeStock,
  signInShop,
} from "./support/trade";

const RICE = {
  name: "Mwea pishori rice 5kg",
  minOrderQty: 2,
  orderIncrement: 1,
  tiers: [{ min_quantity: 2, unit_price: "1200.00" }],
  stock: 100,
};

test("orders are filtered by status in the address, and a placed order can be cancelled with a reason", async ({
  page,
  checkpoint,
}) => {
  const shop = await newShop();
  const product = await createProduct(RICE);
  await placedOrder(shop, product, 2);
  const keptId = await placedOrder(shop, product, 3);
  await deliverOrder(keptId);
  await signInShop(page, shop, "/orders");

  const orders = page.getByRole("list", { name: "Your orders" });
  await expect(orders.getByRole("listitem")).toHaveCount(2);
  await checkpoint("orders");
  await page.getByRole("navigation", { name: "Show orders by status" }).getByRole("link", { name: "Placed" }).click();
  await expect(page).toHaveURL("/orders?status=placed");
  await expect(orders.getByRole("listitem")).toHaveCount(1);
  await expect(orders.getByRole("listitem")).toContainText("Ksh 2,400.00");
  await page.reload();
  await expect(orders.getByRole("listitem")).toHaveCount(1);

  await orders.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Order ORD-\d+$/);
  await checkpoint("order-placed");
  await page.getByRole("button", { name: "Cancel this order" }).click();
  await page.getByLabel(/Why are you cancelling/).fill("Ordered twice by mistake");
  await checkpoint("order-cancel-confirm");
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("“Ordered twice by mistake”")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel this order" })).toHaveCount(0);

  await page.getByRole("link", { name: "All orders" }).click();
  await page.getByRole("navigation", { name: "Show orders by status" }).getByRole("link", { name: "Placed" }).click();
  await expect(page.getByRole("heading", { name: "No orders that are Placed" })).toBeVisible();
  await checkpoint("orders-filtered-empty");
});

test("a delivered order is confirmed as received, and its invoice downloads as a PDF", async ({ page, checkpoint }) => {
  const shop = await newShop();
  const product = await createProduct(RICE);
  const orderId = await placedOrder(shop, product, 2);
  await deliverOrder(orderId);
  await signInShop(page, shop, `/orders/${orderId}`);

  await expect(page.getByRole("heading", { name: "Did the goods arrive?" })).toBeVisible();
  await expect(page.getByText("Otieno Ouma")).toBeVisible();
  await checkpoint("order-delivered");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Download invoice INV-\d+ \(PDF\)$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^INV-\d+\.pdf$/);
  const file = await readFile(await download.path());
  expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await page.getByRole("button", { name: "Yes, I received this order" }).click();
  await expect(page.getByRole("heading", { name: "Did the goods arrive?" })).toHaveCount(0);
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  await checkpoint("order-completed");
});

test("ordering again fills the cart in one tap and says what could not be added", async ({ page, checkpoint }) => {
  const shop = await newShop();
  const rice = await createProduct(RICE);
  const oil = await createProduct({ ...RICE, name: "Elianto corn oil 3L", stock: 20 });
  await addToCartByApi(shop, rice.id, 2);
  await addToCartByApi(shop, oil.id, 4);
  const placed = await payOnDeliveryByApi(shop);
  const orderId = placed.orders[0]?.id ?? "";
  await removeStock(oil.id, 15);
  await signInShop(page, shop, `/orders/${orderId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Order ORD-\d+$/);
  await checkpoint("order-to-reorder");

  await page.getByRole("button", { name: "Order these again" }).click();
  await expect(page).toHaveURL("/cart");
  await expect(page.getByText("1 product added to your cart at today's prices.")).toBeVisible();
  await expect(page.getByText(`${oil.name}: not enough in stock, not added.`)).toBeVisible();
  await expect(page.getByLabel(`Quantity (bale) ${rice.name}`)).toHaveValue("2");
  await expect(page.getByTestId("cart-count").filter({ visible: true })).toHaveText("1");
  await checkpoint("cart-after-reorder");
});
