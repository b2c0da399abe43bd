import { COCA_COLA_GTIN, SECOND_WHOLESALER } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";
import { DEMO_PASSWORD, DEMO_RETAILER } from "./support/stack";

test.beforeEach(async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/catalog?q=coca")}`);
  await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
  await page.getByRole("link", { name: /^Coca-Cola 500ml PET Coca-Cola/ }).click();
  await expect(page.getByRole("heading", { name: "Coca-Cola 500ml PET", exact: true })).toBeVisible();
});

test("the product page shows its price tiers and spells out the next tier's saving", async ({ page, checkpoint }) => {
  const tiers = page.getByRole("table", { name: "Price per quantity" });
  await expect(tiers.getByRole("row")).toHaveText([
    /Quantity \(crate of 24\)\s*Price each/,
    /^1 to 9 \(your quantity\)\s*Ksh\s1,150\.00$/,
    /^10 to 49\s*Ksh\s1,100\.00$/,
    /^50 or more\s*Ksh\s1,060\.00$/,
  ]);
  await expect(
    page.getByText("Order 10 or more and pay Ksh 1,100.00 each: you save Ksh 50.00 per crate of 24 (4.3%)."),
  ).toBeVisible();
  await expect(page.getByText("400 available")).toBeVisible();
  await expect(page.getByRole("link", { name: "Pwani Wholesale Distributors Ltd" })).toBeVisible();
  await checkpoint("product");

  await page.getByRole("button", { name: "Order 10" }).click();
  await expect(page.getByLabel("Quantity (crate of 24)")).toHaveValue("10");
  await expect(page.getByText("Total for 10: Ksh 11,000.00")).toBeVisible();
  await expect(
    page.getByText("Order 50 or more and pay Ksh 1,060.00 each: you save Ksh 40.00 per crate of 24 (3.6%)."),
  ).toBeVisible();

  await page.getByRole("button", { name: "One step fewer" }).click();
  await expect(page.getByLabel("Quantity (crate of 24)")).toHaveValue("9");
  await expect(page.getByText("Total for 9: Ksh 10,350.00")).toBeVisible();
});

test("offers for the same barcode are compared, and the best one changes with the quantity", async ({
  page,
  checkpoint,
}) => {
  await page.getByRole("link", { name: "Compare offers" }).click();
  await expect(page).toHaveURL(`/compare?gtin=${COCA_COLA_GTIN}&quantity=1`);
  const offers = page.getByRole("list", { name: "Offers" });
  await expect(offers.getByRole("listitem")).toHaveCount(2);
  await expect(offers.getByRole("heading", { level: 2 })).toHaveText(["Pwani Wholesale Distributors Ltd", SECOND_WHOLESALER]);
  await expect(offers.getByRole("listitem").first()).toContainText("Best for your quantity");
  await expect(offers.getByRole("listitem").nth(1)).toContainText("This wholesaler's minimum order is 2.");
  await checkpoint("compare");

  const quantity = page.getByLabel(/Quantity/);
  await quantity.fill("10");
  await quantity.press("Enter");
  await expect(page).toHaveURL(`/compare?gtin=${COCA_COLA_GTIN}&quantity=10`);
  await expect(offers.getByRole("heading", { level: 2 })).toHaveText([SECOND_WHOLESALER, "Pwani Wholesale Distributors Ltd"]);
  await expect(offers.getByRole("listitem").first()).toContainText("Ksh 1,050.00");
  await expect(offers.getByRole("listitem").first()).toContainText("Total for 10: Ksh 10,500.00");
});
