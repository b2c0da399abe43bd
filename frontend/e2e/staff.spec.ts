import { startTrialByApi } from "./support/accounts";
import { registerRetailer, uniqueSuffix } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";
import { linkFromEmail } from "./support/mail";
import { checkpointOn } from "./support/other-page";

test("an owner invites a staff member, who accepts through the e-mailed link and is signed in; the owner then deactivates them", async ({
  page,
  browser,
  checkpoint,
}, testInfo) => {
  test.slow();
  const owner = await registerRetailer();
  await startTrialByApi(owner);
  const staffEmail = `e2e-staff-${uniqueSuffix()}@example.com`;

  await page.goto("/sign-in?next=%2Fbusiness%2Fstaff");
  await signInThroughPage(page, owner.email, owner.password);
  await page.getByLabel("Their full name").fill("Wanjiru Kamau");
  await page.getByLabel("Their e-mail address").fill(staffEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${staffEmail}.`)).toBeVisible();
  const person = page.getByRole("listitem").filter({ hasText: staffEmail });
  await expect(person).toContainText("Invited");
  await checkpoint("staff-invited");

  const link = new URL(await linkFromEmail(staffEmail, "/accept-invitation"));
  expect(link.pathname).toBe("/accept-invitation");
  const staffBrowser = await browser.newContext();
  const staffPage = await staffBrowser.newPage();
  await staffPage.goto(`${link.pathname}${link.search}`);
  await expect(staffPage.getByRole("heading", { name: "Join your team" })).toBeVisible();
  await checkpointOn(staffPage, "accept-invitation", testInfo);
  await staffPage.getByLabel("Choose a password").fill(`Crates-Of-Soda-${uniqueSuffix()}`);
  await staffPage.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(staffPage).toHaveURL(/\/catalog/);
  await expect(staffPage.getByRole("heading", { name: "Find products" })).toBeVisible();
  await checkpointOn(staffPage, "staff-signed-in", testInfo);
  await staffPage.goto("/business/staff");
  await expect(staffPage.getByRole("listitem").filter({ hasText: staffEmail })).toContainText("(you)");
  await expect(staffPage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await checkpointOn(staffPage, "staff-as-staff", testInfo);
  await staffPage.goto("/subscription");
  await expect(staffPage.getByText("Only the owner of your business can change the plan or pay for it.")).toBeVisible();
  await expect(staffPage.getByRole("heading", { name: "Basic plan" })).toBeVisible();
  await expect(staffPage.getByRole("link", { name: "Change plan" })).toHaveCount(0);
  await checkpointOn(staffPage, "subscription-as-staff", testInfo);
  await staffBrowser.close();

  await page.reload();
  await expect(person).toContainText("Active");
  await person.getByRole("button", { name: "Deactivate" }).click();
  await person.getByRole("button", { name: "Yes, deactivate Wanjiru Kamau" }).click();
  await expect(person).toContainText("Deactivated");
  await checkpoint("staff-deactivated");
});
