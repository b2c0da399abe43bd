import createClient from "openapi-fetch";
import type { components, paths } from "../../src/lib/api-types";
import { linkFromEmail } from "./mail";
import { DEMO_ADMIN, DEMO_PASSWORD, stack } from "./stack";

type SignedIn = components["schemas"]["SignedIn"];

export const api = createClient<paths>({ baseUrl: stack.apiUrl });

function bearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

async function ok<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as Data;
}

let counter = 0;

/** Unique across workers and runs: e-mail addresses and registration numbers are unique in the API. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

function kenyanMobile(): string {
  return `0712${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
}

export interface Account {
  email: string;
  password: string;
  fullName: string;
  signedIn: SignedIn;
}

export async function registerBusiness(kind: "retailer" | "wholesaler", name: string): Promise<Account> {
  const suffix = uniqueSuffix();
  const email = `e2e-${kind}-${suffix}@example.com`;
  const password = `Maize-Flour-${suffix}-Sack`;
  const fullName = kind === "retailer" ? "Achieng Otieno" : "Baraka Mwangi";
  const phone = kenyanMobile();
  const signedIn = await ok(
    api.POST("/auth/register", {
      body: {
        business: {
          kind,
          name,
          registration_number: `E2E-${suffix}`.toUpperCase(),
          tax_id: kind === "wholesaler" ? "P051234567X" : null,
          phone,
          email,
          address: { line: "Oginga Odinga St 12", city: "Kisumu", region: "Kisumu County", country: "KE" },
        },
        owner: { full_name: fullName, email, phone, password },
        accepted_terms_version: "2026-01",
        accepted_privacy_version: "2026-01",
      },
    }),
  );
  return { email, password, fullName, signedIn };
}

export function registerRetailer(): Promise<Account> {
  return registerBusiness("retailer", `Duka ${uniqueSuffix()}`);
}

export function signInByApi(email: string, password: string): Promise<SignedIn> {
  return ok(api.POST("/auth/login", { body: { email, password } }));
}

/** Ends every session of the account but one opened here, then that one too. */
export async function endEverySession(email: string, password: string): Promise<void> {
  const { access_token } = await signInByApi(email, password);
  const { items } = await ok(api.GET("/me/sessions", bearer(access_token)));
  for (const session of items.filter((item) => !item.current)) {
    await ok(api.DELETE("/me/sessions/{id}", { params: { path: { id: session.id } }, ...bearer(access_token) }));
  }
  await ok(api.POST("/auth/logout", bearer(access_token)));
}

export async function verifyEmailByLink(email: string): Promise<void> {
  const link = new URL(await linkFromEmail(email, "/verify-email"));
  const token = link.searchParams.get("token") ?? "";
  await ok(api.POST("/auth/verify-email", { body: { token } }));
}

export const SECOND_WHOLESALER = "Lakeside Traders Ltd";
export const COCA_COLA_GTIN = "5449000000996";

/**
 * A second verified wholesaler (the demo data has one) selling the demo's Coca-Cola by the
 * same barcode: cheaper from 10 crates, with a minimum order of 2, so comparing offers has
 * two sides whose order depends on the quantity.
 */
export async function seedSecondWholesaler(): Promise<void> {
  const owner = await registerBusiness("wholesaler", SECOND_WHOLESALER);
  const token = owner.signedIn.access_token;
  const businessId = owner.signedIn.business?.id;
  if (!businessId) throw new Error("The registered wholesaler has no business");
  await verifyEmailByLink(owner.email);

  const admin = await signInByApi(DEMO_ADMIN, DEMO_PASSWORD);
  await ok(
    api.POST("/admin/businesses/{id}/verification", {
      params: { path: { id: businessId } },
      body: { status: "verified" },
      ...bearer(admin.access_token),
    }),
  );
  await ok(
    api.POST("/subscription", {
      body: { plan_code: "wholesaler-basic", interval: "month", provider: "sandbox", payer_phone: "+254712345670" },
      ...bearer(token),
    }),
  );
  const { items } = await ok(api.GET("/categories"));
  const softDrinks = items.flatMap((category) => category.children).find((category) => category.slug === "soft-drinks");
  if (!softDrinks) throw new Error("The demo categories have no soft-drinks");
  const product = await ok(
    api.POST("/inventory/products", {
      body: {
        sku: "LT-COKE-500",
        gtin: COCA_COLA_GTIN,
        name: "Coca-Cola 500ml PET bottles",
        brand: "Coca-Cola",
        category_id: softDrinks.id,
        unit_of_sale: "crate of 24",
        pack_size: 24,
        min_order_qty: 2,
        order_increment: 1,
        tiers: [
          { min_quantity: 2, unit_price: "1120.00" },
          { min_quantity: 10, unit_price: "1050.00" },
        ],
        lead_time_days: 1,
        status: "active",
      },
      ...bearer(token),
    }),
  );
  await ok(
    api.POST("/inventory/products/{id}/stock", {
      params: { path: { id: product.id } },
      body: { reason: "restock", delta: 150 },
      ...bearer(token),
    }),
  );
}
