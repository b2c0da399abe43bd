import { startTrialByApi, waitForUnread } from "./support/accounts";
import { registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("the bell counts unread notifications; marking one read, then all, brings the count down", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await startTrialByApi(account);
  await waitForUnread(account, 2);

  await page.goto("/sign-in");
  await signInThroughPage(page, account.email, account.password);
  const bell = page.getByRole("link", { name: "Notifications, 2 unread" });
  await expect(bell).toBeVisible();
  await checkpoint("notifications-bell");
  await bell.click();

  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByText("2 unread.")).toBeVisible();
  const items = page.getByRole("main").getByRole("listitem");
  await expect(items).toHaveCount(2);
  await checkpoint("notifications-list");

  await items.first().getByRole("button", { name: /^Mark as read:/ }).click();
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await expect(page.getByText("1 unread.")).toBeVisible();

  await page.getByRole("button", { name: "Unread" }).click();
  await expect(page).toHaveURL(/\/notifications\?unread=true$/);
  await expect(items).toHaveCount(1);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await expect(page.getByText("You are all caught up.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Nothing unread" })).toBeVisible();
  await checkpoint("notifications-all-read");
});

test("notification settings per category and channel are saved and still there after a reload", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in?next=%2Faccount%2Fnotifications");
  await signInThroughPage(page, account.email, account.password);

  const orders = page.getByRole("group", { name: "Orders" });
  const stock = page.getByRole("group", { name: "Stock" });
  const security = page.getByRole("group", { name: "Security" });
  await expect(orders.getByRole("checkbox", { name: /^SMS/ })).toBeChecked();
  await expect(stock.getByRole("checkbox", { name: /^E-mail/ })).not.toBeChecked();
  await expect(security.getByRole("checkbox", { name: /^SMS/ })).toBeDisabled();
  await checkpoint("notification-settings");

  await orders.getByRole("checkbox", { name: /^SMS/ }).uncheck();
  await stock.getByRole("checkbox", { name: /^E-mail/ }).check();
  await expect(page.getByText("2 changes not saved yet.")).toBeVisible();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Your settings are saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("group", { name: "Orders" }).getByRole("checkbox", { name: /^SMS/ })).not.toBeChecked();
  await expect(page.getByRole("group", { name: "Stock" }).getByRole("checkbox", { name: /^E-mail/ })).toBeChecked();
  await expect(page.getByRole("group", { name: "Orders" }).getByRole("checkbox", { name: /^In app/ })).toBeChecked();
});
