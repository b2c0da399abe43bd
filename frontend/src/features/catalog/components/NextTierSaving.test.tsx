import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { NextTierSaving } from "./NextTierSaving";

const TIERS = [
  { min_quantity: 1, unit_price: "1150.00" },
  { min_quantity: 10, unit_price: "1100.00" },
];

function renderSaving(quantity: number, onChoose = vi.fn()) {
  render(
    <NextTierSaving
      tiers={TIERS}
      quantity={quantity}
      unit="crate of 24"
      currency="KES"
      minOrderQty={1}
      orderIncrement={1}
      onChoose={onChoose}
    />,
  );
  return onChoose;
}

describe("the next tier's saving", () => {
  it("says how much more to order, the price and the saving per unit", async () => {
    const onChoose = renderSaving(4);
    expect(screen.getByRole("status")).toHaveTextContent(
      "Order 10 or more and pay Ksh 1,100.00 each: you save Ksh 50.00 per crate of 24 (4.3%).",
    );
    await userEvent.click(screen.getByRole("button", { name: "Order 10" }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith(10);
  });

  it("says the best price is reached at the top tier", () => {
    renderSaving(12);
    expect(screen.getByText("You get this product's best price.")).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
