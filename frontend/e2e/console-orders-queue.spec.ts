import { expect, test } from "./support/fixtures";
import { moveOrder, orderAsWholesaler, queueOf, queueRows, shopWithOrders, signInWholesaler } from "./support/console-orders";

test("the queue shows new orders first, filters by status in the address", async ({ page, checkpoint }) => {
  test.slow();
  const { orderIds, name } = await shopWithOrders([1, 2, 3]);
  const [first, second, third] = await Promise.all(orderIds.map((id) => orderAsWholesaler(id).then((order) => order.number)));
  await moveOrder(orderIds[0] ?? "", { to: "cancelled", note: "Out of stock after a count" });
  await moveOrder(orderIds[1] ?? "", { to: "accepted" });
  await signInWholesaler(page, queueOf(name));

  const rows = queueRows(page);
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(third ?? "");
  await expect(rows.nth(0)).toContainText("Placed");
  await expect(rows.nth(1)).toContainText(second ?? "");
  await expect(rows.nth(2)).toContainText(first ?? "");
  await checkpoint("console-order-queue");

  await page.getByRole("navigation", { name: "Quick views" }).getByRole("link", { name: "To pack and dispatch" }).click();
  await expect(page).toHaveURL(/status=accepted%2Cpacked/);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(second ?? "");

  await page.goto(queueOf(name, "&status=cancelled,accepted&sort=oldest"));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(first ?? "");
  await expect(rows.nth(0)).toContainText("Cancelled");
  await page.getByText(/^Filters and sorting/).click();
  await expect(page.getByRole("checkbox", { name: "Cancelled" })).toBeChecked();
  await expect(page.getByLabel("Sort by")).toHaveValue("oldest");
  await page.getByRole("checkbox", { name: "Accepted" }).click();
  await expect(page.getByRole("checkbox", { name: "Accepted" })).not.toBeChecked();
  await expect(page).toHaveURL(/status=cancelled&/);
  await expect(rows).toHaveCount(1);
  await checkpoint("console-order-queue-filtered");
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText("Filters and sorting (1 on)")).toBeVisible();
});

test("the New view lists placed orders; two are dispatched together with one driver, each answered on its own", async ({
  page,
  checkpoint,
}) => {
  test.slow();
  const { orderIds, name } = await shopWithOrders([2, 4, 1]);
  await moveOrder(orderIds[2] ?? "", { to: "cancelled", note: null });
  await signInWholesaler(page, queueOf(name, "&status=placed"));

  const rows = queueRows(page);
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("navigation", { name: "Quick views" }).getByRole("link", { name: "New" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(page.getByText("2 orders selected")).toBeVisible();
  await page.getByRole("button", { name: "Accept 2 orders" }).click();
  await expect(page.getByText("2 of 2 orders accepted")).toBeVisible();
  await expect(rows).toHaveCount(0);

  await page.goto(queueOf(name, "&status=accepted"));
  await expect(rows).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await page.getByRole("button", { name: "Dispatch 2 orders" }).click();
  await page.getByLabel("Driver's name").fill("Otieno Ouma");
  await page.getByLabel("Driver's phone").fill("0722 000 111");
  await page.getByLabel("Vehicle plate (optional)").fill("kda 123b");
  await checkpoint("console-bulk-dispatch");
  await page.getByRole("button", { name: "Dispatch all 2 orders" }).click();
  const results = page.getByRole("list", { name: "Result for each order" });
  await expect(page.getByText("2 of 2 orders dispatched")).toBeVisible();
  await expect(results.getByRole("listitem")).toHaveCount(2);
  await expect(results.getByRole("listitem").first()).toContainText("now On the way");
  await checkpoint("console-bulk-dispatched");

  await page.goto(queueOf(name, "&status=dispatched"));
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole("link").first().click();
  await expect(page.getByText("KDA 123B")).toBeVisible();
  await expect(page.getByText("Otieno Ouma")).toBeVisible();
});

test("the pick list adds up the selected orders' lines per product and prints", async ({ page, checkpoint }) => {
  test.slow();
  const { name, product } = await shopWithOrders([2, 3, 5]);
  await signInWholesaler(page, queueOf(name));
  await expect(queueRows(page)).toHaveCount(3);
  await page.getByRole("checkbox", { name: /^Select ORD-/ }).nth(0).check();
  await page.getByRole("checkbox", { name: /^Select ORD-/ }).nth(1).check();
  await page.getByRole("button", { name: "Print pick list" }).click();

  await expect(page).toHaveURL(/\/console\/orders\/pick-list\?ids=/);
  await expect(page.getByRole("heading", { name: "Pick list", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "1 product to pick" })).toBeVisible();
  const line = page.getByRole("row").filter({ hasText: product.name });
  await expect(line).toContainText("8 bale");
  await expect(page.getByRole("heading", { name: "2 orders to load" })).toBeVisible();
  await page.getByRole("checkbox", { name: `Picked ${product.name}` }).check();
  await checkpoint("console-pick-list");

  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole("button", { name: "Print" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await checkpoint("console-pick-list-print");
});
