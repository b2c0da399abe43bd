import type { TFunction } from "i18next";
import { z } from "zod";
import type { Product, ProductCreate, ProductStatus } from "../api/types";
import { gtinProblem } from "./gtin";
import { type TierDraft, type TierProblem, tierProblems, tiersForApi } from "./tier-rules";

/** The product form's values: every number as typed, checked by the schema before it is sent. */
export interface ProductFormValues {
  name: string;
  brand: string;
  category_id: string;
  description: string;
  sku: string;
  gtin: string;
  unit_of_sale: string;
  pack_size: string;
  min_order_qty: string;
  order_increment: string;
  tiers: TierDraft[];
  low_stock_threshold: string;
  lead_time_days: string;
  status: ProductStatus;
}

/** The form's fields under the API's names, for its field errors. */
export function productFormFields(tierCount: number): string[] {
  const tiers = Array.from({ length: tierCount }, (_, index) => [
    `tiers.${String(index)}.min_quantity`,
    `tiers.${String(index)}.unit_price`,
  ]).flat();
  return [
    "name",
    "brand",
    "category_id",
    "description",
    "sku",
    "gtin",
    "unit_of_sale",
    "pack_size",
    "min_order_qty",
    "order_increment",
    "tiers",
    ...tiers,
    "low_stock_threshold",
    "lead_time_days",
    "status",
  ];
}

export const EMPTY_PRODUCT: ProductFormValues = {
  name: "",
  brand: "",
  category_id: "",
  description: "",
  sku: "",
  gtin: "",
  unit_of_sale: "",
  pack_size: "1",
  min_order_qty: "1",
  order_increment: "1",
  tiers: [{ min_quantity: "1", unit_price: "" }],
  low_stock_threshold: "0",
  lead_time_days: "0",
  status: "draft",
};

export function valuesOf(product: Product): ProductFormValues {
  return {
    name: product.name,
    brand: product.brand ?? "",
    category_id: product.category_id,
    description: product.description,
    sku: product.sku,
    gtin: product.gtin ?? "",
    unit_of_sale: product.unit_of_sale,
    pack_size: String(product.pack_size),
    min_order_qty: String(product.min_order_qty),
    order_increment: String(product.order_increment),
    tiers: product.tiers.map((tier) => ({ min_quantity: String(tier.min_quantity), unit_price: tier.unit_price })),
    low_stock_threshold: String(product.low_stock_threshold),
    lead_time_days: String(product.lead_time_days),
    status: product.status,
  };
}

export function bodyOf(values: ProductFormValues): Omit<ProductCreate, "attributes"> {
  return {
    name: values.name.trim(),
    brand: values.brand.trim() || null,
    category_id: values.category_id,
    description: values.description.trim(),
    sku: values.sku.trim(),
    gtin: values.gtin.trim() || null,
    unit_of_sale: values.unit_of_sale.trim(),
    pack_size: Number(values.pack_size),
    min_order_qty: Number(values.min_order_qty),
    order_increment: Number(values.order_increment),
    tiers: tiersForApi(values.tiers),
    low_stock_threshold: Number(values.low_stock_threshold),
    lead_time_days: Number(values.lead_time_days),
    status: values.status,
  };
}

const SKU = /^[A-Za-z0-9._/-]{1,64}$/;

/** A tier problem in words, naming the tier (and the one before it) as the API's message does. */
export function tierProblemMessage(t: TFunction<"consoleCatalog">, problem: TierProblem, minOrderQty: string): string {
  return t(`tiers.problem.${problem.code}`, {
    tier: problem.tier,
    previous: problem.tier - 1,
    moq: minOrderQty,
    max: 10,
  });
}

/** The API's field rules (`chalicelib/inventory/schemas.py`) and its tier and barcode rules. */
export function productSchema(t: TFunction<"consoleCatalog">) {
  const text = (min: number, max: number) =>
    z
      .string()
      .trim()
      .min(min, t("validation.required"))
      .max(max, t("validation.tooLong", { max }));
  const whole = (min: number, max: number) =>
    z
      .string()
      .trim()
      .regex(/^\d+$/, t("validation.wholeNumber"))
      .refine((value) => Number(value) >= min && Number(value) <= max, t("validation.range", { min, max }));
  return z
    .object({
      name: text(1, 200),
      brand: text(0, 120),
      category_id: z.string().min(1, t("validation.required")),
      description: text(0, 5000),
      sku: z.string().trim().regex(SKU, t("validation.sku")),
      gtin: z.string(),
      unit_of_sale: text(1, 120),
      pack_size: whole(1, 100_000),
      min_order_qty: whole(1, 1_000_000),
      order_increment: whole(1, 1_000_000),
      tiers: z.array(z.object({ min_quantity: z.string(), unit_price: z.string() })),
      low_stock_threshold: whole(0, 1_000_000),
      lead_time_days: whole(0, 365),
      status: z.enum(["draft", "active", "archived"]),
    })
    .superRefine((values, ctx) => {
      const gtin = gtinProblem(values.gtin);
      if (gtin) ctx.addIssue({ code: "custom", path: ["gtin"], message: t(`validation.${gtin}`) });
      const moq = /^\d+$/.test(values.min_order_qty.trim()) ? Number(values.min_order_qty) : 1;
      for (const problem of tierProblems(values.tiers, moq)) {
        ctx.addIssue({
          code: "custom",
          path: problem.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          message: tierProblemMessage(t, problem, String(moq)),
        });
      }
    });
}
