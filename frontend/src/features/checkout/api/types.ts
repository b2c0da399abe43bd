import type { components } from "@/lib/api-types";

type Schemas = components["schemas"];

export type CheckoutRequest = Schemas["CheckoutRequest"];
export type CheckoutResult = Schemas["CheckoutOut"];
