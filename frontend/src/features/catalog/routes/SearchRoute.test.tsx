import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import type { CatalogItem, SearchPage } from "@/lib/api-schemas";
import { fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { SEARCH_DEBOUNCE_MS, SearchRoute } from "./SearchRoute";

const SUGAR: CatalogItem = {
  id: "b1f3a8f0-5c44-4d0e-9a55-0c2f8a1e7d31",
  name: "Kabras white sugar 2kg",
  brand: "Kabras",
  sku: "PW-KABRAS-2KG",
  gtin: "6161100600103",
  unit_of_sale: "bale of 10 x 2kg",
  pack_size: 10,
  min_order_qty: 1,
  order_increment: 1,
  price_at_moq: "2350.00",
  currency: "KES",
  in_stock: true,
  availability: "in_stock",
  lead_time_days: 2,
  image_urls: [],
  wholesaler: { id: "52b26f9d-0083-4df0-8b67-e7a884a91cdb", name: "Pwani Wholesale Distributors Ltd" },
  category: { id: "0c7d3b1e-3a43-4f61-9b0b-51f3c0a2e9d4", name: "Sugar", slug: "sugar" },
};

function page(items: CatalogItem[]): SearchPage {
  return {
    items,
    next_cursor: null,
    total: items.length,
    match: "full_text",
    facets: {
      categories: [{ id: SUGAR.category.id, name: "Sugar", slug: "sugar", count: items.length }],
      brands: [{ brand: "Kabras", count: items.length }],
    },
  };
}

function searchServer() {
  return fakeApi({ "GET /catalog/search": () => json(200, page([SUGAR])) });
}

describe("the search page", () => {
  it("asks the API once typing pauses for 250 ms, and keeps the words in the URL", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = searchServer();
    const searched: (string | null)[] = [];
    vi.stubGlobal("fetch", async (request: Request) => {
      searched.push(new URL(request.url).searchParams.get("q"));
      return server.fetch(request);
    });
    const { router } = renderWithProviders(<SearchRoute />, { path: "/catalog" });
    expect(await screen.findByText("1 product")).toBeInTheDocument();

    await userEvent.type(screen.getByRole("searchbox", { name: "Search products" }), "kabras");
    expect(router.state.location.search).toBe("");
    expect(searched).toEqual([null]);

    await vi.waitFor(() => expect(router.state.location.search).toBe("?q=kabras"), { timeout: SEARCH_DEBOUNCE_MS * 4 });
    await vi.waitFor(() => expect(searched).toEqual([null, "kabras"]));
  });

  it("offers the API's facets as links that keep the search and add the facet", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    vi.stubGlobal("fetch", searchServer().fetch);
    renderWithProviders(<SearchRoute />, { path: "/catalog", at: "/catalog?q=sugar&sort=price_asc" });

    const filters = await screen.findByRole("complementary", { name: "Filters" });
    const brand = await within(filters).findByRole("link", { name: /Kabras/ });
    expect(brand).toHaveAttribute("href", "/catalog?q=sugar&brand=Kabras&sort=price_asc");
    expect(within(filters).getByRole("link", { name: /Sugar/ })).toHaveAttribute(
      "href",
      "/catalog?q=sugar&category=sugar&sort=price_asc",
    );
    expect(screen.getByRole("searchbox", { name: "Search products" })).toHaveValue("sugar");
    expect(screen.getByRole("combobox", { name: "Sort" })).toHaveValue("price_asc");
  });

  it("says nothing was found and offers to clear the filters", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    vi.stubGlobal("fetch", fakeApi({ "GET /catalog/search": () => json(200, page([])) }).fetch);
    renderWithProviders(<SearchRoute />, { path: "/catalog", at: "/catalog?q=mbuzi&brand=Kabras" });

    expect(await screen.findByRole("heading", { name: "Nothing found for “mbuzi”" })).toBeInTheDocument();
    expect(screen.getByText("Try removing a filter to see more products.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Clear all filters" })).toHaveAttribute("href", "/catalog?q=mbuzi");
  });

  it("shows the API's error and lets the person try again", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    let answers = 0;
    vi.stubGlobal(
      "fetch",
      fakeApi({
        "GET /catalog/search": () => {
          answers += 1;
          return answers === 1 ? json(503, { error: { code: "database_unavailable", message: "The database is not answering.", details: [] } }) : json(200, page([SUGAR]));
        },
      }).fetch,
    );
    renderWithProviders(<SearchRoute />, { path: "/catalog" });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The database is not answering.");
    expect(alert).toHaveTextContent("The problem is on our side. Try again in a minute.");
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("1 product")).toBeInTheDocument();
  });
});
