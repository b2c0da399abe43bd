import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { QuantityStepper } from "./QuantityStepper";

function Stepper() {
  const [quantity, setQuantity] = useState(4);
  return (
    <>
      <QuantityStepper value={quantity} unit="bale" minOrderQty={4} orderIncrement={3} onChange={setQuantity} />
      <output>{quantity}</output>
    </>
  );
}

describe("the quantity stepper", () => {
  it("steps by the increment and not below the minimum", async () => {
    render(<Stepper />);
    const fewer = screen.getByRole("button", { name: "One step fewer" });
    expect(fewer).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "One step more" }));
    await userEvent.click(screen.getByRole("button", { name: "One step more" }));
    expect(screen.getByRole("status")).toHaveTextContent("10");
    await userEvent.click(fewer);
    expect(screen.getByRole("status")).toHaveTextContent("7");
  });

  it("turns a typed quantity into the next one that can be ordered", async () => {
    render(<Stepper />);
    const input = screen.getByLabelText("Quantity (bale)");
    expect(input).toHaveAccessibleDescription("Minimum order: 4, then in steps of 3.");
    await userEvent.clear(input);
    await userEvent.type(input, "8{Enter}");
    expect(input).toHaveValue("10");
    expect(screen.getByRole("status")).toHaveTextContent("10");
  });
});
