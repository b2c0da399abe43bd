import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { deferred, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import type { Cart } from "../api/types";
import { withQuantity } from "../lib/optimistic-cart";
import { group, line } from "../test/sample-cart";
import { CartRoute } from "./CartRoute";

const TIERS = [
  { min_quantity: 1, unit_price: "1150.00" },
  { min_quantity: 10, unit_price: "1100.00" },
];

function oneLineCart(): Cart {
  return {
    version: "v1",
    currency: "KES",
    groups: [group({ lines: [line({ price_tiers: TIERS })] })],
    items_total: "3450.00",
    delivery_total: "0.00",
    grand_total: "3450.00",
    item_count: 1,
  };
}

function lineTotal(): HTMLElement {
  const region = screen.getByRole("region", { name: "Pwani Wholesale Distributors Ltd" });
  return within(region).getAllByRole("listitem")[0] as HTMLElement;
}

describe("the cart", () => {
  it("shows the tier price of a new quantity at once and sends the quantity once the taps settle", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = fakeApi({
      "GET /cart": () => json(200, oneLineCart()),
      "PATCH /cart/items/line-coke": (call) => {
        const { quantity } = call.body as { quantity: number };
        return json(200, withQuantity(oneLineCart(), "line-coke", quantity));
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<CartRoute />, { path: "/cart" });
    const more = await screen.findByRole("button", { name: "One step more: Coca-Cola 500ml PET" });

    for (let tap = 0; tap < 7; tap += 1) await userEvent.click(more);
    expect(screen.getByLabelText("Quantity (crate of 24) Coca-Cola 500ml PET")).toHaveValue("10");
    await waitFor(() => expect(lineTotal()).toHaveTextContent("Ksh 11,000.00"));
    expect(lineTotal()).toHaveTextContent("Ksh 1,100.00 per crate of 24");

    await waitFor(() => expect(server.callsTo("PATCH /cart/items/line-coke")).toHaveLength(1));
    expect(server.callsTo("PATCH /cart/items/line-coke")[0]?.body).toEqual({ quantity: 10 });
    expect(screen.getByRole("complementary", { name: "Cart total" })).toHaveTextContent("Ksh 11,000.00");
    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual(["GET /cart", "PATCH /cart/items/line-coke"]);
  });

  it("keeps a later change on screen when an earlier answer arrives after it", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const answers = [deferred<Response>(), deferred<Response>()];
    let sent = 0;
    const server = fakeApi({
      "GET /cart": () => json(200, oneLineCart()),
      "PATCH /cart/items/line-coke": () => {
        const answer = answers[sent];
        sent += 1;
        if (!answer) throw new Error("one PATCH too many");
        return answer.promise;
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<CartRoute />, { path: "/cart" });
    const more = await screen.findByRole("button", { name: "One step more: Coca-Cola 500ml PET" });
    const quantity = screen.getByLabelText("Quantity (crate of 24) Coca-Cola 500ml PET");

    await userEvent.click(more);
    await waitFor(() => expect(server.callsTo("PATCH /cart/items/line-coke")).toHaveLength(1));
    await userEvent.click(more);
    expect(quantity).toHaveValue("5");

    answers[0]?.resolve(json(200, withQuantity(oneLineCart(), "line-coke", 4)));
    await waitFor(() => expect(server.callsTo("PATCH /cart/items/line-coke")).toHaveLength(2));
    expect(quantity).toHaveValue("5");
    expect(server.callsTo("PATCH /cart/items/line-coke")[1]?.body).toEqual({ quantity: 5 });

    answers[1]?.resolve(json(200, withQuantity(oneLineCart(), "line-coke", 5)));
    await waitFor(() => expect(lineTotal()).toHaveTextContent("Ksh 5,750.00"));
    expect(quantity).toHaveValue("5");
  });

  it("cannot go below the minimum or off the wholesaler's steps", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const stepped = oneLineCart();
    stepped.groups = [
      group({
        lines: [line({ quantity: 4, min_order_qty: 4, order_increment: 3, line_total: "4600.00", price_tiers: TIERS })],
      }),
    ];
    const server = fakeApi({
      "GET /cart": () => json(200, stepped),
      "PATCH /cart/items/line-coke": (call) => {
        const { quantity } = call.body as { quantity: number };
        return json(200, withQuantity(stepped, "line-coke", quantity));
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<CartRoute />, { path: "/cart" });
    const quantity = await screen.findByLabelText("Quantity (crate of 24) Coca-Cola 500ml PET");
    expect(screen.getByRole("button", { name: "One step fewer: Coca-Cola 500ml PET" })).toBeDisabled();

    await userEvent.clear(quantity);
    await userEvent.type(quantity, "8{Enter}");
    expect(quantity).toHaveValue("10");
    await userEvent.clear(quantity);
    await userEvent.type(quantity, "2{Enter}");
    expect(quantity).toHaveValue("4");
    await waitFor(() => expect(server.callsTo("PATCH /cart/items/line-coke").length).toBeGreaterThan(0));
    expect(server.callsTo("PATCH /cart/items/line-coke").map((call) => call.body)).toEqual([{ quantity: 4 }]);
  });
});
