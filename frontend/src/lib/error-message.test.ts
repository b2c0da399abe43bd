import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { detailMessage, errorMessage, nextStep } from "./error-message";
import { i18n } from "./i18n";

const t = i18n.t.bind(i18n);

describe("error messages", () => {
  it("uses our words for a code we know and the API's for one we do not", () => {
    expect(errorMessage(t, new ApiError(401, "invalid_credentials", "The API's words."))).toBe(
      "The e-mail address or password is incorrect.",
    );
    expect(errorMessage(t, new ApiError(422, "provider_currency_mismatch", "This provider pays in EUR."))).toBe(
      "This provider pays in EUR.",
    );
  });

  it("says the request did not get through, not what the server thinks", () => {
    expect(errorMessage(t, ApiError.network(new TypeError("Failed to fetch")))).toBe(
      "We could not reach Soko Wholesale.",
    );
  });

  it("translates a field error by its code", () => {
    expect(detailMessage(t, { field: "owner.password", code: "password_too_common", message: "x" })).toBe(
      "This password is too common. Choose another.",
    );
    expect(detailMessage(t, { field: "owner.phone", code: "new_rule", message: "The API's words." })).toBe(
      "The API's words.",
    );
  });

  it.each([
    [ApiError.network(null), "Check your mobile data or Wi-Fi, then try again."],
    [new ApiError(401, "not_authenticated", ""), "Sign in again to continue."],
    [new ApiError(403, "role_not_allowed", ""), "Your account cannot do this. Ask your business owner if you need it."],
    [new ApiError(404, "not_found", ""), "It may have been removed. Go back and search again."],
    [new ApiError(429, "too_many_requests", "", [], 30), "Wait 30 seconds, then try again."],
    [new ApiError(429, "too_many_requests", ""), "Wait a moment, then try again."],
    [new ApiError(503, "database_unavailable", ""), "The problem is on our side. Try again in a minute."],
    [new ApiError(409, "conflict", ""), "Check the details and try again."],
    [new Error("a bug"), "Reload the page and try again."],
  ])("tells what to do next (%#)", (error, expected) => {
    expect(nextStep(t, error)).toBe(expected);
  });
});
