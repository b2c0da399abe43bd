import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { fakeApi, json } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { EMPTY_PRODUCT, type ProductFormValues } from "../lib/product-form";
import { loadConsoleCatalogTexts } from "../texts";
import { ProductForm } from "./ProductForm";

const RICE = "7d8c3f8e-1c1a-4b43-9d0e-3b1c1e0b6a11";

beforeAll(async () => {
  await loadConsoleCatalogTexts();
});

function renderForm(onSave: (values: ProductFormValues) => Promise<ProductFormValues | undefined>) {
  const server = fakeApi({
    "GET /categories": () =>
      json(200, {
        items: [{ id: "food", name: "Food", slug: "food", position: 0, children: [{ id: RICE, name: "Rice", slug: "rice", position: 0, children: [] }] }],
      }),
  });
  vi.stubGlobal("fetch", server.fetch);
  renderWithProviders(<ProductForm initial={EMPTY_PRODUCT} submitLabel="Create product" isSaving={false} error={null} onSave={onSave} />);
}

async function fillValidProduct() {
  await userEvent.type(screen.getByLabelText("Name"), "Pishori rice 2 kg");
  await userEvent.selectOptions(screen.getByLabelText("Category"), await screen.findByRole("option", { name: "Food › Rice" }));
  await userEvent.type(screen.getByLabelText("SKU"), "PISH-2");
  await userEvent.type(screen.getByLabelText("Unit of sale"), "bale of 10 x 2 kg");
  await userEvent.type(screen.getByLabelText("Tier 1: unit price"), "1500.00");
}

describe("the product form", () => {
  it("refuses tiers that break the API's rules and a wrong check digit, sending nothing", async () => {
    const onSave = vi.fn(() => Promise.resolve(undefined));
    renderForm(onSave);
    await fillValidProduct();
    await userEvent.type(screen.getByLabelText("Barcode (GTIN, optional)"), "5449000000997");
    await userEvent.click(screen.getByRole("button", { name: "Add a tier" }));
    await userEvent.type(screen.getByLabelText("Tier 2: from quantity"), "1");
    await userEvent.type(screen.getByLabelText("Tier 2: unit price"), "1600.00");
    await userEvent.click(screen.getByRole("button", { name: "Create product" }));

    expect(await screen.findByText("Tier 2 must start at a larger quantity than tier 1.")).toBeInTheDocument();
    expect(screen.getByText("Tier 2 must not cost more per unit than tier 1.")).toBeInTheDocument();
    expect(screen.getByText("The last digit of this barcode is wrong: check the number.")).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  }, 30_000);

  it("sends valid values with the names of the fields changed, and puts the API's field error under its field", async () => {
    const onSave = vi.fn(() =>
      Promise.reject(
        new ApiError(409, "sku_taken", "Another of your products already uses this SKU.", [
          { field: "sku", code: "sku_taken", message: "SKU 'PISH-2' is already in use in your catalog." },
        ]),
      ),
    );
    renderForm(onSave);
    await fillValidProduct();
    await userEvent.click(screen.getByRole("button", { name: "Create product" }));

    expect(await screen.findByText("SKU 'PISH-2' is already in use in your catalog.")).toBeInTheDocument();
    expect(screen.getByLabelText("SKU")).toHaveAttribute("aria-invalid", "true");
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ sku: "PISH-2", category_id: RICE, tiers: [{ min_quantity: "1", unit_price: "1500.00" }] }),
      ["name", "category_id", "sku", "unit_of_sale", "tiers"],
    );
  }, 30_000);
});
