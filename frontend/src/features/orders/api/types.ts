import type { components } from "@/lib/api-types";

type Schemas = components["schemas"];

export type Order = Schemas["OrderOut"];
export type OrderListItem = Schemas["OrderListItem"];
export type OrderStatus = Order["status"];
export type TimelineEntry = Schemas["TimelineEntry"];
export type Reorder = Schemas["ReorderOut"];
