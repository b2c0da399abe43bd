import { registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";
import { totp } from "./support/totp";

test("two-step sign-in: enrol with the QR code, keep the recovery codes, then sign in with a code", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in?next=%2Faccount%2Fsecurity");
  await signInThroughPage(page, account.email, account.password);
  await expect(page.getByRole("heading", { name: "Security and sign-in" })).toBeVisible();
  await checkpoint("security");

  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await checkpoint("two-factor-qr", { scrollTo: page.getByText("In the app, add an account and scan this QR code.") });

  await page.getByLabel("6-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on", exact: true }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(page.getByRole("heading", { name: "Two-step sign-in is on" })).toBeFocused();
  await checkpoint("two-factor-recovery-codes", { scrollTo: page.getByRole("heading", { name: "Two-step sign-in is on" }) });
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("Two-step sign-in is on. You need a code from your app each time you sign in.")).toBeVisible();

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  await signInThroughPage(page, account.email, account.password);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByLabel("6-digit code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("That code did not work.");
  await checkpoint("sign-in-second-factor");

  await page.getByLabel("6-digit code").fill(totp(secret, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();
});
