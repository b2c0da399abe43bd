import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "@/test/render";
import { order } from "../test/sample-order";
import { OrderPaymentLink } from "./OrderPaymentLink";

const PAYMENT_ID = "0f3c9a0e-8d5b-4f63-9e61-2b7a4c1d9e20";

describe("the link from an order to its payment", () => {
  it("asks to pay now when the order waits and its payment failed", () => {
    const waiting = order({ status: "pending_payment", payment: { id: PAYMENT_ID, status: "failed" } });
    renderWithProviders(<OrderPaymentLink order={waiting} />);
    expect(screen.getByRole("link", { name: "Pay now" })).toHaveAttribute("href", `/payments/${PAYMENT_ID}`);
  });

  it("leads to the payment being approved while it is pending", () => {
    const waiting = order({ status: "pending_payment", payment: { id: PAYMENT_ID, status: "pending" } });
    renderWithProviders(<OrderPaymentLink order={waiting} />);
    expect(screen.getByRole("link", { name: "See the payment" })).toHaveAttribute("href", `/payments/${PAYMENT_ID}`);
  });

  it("shows nothing once the order is placed or when the API names no payment", () => {
    renderWithProviders(
      <>
        <OrderPaymentLink order={order({ status: "placed", payment: { id: PAYMENT_ID, status: "succeeded" } })} />
        <OrderPaymentLink order={order({ status: "pending_payment", payment: null })} />
      </>,
    );
    expect(screen.queryByRole("link")).toBeNull();
  });
});
