import { api, registerRetailer } from "./support/api";
import { signInAdmin } from "./support/admin";
import { expect, test } from "./support/fixtures";

test("an admin finds a person by e-mail, suspends them (who then cannot sign in) and reactivates them", async ({ page, checkpoint }) => {
  const person = await registerRetailer();

  await signInAdmin(page, "/admin/users");
  await page.getByLabel("E-mail, name or phone").fill(person.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(person.email).replace(/\./g, "\\.")}`));
  await expect(page.getByRole("link", { name: person.fullName })).toHaveCount(1);
  await checkpoint("admin-users-search");

  await page.getByRole("link", { name: person.fullName }).click();
  await expect(page.getByRole("heading", { name: person.fullName, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Suspend" }).click();
  await page.getByLabel("Reason (kept in the audit log)").fill("Reported for fake orders; checking with the shop.");
  await page.getByRole("button", { name: `Yes, suspend ${person.fullName}` }).click();
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(page.getByText("Suspended", { exact: true }).first()).toBeVisible();
  await checkpoint("admin-user-suspended");

  const refused = await api.POST("/auth/login", { body: { email: person.email, password: person.password } });
  expect(refused.response.ok).toBe(false);

  await page.getByRole("button", { name: "Reactivate" }).click();
  await page.getByLabel("Reason (kept in the audit log)").fill("The shop confirmed the orders.");
  await page.getByRole("button", { name: `Yes, reactivate ${person.fullName}` }).click();
  await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();
  const allowed = await api.POST("/auth/login", { body: { email: person.email, password: person.password } });
  expect(allowed.response.ok).toBe(true);
  await expect(page.getByRole("list", { name: "Recent activity" }).or(page.getByRole("table", { name: "Recent activity" }))).toContainText(
    "admin.user_reactivated",
  );
});
