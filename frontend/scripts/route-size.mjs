// `npm run size` (after `npm run build`): the JavaScript a first visit to each route
// downloads before it can show anything: the entry chunk, the route's lazy chunk and
// every chunk they import statically, gzipped as a server would send them.
// scripts/bench-web.mjs imports `routeSizes` to hold them to the budgets.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DEFAULT_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");

/**
 * Gzipped first-visit bytes of the entry and of each `.../routes/<Name>Route.tsx`, from the
 * build's Vite manifest, and whether each route is lazy: a dynamic entry that the entry's
 * static imports never reach.
 */
export function routeSizes(dist = DEFAULT_DIST) {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
  const closure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const gzipped = (key) => gzipSync(readFileSync(join(dist, manifest[key].file)), { level: 9 }).length;
  const total = (keys) => [...keys].reduce((sum, key) => sum + gzipped(key), 0);

  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entryChunks = closure(entry);
  const routes = Object.keys(manifest)
    .filter((key) => /\/routes\/\w+Route\.tsx$/.test(key))
    .sort()
    .map((key) => ({
      name: key.replace(/^.*\/routes\//, "").replace(/\.tsx$/, ""),
      source: key,
      bytes: total(closure(key, new Set(entryChunks))),
      lazy: manifest[key].isDynamicEntry === true && !entryChunks.has(key),
    }));
  return { entryBytes: total(entryChunks), routes };
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entryBytes, routes } = routeSizes(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIST);
  console.log(`entry (every route)              ${kib(entryBytes)} gzipped`);
  for (const route of routes) {
    console.log(`${route.name.padEnd(32)} ${kib(route.bytes)} gzipped on a first visit${route.lazy ? "" : " (NOT lazy)"}`);
  }
}
