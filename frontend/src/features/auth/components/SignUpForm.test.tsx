import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { envelope, fakeApi, json, signedIn } from "@/test/fake-api";
import { renderWithProviders } from "@/test/render";
import { SignUpForm } from "./SignUpForm";

async function fillValidForm(password = "Green-Maize-Market-2026") {
  await userEvent.type(screen.getByLabelText("Your full name"), "Wanjiru Kamau");
  await userEvent.type(screen.getByLabelText("E-mail address"), "wanjiru@example.com");
  await userEvent.type(screen.getByLabelText("Your phone number"), "0712345678");
  await userEvent.type(screen.getByLabelText("Choose a password"), password);
  await userEvent.type(screen.getByLabelText("Business name"), "Wanjiru Shop");
  await userEvent.type(screen.getByLabelText("Business registration number"), "BN-4411");
  await userEvent.type(screen.getByLabelText("Street and building"), "Moi Avenue 7");
  await userEvent.type(screen.getByLabelText("Town or city"), "Nakuru");
  await userEvent.type(screen.getByLabelText("County or region"), "Nakuru County");
  await userEvent.click(screen.getByLabelText(/I accept the terms of use/));
}

const submit = () => userEvent.click(screen.getByRole("button", { name: "Open my account" }));

describe("the sign-up form", () => {
  it("checks each field as it is left, before anything is sent", async () => {
    const server = fakeApi({});
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<SignUpForm onRegistered={vi.fn()} />);

    await userEvent.type(screen.getByLabelText("E-mail address"), "wanjiru@");
    await userEvent.tab();
    expect(screen.getByLabelText("E-mail address")).toHaveAccessibleDescription(
      "Enter an e-mail address like name@example.com.",
    );
    await userEvent.click(screen.getByLabelText(/I sell in bulk/));
    await submit();
    expect(screen.getByLabelText("Tax ID (KRA PIN)")).toHaveAccessibleDescription(
      "Wholesalers must give it; shops may leave it empty. Wholesalers must give their tax ID (e.g. KRA PIN).",
    );
    expect(server.calls).toEqual([]);
  });

  it("shows each of the API's field errors under its field and sends the body the API expects", async () => {
    const server = fakeApi({
      "POST /auth/register": () =>
        json(
          400,
          envelope("validation_failed", "Some fields are invalid.", [
            { field: "owner.password", code: "password_too_common", message: "This password is too common." },
            { field: "business.phone", code: "invalid_phone", message: "Enter a valid phone number." },
            { field: "business.address.region", code: "unknown_region", message: "We do not deliver there yet." },
          ]),
        ),
    });
    vi.stubGlobal("fetch", server.fetch);
    const onRegistered = vi.fn();
    renderWithProviders(<SignUpForm onRegistered={onRegistered} />);

    await fillValidForm("password1234");
    await submit();

    await screen.findByText("This password is too common. Choose another.");
    const password = screen.getByLabelText("Choose a password");
    expect(password).toHaveAccessibleDescription(/This password is too common\. Choose another\./);
    expect(password).toHaveFocus();
    expect(screen.getByLabelText("Your phone number")).toHaveAccessibleDescription(
      "We send order updates by SMS. Enter a valid phone number, e.g. +254712345678.",
    );
    expect(screen.getByLabelText("County or region")).toHaveAccessibleDescription("We do not deliver there yet.");
    expect(screen.getByRole("alert")).toHaveTextContent("Some fields need your attention.");
    expect(onRegistered).not.toHaveBeenCalled();
    expect(server.callsTo("POST /auth/register")[0]?.body).toEqual({
      owner: { full_name: "Wanjiru Kamau", email: "wanjiru@example.com", phone: "0712345678", password: "password1234" },
      business: {
        kind: "retailer",
        name: "Wanjiru Shop",
        registration_number: "BN-4411",
        tax_id: null,
        email: "wanjiru@example.com",
        phone: "0712345678",
        address: { line: "Moi Avenue 7", city: "Nakuru", region: "Nakuru County", country: "KE" },
      },
      accepted_terms_version: "2026-01",
      accepted_privacy_version: "2026-01",
    });
  });

  it("puts an e-mail already registered under the e-mail field", async () => {
    const server = fakeApi({
      "POST /auth/register": () =>
        json(409, envelope("email_taken", "An account with this e-mail address already exists.")),
    });
    vi.stubGlobal("fetch", server.fetch);
    renderWithProviders(<SignUpForm onRegistered={vi.fn()} />);

    await fillValidForm();
    await submit();

    await screen.findByText("An account with this e-mail address already exists. Sign in instead.");
    expect(screen.getByLabelText("E-mail address")).toHaveAccessibleDescription(
      "An account with this e-mail address already exists. Sign in instead.",
    );
  });

  it("hands over the new session when the API accepts", async () => {
    const server = fakeApi({ "POST /auth/register": () => json(201, { ...signedIn("a", "r"), next_step: "Verify." }) });
    vi.stubGlobal("fetch", server.fetch);
    const onRegistered = vi.fn();
    renderWithProviders(<SignUpForm onRegistered={onRegistered} />);

    await fillValidForm();
    await submit();

    await vi.waitFor(() => expect(onRegistered).toHaveBeenCalledOnce());
  });
});
