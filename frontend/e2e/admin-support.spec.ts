import { createSupportUser, pendingWholesaler, signInAs } from "./support/admin";
import { expect, test } from "./support/fixtures";

test("platform support reads the queue, a business, a person, plans and categories, with no button that changes anything", async ({
  page,
  checkpoint,
}) => {
  test.slow();
  const wholesaler = await pendingWholesaler();
  const support = createSupportUser();
  const readOnly = "You have read-only access: support staff see everything but change nothing.";

  await signInAs(page, support.email, support.password, "/admin/verification");
  await page.getByRole("link", { name: wholesaler.name }).click();
  await expect(page.getByRole("heading", { name: wholesaler.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: `Open ${wholesaler.filename}` })).toBeVisible();
  await expect(page.getByText(readOnly)).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await checkpoint("admin-support-verification");

  await page.getByRole("link", { name: "See the business and its people" }).click();
  await expect(page.getByRole("heading", { name: wholesaler.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Suspend the business" })).toHaveCount(0);
  await page.getByRole("link", { name: wholesaler.account.fullName }).click();
  await expect(page.getByRole("heading", { name: wholesaler.account.fullName, level: 1 })).toBeVisible();
  await expect(page.getByText(readOnly)).toBeVisible();
  await expect(page.getByRole("button", { name: "Suspend" })).toHaveCount(0);

  await page.goto("/admin/plans");
  await expect(page.getByRole("heading", { name: "Plans", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "New plan" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await checkpoint("admin-support-plans");

  await page.goto("/admin/categories");
  await expect(page.getByText(readOnly)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Move .* up$/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add" })).toHaveCount(0);

  await page.goto("/admin/settlements");
  await expect(page.getByRole("heading", { name: "Settlements", level: 1 })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
});
