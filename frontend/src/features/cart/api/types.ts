import type { components } from "@/lib/api-types";

type Schemas = components["schemas"];

export type Cart = Schemas["CartOut"];
export type CartGroup = Schemas["CartGroup"];
export type CartLine = Schemas["CartLine"];
export type CartWarning = Schemas["CartWarning"];
export type DeliveryMethod = Schemas["CartDeliveryChoice"]["method"];
