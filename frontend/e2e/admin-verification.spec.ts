import { api } from "./support/api";
import { adminToken, pendingWholesaler, signInAdmin } from "./support/admin";
import { expect, test } from "./support/fixtures";
import { bearer } from "./support/trade";

test("an admin opens a pending wholesaler's document from the queue, approves it with a reason, and finds the approval in the audit log", async ({
  page,
  checkpoint,
}) => {
  const wholesaler = await pendingWholesaler();

  await signInAdmin(page, "/admin/verification");
  await expect(page.getByRole("heading", { name: "Verification queue" })).toBeVisible();
  await expect(page.getByRole("link", { name: wholesaler.name })).toBeVisible();
  await checkpoint("admin-verification-queue");
  await page.getByRole("link", { name: wholesaler.name }).click();
  await expect(page.getByRole("heading", { name: wholesaler.name, level: 1 })).toBeVisible();
  await expect(page.getByText("Business registration certificate")).toBeVisible();
  const documentLink = page.getByRole("link", { name: `Open ${wholesaler.filename}` });
  await expect(documentLink).toHaveAttribute("href", /^http/);
  const file = await page.request.get((await documentLink.getAttribute("href")) ?? "");
  expect(file.ok()).toBe(true);
  expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await checkpoint("admin-verification-review");

  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("button", { name: `Yes, approve ${wholesaler.name}` }).click();
  await expect(page.getByText("Write a reason.")).toBeVisible();
  await page.getByLabel("Reason (kept in the audit log)").fill("Certificate and tax PIN match the registry.");
  await page.getByRole("button", { name: `Yes, approve ${wholesaler.name}` }).click();
  await expect(page.getByText(`${wholesaler.name} is verified.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Verification history" })).toContainText("Pending → Verified");
  await expect(page.getByRole("list", { name: "Verification history" })).toContainText("Certificate and tax PIN match the registry.");
  await checkpoint("admin-verification-approved");

  await page.goto(`/admin/audit?action=admin.business_verified&entity_id=${wholesaler.businessId}`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByLabel("Record ID")).toHaveValue(wholesaler.businessId);
  await expect(page.getByText("admin.business_verified").first()).toBeVisible();
  await expect(page.getByText("admin@demo.soko.test").first()).toBeVisible();
  await checkpoint("admin-audit-approval");
});

test("an admin rejects a wholesaler with the reason it must fix; the wholesaler reads that reason", async ({ page, checkpoint }) => {
  const wholesaler = await pendingWholesaler();

  await signInAdmin(page, `/admin/verification/${wholesaler.businessId}`);
  await expect(page.getByRole("heading", { name: wholesaler.name, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Reject" }).click();
  await page.getByLabel("Reason (kept in the audit log)").fill("The certificate is unreadable; upload a clearer scan.");
  await page.getByRole("button", { name: `Yes, reject ${wholesaler.name}` }).click();
  await expect(page.getByText(`${wholesaler.name} is rejected; they have been told why.`)).toBeVisible();
  await checkpoint("admin-verification-rejected");

  await page.goto("/admin/verification?status=rejected");
  await expect(page.getByRole("link", { name: wholesaler.name })).toBeVisible();
  const business = await api.GET("/business", bearer(wholesaler.account.signedIn.access_token));
  expect(business.data?.verification_status).toBe("rejected");
  expect(business.data?.verification_reason).toBe("The certificate is unreadable; upload a clearer scan.");

  const stillPending = await api.GET("/admin/businesses", {
    params: { query: { kind: "wholesaler", verification: "pending", q: wholesaler.name } },
    ...bearer(await adminToken()),
  });
  expect(stillPending.data?.items).toEqual([]);
});
