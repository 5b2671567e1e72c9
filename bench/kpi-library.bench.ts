/**
 * Adding a KPI from the library, in headless Chromium against the built site
 * (issue 9: "adding one takes at most 100 ms on localhost").
 *
 * In a page of the site, with the workbench loaded as the ranking pages load
 * it, for ADDS KPIs outside the loaded set, each in a value file not fetched
 * before (so every add is a cold fetch):
 *
 *   add      `ensureKpiValues(workbench, [kpi])`: call → resolved, i.e. the
 *            value file fetched, decoded and merged into the value matrix.
 *   re-rank  then `prepareNomination` + `score` of the default model with the
 *            new KPI added (what a model editor does next; not part of "add").
 *   index    the first load of the library's metadata (once per page, when
 *            the library is opened; not part of an add).
 *
 * Baseline, in the same page and run: fetching and decoding the smallest data
 * file every page loads (municipalities.parquet, ~6 kB; a fresh URL each time,
 * so never from the cache). The ratio add / baseline says how much an add
 * costs beyond one small round trip on this machine.
 *
 *   npm run --silent bench:library        (needs dist/: npm run build)
 *
 * Human-readable lines, then one JSON line. Target: add p95 ≤ 100 ms. Exit
 * code 1 on a problem (console error, external request, a value file fetched
 * more than once); a missed target is printed, not failed.
 */
import {readdirSync} from "node:fs";
import {loadavg} from "node:os";
import path from "node:path";
import {REPO_ROOT} from "../loaders/config.ts";
import {launchBrowser, openWatchedPage} from "../test/helpers/browser.ts";
import {serveStatic} from "../test/helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const ADDS = 20;
const BASELINES = 20;
const TARGET_ADD_MS = 100;

/** `name.<8 hex>.ext` in a dist folder → its site path, by the name without the hash. */
function hashed(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(path.join(DIST, dir))) {
    const match = /^(.+)\.[0-9a-f]{8}(\.[a-z0-9]+)$/.exec(name);
    if (match) files.set(`${match[1]}${match[2]}`, `/${dir}/${name}`);
  }
  return files;
}

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const data = hashed("_file/data");
  const modules = hashed("_import/lib/data");
  const engine = hashed("_import/engine");
  const server = await serveStatic(DIST);
  const origin = server.url.replace(/\/$/, "");
  const browser = await launchBrowser();
  const problems: string[] = [];
  try {
    const watched = await openWatchedPage(browser, origin);
    const paths: string[] = [];
    watched.page.on("request", (r) => paths.push(new URL(r.url()).pathname));
    await watched.page.goto(`${origin}/tillganglighet.html`);
    await watched.page.waitForSelector("#observablehq-main h1");
    const args = JSON.stringify({
      library: modules.get("kpi-library.js"),
      workbench: modules.get("workbench.js"),
      parquet: modules.get("parquet.js"),
      engine: engine.get("index.js"),
      files: Object.fromEntries(["manifest", "models", "values", "municipalities", "kpis"].map((n) => [n, data.get(`${n}.${n === "manifest" || n === "models" ? "json" : "parquet"}`)])),
      adds: ADDS,
      baselines: BASELINES
    });
    // A string, so no bundler rewrites the dynamic imports: the browser resolves them against the site.
    const result = (await watched.page.evaluate(`(async (a) => {
      const lib = await import(a.library);
      const {loadWorkbench} = await import(a.workbench);
      const {decodeParquet} = await import(a.parquet);
      const engine = await import(a.engine);
      const wb = await loadWorkbench(a.files);
      let t = performance.now();
      const library = await lib.loadKpiLibrary();
      const indexMs = performance.now() - t;
      const baseline = [];
      for (let i = 0; i < a.baselines; i++) {
        t = performance.now();
        const response = await fetch(a.files.municipalities + "?baseline=" + i + "-" + Math.random());
        await decodeParquet(await response.arrayBuffer());
        baseline.push(performance.now() - t);
      }
      const latest = library.years[library.years.length - 1];
      const seen = new Set();
      const kpis = [];
      for (const k of library.kpis) {
        if (kpis.length >= a.adds) break;
        if (wb.matrix.kpiIndex.has(k.id) || !k.file || seen.has(k.file)) continue;
        const n = k.coverage.find((c) => c.year === latest)?.municipalities ?? 0;
        if (n < 200) continue;
        seen.add(k.file);
        kpis.push(k.id);
      }
      const base = wb.models.find((m) => m.id === "skk-standard")?.model ?? wb.models[0].model;
      const year = 2022;
      const add = [];
      const rerank = [];
      for (const kpi of kpis) {
        t = performance.now();
        await lib.ensureKpiValues(wb, [kpi], {library});
        add.push(performance.now() - t);
        const model = engine.parseModel({...base, indicators: [...base.indicators, {kpi, dimension: base.dimensions[0].id, direction: "higher_better", weight: 1}]});
        t = performance.now();
        engine.score(engine.prepareNomination(wb.matrix, model, year), engine.defaultWeights(model));
        rerank.push(performance.now() - t);
      }
      return {indexMs, baseline, add, rerank, kpis, matrixKpis: wb.matrix.kpis.length};
    })(${args})`)) as {indexMs: number; baseline: number[]; add: number[]; rerank: number[]; kpis: string[]; matrixKpis: number};

    const valueFetches = paths.filter((p) => p.startsWith("/_file/data/library/"));
    if (new Set(valueFetches).size !== valueFetches.length) problems.push(`a value file was fetched twice: ${valueFetches.join(", ")}`);
    if (valueFetches.length !== result.kpis.length) problems.push(`${result.kpis.length} adds fetched ${valueFetches.length} value files`);
    if (result.kpis.length < ADDS) problems.push(`only ${result.kpis.length} KPIs to add`);
    for (const e of watched.consoleErrors) problems.push(`console error: ${e}`);
    for (const e of watched.externalRequests) problems.push(`external request: ${e}`);

    const add50 = quantile(result.add, 0.5);
    const add95 = quantile(result.add, 0.95);
    const base50 = quantile(result.baseline, 0.5);
    const rerank50 = quantile(result.rerank, 0.5);
    const meets = add95 <= TARGET_ADD_MS;
    console.log(`Adding a KPI from the library (${result.kpis.length} KPIs, each a cold fetch of its value file; the matrix grows to ${result.matrixKpis} KPIs):`);
    console.log(`  add (fetch + decode + merge)  p50 ${r1(add50)} ms  p95 ${r1(add95)} ms  max ${r1(Math.max(...result.add))} ms  ${meets ? "meets" : "MISSES"} p95 ≤ ${TARGET_ADD_MS} ms`);
    console.log(`  baseline (fetch + decode municipalities.parquet)  p50 ${r1(base50)} ms  →  add p50 = ${r1(add50 / base50)} × baseline`);
    console.log(`  re-rank after the add (prepareNomination + score, default model + the KPI)  p50 ${r1(rerank50)} ms`);
    console.log(`  library index, first load  ${r1(result.indexMs)} ms`);
    console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
    for (const p of problems) console.log(`PROBLEM: ${p}`);
    console.log(
      JSON.stringify({
        add_p50_ms: r1(add50),
        add_p95_ms: r1(add95),
        baseline_p50_ms: r1(base50),
        add_ratio_p50_to_baseline: r1(add50 / base50),
        rerank_p50_ms: r1(rerank50),
        index_ms: r1(result.indexMs),
        adds: result.kpis.length,
        meets_target_add: meets,
        loadavg: loadavg()[0],
        problems: problems.length
      })
    );
    if (problems.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
