import { readFile } from "node:fs/promises";
import { cancelPaidOrder, paidOrder, signInAdmin } from "./support/admin";
import { expect, test } from "./support/fixtures";
import { newShop } from "./support/trade";

test("an admin finds a refund to send, and marks it sent with the transfer's reference", async ({ page, checkpoint }) => {
  test.slow();
  const shop = await newShop();
  const { orderId, orderNumber } = await paidOrder(shop);
  await cancelPaidOrder(shop, orderId, "Ordered twice by mistake.");

  await signInAdmin(page, "/admin/refunds?status=open");
  const row = page.locator("tr, li").filter({ hasText: orderNumber });
  await expect(row).toContainText("Order cancelled");
  await expect(row).toContainText("Open");
  await checkpoint("admin-refunds-open");

  await row.getByRole("button", { name: "Mark sent" }).click();
  await row.getByRole("button", { name: "Save as sent" }).click();
  await expect(row.getByText("Write the reference.")).toBeVisible();
  await row.getByLabel("Transfer reference").fill("QK7B2X9ZPL");
  await row.getByRole("button", { name: "Save as sent" }).click();
  await expect(page.locator("tr, li").filter({ hasText: orderNumber })).toHaveCount(0);

  await page.goto("/admin/refunds?status=sent");
  const sent = page.locator("tr, li").filter({ hasText: orderNumber });
  await expect(sent).toContainText("QK7B2X9ZPL");
  await expect(sent.getByRole("button", { name: "Mark completed" })).toBeVisible();
  await checkpoint("admin-refunds-sent");
});

test("an admin downloads the payout batch and marks a wholesaler's due settlement paid", async ({ page, checkpoint }) => {
  test.slow();
  const shop = await newShop();
  const { orderNumber, paymentId } = await paidOrder(shop);

  await signInAdmin(page, "/admin/settlements");
  await expect(page.getByRole("heading", { name: "Settlements" })).toBeVisible();
  await expect(page.getByText(/^Due: \d+ settlements?$/)).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the payout batch (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^payouts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\n")[0]).toContain(",");
  expect(csv).toContain("Pwani Wholesale Distributors Ltd");

  const choice = page.getByRole("checkbox", { name: `Choose ${orderNumber} of Pwani Wholesale Distributors Ltd` });
  await choice.check();
  await expect(page.getByText("1 chosen")).toBeVisible();
  await page.getByLabel("Payout reference").fill(`B2C-${orderNumber}`);
  await page.getByRole("button", { name: "Mark 1 paid" }).click();
  await expect(page.getByText(`1 settlement will be marked paid with reference B2C-${orderNumber}.`, { exact: false })).toBeVisible();
  await checkpoint("admin-settlements-confirm");
  await page.getByRole("button", { name: "Yes, mark 1 paid" }).click();
  await expect(page.getByText(`1 settlement marked paid (B2C-${orderNumber}).`)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Choose ${orderNumber} of Pwani Wholesale Distributors Ltd` })).toHaveCount(0);

  await page.getByRole("link", { name: "Paid", exact: true }).click();
  await expect(page.locator("tr, li").filter({ hasText: orderNumber })).toContainText(`B2C-${orderNumber}`);
  await checkpoint("admin-settlements-paid");

  // Opened cold from its address, then reloaded once the page (and its session refresh) is done:
  // a reload during the refresh would replay a rotated refresh token, which ends the session.
  await page.goto(`/admin/payments/${paymentId}`);
  await expect(page.getByRole("heading", { name: /^Payment from / })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Payment from / })).toBeVisible();
  await expect(page.getByRole("region", { name: "Orders paid" })).toContainText(orderNumber);
  await expect(page.getByRole("region", { name: "Owed to wholesalers" })).toContainText(`B2C-${orderNumber}`);
  await expect(page.getByRole("region", { name: "History" })).toContainText("Request 1 sent to");
  await expect(page.getByRole("region", { name: "Refund", exact: true })).toBeVisible();
  await checkpoint("admin-payment-detail");
});
