import { expect, signInThroughPage, test } from "./support/fixtures";
import { DEMO_PASSWORD, DEMO_RETAILER } from "./support/stack";

test("a deep link asks to sign in first, then opens where the person was heading", async ({ page, checkpoint }) => {
  await page.goto("/categories");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcategories$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await checkpoint("sign-in");

  await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/categories$/);
  await expect(page.getByRole("heading", { name: "Categories" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Beverages", exact: true })).toBeVisible();
  await checkpoint("categories");
});

test("a wrong password is refused with the API's message and what to do", async ({ page, checkpoint }) => {
  await page.goto("/sign-in");
  await signInThroughPage(page, DEMO_RETAILER, "Not-The-Password-1");

  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The e-mail address or password is incorrect.");
  await expect(alert).toContainText("Check your e-mail address and password, then try again.");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("E-mail address")).toHaveValue(DEMO_RETAILER);
  await checkpoint("sign-in-wrong-password");
});

test("the session survives a reload: the access token lives in memory only, the refresh token in the tab", async ({
  page,
}) => {
  const bearers: string[] = [];
  page.on("request", (request) => {
    const authorization = request.headers().authorization;
    if (authorization) bearers.push(authorization.replace("Bearer ", ""));
  });
  await page.goto("/sign-in");
  await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();
  await expect(page.getByText(/^\d+ products$/)).toBeVisible();
  const storage = await page.evaluate(() => ({
    local: Object.values(window.localStorage) as string[],
    session: Object.entries(window.sessionStorage) as [string, string][],
  }));
  expect(new Set(bearers).size).toBe(2);
  for (const token of new Set(bearers)) {
    expect([...storage.local, ...storage.session.flat()].some((value) => value.includes(token))).toBe(false);
  }
  expect(storage.session.map(([key]) => key)).toContain("soko.refresh_token");
  expect(storage.local.some((value) => value.length > 40)).toBe(false);
});
