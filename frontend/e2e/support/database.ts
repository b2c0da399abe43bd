import { spawnSync } from "node:child_process";
import { runToEnd } from "./processes";
import { REPOSITORY_DIR, stack } from "./stack";

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Runs SQL on the server's maintenance database with the project's own psycopg. */
function maintenance(statements: string): void {
  const script = [
    "import sys, psycopg",
    "url = sys.argv[1].replace('postgresql+psycopg://', 'postgresql://') + '/postgres'",
    "with psycopg.connect(url, autocommit=True) as connection:",
    "    for statement in sys.argv[2].split(';'):",
    "        if statement.strip(): connection.execute(statement)",
  ].join("\n");
  runToEnd(stack.python, ["-c", script, stack.postgresServer, statements], { cwd: REPOSITORY_DIR, env: process.env });
}

function listDatabases(): string[] {
  const script = [
    "import sys, psycopg",
    "url = sys.argv[1].replace('postgresql+psycopg://', 'postgresql://') + '/postgres'",
    "with psycopg.connect(url) as connection:",
    "    rows = connection.execute(\"SELECT datname FROM pg_database WHERE datname LIKE 'soko_e2e_%'\").fetchall()",
    "print('\\n'.join(row[0] for row in rows))",
  ].join("\n");
  const result = spawnSync(stack.python, ["-c", script, stack.postgresServer], { cwd: REPOSITORY_DIR, encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n").filter(Boolean) : [];
}

export function dropDatabase(name: string): void {
  if (!/^soko_e2e_\d+$/.test(name)) throw new Error(`Refusing to drop ${name}: not an end-to-end database`);
  maintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Databases left by runs that were killed hours ago; a run still going is never touched. */
export function dropStaleDatabases(now = Date.now()): void {
  for (const name of listDatabases()) {
    const startedAt = Number(name.replace("soko_e2e_", ""));
    if (Number.isFinite(startedAt) && now - startedAt > STALE_AFTER_MS) dropDatabase(name);
  }
}
