import { registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("a shop owner edits their profile and the business details; both are kept after a reload", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in?next=%2Faccount");
  await signInThroughPage(page, account.email, account.password);
  await expect(page.getByRole("link", { name: "Notification settings" })).toBeVisible();
  await checkpoint("account-links");
  await page.getByRole("link", { name: "Your profile" }).click();

  await expect(page.getByLabel("Your full name")).toHaveValue(account.fullName);
  await page.getByLabel("Your full name").fill("Achieng Atieno Otieno");
  await page.getByLabel("Your phone number").fill("0722 000 111");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await expect(page.getByLabel("Your phone number")).toHaveValue("+254722000111");
  await checkpoint("profile");

  await page.getByLabel("Your phone number").fill("12");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter a phone number, e.g. 0712 345 678 or +254712345678.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Your full name")).toHaveValue("Achieng Atieno Otieno");
  await expect(page.getByLabel("Your phone number")).toHaveValue("+254722000111");

  await page.goto("/business");
  await expect(page.getByLabel("Business name")).not.toHaveValue("");
  await page.getByLabel("Business name").fill("Duka la Achieng");
  await page.getByLabel("Town or city").fill("Kisumu Town");
  await page.getByRole("button", { name: "Save business details" }).click();
  await expect(page.getByText("Your business details are saved.")).toBeVisible();
  await checkpoint("business-details");
  await page.reload();
  await expect(page.getByLabel("Business name")).toHaveValue("Duka la Achieng");
  await expect(page.getByLabel("Town or city")).toHaveValue("Kisumu Town");
});
