/**
 * Where the end-to-end stack runs: its own ports (not `make run`'s 8000/5050) and a fresh
 * database per run, named once in the main process and inherited by the test workers.
 */
import { fileURLToPath } from "node:url";

process.env.E2E_DATABASE ??= `soko_e2e_${Date.now()}`;

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const host = "127.0.0.1";

export const FRONTEND_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const REPOSITORY_DIR = fileURLToPath(new URL("../../..", import.meta.url));

export const stack = {
  apiPort: port("E2E_API_PORT", 18631),
  awsPort: port("E2E_AWS_PORT", 18632),
  webPort: port("E2E_WEB_PORT", 18633),
  /** A PostgreSQL server URL without a database; `make test`'s server by default. */
  postgresServer: process.env.E2E_POSTGRES_SERVER ?? "postgresql+psycopg://postgres@127.0.0.1:5432",
  database: process.env.E2E_DATABASE,
  python: process.env.PYTHON ?? `${REPOSITORY_DIR}.venv/bin/python`,
  get apiUrl() {
    return `http://${host}:${this.apiPort}`;
  },
  get awsUrl() {
    return `http://${host}:${this.awsPort}`;
  },
  get webUrl() {
    return `http://${host}:${this.webPort}`;
  },
  get databaseUrl() {
    return `${this.postgresServer}/${this.database}`;
  },
};

export const DEMO_PASSWORD = "Demo-Market-2026!";
export const DEMO_RETAILER = "retailer@demo.soko.test";
export const DEMO_ADMIN = "admin@demo.soko.test";
