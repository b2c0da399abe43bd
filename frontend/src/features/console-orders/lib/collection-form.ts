import type { TFunction } from "i18next";
import { z } from "zod";
import { toCents } from "@/lib/money";

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export interface CollectionValues {
  amount: string;
  method: "cash" | "mobile_money";
  reference: string;
}

export const COLLECTION_FIELDS = ["amount", "method", "reference"] as const;

/** The API's rules for `POST /orders/{id}/collection`: a positive amount up to what is outstanding. */
export function collectionSchema(t: TFunction<"consoleOrders">, outstanding: string) {
  return z
    .object({
      amount: z
        .string()
        .trim()
        .regex(AMOUNT, t("validation.amount"))
        .refine((value) => !AMOUNT.test(value) || toCents(value) > 0, t("validation.amountPositive"))
        .refine((value) => !AMOUNT.test(value) || toCents(value) <= toCents(outstanding), t("validation.amountMax")),
      method: z.enum(["cash", "mobile_money"]),
      reference: z.string().trim().max(100, t("validation.tooLong", { max: 100 })),
    })
    .superRefine((values, ctx) => {
      if (values.method === "mobile_money" && !values.reference) {
        ctx.addIssue({ code: "custom", path: ["reference"], message: t("validation.referenceRequired") });
      }
    });
}

/** The amount as the API's decimal string with two places ("1200" -> "1200.00"). */
export function collectionBody(values: CollectionValues) {
  const [whole = "0", fraction = ""] = values.amount.trim().split(".");
  return {
    amount: `${whole}.${fraction.padEnd(2, "0")}`,
    method: values.method,
    reference: values.reference.trim() || null,
  };
}
