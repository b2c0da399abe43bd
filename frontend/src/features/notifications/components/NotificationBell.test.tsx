import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth-session";
import { fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { NotificationBell } from "./NotificationBell";

function withUnread(unread: number) {
  startSession(signedIn("access-1", "refresh-1"));
  const server = fakeApi({ "GET /notifications/unread-count": () => json(200, { unread }) });
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

describe("the notification bell", () => {
  it("says how many notifications are unread and leads to them", async () => {
    withUnread(3);
    renderWithProviders(<NotificationBell />);
    const bell = await screen.findByRole("link", { name: "Notifications, 3 unread" }, { timeout: 5_000 });
    expect(bell).toHaveAttribute("href", "/notifications");
    expect(screen.getByTestId("unread-badge")).toHaveTextContent("3");
  });

  it("shows no badge when everything is read, and caps a long count at 99+", async () => {
    withUnread(0);
    const { unmount } = renderWithProviders(<NotificationBell />);
    expect(await screen.findByRole("link", { name: "Notifications" })).toBeInTheDocument();
    expect(screen.queryByTestId("unread-badge")).toBeNull();
    unmount();

    withUnread(250);
    renderWithProviders(<NotificationBell />);
    expect(await screen.findByRole("link", { name: "Notifications, 250 unread" })).toBeInTheDocument();
    expect(screen.getByTestId("unread-badge")).toHaveTextContent("99+");
  });
});
