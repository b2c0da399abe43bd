import type { TFunction } from "i18next";
import { z } from "zod";
import type { DeliveryOptions, DeliveryOptionsBody } from "../api/types";

export interface DeliveryOptionsValues {
  pickup_enabled: boolean;
  pickup_address: string;
  pickup_hours: string;
  delivery_enabled: boolean;
  delivery_fee: string;
  free_delivery_threshold: string;
  regions: string;
  lead_time_days: string;
  pay_on_delivery_enabled: boolean;
  pay_on_delivery_max: string;
}

export const DELIVERY_FIELDS = [
  "pickup_enabled",
  "pickup_address",
  "pickup_hours",
  "delivery_enabled",
  "delivery_fee",
  "free_delivery_threshold",
  "regions",
  "lead_time_days",
  "pay_on_delivery_enabled",
  "pay_on_delivery_max",
] as const;

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Regions typed one per line or separated by commas, each once. */
export function parseRegions(text: string): string[] {
  const regions = text
    .split(/[\n,]/)
    .map((region) => region.trim())
    .filter(Boolean);
  return [...new Set(regions)];
}

function money(value: string): string {
  const [whole = "0", fraction = ""] = value.trim().split(".");
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

export function deliveryOptionsValues(options: DeliveryOptions): DeliveryOptionsValues {
  return {
    pickup_enabled: options.pickup_enabled ?? true,
    pickup_address: options.pickup_address ?? "",
    pickup_hours: options.pickup_hours ?? "",
    delivery_enabled: options.delivery_enabled ?? false,
    delivery_fee: options.delivery_fee ?? "0.00",
    free_delivery_threshold: options.free_delivery_threshold ?? "",
    regions: (options.regions ?? []).join("\n"),
    lead_time_days: String(options.lead_time_days ?? 1),
    pay_on_delivery_enabled: options.pay_on_delivery_enabled ?? false,
    pay_on_delivery_max: options.pay_on_delivery_max ?? "",
  };
}

/** The API's rules (`DeliveryOptionsBody`): at least one way to get the goods, and what each needs. */
export function deliveryOptionsSchema(t: TFunction<"consoleOrders">) {
  const optionalAmount = z.string().trim().refine((value) => value === "" || AMOUNT.test(value), t("validation.amount"));
  return z
    .object({
      pickup_enabled: z.boolean(),
      pickup_address: z.string().trim().max(300, t("validation.tooLong", { max: 300 })),
      pickup_hours: z.string().trim().max(200, t("validation.tooLong", { max: 200 })),
      delivery_enabled: z.boolean(),
      delivery_fee: z.string().trim().regex(AMOUNT, t("validation.amount")),
      free_delivery_threshold: optionalAmount,
      regions: z.string(),
      lead_time_days: z.string().trim().regex(/^\d{1,2}$/, t("validation.leadTime")).refine((value) => Number(value) <= 60, t("validation.leadTime")),
      pay_on_delivery_enabled: z.boolean(),
      pay_on_delivery_max: optionalAmount,
    })
    .superRefine((values, ctx) => {
      if (!values.pickup_enabled && !values.delivery_enabled) {
        ctx.addIssue({ code: "custom", path: ["delivery_enabled"], message: t("validation.noOption") });
      }
      if (values.pickup_enabled && !values.pickup_address) {
        ctx.addIssue({ code: "custom", path: ["pickup_address"], message: t("validation.pickupAddress") });
      }
      if (values.delivery_enabled && parseRegions(values.regions).length === 0) {
        ctx.addIssue({ code: "custom", path: ["regions"], message: t("validation.regions") });
      }
      if (parseRegions(values.regions).some((region) => region.length > 120)) {
        ctx.addIssue({ code: "custom", path: ["regions"], message: t("validation.tooLong", { max: 120 }) });
      }
    });
}

export function deliveryOptionsBody(values: DeliveryOptionsValues): DeliveryOptionsBody {
  return {
    pickup_enabled: values.pickup_enabled,
    pickup_address: values.pickup_address.trim() || null,
    pickup_hours: values.pickup_hours.trim() || null,
    delivery_enabled: values.delivery_enabled,
    delivery_fee: money(values.delivery_fee),
    free_delivery_threshold: values.free_delivery_threshold.trim() ? money(values.free_delivery_threshold) : null,
    regions: parseRegions(values.regions),
    lead_time_days: Number(values.lead_time_days),
    pay_on_delivery_enabled: values.pay_on_delivery_enabled,
    pay_on_delivery_max: values.pay_on_delivery_max.trim() ? money(values.pay_on_delivery_max) : null,
  };
}
