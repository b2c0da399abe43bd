import { uniqueSuffix } from "./support/api";
import { freshWholesaler, signInToConsole } from "./support/console-catalog";
import { expect, test } from "./support/fixtures";

const HEADER =
  "sku,gtin,name,brand,category_slug,description,unit_of_sale,pack_size,min_order_qty,order_increment,tiers,low_stock_threshold,lead_time_days,status,stock";

function csv(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\n${rows.join("\n")}\n`) };
}

test("a CSV import previews its rows, marks the bad cell, then imports the corrected file", async ({ page, checkpoint }) => {
  test.slow();
  const wholesaler = await freshWholesaler();
  const suffix = uniqueSuffix().toUpperCase();
  const beans = `BEANS-${suffix},,Rose coco beans 1 kg ${suffix},,rice,,bale of 12 x 1 kg,12,1,1,1:2400.00|10:2300.00,5,2,draft,30`;
  const flour = (tiers: string) => `FLOUR-${suffix},,Maize flour 2 kg ${suffix},Jogoo,rice,,bale of 12 x 2 kg,12,10,5,${tiers},0,1,draft,`;
  await signInToConsole(page, wholesaler, "/console/products/import");
  await expect(page.getByRole("heading", { name: "Import products" })).toBeVisible();

  await page.getByLabel("Choose a CSV file").setInputFiles(csv([beans, flour("10:1900.00|5:1850.00")]));
  await expect(page.getByText("1 of 2 rows have problems")).toBeVisible();
  const problems = page.getByRole("list", { name: "Problems in the file" });
  await expect(problems).toContainText("Row 3, tiers:");
  await expect(page.getByRole("button", { name: "Import 2 rows" })).toBeDisabled();
  await checkpoint("console-import-problems", { scrollTo: problems });

  await page.getByLabel("Choose another file").setInputFiles(csv([beans, flour("10:1900.00|50:1850.00")]));
  await expect(page.getByText("2 rows checked: no problems")).toBeVisible();
  await expect(page.getByText("Importing will create 2, change 0 and leave 0 as they are.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("2 products imported")).toBeVisible();
  await checkpoint("console-import-done");

  await page.getByRole("link", { name: "See products" }).click();
  await expect(page.getByRole("link", { name: `Maize flour 2 kg ${suffix}`, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `Rose coco beans 1 kg ${suffix}`, exact: true })).toBeVisible();
});
