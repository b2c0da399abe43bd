/// <reference types="vite-plugin-pwa/vanillajs" />
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { registerSW } from "virtual:pwa-register";
import { App } from "./app/App";
import { createRouter } from "./app/router";
import { followSessionEnds } from "./app/session-navigation";
import { setupI18n } from "./lib/i18n";
import { queryClient } from "./lib/query-client";
import "./index.css";

async function start() {
  await setupI18n();
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  const router = createRouter();
  followSessionEnds(router, queryClient);
  createRoot(root).render(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  );
}

/**
 * The service worker (see vite.config.ts) is registered once the page has loaded, so it never
 * competes with the first render. A new version takes over at once; the page reloads into it
 * only when nobody is looking (the tab hidden), so a half-filled form is not lost, and at once
 * when a lazy route of the old version can no longer be fetched.
 */
function keepAppUpToDate() {
  if (!import.meta.env.PROD) return;
  const reloadWhenHidden = () => {
    if (document.visibilityState === "hidden") window.location.reload();
    else document.addEventListener("visibilitychange", reloadWhenHidden, { once: true });
  };
  window.addEventListener("vite:preloadError", () => window.location.reload());
  registerSW({ onNeedReload: reloadWhenHidden });
}

void start();
keepAppUpToDate();
