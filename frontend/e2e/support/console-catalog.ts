import { deflateSync } from "node:zlib";
import type { Page } from "@playwright/test";
import type { components } from "../../src/lib/api-types";
import { api, registerBusiness, signInByApi, uniqueSuffix, verifyEmailByLink } from "./api";
import { signInThroughPage } from "./fixtures";
import { bearer } from "./trade";

type ProductCreate = components["schemas"]["ProductCreate"];

async function ok<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as Data;
}

export interface Wholesaler {
  name: string;
  email: string;
  password: string;
  token: string;
}

/**
 * A wholesaler of its own per test, so tests that change a catalog never disturb the demo
 * wholesaler's: e-mail confirmed (publishing needs it) and on the Basic plan (its limits
 * count published products).
 */
export async function freshWholesaler(): Promise<Wholesaler> {
  const name = `Mombasa Supplies ${uniqueSuffix()}`;
  const owner = await registerBusiness("wholesaler", name);
  await verifyEmailByLink(owner.email);
  await ok(
    api.POST("/subscription", {
      body: { plan_code: "wholesaler-basic", interval: "month", provider: "sandbox", payer_phone: "+254712345670" },
      ...bearer(owner.signedIn.access_token),
    }),
  );
  const signedIn = await signInByApi(owner.email, owner.password);
  return { name, email: owner.email, password: owner.password, token: signedIn.access_token };
}

export async function signInToConsole(page: Page, wholesaler: { email: string; password: string }, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await signInThroughPage(page, wholesaler.email, wholesaler.password);
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

export async function categoryId(slug: string): Promise<string> {
  const { items } = await ok(api.GET("/categories"));
  const flat = items.flatMap((node) => [node, ...node.children]);
  const found = flat.find((node) => node.slug === slug);
  if (!found) throw new Error(`No category ${slug}`);
  return found.id;
}

/** A product of `wholesaler` made through the API, with `stock` units restocked. */
export async function productByApi(
  wholesaler: Wholesaler,
  fields: Partial<ProductCreate> & { name: string },
  stock = 0,
): Promise<{ id: string; name: string; sku: string }> {
  const sku = `E2E-${uniqueSuffix()}`.toUpperCase();
  const product = await ok(
    api.POST("/inventory/products", {
      body: {
        sku,
        category_id: await categoryId("rice"),
        unit_of_sale: "bale of 10 x 2 kg",
        pack_size: 4,
        min_order_qty: 1,
        order_increment: 1,
        tiers: [{ min_quantity: 1, unit_price: "1500.00" }],
        status: "draft",
        ...fields,
      },
      ...bearer(wholesaler.token),
    }),
  );
  if (stock > 0) {
    await ok(
      api.POST("/inventory/products/{id}/stock", {
        params: { path: { id: product.id } },
        body: { reason: "restock", delta: stock },
        ...bearer(wholesaler.token),
      }),
    );
  }
  return { id: product.id, name: product.name, sku };
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `size` x `size` PNG of one colour, made here so no binary fixture is committed. */
export function solidPng(size = 16, rgb: [number, number, number] = [22, 101, 52]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
