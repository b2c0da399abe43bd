import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import type { OrderStatus } from "../api/types";
import { loadConsoleOrdersTexts } from "../texts";
import { BulkActions, type BulkOutcome } from "./BulkActions";

const ACCEPTED = "11111111-1111-4111-8111-111111111111";
const PACKED = "22222222-2222-4222-8222-222222222222";

function moved(id: string, number: string, status: OrderStatus) {
  return { id, number, ok: true, status, changed: true, error: null };
}

beforeAll(loadConsoleOrdersTexts);

function renderBulk(answers: Response[]) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ "POST /orders/transitions": () => answers.shift() ?? json(500, {}) });
  vi.stubGlobal("fetch", server.fetch);
  const onDone = vi.fn<(outcome: BulkOutcome | null) => void>();
  const selected = new Map<string, OrderStatus>([
    [ACCEPTED, "accepted"],
    [PACKED, "packed"],
  ]);
  renderWithProviders(<BulkActions selected={selected} onClear={vi.fn()} onDone={onDone} />);
  return { server, onDone };
}

async function dispatchBoth() {
  await userEvent.click(screen.getByRole("button", { name: "Dispatch 2 orders" }));
  await userEvent.type(screen.getByLabelText("Driver's name"), "Otieno Ouma");
  await userEvent.type(screen.getByLabelText("Driver's phone"), "0722000111");
  await userEvent.type(screen.getByLabelText("Vehicle plate (optional)"), "kda 123b");
  await userEvent.click(screen.getByRole("button", { name: "Dispatch all 2 orders" }));
}

describe("dispatching the selected orders", () => {
  it("packs the accepted one first, then dispatches both with one driver and reports each", async () => {
    const { server, onDone } = renderBulk([
      json(200, { results: [moved(ACCEPTED, "ORD-000001", "packed")], succeeded: 1, failed: 0 }),
      json(200, {
        results: [moved(ACCEPTED, "ORD-000001", "dispatched"), moved(PACKED, "ORD-000002", "dispatched")],
        succeeded: 2,
        failed: 0,
      }),
    ]);
    await dispatchBoth();
    await vi.waitFor(() => expect(onDone).toHaveBeenLastCalledWith(expect.objectContaining({ action: "dispatch" })));
    const [pack, dispatch] = server.callsTo("POST /orders/transitions").map((call) => call.body);
    expect(pack).toEqual({ to: "packed", order_ids: [ACCEPTED] });
    expect(dispatch).toMatchObject({
      to: "dispatched",
      order_ids: [ACCEPTED, PACKED],
      driver_name: "Otieno Ouma",
      driver_phone: "0722000111",
      vehicle: "KDA 123B",
    });
    const outcome = onDone.mock.lastCall?.[0];
    expect(outcome?.results.map((result) => [result.number, result.status])).toEqual([
      ["ORD-000001", "dispatched"],
      ["ORD-000002", "dispatched"],
    ]);
  });

  it("puts the API's refusal of the driver's phone under its field", async () => {
    renderBulk([
      json(200, { results: [moved(ACCEPTED, "ORD-000001", "packed")], succeeded: 1, failed: 0 }),
      json(
        400,
        envelope("validation_failed", "The request is not valid.", [
          { field: "driver_phone", code: "invalid_phone", message: "Not a phone number we can call." },
        ]),
      ),
    ]);
    await dispatchBoth();
    const phone = screen.getByLabelText("Driver's phone");
    await vi.waitFor(() => expect(phone).toHaveAttribute("aria-invalid", "true"));
    expect(phone).toHaveAccessibleDescription("Enter a valid phone number, e.g. +254712345678.");
    expect(screen.getByLabelText("Driver's name")).not.toHaveAttribute("aria-invalid");
  });
});

describe("printing the pick list of many selected orders", () => {
  function renderSelection(count: number) {
    startSession(signedIn("access-1", "refresh-1"));
    const selected = new Map<string, OrderStatus>(
      Array.from({ length: count }, (_, index) => [`00000000-0000-4000-8000-${String(index).padStart(12, "0")}`, "placed"]),
    );
    return renderWithProviders(<BulkActions selected={selected} onClear={vi.fn()} onDone={vi.fn()} />);
  }

  it("offers one pick list for up to 200 orders", () => {
    renderSelection(200);
    expect(screen.getByRole("button", { name: "Print pick list" })).toBeInTheDocument();
    expect(screen.queryByText(/at most 200 orders/)).not.toBeInTheDocument();
  });

  it("says a pick list holds 200 orders and offers one per 200, each opening its own orders", async () => {
    const { router } = renderSelection(201);
    expect(screen.getByText("A pick list holds at most 200 orders, so your selection is printed as 2 pick lists.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Print pick list 1 (orders 1–200)" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Print pick list 2 (orders 201–201)" }));
    expect(router.state.location.pathname).toBe("/console/orders/pick-list");
    expect(new URLSearchParams(router.state.location.search).get("ids")).toBe("00000000-0000-4000-8000-000000000200");
  });
});
