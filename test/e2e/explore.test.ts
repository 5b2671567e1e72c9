/**
 * Utforska (the SQL page) of the built site in headless Chromium:
 * - a query given in the URL runs and returns what an independent native
 *   DuckDB query of the snapshot's own Parquet file returns;
 * - a syntax error shows DuckDB's message (`sql-error`), not a blank page, with
 *   no console error, and the page stays usable;
 * - queries naming an external URL (or trying to load an extension or switch
 *   the lock off) fail without any request leaving the site: checked by the
 *   browser context's request log (which does see the DuckDB worker's own
 *   requests) and by a decoy server on another origin that no request reaches;
 * - the `nominering` and `utveckling` tables, with settings from the link,
 *   equal the `rank` command's (cli/rank.ts `main`);
 * - completion from the schema, the CSV and Parquet downloads, the history.
 * Needs `npm run build` first (the test command does that).
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {parquetReadObjects} from "hyparquet";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {HISTORY_KEY} from "../../src/components/query-history.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {sql} from "../helpers/duckdb.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const SNAPSHOT_VALUES = path.join(SNAPSHOT, "values/kolada_1994-2022_long.parquet");
const MODEL_FILE = path.join(REPO_ROOT, "data/models/skk-standard.json");
const decoyRoot = mkdtempSync(path.join(tmpdir(), "explore-decoy-"));

let server: StaticServer;
let browser: Browser;

/** Utforska's URL with these parameters. */
function pageUrl(params: Record<string, string>): string {
  return `${server.url}/utforska.html?${new URLSearchParams(params)}`;
}

/** Waits until run number `n` (1 = the URL's query) has finished, error or not. */
async function runFinished(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.querySelector<HTMLElement>(".sql-output")?.dataset.runs ?? 0) >= k, n, {timeout: 60_000});
}

/** The result table as header and rows of cell text. */
async function readResult(page: Page): Promise<{header: string[]; rows: string[][]; total: number}> {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLTableElement>("[data-testid=sql-result]")!;
    return {
      header: [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
      rows: [...table.tBodies[0]!.rows].map((tr) => [...tr.cells].map((td) => td.textContent ?? "")),
      total: Number(table.dataset.rows)
    };
  });
}

/** Replaces the editor's text by typing, then runs it with Ctrl+Enter; waits for the run to finish. */
async function typeAndRun(page: Page, query: string): Promise<void> {
  const before = Number(await page.locator(".sql-output").getAttribute("data-runs"));
  await page.locator("[data-testid=sql-editor] .cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(query);
  await page.keyboard.press("Control+Enter");
  await runFinished(page, before + 1);
}

interface CliRow {
  rank: number | null;
  code: string;
  score: number | null;
}

/** The rank command's ranked rows in rank order (`--format json`, run in process). */
async function cliRanking(args: string[]): Promise<CliRow[]> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--format", "json"], {
    env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT},
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s)
  });
  if (code !== 0) throw new Error(`rank ${args.join(" ")} exited with ${code}: ${stderr}`);
  return (JSON.parse(stdout).rows as CliRow[]).filter((r) => r.rank !== null);
}

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(decoyRoot, {recursive: true, force: true});
});

describe("Utforska: a query in the URL (built site)", () => {
  const QUERY = `SELECT year, count(*) AS n FROM "values" WHERE kpi = 'N15428' AND gender = 'T' AND municipality_code <> '0000' GROUP BY year ORDER BY year`;
  let watched: WatchedPage;

  beforeAll(async () => {
    watched = await openWatchedPage(browser, server.url);
    await watched.page.goto(pageUrl({sql: QUERY}));
    await runFinished(watched.page, 1);
  }, 90_000);

  it("runs the query from ?sql= and returns the counts an independent query of the snapshot gives", async () => {
    // The snapshot's own file, read by native DuckDB with the data's definition
    // (kommun rows, 2010 on, a finite value: README "Outputs of the loaders").
    const expected = await sql<{year: number; n: number}>(`
      SELECT year::INTEGER AS year, count(*)::INTEGER AS n FROM read_parquet('${SNAPSHOT_VALUES}')
      WHERE kpi = 'N15428' AND gender = 'T' AND area_level = 'kommun' AND year >= 2010 AND value IS NOT NULL AND isfinite(value)
      GROUP BY year ORDER BY year`);
    expect(expected.length).toBeGreaterThan(10);
    const result = await readResult(watched.page);
    expect(result.header).toEqual(["year", "n"]);
    expect(result.rows).toEqual(expected.map((r) => [String(r.year), String(r.n)]));
    expect(result.total).toBe(expected.length);
    expect(await watched.page.locator("[data-testid=sql-error]").isHidden()).toBe(true);
    // Row count and time, the editor holds the query, a line chart for a year series.
    expect(await watched.page.locator("[data-testid=sql-summary]").textContent()).toMatch(new RegExp(`^${expected.length} rader, 2 kolumner\\. Tid: [\\d,]+ m?s\\.$`));
    expect(await watched.page.locator("[data-testid=sql-editor] .cm-content").innerText()).toBe(QUERY);
    expect(await watched.page.locator("[data-testid=sql-chart]").getAttribute("data-kind")).toBe("line");
    expect(await watched.page.locator("[data-testid=sql-chart] svg").count()).toBeGreaterThan(0);
  });

  it("the total over every row equals the snapshot's count, Riket (0000) included", async () => {
    await typeAndRun(watched.page, `SELECT count(*) AS n, count(*) FILTER (WHERE municipality_code = '0000') AS riket FROM "values" WHERE kpi = 'N15428'`);
    const [expected] = await sql<{n: number; riket: number}>(`
      SELECT count(*)::INTEGER AS n, (count(*) FILTER (WHERE area_level = 'riket'))::INTEGER AS riket FROM read_parquet('${SNAPSHOT_VALUES}')
      WHERE kpi = 'N15428' AND area_level IN ('kommun', 'riket') AND year >= 2010 AND value IS NOT NULL AND isfinite(value)`);
    expect((await readResult(watched.page)).rows).toEqual([[String(expected!.n), String(expected!.riket)]]);
    expect(expected!.riket).toBeGreaterThan(0);
  });

  it("lists the five tables with exact row counts and their columns in the schema panel", async () => {
    const panel = await watched.page.evaluate(() =>
      [...document.querySelectorAll<HTMLDetailsElement>("[data-testid=schema-panel] details")].map((d) => ({
        table: d.dataset.table,
        rows: d.querySelector("[data-testid=schema-rows]")?.textContent,
        columns: [...d.querySelectorAll<HTMLElement>("li[data-column]")].map((li) => li.dataset.column)
      }))
    );
    expect(panel.map((t) => t.table)).toEqual(["values", "municipalities", "kpis", "nominering", "utveckling"]);
    // The values table holds every model's KPIs plus N01951 (population), kommuner and Riket, 2010 on.
    const kpis = [...modelKpis(), "N01951"].map((k) => `'${k}'`).join(",");
    const [counts] = await sql<{n: number}>(`
      SELECT count(*)::INTEGER AS n FROM read_parquet('${SNAPSHOT_VALUES}')
      WHERE kpi IN (${kpis}) AND area_level IN ('kommun', 'riket') AND year >= 2010 AND value IS NOT NULL AND isfinite(value)`);
    expect(panel[0]!.rows).toBe(`${new Intl.NumberFormat("sv-SE").format(counts!.n)} rader`);
    expect(panel[1]!.rows).toBe("290 rader");
    expect(panel[3]!.rows).toBe("290 rader");
    expect(panel[0]!.columns).toEqual(["kpi", "municipality_code", "year", "gender", "value"]);
    expect(panel[3]!.columns).toContain("dim_resultatkvalitet");
    expect(panel[4]!.columns).toContain("steadiness");
  });

  it("completes table and column names from the schema, quoting the reserved name values", async () => {
    const page = watched.page;
    await page.locator("[data-testid=sql-editor] .cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("SELECT kommungr");
    await page.keyboard.press("Control+Space");
    await page.waitForSelector(".cm-tooltip-autocomplete");
    expect(await page.locator(".cm-tooltip-autocomplete li").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("kommungrupp")]));
    await page.keyboard.press("Escape");
    await page.keyboard.type(" FROM valu");
    await page.keyboard.press("Control+Space");
    // The table comes first, above the column `value` and the keyword VALUES.
    await page.waitForSelector(".cm-tooltip-autocomplete li[aria-selected] >> text=/^values/");
    // CodeMirror ignores Enter on a completion list younger than its interactionDelay (75 ms).
    await page.waitForTimeout(200);
    await page.keyboard.press("Enter");
    expect(await page.locator("[data-testid=sql-editor] .cm-content").innerText()).toBe('SELECT kommungr FROM "values"');
  });

  it("keeps the query in the URL and in the history of the last queries", async () => {
    const page = watched.page;
    await typeAndRun(page, "SELECT 42 AS svar");
    await expect.poll(() => new URL(page.url()).searchParams.get("sql")).toBe("SELECT 42 AS svar");
    const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), HISTORY_KEY)) ?? "[]") as string[];
    expect(stored[0]).toBe("SELECT 42 AS svar");
    expect(stored).toContain(QUERY);
    await page.reload();
    await runFinished(page, 1);
    expect(await page.locator("[data-testid=sql-history] option").count()).toBeGreaterThanOrEqual(1 + stored.length);
    expect((await readResult(page)).rows).toEqual([["42"]]);
  });

  it("downloads the result as CSV for Swedish Excel and as Parquet, every row", async () => {
    const page = watched.page;
    await typeAndRun(page, `SELECT 'Upplands Väsby' AS kommun, -1.5 AS delta, 2022 AS year, 'a;b' AS text UNION ALL SELECT 'Håbo', 0.25, 2021, NULL ORDER BY year`);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=sql-export-csv]").click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^utforska_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString("utf8")).toBe('kommun;delta;year;text\r\nHåbo;0,25;2021;\r\nUpplands Väsby;-1,5;2022;"a;b"\r\n');
    const [parquetDownload] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=sql-export-parquet]").click()]);
    const bytes = readFileSync((await parquetDownload.path())!);
    const rows = await parquetReadObjects({file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)});
    expect(rows).toEqual([
      {kommun: "Håbo", delta: 0.25, year: 2021, text: null},
      {kommun: "Upplands Väsby", delta: -1.5, year: 2022, text: "a;b"}
    ]);
  });

  it("runs an example from the menu: Stockholm against Riket, whose code is 0000 in the values table", async () => {
    const page = watched.page;
    const before = Number(await page.locator(".sql-output").getAttribute("data-runs"));
    await page.locator("[data-testid=sql-examples]").selectOption({label: "En kommuns serie mot rikets"});
    await runFinished(page, before + 1);
    const result = await readResult(page);
    expect(result.header).toEqual(["year", "stockholm", "riket"]);
    const riket = await sql<{year: number; value: number}>(`
      SELECT year::INTEGER AS year, value FROM read_parquet('${SNAPSHOT_VALUES}')
      WHERE kpi = 'N15428' AND gender = 'T' AND area_level = 'riket' AND year >= 2010 ORDER BY year`);
    expect(riket.length).toBeGreaterThan(0);
    const shown = new Map(result.rows.map((r) => [Number(r[0]), Number(r[2]!.replace(",", "."))]));
    for (const {year, value} of riket) expect(shown.get(year)).toBeCloseTo(value, 5);
    expect(await page.locator("[data-testid=sql-chart]").getAttribute("data-kind")).toBe("line");
  });

  it("logs no console error and requests nothing outside its own origin", () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});

describe("Utforska: errors", () => {
  it("a syntax error shows DuckDB's message, not a blank page, with no console error; the page stays usable", async () => {
    const watched = await openWatchedPage(browser, server.url);
    const page = watched.page;
    await page.goto(pageUrl({sql: "SELEC count(*) FROM kpis"}));
    await runFinished(page, 1);
    const error = page.locator("[data-testid=sql-error]");
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
    expect(await error.textContent()).toContain("LINE 1: SELEC count(*) FROM kpis");
    expect(await page.locator("[data-testid=sql-result]").count()).toBe(0);
    expect(await page.locator("[data-testid=sql-summary]").textContent()).toBe("Frågan kunde inte köras.");
    // The rest of the page is there.
    expect(await page.locator("[data-testid=schema-panel] details").count()).toBe(5);
    expect(await page.locator("[data-testid=source-note]").textContent()).toContain("Egen bearbetning av data från Kolada (RKA)");
    // A runtime error too, then a good query: the page answers again.
    await typeAndRun(page, "SELECT * FROM no_such_table");
    expect(await error.textContent()).toMatch(/^Catalog Error: Table with name no_such_table does not exist/);
    await typeAndRun(page, "SELECT count(*) AS n FROM kpis; -- två satser: den sista visas\nSELECT count(*) AS n FROM municipalities");
    expect(await error.isHidden()).toBe(true);
    expect((await readResult(page)).rows).toEqual([["290"]]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });

  it("says which link parameters it ignored (unprefixed or unknown)", async () => {
    const watched = await openWatchedPage(browser, server.url);
    await watched.page.goto(pageUrl({year: "2021", "nom.year": "1900", sql: "SELECT 1 AS a"}));
    await runFinished(watched.page, 1);
    const notice = await watched.page.locator("[data-testid=url-notice]").textContent();
    expect(notice).toContain("Okänd parameter ”year” ignorerades.");
    expect(notice).toContain("Ogiltigt värde för ”nom.year” (1900)");
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe("Utforska: no query reaches outside the site", () => {
  let context: BrowserContext;
  let decoy: StaticServer;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  let page: Page;

  beforeAll(async () => {
    // Another origin on this machine: a request that left the page would arrive here.
    decoy = await serveStatic(decoyRoot);
    // No request routing here: whatever the page or its workers ask for is logged and really sent.
    context = await browser.newContext();
    context.on("request", (r) => void requests.push(r.url()));
    page = await context.newPage();
    // Chromium asks this context (not routed) for /favicon.ico, which the site does not have: not the page's error.
    page.on("console", (m) => void (m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && consoleErrors.push(m.text())));
    page.on("pageerror", (e) => void consoleErrors.push(String(e)));
    await page.goto(pageUrl({sql: "SELECT * FROM 'https://example.com/x.parquet'"}));
    await runFinished(page, 1);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await decoy?.close();
  });

  const errorText = () => page.locator("[data-testid=sql-error]").textContent();

  it("a query naming an external URL fails", async () => {
    expect(await page.locator("[data-testid=sql-error]").isVisible()).toBe(true);
    // Without the lock DuckDB-WASM would fetch the parquet extension from extensions.duckdb.org here.
    expect(await errorText()).toContain("https://example.com/x.parquet");
  });

  it("so do URLs in read_parquet, read_csv and ATTACH, extension installs and unlocking", async () => {
    const attempts: [string, RegExp][] = [
      [`SELECT * FROM read_parquet('${decoy.url}/x.parquet')`, /Catalog Error: .*read_parquet.* is not in the catalog/],
      [`SELECT * FROM read_csv('${decoy.url}/x.csv')`, /Permission Error: .*disabled by configuration/],
      [`SELECT * FROM '${decoy.url}/x.csv'`, /Permission Error: .*disabled by configuration/],
      [`ATTACH '${decoy.url}/x.duckdb' AS remote`, /Permission Error/],
      [`COPY (SELECT 1) TO '${decoy.url}/out.csv'`, /Permission Error/],
      ["INSTALL httpfs; LOAD httpfs", /Permission Error: Loading external extensions is disabled/],
      ["SET enable_external_access = true", /the configuration has been locked/],
      ["SET autoload_known_extensions = true", /the configuration has been locked/],
      ["RESET lock_configuration", /the configuration has been locked/]
    ];
    for (const [query, message] of attempts) {
      await typeAndRun(page, query);
      expect(await page.locator("[data-testid=sql-error]").isVisible(), query).toBe(true);
      expect(await errorText(), query).toMatch(message);
    }
    // The site's own tables still answer.
    await typeAndRun(page, "SELECT count(*) AS n FROM municipalities");
    expect((await readResult(page)).rows).toEqual([["290"]]);
  });

  it("and no request left the site: not to the decoy origin, not to the internet, from the page or the DuckDB worker", () => {
    expect(decoy.requests).toEqual([]);
    expect(requests.filter((url) => new URL(url).origin !== server.url && !url.startsWith("data:") && !url.startsWith("blob:"))).toEqual([]);
    // The log does see the worker's requests: DuckDB's worker fetched its WebAssembly from the site.
    expect(requests.some((url) => url.startsWith(server.url) && url.endsWith("duckdb-eh.wasm"))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});

describe("Utforska: the engine's tables equal the rank command", () => {
  it("nominering's top 10 (and full-precision scores) with nom.year=2022 are the rank command's", async () => {
    const watched = await openWatchedPage(browser, server.url);
    const [, cli] = await Promise.all([
      watched.page.goto(pageUrl({"nom.year": "2022", sql: "SELECT rank, municipality_code, score::VARCHAR AS score FROM nominering WHERE rank <= 10 ORDER BY rank"})),
      cliRanking(["--model", MODEL_FILE, "--year", "2022"])
    ]);
    await runFinished(watched.page, 1);
    const {rows} = await readResult(watched.page);
    expect(rows.map((r) => r[1])).toEqual(cli.slice(0, 10).map((r) => r.code));
    expect(rows.map((r) => Number(r[0]))).toEqual(cli.slice(0, 10).map((r) => r.rank));
    rows.forEach((r, i) => expect(Number(r[2])).toBeCloseTo(cli[i]!.score!, 12));
    expect(await watched.page.locator('[data-testid=explore-settings] li[data-table="nominering"]').textContent()).toContain("år 2022");
    expect(watched.consoleErrors).toEqual([]);
  });

  it("utveckling with utv.year=2021&utv.window=3 is the rank command's improvement ranking for that window", async () => {
    const watched = await openWatchedPage(browser, server.url);
    const [, cli] = await Promise.all([
      watched.page.goto(pageUrl({"utv.year": "2021", "utv.window": "3", sql: "SELECT municipality_code FROM utveckling WHERE rank IS NOT NULL ORDER BY rank"})),
      cliRanking(["--model", MODEL_FILE, "--year", "2021", "--kind", "improvement", "--window", "3"])
    ]);
    await runFinished(watched.page, 1);
    const {rows} = await readResult(watched.page);
    expect(rows.map((r) => r[0])).toEqual(cli.map((r) => r.code));
    expect(await watched.page.locator('[data-testid=explore-settings] li[data-table="utveckling"]').textContent()).toContain("2019–2021 (3 år)");
    expect(watched.consoleErrors).toEqual([]);
  });
});

describe("Utforska under a sub-path (/dist/)", () => {
  it("starts DuckDB from the site's own files and answers a query", async () => {
    const root = await serveStatic(REPO_ROOT);
    try {
      const watched = await openWatchedPage(browser, root.url);
      await watched.page.goto(`${root.url}/dist/utforska.html?${new URLSearchParams({sql: "SELECT count(*) AS n FROM municipalities"})}`);
      await runFinished(watched.page, 1);
      expect((await readResult(watched.page)).rows).toEqual([["290"]]);
      expect(root.requests.filter((p) => p.endsWith(".wasm") || p.endsWith(".parquet")).every((p) => p.startsWith("/dist/"))).toBe(true);
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.externalRequests).toEqual([]);
    } finally {
      await root.close();
    }
  }, 90_000);
});

/** The KPIs of every model in data/models/ (the values file holds them plus N01951). */
function modelKpis(): string[] {
  const dir = path.join(REPO_ROOT, "data/models");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  return [...new Set(files.flatMap((f) => (JSON.parse(readFileSync(path.join(dir, f), "utf8")) as {indicators: {kpi: string}[]}).indicators.map((i) => i.kpi)))];
}
