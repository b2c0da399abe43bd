import { registerRetailer } from "./support/api";
import { linkFromEmail } from "./support/mail";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("a forgotten password is reset through the e-mailed link", async ({ page, checkpoint }) => {
  const account = await registerRetailer();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("E-mail address").fill(account.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("Check your e-mail")).toBeVisible();
  await checkpoint("forgot-password-sent");

  await page.goto(await linkFromEmail(account.email, "/reset-password"));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("Choose a password").fill("short");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByLabel("Choose a password")).toHaveAccessibleDescription(/Use at least 12 characters\./);
  await checkpoint("reset-password");

  const newPassword = "Sunrise-Over-Kisumu-44";
  await page.getByLabel("Choose a password").fill(newPassword);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=done$/);
  await expect(page.getByText("Your password is changed. Sign in with the new one.")).toBeVisible();

  await signInThroughPage(page, account.email, newPassword);
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();
});
