import { registerBusiness, uniqueSuffix } from "./support/api";
import { RICE, paidByMobileMoney, signInWholesaler } from "./support/console-orders";
import { expect, test } from "./support/fixtures";
import { createProduct, newShop } from "./support/trade";

test("the money page shows a settlement for an order paid by mobile money, with its totals", async ({ page, checkpoint }) => {
  test.slow();
  const shop = await newShop();
  const product = await createProduct({ ...RICE, name: `Sugar 50kg ${uniqueSuffix()}`, tiers: [{ min_quantity: 1, unit_price: "6000.00" }] });
  await paidByMobileMoney(shop, product.id, 1);
  await signInWholesaler(page, "/console/money?status=due");

  await expect(page.getByRole("heading", { name: "Money", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settlements" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Owed to you now")).toBeVisible();
  const settlements = page.getByRole("list", { name: "Settlements" });
  await expect(settlements.getByRole("listitem").first()).toContainText("Owed");
  await expect(settlements.getByRole("listitem").filter({ hasText: "Ksh 6,000.00" }).first()).toBeVisible();
  await checkpoint("console-money-settlements");

  await page.getByRole("link", { name: "Payouts" }).click();
  await expect(page).toHaveURL(/tab=payouts/);
  await expect(page.getByRole("heading", { name: "No payouts yet" }).or(page.getByRole("list", { name: "Payouts" }))).toBeVisible();
  await page.getByRole("link", { name: "Refunds" }).click();
  await expect(page).toHaveURL(/tab=refunds/);
  await expect(page.getByLabel("Status")).toBeVisible();
  await checkpoint("console-money-refunds");
});

test("a new wholesaler's owner uploads a verification document and sets delivery options and fees, pay on delivery only if the plan has it", async ({ page, checkpoint }) => {
  const owner = await registerBusiness("wholesaler", `Bahari Distributors ${uniqueSuffix()}`);
  await signInWholesaler(page, "/console/business", owner.email, owner.password);

  await expect(page.getByRole("heading", { name: "Business settings", level: 1 })).toBeVisible();
  await expect(page.getByText("Verification pending")).toBeVisible();
  await expect(page.getByText("No documents sent yet.")).toBeVisible();
  await page.getByLabel("Document").selectOption("tax_certificate");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "kra-pin.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.getByText("Document uploaded.")).toBeVisible();
  const documents = page.getByRole("list", { name: "Documents sent" });
  await expect(documents.getByRole("listitem")).toHaveCount(1);
  await expect(documents).toContainText("kra-pin.pdf");
  await expect(documents).toContainText("Tax certificate");
  await expect(page.getByRole("link", { name: /^Staff/ })).toHaveAttribute("href", "/business/staff");
  await expect(page.getByText("Not set yet: retailers can only collect until you save your options.")).toBeVisible();

  await page.getByLabel("Pickup address").fill("Makupa Rd 14, Mombasa");
  await page.getByLabel("We deliver").check();
  await page.getByLabel("Delivery fee").fill("350");
  await page.getByRole("button", { name: "Save delivery options" }).click();
  await expect(page.getByText("List the regions you deliver to.")).toBeVisible();
  await page.getByLabel("Regions you deliver to").fill("Mombasa, Kilifi\nKwale");
  await page.getByLabel("Free delivery from (optional)").fill("25000");
  await page.getByLabel("Retailers may pay on delivery").check();
  await checkpoint("console-business");
  await page.getByRole("button", { name: "Save delivery options" }).click();
  const notInPlan = page.getByText("Your plan does not include this feature. Upgrade your plan to use it.");
  await expect(notInPlan.first()).toBeVisible();
  await page.getByLabel("Retailers may pay on delivery").uncheck();
  await page.getByRole("button", { name: "Save delivery options" }).click();
  await expect(page.getByText("Delivery options saved.")).toBeVisible();
  await expect(notInPlan).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Delivery fee")).toHaveValue("350.00");
  await expect(page.getByLabel("Regions you deliver to")).toHaveValue("Mombasa\nKilifi\nKwale");
  await expect(page.getByLabel("Free delivery from (optional)")).toHaveValue("25000.00");
  await expect(page.getByLabel("Retailers may pay on delivery")).not.toBeChecked();
  await expect(page.getByText("Not set yet")).toHaveCount(0);
});

test("the owner adds the payout account the platform pays into", async ({ page, checkpoint }) => {
  const owner = await registerBusiness("wholesaler", `Pwani Fresh ${uniqueSuffix()}`);
  await signInWholesaler(page, "/console/money", owner.email, owner.password);

  await expect(page.getByText("No payout account yet: payouts wait until the owner adds one.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No settlements yet" })).toBeVisible();
  await page.getByRole("button", { name: "Add payout account" }).click();
  await page.getByLabel("Account holder's name").fill("Pwani Fresh Ltd");
  await page.getByLabel("Phone number").fill("0712");
  await page.getByRole("button", { name: "Save payout account" }).click();
  await expect(page.getByText("Enter a phone number, e.g. 0712 345 678.")).toBeVisible();
  await page.getByLabel("Phone number").fill("0712 345 678");
  await checkpoint("console-money-payout-account");
  await page.getByRole("button", { name: "Save payout account" }).click();
  await expect(page.getByText("Payout account saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Payout account" })).toContainText("M-Pesa · Pwani Fresh Ltd");
  await expect(page.getByRole("button", { name: "Change payout account" })).toBeVisible();
});
