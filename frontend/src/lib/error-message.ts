import type { TFunction } from "i18next";
import { ApiError } from "./api-error";
import type { ApiErrorDetail } from "./api-schemas";

function known(t: TFunction, group: "apiErrors" | "fieldErrors"): Record<string, string> {
  const messages: Record<string, string> = t(group, { returnObjects: true });
  return messages;
}

/** The API's message in the reader's language when we know its code, else as the API said it. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.unexpected");
  if (error.isNetworkError) return t("errors.network");
  return known(t, "apiErrors")[error.code] ?? error.message;
}

export function detailMessage(t: TFunction, detail: ApiErrorDetail): string {
  return known(t, "fieldErrors")[detail.code] ?? detail.message;
}

/** What the person can do about an error, in one sentence. */
export function nextStep(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.next.reload");
  if (error.isNetworkError) return t("errors.next.network");
  if (error.status === 401) return t("errors.next.signIn");
  if (error.status === 403) return t("errors.next.forbidden");
  if (error.status === 404) return t("errors.next.notFound");
  if (error.status === 429) {
    return error.retryAfterSeconds
      ? t("errors.next.waitSeconds", { count: error.retryAfterSeconds })
      : t("errors.next.wait");
  }
  if (error.status >= 500) return t("errors.next.server");
  return t("errors.next.check");
}
