// `make bench-web`: the web app's budgets, against the stack `make run` is running.
//
// 1. Builds the app as `make run` serves it (`python -m infra.local build-web`: only when
//    frontend/ changed), then holds the search page's first-visit JavaScript (gzipped) to
//    170 KiB and checks that every route is a lazy chunk (scripts/route-size.mjs).
// 2. Lighthouse 12 (mobile form factor, simulated slow 4G and 4x CPU slowdown: its defaults)
//    on the search page, a product page and the cart of the running stack, signed in as the
//    demo retailer. The app keeps its refresh token in sessionStorage, which Lighthouse's
//    storage reset leaves alone: each audited tab gets a fresh token before the app's first
//    script runs (Puppeteer's evaluateOnNewDocument), while caches and service workers are
//    cleared, so every audit is a cold first visit.
//    Budgets: performance >= 90 and accessibility >= 95 on each page; the median of RUNS
//    runs (default 3) counts, because one run on a busy machine can be far off.
//
// Settings: LOCAL_API_PORT / LOCAL_WEB_PORT as for `make run`; RUNS; CHROMIUM_PATH.
// Writes benchmarks/WEB.md (what follows its NOTES_MARKER is kept from the last one).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { kib, routeSizes } from "./route-size.mjs";

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPOSITORY = resolve(FRONTEND, "..");
const HOST = "127.0.0.1";
const API_URL = `http://${HOST}:${process.env.LOCAL_API_PORT ?? "8000"}`;
const WEB_URL = `http://${HOST}:${process.env.LOCAL_WEB_PORT ?? "5173"}`;
const RUNS = Number(process.env.RUNS ?? 3);
/** Every run's full Lighthouse report, for reading what an audit found (too big for the repository). */
const REPORTS = join(tmpdir(), "soko-lighthouse");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const DEMO_RETAILER = { email: "retailer@demo.soko.test", password: "Demo-Market-2026!" };
const REFRESH_TOKEN_KEY = "soko.refresh_token";
const SEARCH_ROUTE_BUDGET = 170 * 1024;
const BUDGETS = { performance: 90, accessibility: 95 };
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};

const RESULTS = join(REPOSITORY, "benchmarks/WEB.md");
const NOTES_MARKER = "<!-- Notes: written by hand, kept when make bench-web rewrites the tables above. -->";

const problems = [];

function build() {
  const python = process.env.PYTHON ?? join(REPOSITORY, ".venv/bin/python");
  const result = spawnSync(python, ["-m", "infra.local", "build-web"], { cwd: REPOSITORY, stdio: "inherit" });
  if (result.status !== 0) throw new Error("the web app's build failed (see above)");
}

function checkSizes() {
  const { entryBytes, routes } = routeSizes(join(FRONTEND, "dist"));
  const search = routes.find((route) => route.name === "SearchRoute");
  if (!search) throw new Error("the build has no SearchRoute");
  console.log(`\nFirst-visit JavaScript, gzipped (entry ${kib(entryBytes)}):`);
  for (const route of routes) console.log(`  ${route.name.padEnd(30)} ${kib(route.bytes)}${route.lazy ? "" : "  NOT LAZY"}`);
  if (search.bytes > SEARCH_ROUTE_BUDGET) {
    problems.push(`search page: ${kib(search.bytes)} of JavaScript, over the ${kib(SEARCH_ROUTE_BUDGET)} budget`);
  }
  for (const route of routes.filter((candidate) => !candidate.lazy)) {
    problems.push(`${route.name} is not lazy: it is in the entry's static imports`);
  }
  return { entryBytes, searchBytes: search.bytes, routes };
}

async function api(path, { method = "GET", token, body } = {}) {
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function signIn() {
  return api("/auth/login", { method: "POST", body: DEMO_RETAILER });
}

async function ensureStackIsUp() {
  for (const url of [`${API_URL}/health`, `${WEB_URL}/`]) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`answered ${response.status}`);
    } catch (error) {
      throw new Error(`${url} does not answer (${error.message}): start the stack with \`make run\` first`, {
        cause: error,
      });
    }
  }
}

/** The pages to audit; the demo retailer's cart gets one line so the cart page shows one. */
async function pages() {
  const { access_token: token } = await signIn();
  const search = await api("/catalog/search?q=coca", { token });
  const product = search.items[0];
  if (!product) throw new Error("the demo catalog has no Coca-Cola: seed it with `make seed`");
  const cart = await api("/cart", { token });
  if (!cart.groups.some((group) => group.lines.some((line) => line.product_id === product.id))) {
    await api("/cart/items", { method: "POST", token, body: { product_id: product.id, quantity: product.min_order_qty } });
  }
  return [
    { name: "search", path: "/catalog?q=coca" },
    { name: "product", path: `/products/${product.id}` },
    { name: "cart", path: "/cart" },
  ];
}

async function audit(browser, path) {
  const { refresh_token: refreshToken } = await signIn();
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(
    (key, token) => {
      try {
        globalThis.sessionStorage.setItem(key, token);
      } catch {
        // about:blank has no storage; the app's origin does.
      }
    },
    REFRESH_TOKEN_KEY,
    refreshToken,
  );
  try {
    const result = await lighthouse(`${WEB_URL}${path}`, { logLevel: "error", onlyCategories: CATEGORIES }, undefined, page);
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(`${WEB_URL}${path}`).pathname) {
      throw new Error(`${path} ended on ${lhr.finalDisplayedUrl}: the session was not taken`);
    }
    return lhr;
  } finally {
    await page.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summarise(name, path, reports) {
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => [category, median(reports.map((lhr) => Math.round(lhr.categories[category].score * 100)))]),
  );
  const metrics = Object.fromEntries(
    Object.entries(METRICS).map(([audit, label]) => [label, median(reports.map((lhr) => lhr.audits[audit].numericValue))]),
  );
  const lowest = new Map();
  for (const lhr of reports) {
    for (const item of Object.values(lhr.audits)) {
      if (item.score === null || item.score >= 0.9 || item.scoreDisplayMode === "informative") continue;
      lowest.set(item.id, Math.min(item.score, lowest.get(item.id) ?? 1));
    }
  }
  const failing = [...lowest].map(([id, score]) => `${id} (${score})`);
  for (const [category, budget] of Object.entries(BUDGETS)) {
    if (scores[category] < budget) problems.push(`${name}: ${category} ${scores[category]} < ${budget}`);
  }
  const benchmarkIndex = reports.map((lhr) => Math.round(lhr.environment.benchmarkIndex));
  return { name, path, benchmarkIndex, runs: reports.map((lhr) => Math.round(lhr.categories.performance.score * 100)), scores, metrics, failing };
}

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return CHROMIUM;
  }
}

function report({ date, machine, sizes, results }) {
  const notes = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8").split(NOTES_MARKER)[1] : undefined;
  const lighthouseVersion = JSON.parse(readFileSync(join(FRONTEND, "node_modules/lighthouse/package.json"), "utf8")).version;
  return [
    "# Web app benchmark",
    "",
    `Generated by \`make bench-web\` on ${date}: ${machine}. Lighthouse ${lighthouseVersion} (mobile form factor, simulated slow 4G: 150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown) on ${chromiumVersion()} headless, against the production build served by \`make run\` (${WEB_URL}), signed in as the demo retailer; each page a cold first visit (caches and service worker cleared), median of ${RUNS} runs.`,
    "",
    `Budgets: the search page's first-visit JavaScript <= ${kib(SEARCH_ROUTE_BUDGET)} gzipped and every other route lazy; performance >= ${BUDGETS.performance} and accessibility >= ${BUDGETS.accessibility} on each page. ${problems.length ? `**Over budget:** ${problems.join("; ")}.` : "**Every budget is met.**"}`,
    "",
    "## Lighthouse",
    "",
    "| page | performance (each run) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index | CPU index (each run) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(row),
    "",
    "CPU index: Lighthouse's benchmark of the CPU the page got in each run. Below 1,000 Lighthouse warns that the CPU is slower than it expects and the performance score suffers: it multiplies the main-thread time it observed by 4, so TBT grows with a busy machine.",
    "",
    ...results.map((page) => `- ${page.name} (\`${page.path}\`), audits under 0.9 in any run: ${page.failing.join(", ") || "none"}`),
    "",
    "## First-visit JavaScript (gzipped: entry + route chunk + their static imports)",
    "",
    `Entry (every route): ${kib(sizes.entryBytes)}.`,
    "",
    "| route | JavaScript | lazy |",
    "| --- | --- | --- |",
    ...sizes.routes.map((route) => `| ${route.name} | ${kib(route.bytes)} | ${route.lazy ? "yes" : "**no**"} |`),
    "",
    "## How to reproduce",
    "",
    "```sh",
    "make run          # in one terminal: the stack and the web app on http://127.0.0.1:5173",
    "make bench-web    # in another (RUNS=5 for more runs; LOCAL_API_PORT / LOCAL_WEB_PORT as for make run)",
    "```",
    "",
    "The scores depend on the CPU the machine can spare (Lighthouse scales the main-thread time it",
    "observes): run it on an otherwise idle machine, and compare the load averages above.",
    "",
    NOTES_MARKER,
    notes ?? "\n",
  ].join("\n");
}

function row(page) {
  const { scores, metrics } = page;
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  return `| ${page.name} | ${scores.performance} (${page.runs.join(", ")}) | ${scores.accessibility} | ${scores["best-practices"]} | ${scores.seo} | ${seconds(metrics.FCP)} | ${seconds(metrics.LCP)} | ${Math.round(metrics.TBT)} ms | ${metrics.CLS.toFixed(3)} | ${seconds(metrics.SI)} | ${page.benchmarkIndex.join(", ")} |`;
}

async function main() {
  build();
  const sizes = checkSizes();
  await ensureStackIsUp();
  const targets = await pages();
  mkdirSync(REPORTS, { recursive: true });
  const loadBefore = loadavg();
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, defaultViewport: null });
  const results = [];
  try {
    for (const { name, path } of targets) {
      const reports = [];
      for (let run = 1; run <= RUNS; run += 1) {
        process.stdout.write(`Lighthouse ${name} (${path}) run ${run}/${RUNS}\n`);
        const lhr = await audit(browser, path);
        writeFileSync(join(REPORTS, `${name}-${run}.json`), JSON.stringify(lhr));
        reports.push(lhr);
      }
      results.push(summarise(name, path, reports));
    }
  } finally {
    await browser.close();
  }
  const loadAfter = loadavg();

  const date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const machine = `${cpus().length} cores, load average ${loadBefore[0].toFixed(2)} before and ${loadAfter[0].toFixed(2)} after`;
  console.log(`\n${date}, ${machine}, median of ${RUNS} runs`);
  console.log("| page | performance (runs) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index | CPU index |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const page of results) console.log(row(page));
  for (const page of results) {
    if (page.failing.length) console.log(`  ${page.name}: audits under 0.9: ${page.failing.join(", ")}`);
  }
  console.log(`Search page JavaScript: ${kib(sizes.searchBytes)} gzipped (budget ${kib(SEARCH_ROUTE_BUDGET)})`);
  console.log(`Full Lighthouse reports: ${REPORTS}/<page>-<run>.json`);

  writeFileSync(RESULTS, report({ date, machine, sizes, results }));
  console.log(`Written to ${RESULTS}`);
  if (problems.length) {
    console.error(`\nOver budget:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log("\nEvery web budget is met.");
  }
}

await main();
