import { expect, openFilters, signInThroughPage, test } from "./support/fixtures";
import { DEMO_PASSWORD, DEMO_RETAILER } from "./support/stack";

test.beforeEach(async ({ page }) => {
  await page.goto("/sign-in?next=%2Fcatalog");
  await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();
  await expect(page.getByText(/^\d+ products$/)).toBeVisible();
});

test("search as you type, with a brand facet kept in the URL through a reload", async ({ page, checkpoint }) => {
  const searchbox = page.getByRole("searchbox", { name: "Search products" });
  await searchbox.fill("coca");
  await expect(page).toHaveURL(/\/catalog\?q=coca$/);
  const results = page.getByRole("list", { name: "Products" });
  await expect(results.getByRole("listitem")).toHaveCount(2);
  await checkpoint("search-results");

  await openFilters(page);
  await expect(page.getByRole("complementary", { name: "Filters" })).toBeVisible();
  await checkpoint("search-filters");
  await page.getByRole("link", { name: /^Coca-Cola\s*2$/ }).click();
  await expect(page).toHaveURL(/\/catalog\?q=coca&brand=Coca-Cola$/);
  await expect(page.getByRole("link", { name: "Remove filter Coca-Cola" })).toBeVisible();

  await page.reload();
  await expect(searchbox).toHaveValue("coca");
  await expect(page.getByRole("link", { name: "Remove filter Coca-Cola" })).toBeVisible();
  await expect(results.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("2 products", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Remove filter Coca-Cola" }).click();
  await expect(page).toHaveURL(/\/catalog\?q=coca$/);
});

test("typing fast asks the API once, for the words typed, 250 ms after the last key", async ({ page }) => {
  const searched: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/catalog/search" && request.method() === "GET") searched.push(url.searchParams.get("q") ?? "");
  });
  await page.getByRole("searchbox", { name: "Search products" }).pressSequentially("kabras", { delay: 40 });
  await expect(page).toHaveURL(/\/catalog\?q=kabras$/);
  await expect(page.getByText("1 product", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Products" }).getByRole("listitem")).toHaveText([/Kabras white sugar 2kg/]);
  expect(searched).toEqual(["kabras"]);
});

test("a category from the category list narrows the search, and nothing found says what to try", async ({
  page,
  checkpoint,
}) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Categories" }).click();
  await expect(page.getByRole("heading", { name: "Categories" })).toBeVisible();
  await page.getByRole("link", { name: "Soft Drinks", exact: true }).click();

  await expect(page).toHaveURL(/\/catalog\?category=soft-drinks$/);
  await expect(page.getByRole("link", { name: "Remove filter Soft Drinks" })).toBeVisible();
  const items = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: "Coca-Cola" })).toHaveCount(2);

  await page.getByRole("searchbox", { name: "Search products" }).fill("maziwa ya mbuzi");
  await expect(page.getByRole("heading", { name: "Nothing found for “maziwa ya mbuzi”" })).toBeVisible();
  await expect(page.getByText("Try removing a filter to see more products.")).toBeVisible();
  await checkpoint("search-empty");
});
