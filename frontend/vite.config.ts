/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig, loadEnv } from "vite";

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

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...process.env };
  return {
    plugins: [react(), tailwindcss(), preconnectToApi(env.VITE_API_URL ?? DEFAULT_API_URL)],
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
