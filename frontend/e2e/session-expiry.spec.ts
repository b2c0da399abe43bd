import { COCA_COLA_GTIN, endEverySession, registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("when the session ends elsewhere, the next request leads to sign-in and back to where the person was", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in");
  await signInThroughPage(page, account.email, account.password);
  await page.getByRole("searchbox", { name: "Search products" }).fill("tusker");
  await page.getByRole("link", { name: /Tusker lager 500ml bottle/ }).click();
  await expect(page.getByRole("heading", { name: "Tusker lager 500ml bottle" })).toBeVisible();

  await endEverySession(account.email, account.password);
  await page.goto(`/compare?gtin=${COCA_COLA_GTIN}&quantity=3`);

  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe(`/compare?gtin=${COCA_COLA_GTIN}&quantity=3`);
  await expect(page.getByText("Your session has ended. Sign in again to continue where you were.")).toBeVisible();
  await checkpoint("sign-in-session-ended");

  await signInThroughPage(page, account.email, account.password);
  await expect(page).toHaveURL(`/compare?gtin=${COCA_COLA_GTIN}&quantity=3`);
  await expect(page.getByRole("heading", { name: "Compare offers" })).toBeVisible();
});

test("a request refused mid-page renews nothing when the session is over, and returns to that page", async ({
  page,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in");
  await signInThroughPage(page, account.email, account.password);
  await page.getByRole("searchbox", { name: "Search products" }).fill("kabras");
  await expect(page.getByRole("link", { name: /Kabras white sugar 2kg/ })).toBeVisible();

  await endEverySession(account.email, account.password);
  await page.getByRole("searchbox", { name: "Search products" }).fill("pembe");

  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe("/catalog?q=pembe");
  await signInThroughPage(page, account.email, account.password);
  await expect(page).toHaveURL("/catalog?q=pembe");
  await expect(page.getByRole("link", { name: /Pembe maize flour 2kg/ })).toBeVisible();
});
