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
import {REPO_ROOT} from "../../loaders/config.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");

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
  it("renders the coverage chart as an SVG with one cell per KPI and year", async () => {
    const cells = await watched.page.locator("[data-testid=coverage-chart] svg rect").count();
    const manifest = JSON.parse(readFileSync(path.join(DIST, "_file/data", manifestName()), "utf8"));
    // At least one cell per KPI (each KPI has values in some year).
    expect(cells).toBeGreaterThanOrEqual(manifest.kpis.length);
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
