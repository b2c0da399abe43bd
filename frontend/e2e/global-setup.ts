import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { seedSecondWholesaler } from "./support/api";
import { dropDatabase, dropStaleDatabases } from "./support/database";
import { type Started, start, stop, waitUntilUp } from "./support/processes";
import { FRONTEND_DIR, REPOSITORY_DIR, stack } from "./support/stack";

const LOG_DIR = join(FRONTEND_DIR, process.env.E2E_LOG_DIR ?? "e2e-logs");
const VITE = join(FRONTEND_DIR, "node_modules/.bin/vite");
/** Separate names let two runs (two people, two ports) build side by side. */
const E2E_DIST = process.env.E2E_DIST ?? "dist-e2e";

function exited(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) resolve(started.child.exitCode);
    else started.child.once("exit", (code) => resolve(code));
  });
}

/**
 * The real stack of `make run` on its own ports and a fresh database (demo data seeded,
 * plus a second wholesaler), and the production build of the app served from its own
 * origin, which the API's CORS allows. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(LOG_DIR, { recursive: true });
  const database = stack.database;
  if (!database) throw new Error("E2E_DATABASE is not set");
  dropStaleDatabases();

  const api = start(stack.python, ["-m", "infra.local", "run"], {
    cwd: REPOSITORY_DIR,
    logFile: join(LOG_DIR, "api.log"),
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      LOCAL_API_PORT: String(stack.apiPort),
      LOCAL_AWS_PORT: String(stack.awsPort),
      SPA_URL: stack.webUrl,
      CORS_ALLOWED_ORIGINS: stack.webUrl,
    },
  });
  const build = start(VITE, ["build", "--outDir", E2E_DIST, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: FRONTEND_DIR,
    logFile: join(LOG_DIR, "build.log"),
    env: { ...process.env, VITE_API_URL: stack.apiUrl },
  });
  let web: Started | null = null;

  const teardown = async () => {
    if (web) await stop(web);
    await stop(build);
    await stop(api);
    dropDatabase(database);
  };

  try {
    if ((await exited(build)) !== 0) throw new Error(`vite build failed; see ${build.logFile}`);
    web = start(VITE, ["preview", "--outDir", E2E_DIST, "--port", String(stack.webPort), "--strictPort"], {
      cwd: FRONTEND_DIR,
      logFile: join(LOG_DIR, "web.log"),
      env: process.env,
    });
    await waitUntilUp(`${stack.apiUrl}/health`, api, 120_000);
    await waitUntilUp(stack.webUrl, web, 30_000);
    await seedSecondWholesaler();
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
