import { uniqueSuffix } from "./support/api";
import { freshWholesaler, productByApi, signInToConsole } from "./support/console-catalog";
import { expect, test } from "./support/fixtures";

test("a restock with its note shows in the ledger, and removing more than is in stock is refused", async ({
  page,
  checkpoint,
}) => {
  const wholesaler = await freshWholesaler();
  const product = await productByApi(wholesaler, { name: `Cooking oil 5 l ${uniqueSuffix()}` });
  await signInToConsole(page, wholesaler, "/console/stock");
  await page.getByLabel("Find a product to restock or adjust").fill(product.name);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole("list", { name: "Products found" }).getByRole("link").filter({ hasText: product.name }).click();

  await expect(page.getByRole("heading", { name: `Stock: ${product.name}` })).toBeVisible();
  await page.getByLabel("Reason").selectOption("restock");
  await page.getByLabel("Units to add").fill("40");
  await page.getByLabel("Note (optional), e.g. supplier delivery number").fill("Delivery note DN-5512");
  await page.getByRole("button", { name: "Record the change" }).click();
  await expect(page.getByText("Recorded: 40 units in stock now.")).toBeVisible();
  const ledger = page.getByRole("region", { name: "Stock movements" });
  await expect(ledger).toContainText("Restock");
  await expect(ledger).toContainText("+40");
  await expect(ledger).toContainText("Delivery note DN-5512");
  await checkpoint("console-stock-restocked", { scrollTo: ledger });

  await page.getByLabel("Reason").selectOption("adjustment");
  await page.getByLabel("Add or remove").selectOption("remove");
  await page.getByLabel("Units to remove").fill("100");
  await page.getByRole("button", { name: "Record the change" }).click();
  await expect(page.getByText("Only 40 in stock: removing 100 would take stock below zero.")).toBeVisible();
  await expect(page.getByLabel("Units to remove")).toHaveAttribute("aria-invalid", "true");
  await checkpoint("console-stock-refused");
});

test("a published product below its threshold is listed as low on stock with a reorder suggestion", async ({
  page,
  checkpoint,
}) => {
  const wholesaler = await freshWholesaler();
  const product = await productByApi(
    wholesaler,
    { name: `Basmati rice 5 kg ${uniqueSuffix()}`, status: "active", low_stock_threshold: 10, lead_time_days: 2 },
    3,
  );
  await signInToConsole(page, wholesaler, "/console/stock");

  const low = page.getByRole("list", { name: "Low stock" }).getByRole("listitem").filter({ hasText: product.name });
  await expect(low).toContainText("3 in stock (low at 10)");
  const suggestion = page
    .getByRole("list", { name: "Reorder suggestions" })
    .getByRole("listitem")
    .filter({ hasText: product.name });
  await expect(suggestion).toContainText(/Order \d+ units \(\d+ packs\)/);
  await expect(suggestion).toContainText("Low stock");
  await checkpoint("console-stock-overview");
});
