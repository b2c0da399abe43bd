import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { loadAdminTexts } from "../texts";
import { ReasonAction } from "./ReasonAction";

beforeAll(async () => {
  await loadAdminTexts();
});

function renderAction(onConfirm = vi.fn(), error: unknown = null) {
  render(
    <ReasonAction
      start="Suspend"
      title="Suspend Wanjiru Kamau?"
      confirm="Yes, suspend Wanjiru Kamau"
      isPending={false}
      error={error}
      onConfirm={onConfirm}
    />,
  );
  return onConfirm;
}

describe("an action asked for once more with a reason", () => {
  it("refuses to go on without a reason, then sends the reason trimmed", async () => {
    const onConfirm = renderAction();
    await userEvent.click(screen.getByRole("button", { name: "Suspend" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, suspend Wanjiru Kamau" }));
    expect(screen.getByText("Write a reason.")).toBeInTheDocument();
    expect(screen.getByLabelText("Reason (kept in the audit log)")).toHaveAttribute("aria-invalid", "true");
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText("Reason (kept in the audit log)"), "  Fake orders reported.  ");
    await userEvent.click(screen.getByRole("button", { name: "Yes, suspend Wanjiru Kamau" }));
    expect(onConfirm).toHaveBeenCalledWith("Fake orders reported.");
  });

  it("closes without acting when the person changes their mind", async () => {
    const onConfirm = renderAction();
    await userEvent.click(screen.getByRole("button", { name: "Suspend" }));
    await userEvent.click(screen.getByRole("button", { name: "No, go back" }));
    expect(screen.getByRole("button", { name: "Suspend" })).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("shows the API's refusal in its words", async () => {
    renderAction(vi.fn(), new ApiError(409, "user_already_suspended", "This person is already suspended."));
    await userEvent.click(screen.getByRole("button", { name: "Suspend" }));
    expect(screen.getByRole("alert")).toHaveTextContent("This person is already suspended.");
  });
});
