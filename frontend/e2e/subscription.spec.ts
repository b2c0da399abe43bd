import { registerRetailer } from "./support/api";
import { expect, signInThroughPage, test } from "./support/fixtures";

test("a new shop compares the plans monthly and yearly, starts a free trial, and sees its use against the limits", async ({
  page,
  checkpoint,
}) => {
  const account = await registerRetailer();
  await page.goto("/sign-in?next=%2Fsubscription");
  await signInThroughPage(page, account.email, account.password);

  await expect(page.getByRole("heading", { name: "No subscription yet" })).toBeVisible();
  await checkpoint("subscription-none");
  await page.getByRole("link", { name: "See the plans" }).click();

  const basic = page.getByRole("region", { name: "Basic" });
  const pro = page.getByRole("region", { name: "Pro" });
  await expect(basic).toContainText(/Ksh\s500\.00/);
  await expect(basic).toContainText("Up to 30 orders a month");
  await expect(pro).toContainText("Unlimited orders every month");
  await checkpoint("subscription-plans");

  await page.getByText("Yearly", { exact: true }).click();
  await expect(basic).toContainText(/Ksh\s5,000\.00/);
  await expect(basic).toContainText(/You save Ksh\s1,000\.00/);

  await basic.getByRole("button", { name: "Start 14-day free trial" }).click();
  const phone = basic.getByLabel("Phone that pays");
  await expect(phone).toHaveValue(account.signedIn.user.phone ?? "");
  await phone.fill("0712345670");
  await checkpoint("subscription-start-trial", { scrollTo: basic });
  await basic.getByRole("button", { name: "Start free trial" }).click();

  await expect(page).toHaveURL(/\/subscription$/);
  await expect(page.getByText("Your free trial has started.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Basic plan" })).toBeVisible();
  await expect(page.getByText("Free trial", { exact: true })).toBeVisible();
  const orders = page.getByRole("meter", { name: "Orders this month" });
  await expect(orders).toHaveAttribute("aria-valuemax", "30");
  await expect(orders).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByText("0 of 30")).toBeVisible();
  await expect(page.getByRole("meter", { name: "Staff accounts" })).toHaveAttribute("aria-valuemax", "2");
  await checkpoint("subscription-trial");

  await page.getByRole("button", { name: "Cancel subscription" }).click();
  await expect(page.getByText(/You keep your plan until \d{1,2} \w{3} \d{4}\./)).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByText("Your subscription is set to end on", { exact: false })).toBeVisible();
  await checkpoint("subscription-cancelling", { scrollTo: page.getByRole("region", { name: "Cancel subscription" }) });
  await page.getByRole("button", { name: "Resume subscription" }).click();
  await expect(page.getByRole("button", { name: "Cancel subscription" })).toBeVisible();

  await page.getByRole("combobox", { name: "Language" }).selectOption("sw");
  await expect(page.getByRole("heading", { name: "Usajili", level: 1 })).toBeVisible();
  await expect(page.getByRole("meter", { name: "Oda za mwezi huu" })).toBeVisible();
  await expect(page.getByText("Majaribio ya bure", { exact: true })).toBeVisible();
  await checkpoint("subscription-trial-sw");
});

test("paying now without a trial: a failed payment says why and offers a retry, the retry is confirmed, and an upgrade shows its prorated charge before confirming", async ({
  page,
  checkpoint,
}) => {
  test.slow();
  const account = await registerRetailer();
  await page.goto("/sign-in?next=%2Fsubscription%2Fplans");
  await signInThroughPage(page, account.email, account.password);

  const basic = page.getByRole("region", { name: "Basic" });
  await basic.getByRole("button", { name: "Pay now, no trial" }).click();
  await expect(basic).toContainText(/You pay Ksh\s500\.00 a month/);
  await basic.getByLabel("Phone that pays").fill("+254712345672");
  await basic.getByRole("button", { name: "Pay and start" }).click();

  await expect(page).toHaveURL(/\/subscription\?payment=/);
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment.getByText("Check your phone")).toBeVisible();
  await checkpoint("subscription-payment-waiting");
  await expect(payment.getByText("The payment did not go through")).toBeVisible({ timeout: 30_000 });
  await expect(payment).toContainText("There was not enough money in the mobile money account.");
  await checkpoint("subscription-payment-failed");

  await payment.getByRole("button", { name: "Try again" }).click();
  const invoice = page.getByRole("region", { name: "Invoice to pay" });
  await expect(invoice).toContainText(/Ksh\s500\.00/);
  await invoice.getByLabel("Phone that pays").fill("+254712345670");
  await invoice.getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByRole("region", { name: "Payment" }).getByText("Payment confirmed")).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  const invoices = page.getByRole("region", { name: "Invoices" });
  await expect(invoices.getByText("Paid", { exact: true })).toBeVisible();
  await checkpoint("subscription-paid", { scrollTo: invoices });

  const download = page.waitForEvent("download");
  await invoices.getByRole("button", { name: /^Download invoice .* as PDF$/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  await page.getByRole("link", { name: "Change plan" }).click();
  const pro = page.getByRole("region", { name: "Pro" });
  await pro.getByRole("button", { name: "Switch to Pro" }).click();
  const charge = pro.getByTestId("proration");
  await expect(charge).toContainText(/You pay Ksh\s(99\d|1,000)\.\d\d today for the rest of this period/);
  await expect(pro.getByRole("button", { name: "Confirm and pay" })).toBeVisible();
  await checkpoint("subscription-upgrade-preview", { scrollTo: pro });
});
