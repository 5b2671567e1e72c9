/**
 * Every chart's data one click away (issue 11, WCAG 1.1.1): the "Visa data"
 * tables under the charts of Utvecklingskommun, Granskning and Robusthet in
 * the built site. A closed table is not built (it costs nothing per change);
 * opened, it shows the chart's numbers — checked against the ranking table
 * on the same page and against the engine in Node — and it follows a weight
 * change while open. Needs `npm run build` first.
 */
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readModel} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {loadDataset} from "../../loaders/dataset.ts";
import {auditIndicators, buildMatrix, defaultWeights, prepareNomination, type ValueMatrix} from "../../src/engine/index.ts";
import {launchBrowser, openWatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const MODEL = readModel(path.join(REPO_ROOT, "data/models/skk-standard.json"));
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

let server: StaticServer;
let browser: Browser;
let matrix: ValueMatrix;

beforeAll(async () => {
  server = await serveStatic(path.join(REPO_ROOT, "dist"));
  browser = await launchBrowser();
  const kpis = MODEL.indicators.map((i) => i.kpi);
  const data = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "skk-standard", file: "skk-standard.json", model: MODEL}]});
  matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(file: string): Promise<{page: Page; errors: () => string[]}> {
  const watched = await openWatchedPage(browser, server.url);
  await watched.page.goto(`${server.url}/${file}`);
  return {page: watched.page, errors: () => [...watched.consoleErrors, ...watched.externalRequests]};
}

/** The rows of a chart-data table (its cells' text), or null when it has no table yet. */
function dataRows(page: Page, testId: string): Promise<string[][] | null> {
  return page.evaluate((id) => {
    const table = document.querySelector(`[data-testid=${id}] table`);
    if (!table) return null;
    return [...table.querySelectorAll("tbody tr")].map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? ""));
  }, testId);
}

async function openData(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid=${testId}] > summary`).click();
  await page.waitForSelector(`[data-testid=${testId}] table`);
}

/** Names of the ranking table's first n rows. */
function topNames(page: Page, n: number): Promise<string[]> {
  return page.evaluate(
    ({rows, n}) => [...document.querySelectorAll<HTMLTableRowElement>(rows)].slice(0, n).map((tr) => tr.cells[1]!.textContent!.trim()),
    {rows: ROWS, n}
  );
}

describe("chart data tables (built site)", () => {
  it("Utvecklingskommun: the trend panels' and level-versus-change data follow the ranking, also after a weight change", async () => {
    const {page, errors} = await open("utveckling.html");
    await page.waitForSelector(ROWS, {timeout: 60_000});
    await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=level-change-data]")?.dataset.version !== undefined, null, {timeout: 30_000});
    // Closed: not built.
    expect(await dataRows(page, "level-change-data")).toBeNull();
    expect(await dataRows(page, "trends-data")).toBeNull();

    await openData(page, "level-change-data");
    await openData(page, "trends-data");
    const check = async () => {
      const rows = (await dataRows(page, "level-change-data"))!;
      const nominated = rows.filter((r) => r[3] === "ja").map((r) => r[0]!);
      // Top N = 10 (the default), scope all: "ja" marks exactly the table's first 10 among the
      // municipalities the chart has (those with a level score in the window's first year too).
      const top = await topNames(page, 10);
      const inChart = new Set(rows.map((r) => r[0]!));
      expect(nominated.sort()).toEqual(top.filter((name) => inChart.has(name)).sort());
      expect(nominated.length).toBeGreaterThanOrEqual(8);
      expect(rows.length).toBeGreaterThan(200);
      const trendMunicipalities = [...new Set((await dataRows(page, "trends-data"))!.map((r) => r[0]!))];
      expect(trendMunicipalities.sort()).toEqual((await topNames(page, 8)).sort());
    };
    await check();
    const before = await topNames(page, 10);
    const version = Number(await page.locator("[data-testid=ranking]").getAttribute("data-version"));
    await page.locator("[data-testid=weight-effekt]").fill("0");
    await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=level-change-data]")?.dataset.version) > v, version);
    expect(await topNames(page, 10)).not.toEqual(before);
    await check();
    expect(errors()).toEqual([]);
  });

  it("Granskning: every KPI pair's Spearman correlation, as the engine's audit gives it", async () => {
    const {page, errors} = await open("granskning.html");
    await page.waitForSelector("[data-testid=correlation-heatmap] svg", {timeout: 60_000});
    expect(await dataRows(page, "correlation-data")).toBeNull();
    await openData(page, "correlation-data");
    const rows = (await dataRows(page, "correlation-data"))!;
    const year = Math.max(...matrix.years);
    const audit = auditIndicators(prepareNomination(matrix, MODEL, year), {weights: defaultWeights(MODEL), topN: 10});
    const {kpis, r} = audit.correlations;
    const dec = (x: number | null) => (x === null || !Number.isFinite(x) ? "–" : new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(x));
    const expected = kpis.flatMap((a, i) => kpis.slice(i + 1).map((b, k) => [a, b, dec(r[i]![i + 1 + k]!)]));
    expect(rows.map((row) => row.slice(0, 3))).toEqual(expected);
    expect(errors()).toEqual([]);
  });

  it("Robusthet: the Sobol indices as a table, one row per bar", async () => {
    const {page, errors} = await open("robusthet.html?draws=100&seed=3");
    await page.waitForSelector("[data-testid=analysis][data-state=done]", {timeout: 120_000});
    await page.waitForSelector("[data-testid=sobol] svg");
    await openData(page, "sobol-data");
    const rows = (await dataRows(page, "sobol-data"))!;
    // The chart's bars carry their numbers in their titles: the table says the same, group by group.
    const titles = await page.evaluate(() => [...document.querySelectorAll("[data-testid=sobol] svg title")].map((t) => t.textContent ?? ""));
    expect(rows.length).toBeGreaterThan(0);
    expect(titles.length).toBe(2 * rows.length);
    for (const [group, first, , total] of rows) {
      expect(titles.some((t) => t.startsWith(`${group}, första ordningen: ${first} `)), `${group} first`).toBe(true);
      expect(titles.some((t) => t.startsWith(`${group}, total: ${total} `)), `${group} total`).toBe(true);
    }
    expect(errors()).toEqual([]);
  }, 150_000);
});
