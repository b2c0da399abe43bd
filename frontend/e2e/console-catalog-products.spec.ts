import type { Page } from "@playwright/test";
import { uniqueSuffix } from "./support/api";
import { categoryId, freshWholesaler, productByApi, signInToConsole, solidPng } from "./support/console-catalog";
import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD, stack } from "./support/stack";
import { DEMO_WHOLESALER } from "./support/trade";

const demo = { email: DEMO_WHOLESALER, password: DEMO_PASSWORD };

/** Counts the product creations the page sends: a refused form must send none. */
function countCreations(page: Page): () => number {
  let sent = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/inventory/products") sent += 1;
  });
  return () => sent;
}

test("a wholesaler creates a product with two price tiers, uploads its cover image, publishes it and changes a price", async ({ page, checkpoint }) => {
  test.slow();
  const wholesaler = await freshWholesaler();
  const rice = await categoryId("rice");
  const name = `Pishori Rice 2 kg ${uniqueSuffix()}`;
  await signInToConsole(page, wholesaler, "/console/products/new");

  await expect(page.getByRole("heading", { name: "New product" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Brand (optional)").fill("Mwea");
  await page.getByLabel("Category").selectOption(rice);
  await page.getByLabel("SKU", { exact: true }).fill(`PISH-${uniqueSuffix()}`.toUpperCase());
  await page.getByLabel("Barcode (GTIN, optional)").fill("96385074");
  await page.getByLabel("Unit of sale").fill("bale of 10 x 2 kg");
  await page.getByLabel("Pack size").fill("4");
  await page.getByLabel("Minimum order quantity").fill("2");
  await page.getByLabel("Order in steps of").fill("2");
  await page.getByLabel("Tier 1: from quantity").fill("2");
  await page.getByLabel("Tier 1: unit price").fill("1500.00");
  await page.getByRole("button", { name: "Add a tier" }).click();
  await page.getByLabel("Tier 2: from quantity").fill("10");
  await page.getByLabel("Tier 2: unit price").fill("1450.00");
  await page.getByLabel("Low-stock threshold").fill("5");
  await page.getByLabel("Lead time to restock (days)").fill("3");
  await checkpoint("console-product-new");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Product created")).toBeVisible();
  await expect(page.getByLabel("Tier 2: unit price")).toHaveValue("1450.00");

  const stored = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().startsWith(stack.awsUrl),
  );
  await page.getByLabel("Add images").setInputFiles({ name: "rice.png", mimeType: "image/png", buffer: solidPng() });
  expect((await stored).status()).toBe(204);
  await expect(page.getByRole("img", { name: `${name}, image 1` })).toBeVisible();
  await expect(page.getByText("Cover", { exact: true })).toBeVisible();
  await checkpoint("console-product-with-image");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unpublish", exact: true })).toBeVisible();
  await page.getByLabel("Tier 2: unit price").fill("1400.00");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("img", { name: `${name}, image 1` })).toBeVisible();
  await expect(page.getByLabel("Tier 2: unit price")).toHaveValue("1400.00");
  await expect(page.getByRole("button", { name: "Unpublish", exact: true })).toBeVisible();
});

test("the tier editor refuses a first tier off the minimum, a quantity that does not rise and a price that rises", async ({
  page,
  checkpoint,
}) => {
  const creations = countCreations(page);
  await signInToConsole(page, demo, "/console/products/new");
  await page.getByLabel("Minimum order quantity").fill("12");
  await page.getByLabel("Tier 1: from quantity").fill("10");
  await page.getByLabel("Tier 1: unit price").fill("120.00");
  await page.getByRole("button", { name: "Add a tier" }).click();
  await page.getByLabel("Tier 2: from quantity").fill("10");
  await page.getByLabel("Tier 2: unit price").fill("125.00");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page.getByText("Tier 1 must start at the minimum order quantity (12).")).toBeVisible();
  await expect(page.getByText("Tier 2 must start at a larger quantity than tier 1.")).toBeVisible();
  await expect(page.getByText("Tier 2 must not cost more per unit than tier 1.")).toBeVisible();
  await expect(page.getByLabel("Tier 2: unit price")).toHaveAttribute("aria-invalid", "true");
  await checkpoint("console-product-bad-tiers", { scrollTo: page.getByRole("group", { name: "Price tiers" }) });

  await page.getByLabel("Tier 1: from quantity").fill("12");
  await page.getByLabel("Tier 2: from quantity").fill("48");
  await page.getByLabel("Tier 2: unit price").fill("115.00");
  await expect(page.getByText("Tier 1 must start at the minimum order quantity (12).")).toHaveCount(0);
  await expect(page.getByText("Tier 2 must not cost more per unit than tier 1.")).toHaveCount(0);
  expect(creations()).toBe(0);
});

test("a barcode with a wrong check digit is refused before anything is sent", async ({ page, checkpoint }) => {
  const creations = countCreations(page);
  await signInToConsole(page, demo, "/console/products/new");
  const barcode = page.getByLabel("Barcode (GTIN, optional)");
  await barcode.fill("5449000000997");
  await barcode.blur();
  await expect(page.getByText("The last digit of this barcode is wrong: check the number.")).toBeVisible();
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(barcode).toHaveAttribute("aria-invalid", "true");
  await checkpoint("console-product-bad-barcode", { scrollTo: barcode });

  await barcode.fill("5449000000996");
  await expect(page.getByText("The last digit of this barcode is wrong: check the number.")).toHaveCount(0);
  await expect(barcode).not.toHaveAttribute("aria-invalid", "true");
  expect(creations()).toBe(0);
});

test("selected draft products are published together, counting as they go", async ({ page, checkpoint }) => {
  const wholesaler = await freshWholesaler();
  const first = await productByApi(wholesaler, { name: `Sugar 1 kg ${uniqueSuffix()}` });
  const second = await productByApi(wholesaler, { name: `Salt 500 g ${uniqueSuffix()}` });
  await signInToConsole(page, wholesaler, "/console/products");

  await page.getByRole("checkbox", { name: `Select ${first.name}` }).check();
  await page.getByRole("checkbox", { name: `Select ${second.name}` }).check();
  await expect(page.getByText("2 products selected")).toBeVisible();
  await page.getByRole("button", { name: "Publish selected", exact: true }).click();
  await expect(page.getByText("2 of 2 done")).toBeVisible();
  await expect(page.getByRole("button", { name: `Unpublish ${first.name}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Unpublish ${second.name}` })).toBeVisible();
  await checkpoint("console-products-published");

  await page.getByLabel("Status").selectOption("draft");
  await expect(page).toHaveURL(/status=draft/);
  await expect(page.getByText("No product matches these filters")).toBeVisible();
});
