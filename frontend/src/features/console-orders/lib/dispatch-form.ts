import type { TFunction } from "i18next";
import { z } from "zod";

const PHONE = /^\+?[\d\s()-]{9,20}$/;
const PLATE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

export interface DispatchValues {
  driver_name: string;
  driver_phone: string;
  vehicle: string;
  expected_delivery_date: string;
}

export const DISPATCH_FIELDS = ["driver_name", "driver_phone", "vehicle", "expected_delivery_date"] as const;

/** The API's rules for a dispatch (`TransitionRequest`): driver, phone and date required, a plate if given. */
export function dispatchSchema(t: TFunction<"consoleOrders">, today: string) {
  return z.object({
    driver_name: z.string().trim().min(1, t("validation.required")).max(120, t("validation.tooLong", { max: 120 })),
    driver_phone: z.string().trim().min(1, t("validation.required")).regex(PHONE, t("validation.phone")),
    vehicle: z
      .string()
      .trim()
      .max(20, t("validation.tooLong", { max: 20 }))
      .refine((value) => value === "" || (value.length >= 2 && PLATE.test(value)), t("validation.plate")),
    expected_delivery_date: z
      .string()
      .min(1, t("validation.required"))
      .refine((value) => value >= today, t("validation.notPast")),
  });
}

/** The form's values as the API's body: a plate in capitals with single spaces, or none. */
export function dispatchBody(values: DispatchValues) {
  const vehicle = values.vehicle.trim().toUpperCase().split(/\s+/).join(" ");
  return {
    driver_name: values.driver_name.trim(),
    driver_phone: values.driver_phone.trim(),
    vehicle: vehicle || null,
    expected_delivery_date: values.expected_delivery_date,
  };
}
