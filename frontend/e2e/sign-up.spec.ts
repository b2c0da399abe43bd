import { uniqueSuffix } from "./support/api";
import { linkFromEmail } from "./support/mail";
import { expect, test } from "./support/fixtures";

test("a shop owner signs up, sees the API's refusal under the password field, fixes it and is welcomed", async ({
  page,
  checkpoint,
}) => {
  const suffix = uniqueSuffix();
  const email = `shop-${suffix}@example.com`;
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Open an account" })).toBeVisible();

  await page.getByLabel("Your full name").fill("Wanjiru Kamau");
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Your phone number").fill("0712 345 678");
  await page.getByLabel("Choose a password").fill("password1234");
  await page.getByLabel("Business name").fill(`Wanjiru Shop ${suffix}`);
  await page.getByLabel("Business registration number").fill(`BN-${suffix}`);
  await page.getByLabel("Street and building").fill("Moi Avenue 7");
  await page.getByLabel("Town or city").fill("Nakuru");
  await page.getByLabel("County or region").fill("Nakuru County");
  await page.getByLabel(/I accept the terms of use/).check();
  await page.getByRole("button", { name: "Open my account" }).click();

  const password = page.getByLabel("Choose a password");
  await expect(password).toHaveAccessibleDescription(/This password is too common\. Choose another\./);
  await expect(password).toBeFocused();
  await expect(page.getByRole("alert").first()).toContainText("Some fields need your attention.");
  await checkpoint("sign-up-field-error");

  await password.fill("Green-Maize-Market-2026");
  await page.getByRole("button", { name: "Open my account" }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByText(`We sent a link to ${email}.`)).toBeVisible();
  await expect(page.getByText(/Confirm your e-mail address: open the link/)).toHaveCount(0);
  await checkpoint("welcome");

  const link = await linkFromEmail(email, "/verify-email");
  expect(link.startsWith(new URL(page.url()).origin)).toBe(true);
});

test("zod checks the form before anything is sent", async ({ page }) => {
  let registrations = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/auth/register")) registrations += 1;
  });
  await page.goto("/sign-up");
  await page.getByLabel("I sell in bulk").check();
  await page.getByRole("button", { name: "Open my account" }).click();

  await expect(page.getByLabel("Your full name")).toHaveAccessibleDescription("Fill this in.");
  await expect(page.getByLabel("Tax ID (KRA PIN)")).toHaveAccessibleDescription(
    /Wholesalers must give their tax ID \(e\.g\. KRA PIN\)\./,
  );
  await expect(page.getByLabel(/I accept the terms of use/)).toHaveAccessibleDescription(
    "Accept the terms and the privacy notice to open an account.",
  );
  expect(registrations).toBe(0);
});
