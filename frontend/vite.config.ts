/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig, loadEnv } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const DEFAULT_API_URL = "http://127.0.0.1:8000";

/** The first API call does not wait for DNS, TCP and TLS: the browser opens the connection early. */
function preconnectToApi(apiUrl: string): Plugin {
  return {
    name: "soko-preconnect-api",
    transformIndexHtml: () => [
      { tag: "link", attrs: { rel: "preconnect", href: new URL(apiUrl).origin, crossorigin: "anonymous" }, injectTo: "head" },
    ],
  };
}

/**
 * Installable app: the web app manifest, and a Workbox service worker that precaches the app
 * shell (index.html and every built asset) and answers navigations with index.html, so the
 * app opens offline after a first visit. It has no runtime caching at all: the API lives on
 * another origin and is always fetched from the network, and a same-origin /api or /auth
 * navigation (a proxy in front of the API) is never answered with the app shell.
 */
function installableApp(): Plugin[] {
  return VitePWA({
    registerType: "autoUpdate",
    injectRegister: false,
    includeAssets: ["favicon.svg", "icons/apple-touch-icon-180.png"],
    manifest: {
      id: "/catalog",
      name: "Soko Wholesale",
      short_name: "Soko",
      description: "Restock your shop from verified wholesalers.",
      lang: "en",
      start_url: "/catalog",
      scope: "/",
      display: "standalone",
      orientation: "portrait",
      theme_color: "#0b6e4f",
      background_color: "#fafaf9",
      categories: ["business", "shopping"],
      icons: [
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
    workbox: {
      globPatterns: ["**/*.{js,css,html,woff2}"],
      dontCacheBustURLsMatching: /^assets\//,
      navigateFallback: "/index.html",
      navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/auth(\/|$)/],
      runtimeCaching: [],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...process.env };
  return {
    plugins: [react(), tailwindcss(), preconnectToApi(env.VITE_API_URL ?? DEFAULT_API_URL), installableApp()],
    resolve: {
      alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
    },
    server: { host: "127.0.0.1", port: 5173, strictPort: true },
    preview: { host: "127.0.0.1", port: 4173, strictPort: true },
    build: {
      target: "es2020",
      sourcemap: true,
      manifest: true,
      rollupOptions: {
        onwarn(warning, warn) {
          const fromDependency = warning.id?.includes("/node_modules/") ?? false;
          if (warning.code === "INVALID_ANNOTATION" && fromDependency) return;
          warn(warning);
        },
      },
    },
    test: {
      environment: "jsdom",
      setupFiles: ["./src/test/setup.ts"],
      include: ["src/**/*.test.{ts,tsx}"],
      restoreMocks: true,
      unstubGlobals: true,
      css: false,
    },
  };
});
