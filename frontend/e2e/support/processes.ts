import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface Started {
  child: ChildProcess;
  logFile: string;
}

export function start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Started {
  const log = openSync(options.logFile, "w");
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", log, log] });
  closeSync(log);
  return { child, logFile: options.logFile };
}

export function runToEnd(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export function tail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Polls `url` until it answers 2xx; fails early, with its log, if `process` exits first. */
export async function waitUntilUp(url: string, started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(`The process for ${url} exited (${started.child.exitCode}):\n${tail(started.logFile)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${tail(started.logFile)}`);
}

/** SIGTERM (the local stack stops cleanly on it), then SIGKILL after a grace period. */
export async function stop(started: Started, graceMs = 15_000): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
