import type { TFunction } from "i18next";
import { z } from "zod";

export const PHONE = /^\+?[\d\s()-]{9,20}$/;
export const MIN_PASSWORD_LENGTH = 12;

export function requiredText(t: TFunction, max: number) {
  return z.string().trim().min(1, t("validation.required")).max(max, t("validation.tooLong", { max }));
}

export function phone(t: TFunction) {
  return z.string().trim().min(1, t("validation.required")).regex(PHONE, t("validation.phone"));
}

/** Empty is allowed (the field is left as it is); anything typed must look like a phone number. */
export function optionalPhone(t: TFunction) {
  return z.string().trim().refine((value) => value === "" || PHONE.test(value), t("validation.phone"));
}

export function email(t: TFunction) {
  return z.string().trim().min(1, t("validation.required")).pipe(z.email(t("validation.email")));
}
