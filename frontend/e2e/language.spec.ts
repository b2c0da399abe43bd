import { expect, test } from "./support/fixtures";
import { DEMO_PASSWORD, DEMO_RETAILER } from "./support/stack";

test("a shop owner switches to Kiswahili, and the choice stays after a reload", async ({ page, checkpoint }) => {
  await page.goto("/sign-in");
  await page.getByRole("combobox", { name: "Language" }).selectOption("sw");
  await expect(page.getByRole("heading", { name: "Ingia" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sw");

  await page.getByLabel("Barua pepe", { exact: true }).fill(DEMO_RETAILER);
  await page.getByLabel("Nenosiri", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingia" }).click();
  await expect(page.getByRole("heading", { name: "Tafuta bidhaa" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Tafuta bidhaa" }).fill("omo");
  await expect(page.getByText("Bidhaa 1", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Omo hand washing powder 1kg/ })).toContainText("Ksh 3,100.00");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Tafuta bidhaa" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Tafuta bidhaa" })).toHaveValue("omo");
  await checkpoint("search-swahili");
});
