/**
 * Browser benchmark of the workbench pages: the built site (dist/) in headless
 * Chromium. Opens nominering.html, waits for the ranking, then makes weight
 * changes (different sliders, different values, programmatic `input` events)
 * and measures in the page, per change:
 *
 *   sync      performance.now() before dispatchEvent("input") → after it returns.
 *             The views update synchronously inside the handler (engine, table,
 *             charts, map, URL), so this is the JavaScript cost of one change.
 *   rendered  the same start → a setTimeout(0) queued from the next
 *             requestAnimationFrame callback, i.e. after the browser has run
 *             style, layout and paint for the frame that shows the new table
 *             and charts. It includes waiting for the frame (up to one vsync,
 *             ~16.7 ms at 60 Hz). p50_ms/p95_ms are this measure.
 *
 * Then a few changes on utveckling.html. A PerformanceObserver records
 * "longtask" entries (tasks ≥ 50 ms) during the changes; first load is
 * navigation start → the ranking table has rows. If the p95 misses the target
 * (or with --profile) a second, separate pass runs the same changes under
 * Chrome's tracing and the V8 sampling profiler and prints where the time goes
 * (those timings are not used for the figures above).
 *
 *   npm run --silent bench:browser [-- --profile] [-- --what-if]   (needs dist/: npm run build)
 *
 * --what-if also measures simulated fixes (URL write deferred out of the input
 * handler; ranking table limited to 50 rows), patched into the page.
 *
 * Human-readable lines first; the last line is a JSON object.
 */
import {existsSync} from "node:fs";
import path from "node:path";
import type {Browser, CDPSession, Page} from "playwright-core";
import {REPO_ROOT} from "../loaders/config.ts";
import {launchBrowser, openWatchedPage} from "../test/helpers/browser.ts";
import {serveStatic, type StaticServer} from "../test/helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const PAGES = ["nominering.html", "utveckling.html"];
const TARGET_P95_MS = 50;
const NOMINATION_CHANGES = 64;
const IMPROVEMENT_CHANGES = 16;
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

/** Sliders to move, alternating dimensions and single KPIs (ids of skk-standard). */
const SLIDERS = ["resultatkvalitet", "N15428", "effekt", "U11404", "resursatgang", "N11024", "effektivitet", "U23471", "U11901", "N20900"];
const VALUES = [3, 0.5, 2.2, 4.8, 1.3, 0, 3.9, 1, 2.7, 0.2, 4.1, 1.6];

const missing = PAGES.filter((p) => !existsSync(path.join(DIST, p)));
if (missing.length) {
  console.error(
    `bench:browser: ${missing.map((p) => `dist/${p}`).join(", ")} not found in ${DIST}.\n` +
      "Build the site first:  KOLADA_SNAPSHOT_DIR=../shared/kolada npm run build"
  );
  process.exit(1);
}

interface Change {
  page: string;
  slider: string;
  value: number;
  sync: number;
  rendered: number;
  updated: boolean;
}

interface LongTask {
  start: number;
  duration: number;
}

interface LoadFigures {
  page: string;
  /** navigation start → the table has ranked rows in the document */
  firstRows: number;
  /** … → the first frame showing them has been rendered */
  firstRowsRendered: number;
  domContentLoaded: number;
  /** fetchStart of the first Parquet file; responseEnd of the last data file (_file/data/) */
  parquetStart: number;
  dataFilesEnd: number;
  longTasks: LongTask[];
}

/** Installed before any page script: long tasks, long animation frames and the first rows of the table. */
function instrument(): void {
  type Bench = {longTasks: {start: number; duration: number}[]; loafs: unknown[]; firstRows: number | null; firstRowsRendered: number | null};
  const bench: Bench = {longTasks: [], loafs: [], firstRows: null, firstRowsRendered: null};
  (window as unknown as {__bench: Bench}).__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({start: e.startTime, duration: e.duration});
  }).observe({type: "longtask", buffered: true});
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.loafs.push(e.toJSON());
    }).observe({type: "long-animation-frame", buffered: true});
  } catch {
    // older Chromium: no long animation frames
  }
  const observer = new MutationObserver(() => {
    if (bench.firstRows !== null || !document.querySelector("[data-testid=ranking] tbody tr[data-municipality]")) return;
    bench.firstRows = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (bench.firstRowsRendered = performance.now()), 0));
  });
  observer.observe(document, {childList: true, subtree: true});
}

async function openPage(browser: Browser, server: StaticServer, file: string): Promise<{page: Page; load: LoadFigures; errors: () => string[]}> {
  const watched = await openWatchedPage(browser, server.url);
  const {page} = watched;
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it too.
  await page.addInitScript({content: "globalThis.__name = (fn) => fn;"});
  await page.addInitScript(instrument);
  await page.goto(`${server.url}/${file}`);
  await page.waitForSelector(ROWS, {timeout: 60_000});
  await page.waitForFunction(() => (window as unknown as {__bench: {firstRowsRendered: number | null}}).__bench.firstRowsRendered !== null);
  const load = await page.evaluate((name) => {
    const bench = (window as unknown as {__bench: {firstRows: number; firstRowsRendered: number; longTasks: {start: number; duration: number}[]}}).__bench;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const data = resources.filter((r) => /\/_file\/data\//.test(r.name));
    const parquet = data.filter((r) => /\.parquet$/.test(r.name));
    return {
      page: name,
      firstRows: bench.firstRows,
      firstRowsRendered: bench.firstRowsRendered,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
      parquetStart: parquet.length ? Math.min(...parquet.map((r) => r.fetchStart)) : 0,
      dataFilesEnd: Math.max(0, ...data.map((r) => r.responseEnd)),
      longTasks: [...bench.longTasks]
    };
  }, file);
  return {page, load, errors: () => [...watched.consoleErrors, ...watched.externalRequests.map((u) => `external request: ${u}`)]};
}

/** One weight change, measured in the page. */
async function change(page: Page, slider: string, value: number): Promise<{sync: number; rendered: number; updated: boolean}> {
  return page.evaluate(
    async ({slider, value}) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="weight-${slider}"]`);
      if (!input) throw new Error(`no slider weight-${slider}`);
      const table = document.querySelector<HTMLElement>("[data-testid=ranking]")!;
      const version = Number(table.dataset.version);
      input.value = String(value);
      const t0 = performance.now();
      input.dispatchEvent(new Event("input", {bubbles: true}));
      const t1 = performance.now();
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const t2 = performance.now();
      return {sync: t1 - t0, rendered: t2 - t0, updated: Number(table.dataset.version) === version + 1};
    },
    {slider, value}
  );
}

/** The plan of changes: sliders in turn, values in a different cycle, never a no-op. */
function plan(count: number, offset: number): {slider: string; value: number}[] {
  const current = new Map<string, number>(SLIDERS.map((s) => [s, 1]));
  const out: {slider: string; value: number}[] = [];
  for (let i = 0; i < count; i++) {
    const slider = SLIDERS[(i + offset) % SLIDERS.length]!;
    let j = (i * 5 + offset) % VALUES.length;
    while (VALUES[j] === current.get(slider)) j = (j + 1) % VALUES.length;
    current.set(slider, VALUES[j]!);
    out.push({slider, value: VALUES[j]!});
  }
  return out;
}

async function runChanges(page: Page, name: string, steps: {slider: string; value: number}[]): Promise<{changes: Change[]; longTasks: LongTask[]}> {
  const start = await page.evaluate(() => performance.now());
  const changes: Change[] = [];
  for (const s of steps) changes.push({page: name, ...s, ...(await change(page, s.slider, s.value))});
  const longTasks = await page.evaluate(
    (start) => (window as unknown as {__bench: {longTasks: LongTask[]}}).__bench.longTasks.filter((t) => t.start >= start),
    start
  );
  return {changes, longTasks};
}

function quantile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function describeDist(label: string, xs: readonly number[]): string {
  return `${label.padEnd(34)} p50 ${r1(quantile(xs, 0.5)).toFixed(1).padStart(6)}  p95 ${r1(quantile(xs, 0.95)).toFixed(1).padStart(6)}  max ${r1(Math.max(...xs)).toFixed(1).padStart(6)}  min ${r1(Math.min(...xs)).toFixed(1).padStart(6)} ms  (n=${xs.length})`;
}

// Where the time goes (separate pass) ---------------------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: {name?: string; data?: Record<string, unknown>};
}

interface ProfileNode {
  id: number;
  callFrame: {functionName: string; url: string; lineNumber: number};
  children?: number[];
}

/**
 * Main-thread time per change from the trace: the input handler (EventDispatch
 * of type "input") and the style/layout it forces synchronously, then the
 * rendering work outside the handler (the frame), then GC.
 */
function summariseTrace(events: TraceEvent[], changes: number): string[] {
  const mainThreads = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const slices = events.filter((e) => e.ph === "X" && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`));
  const handlers = slices.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "input");
  const inHandler = (e: TraceEvent) => handlers.some((h) => h.pid === e.pid && h.tid === e.tid && e.ts >= h.ts && e.ts + e.dur! <= h.ts + h.dur!);
  const per = (ms: number) => `${(ms / changes).toFixed(2).padStart(7)} ms per change`;
  const sum = (xs: TraceEvent[]) => xs.reduce((a, e) => a + e.dur! / 1000, 0);
  const rendering = ["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "UpdateLayer", "HitTest"];
  const lines = [`  input handler (EventDispatch "input")  ${per(sum(handlers))}  (${handlers.length} dispatches)`];
  for (const name of rendering) {
    const forced = slices.filter((e) => e.name === name && inHandler(e));
    if (forced.length) lines.push(`    forced inside the handler: ${name.padEnd(18)} ${per(sum(forced))}`);
  }
  lines.push("  rendering outside the handler (the frame):");
  for (const name of rendering) {
    const framed = slices.filter((e) => e.name === name && !inHandler(e));
    if (framed.length) lines.push(`    ${name.padEnd(40)} ${per(sum(framed))}`);
  }
  const gc = slices.filter((e) => /^(MinorGC|MajorGC|V8\.GC_)/.test(e.name) && !slices.some((o) => o !== e && /^(MinorGC|MajorGC)$/.test(o.name) && e.ts > o.ts && e.ts < o.ts + o.dur!));
  lines.push(`  garbage collection on the main thread             ${per(sum(gc.filter((e) => /^(MinorGC|MajorGC)$/.test(e.name))))}`);
  return lines;
}

/** Self time of the sampling profile by script file and by function. */
function summariseProfile(profile: {nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]}, changes: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const file = (url: string) => (url ? url.replace(/^.*\/(_import|_node|_observablehq|_npm)\//, "$1/").replace(/\?.*$/, "") : "");
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const key = file(f.url) || f.functionName || "(native)";
    byFile.set(key, (byFile.get(key) ?? 0) + ms);
    const fn = `${f.functionName || "(anonymous)"}  ${file(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `  ${(ms / changes).toFixed(2).padStart(7)} ms per change  ${k}`);
  const lines = ["JS self time by file (sampling profiler; native DOM calls by name):", ...top(byFile, 12), "JS self time by function:", ...top(byFunction, 16)];
  const replaceState = byFile.get("replaceState") ?? 0;
  if (replaceState / changes > 5) {
    lines.push(
      `  note: history.replaceState costs ~0.1 ms on a clean page; its ${(replaceState / changes).toFixed(1)} ms here is the style + layout of the ` +
        "just-rebuilt DOM, which Blink brings up to date synchronously inside replaceState (a same-document navigation) " +
        "(see \"forced inside the handler: Layout\" above; --what-if defers the URL write to show it)."
    );
  }
  return lines;
}

async function profilePass(browser: Browser, server: StaticServer, file: string, steps: {slider: string; value: number}[]): Promise<string[]> {
  const {page} = await openPage(browser, server, file);
  const cdp: CDPSession = await page.context().newCDPSession(page);
  // Tracing pass.
  await browser.startTracing(page, {categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink"]});
  for (const s of steps) await change(page, s.slider, s.value);
  const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as {traceEvents: TraceEvent[]};
  // Sampling profiler pass (the same steps again, values rotate).
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", {interval: 100});
  await cdp.send("Profiler.start");
  for (const s of steps) await change(page, s.slider, s.value === 0 ? 0.7 : s.value / 2);
  const {profile} = (await cdp.send("Profiler.stop")) as unknown as {profile: {nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]}};
  const loafs = await page.evaluate(() => (window as unknown as {__bench: {loafs: unknown[]}}).__bench.loafs);
  await page.close();
  return [
    `--- where the time goes on ${file} (${steps.length} changes; profiled pass, timings inflated by the instrumentation) ---`,
    "Main-thread time from Chrome's trace:",
    ...summariseTrace(trace.traceEvents, steps.length),
    ...summariseProfile(profile, steps.length),
    `long animation frames during load and changes: ${loafs.length}`
  ];
}

// What if (--what-if) ----------------------------------------------------------------------------

/**
 * Simulated fixes, patched into the page before its scripts run (the
 * components are unchanged): "deferred URL" wraps history.replaceState so the
 * URL is written 250 ms after the last change instead of inside the handler;
 * "50 rows" makes the ranking table's tbody.insertRow hand out detached rows
 * after the 50th, so only 50 rows are laid out.
 */
function simulate(variant: {deferUrl: boolean; maxRows: number}): void {
  if (variant.deferUrl) {
    const replace = history.replaceState.bind(history);
    let timer: ReturnType<typeof setTimeout> | undefined;
    history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
      clearTimeout(timer);
      timer = setTimeout(() => replace(data, unused, url), 250);
    };
  }
  if (variant.maxRows > 0) {
    const insertRow = HTMLTableSectionElement.prototype.insertRow;
    HTMLTableSectionElement.prototype.insertRow = function (this: HTMLTableSectionElement, index?: number) {
      const table = this.parentElement as HTMLElement | null;
      if (this.tagName === "TBODY" && table?.dataset.testid === "ranking" && this.rows.length >= variant.maxRows) return document.createElement("tr");
      return insertRow.call(this, index);
    };
  }
}

async function whatIf(browser: Browser, server: StaticServer): Promise<string[]> {
  const variants = [
    {label: "as built", deferUrl: false, maxRows: 0},
    {label: "deferred URL write", deferUrl: true, maxRows: 0},
    {label: "table limited to 50 rows", deferUrl: false, maxRows: 50},
    {label: "both", deferUrl: true, maxRows: 50}
  ];
  const lines = ["--- what if (simulated in the page by patching DOM APIs; the components are unchanged) ---"];
  for (const file of PAGES) {
    for (const v of variants) {
      const watched = await openWatchedPage(browser, server.url);
      await watched.page.addInitScript({content: "globalThis.__name = (fn) => fn;"});
      await watched.page.addInitScript(simulate, {deferUrl: v.deferUrl, maxRows: v.maxRows});
      await watched.page.goto(`${server.url}/${file}`);
      await watched.page.waitForSelector(ROWS, {timeout: 60_000});
      const changes: {sync: number; rendered: number}[] = [];
      for (const step of plan(30, file === PAGES[0] ? 0 : 3)) changes.push(await change(watched.page, step.slider, step.value));
      await watched.page.close();
      const q = (key: "sync" | "rendered", p: number) => r1(quantile(changes.map((c) => c[key]), p)).toFixed(1).padStart(6);
      lines.push(`  ${file.padEnd(16)} ${v.label.padEnd(26)} rendered p50 ${q("rendered", 0.5)} p95 ${q("rendered", 0.95)}   sync p50 ${q("sync", 0.5)} p95 ${q("sync", 0.95)} ms (n=${changes.length})`);
    }
  }
  return lines;
}

// Main ---------------------------------------------------------------------------------------------

const args = new Set(process.argv.slice(2));
const server = await serveStatic(DIST);
const browser = await launchBrowser();
try {
  const problems: string[] = [];
  const nom = await openPage(browser, server, "nominering.html");
  const nomRun = await runChanges(nom.page, "nominering", plan(NOMINATION_CHANGES, 0));
  problems.push(...nom.errors().map((e) => `nominering: ${e}`));
  await nom.page.close();

  const imp = await openPage(browser, server, "utveckling.html");
  const impRun = await runChanges(imp.page, "utveckling", plan(IMPROVEMENT_CHANGES, 3));
  problems.push(...imp.errors().map((e) => `utveckling: ${e}`));
  await imp.page.close();

  const changes = [...nomRun.changes, ...impRun.changes];
  const notUpdated = changes.filter((c) => !c.updated);
  if (notUpdated.length) problems.push(`${notUpdated.length} change(s) did not re-render the table exactly once: ${notUpdated.map((c) => `${c.page} ${c.slider}=${c.value}`).join(", ")}`);
  const longTasks = [...nomRun.longTasks, ...impRun.longTasks];
  const rendered = changes.map((c) => c.rendered);
  const sync = changes.map((c) => c.sync);
  const p95 = quantile(rendered, 0.95);
  const longest = longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0;

  console.log(`Browser benchmark: built site in headless Chromium (${(await browser.version()) || "chromium"}), ${changes.length} weight changes`);
  console.log(`  ${nomRun.changes.length} on nominering.html, ${impRun.changes.length} on utveckling.html; sliders ${SLIDERS.join(", ")}`);
  console.log("Per change (dispatch of the input event → …):");
  console.log(describeDist("  rendered, all pages", rendered));
  console.log(describeDist("  rendered, nominering", nomRun.changes.map((c) => c.rendered)));
  console.log(describeDist("  rendered, utveckling", impRun.changes.map((c) => c.rendered)));
  console.log(describeDist("  sync handler, all pages", sync));
  console.log(describeDist("  sync handler, nominering", nomRun.changes.map((c) => c.sync)));
  console.log(describeDist("  sync handler, utveckling", impRun.changes.map((c) => c.sync)));
  console.log(describeDist("  rendered − sync (frame wait+paint)", changes.map((c) => c.rendered - c.sync)));
  console.log(`  first change: nominering sync ${r1(nomRun.changes[0]!.sync)} ms / rendered ${r1(nomRun.changes[0]!.rendered)} ms; utveckling sync ${r1(impRun.changes[0]!.sync)} ms / rendered ${r1(impRun.changes[0]!.rendered)} ms`);
  const slowest = [...changes].sort((a, b) => b.rendered - a.rendered).slice(0, 5);
  console.log(`  slowest: ${slowest.map((c) => `${c.page} ${c.slider}=${c.value} ${r1(c.rendered)} ms (sync ${r1(c.sync)})`).join("; ")}`);
  console.log(
    `Long tasks (≥ 50 ms, PerformanceObserver "longtask") during the changes: ${longTasks.length}` +
      (longTasks.length ? `, longest ${r1(longest)} ms` : " (so every task was < 50 ms)")
  );
  for (const load of [nom.load, imp.load]) {
    const loadLong = load.longTasks;
    console.log(
      `First load ${load.page}: navigation start → table rows ${r1(load.firstRows)} ms, → rendered ${r1(load.firstRowsRendered)} ms ` +
        `(DOMContentLoaded ${r1(load.domContentLoaded)} ms, first Parquet request ${r1(load.parquetStart)} ms, last data file received ${r1(load.dataFilesEnd)} ms; ` +
        `${loadLong.length} long tasks, longest ${r1(Math.max(0, ...loadLong.map((t) => t.duration)))} ms)`
    );
  }
  const verdict = p95 < TARGET_P95_MS ? "meets" : "MISSES";
  console.log(`p95 to rendered ${r1(p95)} ms ${verdict} the target of ${TARGET_P95_MS} ms.`);
  for (const p of problems) console.log(`PROBLEM: ${p}`);

  if (args.has("--profile") || p95 >= TARGET_P95_MS) {
    for (const line of await profilePass(browser, server, "nominering.html", plan(30, 0))) console.log(line);
    for (const line of await profilePass(browser, server, "utveckling.html", plan(12, 3))) console.log(line);
  }
  if (args.has("--what-if")) for (const line of await whatIf(browser, server)) console.log(line);

  const nomP = (xs: Change[], key: "sync" | "rendered", p: number) => r1(quantile(xs.map((c) => c[key]), p));
  console.log(
    JSON.stringify({
      measure: "input event dispatch → next animation frame rendered (rAF + setTimeout 0), ms",
      p50_ms: r1(quantile(rendered, 0.5)),
      p95_ms: r1(p95),
      max_ms: r1(Math.max(...rendered)),
      sync_p50_ms: r1(quantile(sync, 0.5)),
      sync_p95_ms: r1(quantile(sync, 0.95)),
      sync_max_ms: r1(Math.max(...sync)),
      nominering_p50_ms: nomP(nomRun.changes, "rendered", 0.5),
      nominering_p95_ms: nomP(nomRun.changes, "rendered", 0.95),
      utveckling_p50_ms: nomP(impRun.changes, "rendered", 0.5),
      utveckling_p95_ms: nomP(impRun.changes, "rendered", 0.95),
      nominering_sync_p95_ms: nomP(nomRun.changes, "sync", 0.95),
      utveckling_sync_p95_ms: nomP(impRun.changes, "sync", 0.95),
      longest_task_ms: r1(longest),
      long_tasks_over_50ms: longTasks.filter((t) => t.duration > 50).length,
      first_load_ms: r1(nom.load.firstRows),
      first_load_rendered_ms: r1(nom.load.firstRowsRendered),
      first_load_utveckling_ms: r1(imp.load.firstRows),
      changes: changes.length,
      target_p95_ms: TARGET_P95_MS,
      meets_target: p95 < TARGET_P95_MS,
      problems: problems.length
    })
  );
  if (problems.length) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
