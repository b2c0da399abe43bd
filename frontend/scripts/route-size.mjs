// `npm run size` (after `npm run build`): the JavaScript a first visit to each route
// downloads before it can show anything: the entry chunk, the route's lazy chunk and
// every chunk they import statically, gzipped as a server would send them.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
  return seen;
}

const gzipped = (key) => gzipSync(readFileSync(join(dist, manifest[key].file)), { level: 9 }).length;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryChunks = closure(entry);
const entryBytes = [...entryChunks].reduce((sum, key) => sum + gzipped(key), 0);
console.log(`entry (every route)              ${kib(entryBytes)} gzipped`);

const routes = Object.keys(manifest)
  .filter((key) => /\/routes\/\w+Route\.tsx$/.test(key))
  .sort();
for (const route of routes) {
  const chunks = closure(route, new Set(entryChunks));
  const bytes = [...chunks].reduce((sum, key) => sum + gzipped(key), 0);
  const name = route.replace(/^.*\/routes\//, "").replace(/\.tsx$/, "");
  console.log(`${name.padEnd(32)} ${kib(bytes)} gzipped on a first visit`);
}
