import { registerRetailer } from "./support/api";
import { linkFromEmail } from "./support/mail";
import { expect, test } from "./support/fixtures";

test("the link the API e-mailed confirms the address, even opened on a device that is not signed in", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  const link = await linkFromEmail(account.email, "/verify-email");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "E-mail address confirmed" })).toBeVisible();
  await expect(page.getByText(`Thank you. ${account.email} is confirmed.`)).toBeVisible();
  await checkpoint("verify-email-done");

  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a used link says so and how to get a new one", async ({ page, checkpoint }) => {
  const account = await registerRetailer();
  const link = await linkFromEmail(account.email, "/verify-email");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "E-mail address confirmed" })).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("This link is invalid or has expired. Ask for a new one.");
  await expect(page.getByRole("alert")).toContainText("Sign in, then ask for a new link");
  await checkpoint("verify-email-used-link");
});
