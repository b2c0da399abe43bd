import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError } from "./api-error";
import type { ApiErrorDetail } from "./api-schemas";

interface FieldErrorMapping<Values extends FieldValues> {
  /** The form's field names; the API's `details[].field` uses the same dotted paths. */
  fields: readonly Path<Values>[];
  /** API field -> form field, where the form asks for a value under another name. */
  aliases?: Partial<Record<string, Path<Values>>>;
  /** Error codes the API answers without details that belong to one field. */
  codeFields?: Partial<Record<string, Path<Values>>>;
  message: (detail: ApiErrorDetail) => string;
}

/**
 * Puts each of the API's field errors under its field (the first one focused) and answers
 * the details no field of the form shows, for a message above the form.
 */
export function applyApiFieldErrors<Values extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<Values>,
  { fields, aliases = {}, codeFields = {}, message }: FieldErrorMapping<Values>,
): ApiErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const details =
    error.details.length > 0
      ? error.details
      : codeFields[error.code]
        ? [{ field: codeFields[error.code] as string, code: error.code, message: error.message }]
        : [];
  const unplaced: ApiErrorDetail[] = [];
  let focused = false;
  for (const detail of details) {
    const field = aliases[detail.field] ?? (fields.includes(detail.field as Path<Values>) ? detail.field : null);
    if (!field) {
      unplaced.push(detail);
      continue;
    }
    setError(field as Path<Values>, { type: "server", message: message(detail) }, { shouldFocus: !focused });
    focused = true;
  }
  return unplaced;
}
