import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
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

void start();
