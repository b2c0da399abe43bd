import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { InviteStaffForm } from "./InviteStaffForm";

async function invite(answer: Response) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ "POST /business/users": () => answer });
  vi.stubGlobal("fetch", server.fetch);
  renderWithProviders(<InviteStaffForm />);
  await userEvent.type(screen.getByLabelText("Their full name"), "Wanjiru Kamau");
  await userEvent.type(screen.getByLabelText("Their e-mail address"), "wanjiru@example.com");
  await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
  return server;
}

describe("inviting a staff member", () => {
  it("sends the name and address, then says where the invitation went", async () => {
    const server = await invite(
      json(201, { id: "u-2", email: "wanjiru@example.com", full_name: "Wanjiru Kamau", role: "staff", status: "invited" }),
    );
    expect(await screen.findByText(/Invitation sent to wanjiru@example.com\./)).toBeInTheDocument();
    expect(server.callsTo("POST /business/users")[0]?.body).toEqual({
      full_name: "Wanjiru Kamau",
      email: "wanjiru@example.com",
    });
    expect(screen.getByLabelText("Their e-mail address")).toHaveValue("");
  });

  it("points to bigger plans when the plan has no staff seat left", async () => {
    await invite(json(422, envelope("plan_limit_reached", "Your plan allows at most 2 staff users.")));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your plan has no staff seat left.");
    expect(screen.getByRole("link", { name: "See bigger plans" })).toHaveAttribute("href", "/subscription/plans");
  });

  it("puts a taken address under the e-mail field", async () => {
    await invite(
      json(409, envelope("email_taken", "An account with this e-mail address already exists.", [
        { field: "email", code: "email_taken", message: "An account with this e-mail address already exists." },
      ])),
    );
    const field = screen.getByLabelText("Their e-mail address");
    await vi.waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription("An account with this e-mail address already exists. Sign in instead.");
  });
});
