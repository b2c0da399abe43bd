import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { components } from "@/lib/api-types";
import { startSession } from "@/lib/auth-session";
import { fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { PreferencesForm } from "./PreferencesForm";

type Preferences = components["schemas"]["NotificationPreferences"];

const SAVED: Preferences = {
  categories: [
    { category: "security", description: "", locked: true, channels: { in_app: true, email: true, sms: true } },
    { category: "orders", description: "", locked: false, channels: { in_app: true, email: true, sms: true } },
  ],
};

describe("the notification settings form", () => {
  it("keeps security switches on and disabled, and saves only what changed", async () => {
    startSession(signedIn("access-1", "refresh-1"));
    const server = fakeApi({
      "PUT /me/notification-preferences": () =>
        json(200, {
          categories: [
            SAVED.categories[0],
            { category: "orders", description: "", locked: false, channels: { in_app: true, email: true, sms: false } },
          ],
        }),
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<PreferencesForm categories={SAVED.categories} />);

    const security = screen.getByRole("group", { name: "Security" });
    expect(within(security).getByRole("checkbox", { name: /SMS/ })).toBeDisabled();
    expect(within(security).getByRole("checkbox", { name: /SMS/ })).toBeChecked();
    expect(screen.getByRole("button", { name: "Save settings" })).toBeDisabled();

    const orders = screen.getByRole("group", { name: "Orders" });
    await userEvent.click(within(orders).getByRole("checkbox", { name: /SMS/ }));
    expect(screen.getByText("1 change not saved yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));

    expect(await screen.findByText("Your settings are saved.")).toBeInTheDocument();
    expect(server.callsTo("PUT /me/notification-preferences").map((call) => call.body)).toEqual([
      { preferences: [{ category: "orders", channel: "sms", enabled: false }] },
    ]);
    expect(within(orders).getByRole("checkbox", { name: /SMS/ })).not.toBeChecked();
  });
});
