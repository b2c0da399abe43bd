import { registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("signing out everywhere ends the sessions on other devices too (registration, another browser, this one)", async ({ page, browser, checkpoint }) => {
  const account = await registerRetailer();
  const otherDevice = await browser.newPage();
  await otherDevice.goto("/sign-in");
  await signInThroughPage(otherDevice, account.email, account.password);
  await expect(otherDevice.getByRole("heading", { name: "Find products" })).toBeVisible();

  await page.goto("/sign-in?next=%2Faccount%2Fsecurity");
  await signInThroughPage(page, account.email, account.password);
  const sessions = page.getByRole("listitem").filter({ hasText: "Last used" });
  await expect(sessions).toHaveCount(3);
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
  await checkpoint("security-sessions");

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await otherDevice.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Categories" }).click();
  await expect(otherDevice.getByRole("heading", { name: "Categories" })).toBeVisible();
  await otherDevice.getByRole("link", { name: "Soft Drinks", exact: true }).click();
  await expect(otherDevice).toHaveURL(/\/sign-in\?next=%2Fcatalog%3Fcategory%3Dsoft-drinks$/);
  await expect(otherDevice.getByText("Your session has ended.", { exact: false })).toBeVisible();
  await otherDevice.close();
});
