import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { payment } from "@/lib/payments/sample-payment";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { PaymentStatusPanel } from "./PaymentStatusPanel";

const ID = payment().id;
const PATH = `GET /payments/${ID}`;

function show(answer: () => Response) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ [PATH]: answer, [`POST /payments/${ID}/retry`]: () => json(200, payment()) });
  vi.stubGlobal("fetch", server.fetch);
  const view = renderWithProviders(
    <PaymentStatusPanel paymentId={ID} next={(state) => <p>next step for {state.kind}</p>} />,
    { path: "/payments/:id", at: `/payments/${ID}` },
  );
  return { ...view, server };
}

describe("the payment status panel", () => {
  it("asks the payer to approve on the phone, naming the number, the provider and the amount", async () => {
    show(() => json(200, payment()));
    const panel = await screen.findByRole("region", { name: "Payment" });
    expect(await screen.findByRole("heading", { name: "Check your phone" })).toBeInTheDocument();
    expect(panel).toHaveTextContent("Enter your Test payment (sandbox) PIN on +254712345670 to approve");
    expect(panel).toHaveTextContent("next step for approve");
  });

  it("says it is still confirming, not that the payment failed, when the API could not answer", async () => {
    show(() => json(503, envelope("service_unavailable", "Try again shortly.")));
    expect(await screen.findByRole("heading", { name: "Still confirming your payment" })).toBeInTheDocument();
    expect(screen.getByText("Do not pay again: we will tell you as soon as we know.")).toBeInTheDocument();
    expect(screen.queryByText("The payment did not go through")).toBeNull();
  });

  it("says why a payment failed and offers the retry the API allows, from another number if need be", async () => {
    const failed = payment({ status: "failed", failure_reason: "insufficient_funds", can_retry: true, next_action: "retry" });
    const { server } = show(() => json(200, failed));
    expect(await screen.findByRole("heading", { name: "The payment did not go through" })).toBeInTheDocument();
    expect(screen.getByText("There was not enough money in the mobile money account. Top up and try again.")).toBeInTheDocument();

    const phone = screen.getByLabelText("Phone number to pay from");
    await userEvent.clear(phone);
    await userEvent.type(phone, "0722 000 000");
    await userEvent.click(screen.getByRole("button", { name: "Try the payment again" }));
    expect(await screen.findByRole("heading", { name: "Check your phone" })).toBeInTheDocument();
    expect(server.callsTo(`POST /payments/${ID}/retry`).map((call) => call.body)).toEqual([{ payer_phone: "0722000000" }]);
  });

  it("offers no retry the API does not allow, and leaves the next step to the journey", async () => {
    show(() => json(200, payment({ status: "failed", failure_reason: "something_new", failure_message: "Declined by the bank.", next_action: "none" })));
    expect(await screen.findByText("Declined by the bank.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try the payment again" })).toBeNull();
    expect(screen.getByText("next step for failed")).toBeInTheDocument();
  });

  it("shows a payment the API refuses (not found) as an error, not as a payment still confirming", async () => {
    show(() => json(404, envelope("not_found", "No such payment.")));
    expect(await screen.findByRole("alert")).toHaveTextContent("We could not find this.");
    expect(screen.queryByText("Still confirming your payment")).toBeNull();
  });
});
