import type { components } from "@/lib/api-types";

type Schemas = components["schemas"];

export type Product = Schemas["ProductOut"];
export type ProductStatus = Product["status"];
export type ProductCreate = Schemas["ProductCreate"];
export type ProductUpdate = Schemas["ProductUpdate"];
export type ProductImage = Schemas["ImageOut"];
export type ImageUpload = Schemas["ImageUpload"];
export type ImageContentType = Schemas["ImageUploadRequest"]["content_type"];
export type Movement = Schemas["MovementOut"];
export type MovementKind = Movement["kind"];
export type StockChange = Schemas["StockChange"];
export type StockReason = StockChange["reason"];
export type LowStockItem = Schemas["LowStockItem"];
export type ReorderSuggestion = Schemas["ReorderSuggestion"];
export type ReorderList = Schemas["ReorderList"];
export type ImportResult = Schemas["ImportResult"];
export type ImportMode = ImportResult["mode"];
export type CategoryNode = Schemas["CategoryNode"];

export const PRODUCT_STATUSES: readonly ProductStatus[] = ["draft", "active", "archived"];
export const STOCK_REASONS: readonly StockReason[] = ["restock", "adjustment", "return", "damage"];
