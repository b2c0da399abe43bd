import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { refreshTokenStorage } from "@/lib/refresh-token-storage";
import { useSessionStore } from "@/lib/session-store";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { SignInForm } from "./SignInForm";

async function enterCredentials() {
  await userEvent.type(screen.getByLabelText("E-mail address"), "njeri@example.com");
  await userEvent.type(screen.getByLabelText("Password"), "Kitenge-Market-99");
  await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("the sign-in form", () => {
  it("asks for the app code when the API wants a second factor, then signs in with both", async () => {
    const server = fakeApi({
      "POST /auth/login": ({ body }) =>
        body !== null && typeof body === "object" && "otp" in body
          ? json(200, signedIn("access-1", "refresh-1"))
          : json(401, envelope("otp_required", "Enter the code from your authenticator app or a recovery code.")),
    });
    vi.stubGlobal("fetch", server.fetch);
    const onSignedIn = vi.fn();
    renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);

    await enterCredentials();
    expect(await screen.findByRole("heading", { name: "Two-step sign-in" })).toBeInTheDocument();
    expect(screen.getByLabelText("6-digit code")).toHaveFocus();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("6-digit code"), "123456");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(server.callsTo("POST /auth/login").map((call) => call.body)).toEqual([
      { email: "njeri@example.com", password: "Kitenge-Market-99" },
      { email: "njeri@example.com", password: "Kitenge-Market-99", otp: "123456" },
    ]);
    expect(useSessionStore.getState().session?.accessToken).toBe("access-1");
    expect(refreshTokenStorage.read()).toBe("refresh-1");
  });

  it("signs in with a recovery code instead of an app code", async () => {
    const server = fakeApi({
      "POST /auth/login": ({ body }) =>
        body !== null && typeof body === "object" && "recovery_code" in body
          ? json(200, signedIn("access-1", "refresh-1"))
          : json(401, envelope("otp_required", "Enter the code.")),
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await enterCredentials();
    await userEvent.click(await screen.findByRole("button", { name: "Use a recovery code instead" }));
    await userEvent.type(screen.getByLabelText("Recovery code"), "k7q2-m9x4");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));

    await vi.waitFor(() => expect(server.callsTo("POST /auth/login")).toHaveLength(2));
    expect(server.callsTo("POST /auth/login")[1]?.body).toEqual({
      email: "njeri@example.com",
      password: "Kitenge-Market-99",
      recovery_code: "k7q2-m9x4",
    });
  });

  it("says a refused password is wrong and how long to wait when locked out", async () => {
    let attempts = 0;
    const server = fakeApi({
      "POST /auth/login": () => {
        attempts += 1;
        return attempts === 1
          ? json(401, envelope("invalid_credentials", "The e-mail address or password is incorrect."))
          : json(429, envelope("too_many_requests", "Too many attempts. Try again later."), { "Retry-After": "60" });
      },
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);

    await enterCredentials();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The e-mail address or password is incorrect.Check your e-mail address and password, then try again.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent("Too many attempts.Wait 60 seconds, then try again."),
    );
  });
});
