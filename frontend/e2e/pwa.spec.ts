import type { Page } from "@playwright/test";
import { expect, signInThroughPage, test } from "./support/fixtures";
import { DEMO_PASSWORD, DEMO_RETAILER, stack } from "./support/stack";

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

interface WebAppManifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? "none")).toBe("activated");
}

/** Every URL held in Cache Storage, whichever cache holds it. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((request) => request.url));
    }
    return urls;
  });
}

test("the app is installable: a linked, valid manifest with its icons", async ({ page }) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();

  const response = await page.request.get(new URL(href ?? "", page.url()).toString());
  expect(response.ok()).toBe(true);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as WebAppManifest;
  expect(manifest).toMatchObject({
    name: "Soko Wholesale",
    short_name: "Soko",
    start_url: "/catalog",
    scope: "/",
    display: "standalone",
    theme_color: "#0b6e4f",
  });
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", manifest.theme_color);

  const icons = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`);
  expect(icons).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const image = await page.request.get(new URL(icon.src, page.url()).toString());
    expect(image.headers()["content-type"], icon.src).toBe("image/png");
    expect(pngSize(await image.body()), icon.src).toBe(icon.sizes);
  }
});

test("after a first visit the service worker controls the app, which then opens offline, deep links too", async ({
  page,
  context,
}) => {
  await page.goto("/sign-in");
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  await page.goto("/orders/a-deep-link");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Forders%2Fa-deep-link$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("E-mail address", { exact: true })).toBeEditable();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await context.setOffline(false);
});

test("API answers always come from the network, never from the service worker's caches", async ({ page }) => {
  const apiAnswers: { url: string; fromServiceWorker: boolean }[] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(stack.apiUrl)) {
      apiAnswers.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
    }
  });
  await page.goto("/sign-in");
  await controlledByServiceWorker(page);
  await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();
  await page.goto("/catalog?q=coca");
  await expect(page.getByRole("link", { name: /^Coca-Cola 500ml PET/ }).first()).toBeVisible();

  expect(apiAnswers.map((answer) => new URL(answer.url).pathname)).toEqual(
    expect.arrayContaining(["/auth/login", "/auth/refresh", "/catalog/search"]),
  );
  expect(apiAnswers.filter((answer) => answer.fromServiceWorker)).toEqual([]);

  const cached = await cachedUrls(page);
  expect(cached.map((url) => new URL(url).pathname)).toContain("/index.html");
  expect(cached.filter((url) => !url.startsWith(`${stack.webUrl}/`))).toEqual([]);
  expect(cached.filter((url) => /^\/(api|auth)(\/|$)/.test(new URL(url).pathname))).toEqual([]);
});

test.describe("a route whose code is gone (a new version deployed meanwhile)", () => {
  test.use({ serviceWorkers: "block" });

  test("reloads once into the page it was heading to, and if its code is still missing shows the error page, no reload loop", async ({
    page,
  }) => {
    await page.route(/\/assets\/CategoriesRoute-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
    let loads = 0;
    page.on("load", () => {
      loads += 1;
    });
    await page.goto("/sign-in");
    await signInThroughPage(page, DEMO_RETAILER, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: "Find products" })).toBeVisible();

    await page.getByRole("link", { name: "Categories" }).first().click();

    await expect(page.getByRole("heading", { name: "This page did not load" })).toBeVisible();
    await expect(page).toHaveURL(/\/categories$/);
    await page.waitForTimeout(2_000);
    expect(loads).toBe(2);
  });
});
