import { expect, test } from "./support/fixtures";
import { COCA_COLA_GTIN, SECOND_WHOLESALER } from "./support/api";
import { PWANI, createProduct, newShop, signInShop } from "./support/trade";

test("a retailer adds a product to the cart, the cart survives a reload, and quantities follow the wholesaler's rules", async ({
  page,
  checkpoint,
}) => {
  const product = await createProduct({
    name: "Mwea pishori rice 5kg",
    minOrderQty: 4,
    orderIncrement: 3,
    tiers: [
      { min_quantity: 4, unit_price: "500.00" },
      { min_quantity: 10, unit_price: "450.00" },
    ],
    stock: 300,
  });
  const shop = await newShop();
  await signInShop(page, shop, `/products/${product.id}`);

  const productQuantity = page.getByLabel("Quantity (bale)");
  await expect(productQuantity).toHaveValue("4");
  await page.getByRole("button", { name: "One step more" }).click();
  await expect(productQuantity).toHaveValue("7");
  await page.getByRole("button", { name: "Add 7 × bale to the cart" }).click();
  await expect(page.getByText("In your cart: 7 × bale.")).toBeVisible();
  const badge = page.getByTestId("cart-count").filter({ visible: true });
  await expect(badge).toHaveText("1");
  await checkpoint("product-added-to-cart");

  await page.getByRole("link", { name: "View the cart" }).click();
  await expect(page).toHaveURL("/cart");
  const group = page.getByRole("region", { name: PWANI });
  const quantity = group.getByLabel(`Quantity (bale) ${product.name}`);
  const line = group.getByRole("listitem").first();
  await expect(quantity).toHaveValue("7");
  await expect(line).toContainText("Ksh 3,500.00");
  await checkpoint("cart");

  const more = group.getByRole("button", { name: `One step more: ${product.name}` });
  const fewer = group.getByRole("button", { name: `One step fewer: ${product.name}` });
  const saved = page.waitForResponse((response) => response.url().includes("/cart/items/") && response.ok());
  await more.click();
  await expect(quantity).toHaveValue("10");
  await expect(line).toContainText("Ksh 450.00 per bale");
  await expect(line).toContainText("Ksh 4,500.00");
  await saved;

  await page.reload();
  await expect(quantity).toHaveValue("10");
  await expect(line).toContainText("Ksh 4,500.00");

  await quantity.fill("11");
  await quantity.press("Enter");
  await expect(quantity).toHaveValue("13");
  await expect(line).toContainText("Ksh 5,850.00");
  for (const expected of ["10", "7", "4"]) {
    await fewer.click();
    await expect(quantity).toHaveValue(expected);
  }
  await expect(fewer).toBeDisabled();
  await expect(line).toContainText("Ksh 2,000.00");

  await group.getByRole("radio", { name: "Delivery" }).check();
  await expect(group.getByText("Delivery fee: Ksh 500.00")).toBeVisible();
  const summary = page.getByRole("complementary", { name: "Cart total" });
  await expect(summary).toContainText("To pay");
  await expect(summary).toContainText("Ksh 2,500.00");
  await page.reload();
  await expect(group.getByRole("radio", { name: "Delivery" })).toBeChecked();
  await expect(summary).toContainText("Ksh 2,500.00");
  await checkpoint("cart-delivery", { scrollTo: summary });

  await group.getByRole("button", { name: `Remove ${product.name} from the cart` }).click();
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  await checkpoint("cart-empty");
});

test("offers from two wholesalers go into the cart from the compare page and become two orders", async ({
  page,
  checkpoint,
}) => {
  const shop = await newShop();
  await signInShop(page, shop, `/compare?gtin=${COCA_COLA_GTIN}&quantity=2`);
  const offers = page.getByRole("list", { name: "Offers" });
  await expect(offers.getByRole("listitem")).toHaveCount(2);
  for (const wholesaler of [PWANI, SECOND_WHOLESALER]) {
    const offer = offers.getByRole("listitem").filter({ has: page.getByRole("heading", { name: wholesaler }) });
    await offer.getByRole("button", { name: "Add 2 × crate of 24 to the cart" }).click();
    await expect(offer.getByText("In your cart: 2 × crate of 24.")).toBeVisible();
  }
  await expect(page.getByTestId("cart-count").filter({ visible: true })).toHaveText("2");
  await checkpoint("compare-added-to-cart");

  await page.getByRole("navigation", { name: "Main" }).filter({ visible: true }).getByRole("link", { name: "Cart" }).click();
  await expect(page.getByRole("region", { name: PWANI })).toContainText("Ksh 2,300.00");
  await expect(page.getByRole("region", { name: SECOND_WHOLESALER })).toContainText("Ksh 2,240.00");
  const summary = page.getByRole("complementary", { name: "Cart total" });
  await expect(summary).toContainText("This becomes 2 orders, one per wholesaler.");
  await expect(summary).toContainText("Ksh 4,540.00");
  await checkpoint("cart-two-wholesalers");

  await summary.getByRole("button", { name: "Go to checkout" }).click();
  await expect(page.getByRole("radio", { name: /^Pay on delivery/ })).toBeDisabled();
  await expect(page.getByText("Not offered by every wholesaler in your cart for this amount.")).toBeVisible();
  await checkpoint("checkout-two-wholesalers");
});
