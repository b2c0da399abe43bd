import { uniqueSuffix } from "./support/api";
import { categoryTree, removeCategoryTree, signInAdmin } from "./support/admin";
import { expect, test } from "./support/fixtures";

test("an admin creates a wholesaler plan, changes its price and limits (from the next period), then retires it", async ({ page, checkpoint }) => {
  const code = `e2e-${uniqueSuffix()}`.toLowerCase().slice(0, 40);
  const name = `Soko Gold ${code.slice(4)}`;

  await signInAdmin(page, "/admin/plans");
  await page.getByRole("button", { name: "New plan" }).click();
  await page.getByLabel("Code").fill(code);
  await page.getByLabel("For").selectOption("wholesaler");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Price a month").fill("4500.555");
  await page.getByLabel("Price a year").fill("45000");
  await page.getByLabel("Active products").fill("250");
  await page.getByLabel("Payment on delivery").check();
  await page.getByRole("button", { name: "Create the plan" }).click();
  await expect(page.getByText("An amount like 1500 or 1500.50.")).toBeVisible();
  await page.getByLabel("Price a month").fill("4500");
  await page.getByRole("button", { name: "Create the plan" }).click();
  await expect(page.getByText(`Plan ${name} created.`)).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(card).toContainText("250");
  await checkpoint("admin-plan-created");

  await card.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(card.getByText("Price and limit changes take effect from each subscriber's next billing period")).toBeVisible();
  await card.getByLabel("Price a month").fill("4750.50");
  await card.getByLabel("Active products").fill("");
  await card.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByText("Saved. Subscribers pay the new price from their next period.")).toBeVisible();
  await expect(card).toContainText("4,750.50");
  await expect(card).toContainText("No limit");
  await checkpoint("admin-plan-edited");

  await card.getByRole("button", { name: `Retire ${name}` }).click();
  await card.getByRole("button", { name: "Yes, retire it" }).click();
  await expect(page.getByRole("heading", { name })).toHaveCount(0);
});

test("an admin reorders and moves categories with the buttons, without dragging", async ({ page, checkpoint }) => {
  test.slow();
  const tree = await categoryTree(["Basmati", "Pishori", "Jasmine"]);
  try {
    await signInAdmin(page, "/admin/categories");
    const shelf = page.getByRole("listitem").filter({ has: page.getByText(tree.rootName, { exact: true }) });
    await expect(shelf).toBeVisible();
    const names = () => shelf.locator("ul li span.font-semibold").allTextContents();
    await expect.poll(names).toEqual(["Basmati", "Pishori", "Jasmine"]);

    const moveUp = shelf.getByRole("button", { name: "Move Jasmine up" });
    await moveUp.focus();
    await page.keyboard.press("Enter");
    await expect(shelf.getByText("Jasmine is now number 2 in its list.")).toBeVisible();
    await expect.poll(names).toEqual(["Basmati", "Jasmine", "Pishori"]);

    await shelf.getByRole("button", { name: "Edit Basmati" }).click();
    await shelf.getByLabel("Move Basmati into").selectOption(tree.childIds[1] ?? "");
    await shelf.getByRole("button", { name: "Move", exact: true }).click();
    await expect(shelf.getByText("Basmati moved into Pishori.")).toBeVisible();
    await expect.poll(names).toEqual(["Jasmine", "Pishori", "Basmati"]);

    await shelf.getByRole("button", { name: "Edit Pishori" }).click();
    await shelf.getByRole("button", { name: "Delete Pishori" }).click();
    await shelf.getByRole("button", { name: "Yes, delete Pishori" }).click();
    await expect(shelf.getByRole("alert")).toHaveText("Move or delete the sub-categories of this category first.");
    await expect.poll(names).toEqual(["Jasmine", "Pishori", "Basmati"]);
    await checkpoint("admin-categories-refused");
  } finally {
    await removeCategoryTree(tree.rootId);
  }
});
