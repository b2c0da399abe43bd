import type { components } from "./api-types";

type Schemas = components["schemas"];

export type ErrorEnvelope = Schemas["ErrorEnvelope"];
export type ApiErrorDetail = Schemas["ErrorDetail"];
export type SignedIn = Schemas["SignedIn"];
export type RegisterRequest = Schemas["RegisterRequest"];
export type RegisterResponse = Schemas["RegisterResponse"];
export type LoginRequest = Schemas["LoginRequest"];
export type UserOut = Schemas["UserOut"];
export type BusinessOut = Schemas["BusinessOut"];
export type SessionOut = Schemas["SessionOut"];
export type TwoFactorSetup = Schemas["TwoFactorSetup"];
export type RecoveryCodes = Schemas["RecoveryCodes"];
export type CategoryNode = Schemas["CategoryNode"];
export type SearchPage = Schemas["SearchPage"];
export type CatalogItem = Schemas["CatalogItem"];
export type Facets = Schemas["Facets"];
export type ProductDetail = Schemas["ProductDetail"];
export type PriceTier = Schemas["TierOut"];
export type Comparison = Schemas["Comparison"];
export type Offer = Schemas["Offer"];
export type Storefront = Schemas["Storefront"];
