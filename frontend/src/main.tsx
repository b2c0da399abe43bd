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

type Router = ReturnType<typeof createRouter>;

async function start(): Promise<Router> {
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
  return router;
}

/** Runs `then` once the first page is on screen (the router idle) and the browser has nothing else to do. */
function afterFirstPage(router: Router, then: () => void) {
  const whenIdle = () => {
    if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(then, { timeout: 5000 });
    else window.setTimeout(then, 1000);
  };
  const shown = (state: Router["state"]) => state.initialized && state.navigation.state === "idle";
  if (shown(router.state)) {
    whenIdle();
    return;
  }
  const unsubscribe = router.subscribe((state) => {
    if (!shown(state)) return;
    unsubscribe();
    whenIdle();
  });
}

const NEW_VERSION_RELOAD_KEY = "soko.new_version_reload_at";

/** A chunk that is still missing after one reload is a broken deploy: the route's error page says so, no reload loop. */
function reloadedForNewVersionRecently(now = Date.now()): boolean {
  try {
    const last = Number(window.sessionStorage.getItem(NEW_VERSION_RELOAD_KEY) ?? 0);
    window.sessionStorage.setItem(NEW_VERSION_RELOAD_KEY, String(now));
    return now - last < 10_000;
  } catch {
    return true;
  }
}

/**
 * The service worker (see vite.config.ts) is installed only after the first page is shown:
 * its install downloads every chunk of the app, which would otherwise compete with that
 * page's own requests and main thread on a phone. A new version takes over at once; the page
 * reloads into it only when nobody is looking (the tab hidden), so a half-filled form is not
 * lost, and at once, into the page the person was heading to, when a lazy route of the old
 * version can no longer be fetched.
 */
function keepAppUpToDate(router: Router) {
  if (!import.meta.env.PROD) return;
  const reloadWhenHidden = () => {
    if (document.visibilityState === "hidden") window.location.reload();
    else document.addEventListener("visibilitychange", reloadWhenHidden, { once: true });
  };
  window.addEventListener("vite:preloadError", () => {
    if (reloadedForNewVersionRecently()) return;
    const heading = router.state.navigation.location;
    if (heading) window.location.assign(router.createHref(heading));
    else window.location.reload();
  });
  afterFirstPage(router, () => registerSW({ immediate: true, onNeedReload: reloadWhenHidden }));
}

void start().then(keepAppUpToDate);
