/**
 * The built site in headless Chromium: the overview page renders its coverage
 * chart and table from DuckDB-WASM, shows the manifest and attribution, logs no
 * console error and makes no request outside its own origin.
 * Needs `npm run build` first (the test command does that).
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT, snapshotDirFromEnv} from "../../loaders/config.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {sql} from "../helpers/duckdb.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const SNAPSHOT_VALUES = path.join(snapshotDirFromEnv() ?? path.resolve(REPO_ROOT, "../shared/kolada"), "values/kolada_1994-2022_long.parquet");

let server: StaticServer;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  watched = await openWatchedPage(browser, server.url);
  await watched.page.goto(`${server.url}/index.html`);
  await watched.page.waitForSelector("[data-testid=coverage-table] tbody tr", {timeout: 60_000});
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("overview page (built site)", () => {
  it("renders the coverage chart as an SVG with one cell per KPI and year, each with the snapshot's count", async () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, "_file/data", manifestName()), "utf8")) as {kpis: string[]; years: number[]};
    // Each cell's tooltip: "N15428 <title>\n2022: 290 av 290 kommuner".
    const cells = await watched.page.locator("[data-testid=coverage-chart] svg rect").evaluateAll((rects) => rects.map((r) => r.querySelector("title")?.textContent ?? ""));
    const shown = cells.map((title) => {
      const m = /^(\S+) [\s\S]*\n(\d{4}): (\d+) av 290 kommuner$/.exec(title);
      if (!m) throw new Error(`a chart rect without a cell tooltip: ${JSON.stringify(title)}`);
      return `${m[1]} ${m[2]} ${m[3]}`;
    });
    // The same counts straight from the snapshot: kommuner with a gender-T value, per KPI and year of the site's data.
    const expected = await sql<{kpi: string; year: number; n: number}>(
      `SELECT kpi, year, count(DISTINCT municipality_id)::INTEGER AS n FROM read_parquet('${SNAPSHOT_VALUES.replaceAll("'", "''")}')
       WHERE gender = 'T' AND area_level = 'kommun' AND value IS NOT NULL
         AND kpi IN (${manifest.kpis.map((k) => `'${k}'`).join(",")}) AND year BETWEEN ${manifest.years[0]} AND ${manifest.years.at(-1)}
       GROUP BY kpi, year`
    );
    // Exactly one cell per (KPI, year) with a value, no more, none twice.
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort()).toEqual(expected.map((e) => `${e.kpi} ${e.year} ${e.n}`).sort());
    // Every KPI of the data has cells, and every year of the data appears.
    expect(new Set(expected.map((e) => e.kpi))).toEqual(new Set(manifest.kpis));
    expect(new Set(expected.map((e) => e.year))).toEqual(new Set(manifest.years));
  });

  it("lists every KPI of the data in the coverage table, with 290 for population in 2022", async () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, "_file/data", manifestName()), "utf8"));
    const kpis = await watched.page.locator("[data-testid=coverage-table] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kpi")));
    expect(kpis.sort()).toEqual([...manifest.kpis].sort());
    const header = await watched.page.locator("[data-testid=coverage-table] thead th").allTextContents();
    const row = await watched.page.locator('[data-testid=coverage-table] tr[data-kpi="N01951"] td').allTextContents();
    expect(row[header.indexOf("2022")]).toBe("290");
  });

  it("shows the source, its date and the attribution", async () => {
    const note = await watched.page.locator("[data-testid=source-note]").textContent();
    expect(note).toContain("offline-ögonblicksbild");
    expect(note).toContain("augusti 2024");
    expect(note).toContain("Egen bearbetning av data från Kolada (RKA)");
    expect(note).toMatch(/290\s+kommuner/);
  });

  it("calls the default model a proposal", async () => {
    const text = await watched.page.locator('[data-testid=models] [data-model="skk-standard"]').textContent();
    expect(text).toContain("förslag – inte SKR:s modell");
  });

  it("logs no console error and requests nothing outside its own origin", async () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
    expect(server.requests.some((p) => p.endsWith(".wasm"))).toBe(true);
  });
});

/** The hashed file name Framework gave manifest.json in dist/_file/data/. */
function manifestName(): string {
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  const match = /_file\/data\/(manifest\.[0-9a-f]+\.json)/.exec(html);
  if (!match) throw new Error("dist/index.html does not reference data/manifest.json");
  return match[1]!;
}
