import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-error";
import { applyApiFieldErrors } from "./form-errors";

interface Values {
  owner: { email: string; password: string };
  accepted: boolean;
}

const FIELDS = ["owner.email", "owner.password", "accepted"] as const;
const message = (detail: { message: string }) => `translated: ${detail.message}`;

describe("the API's field errors on a form", () => {
  it("puts each detail under the field of the same path and focuses only the first", () => {
    const setError = vi.fn();
    const error = new ApiError(400, "validation_failed", "Some fields are invalid.", [
      { field: "owner.password", code: "password_too_common", message: "Too common." },
      { field: "owner.email", code: "invalid_email", message: "Not an address." },
    ]);

    const unplaced = applyApiFieldErrors<Values>(error, setError, { fields: FIELDS, message });

    expect(unplaced).toEqual([]);
    expect(setError.mock.calls).toEqual([
      ["owner.password", { type: "server", message: "translated: Too common." }, { shouldFocus: true }],
      ["owner.email", { type: "server", message: "translated: Not an address." }, { shouldFocus: false }],
    ]);
  });

  it("follows aliases and answers the details no field shows", () => {
    const setError = vi.fn();
    const error = new ApiError(400, "validation_failed", "Some fields are invalid.", [
      { field: "accepted_terms_version", code: "terms_not_accepted", message: "Accept the terms." },
      { field: "business.address.region", code: "string_too_short", message: "Too short." },
    ]);

    const unplaced = applyApiFieldErrors<Values>(error, setError, {
      fields: FIELDS,
      aliases: { accepted_terms_version: "accepted" },
      message,
    });

    expect(setError).toHaveBeenCalledExactlyOnceWith(
      "accepted",
      { type: "server", message: "translated: Accept the terms." },
      { shouldFocus: true },
    );
    expect(unplaced).toEqual([{ field: "business.address.region", code: "string_too_short", message: "Too short." }]);
  });

  it("places a detail-less conflict by its code", () => {
    const setError = vi.fn();
    const error = new ApiError(409, "email_taken", "An account with this e-mail address already exists.");

    applyApiFieldErrors<Values>(error, setError, { fields: FIELDS, codeFields: { email_taken: "owner.email" }, message });

    expect(setError).toHaveBeenCalledExactlyOnceWith(
      "owner.email",
      { type: "server", message: "translated: An account with this e-mail address already exists." },
      { shouldFocus: true },
    );
  });

  it("leaves the form alone for errors that are not the API's", () => {
    const setError = vi.fn();
    expect(applyApiFieldErrors<Values>(new Error("boom"), setError, { fields: FIELDS, message })).toEqual([]);
    expect(setError).not.toHaveBeenCalled();
  });
});
