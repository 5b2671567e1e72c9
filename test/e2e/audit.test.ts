/**
 * The Granskning page in the built site: the audit it shows is the engine's
 * (auditIndicators in Node on the same data and settings): every flag, the
 * drop-one figures per KPI, alpha per dimension; the heat map has one cell
 * per KPI pair; no console error, no request outside the origin; a change of
 * weights re-audits. Needs `npm run build` first.
 */
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readModel} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {loadDataset} from "../../loaders/dataset.ts";
import {auditIndicators, buildMatrix, prepareNomination, type IndicatorAudit, type ValueMatrix} from "../../src/engine/index.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const MODEL = readModel(path.join(REPO_ROOT, "data/models/skk-standard.json"));

let server: StaticServer;
let browser: Browser;
let matrix: ValueMatrix;
let watched: WatchedPage;

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

const int = (x: number | null | undefined) => (x === null || x === undefined ? "–" : new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 0}).format(x));
const dec = (x: number | null | undefined) => (x === null || x === undefined ? "–" : new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(x));

async function shown(page: Page) {
  return page.evaluate(() => ({
    flags: [...document.querySelectorAll("[data-testid=audit-flags] li")].map((li) => li.textContent),
    kpis: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=audit-kpis] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent ?? "")),
    dims: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=audit-dimensions] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent ?? "")),
    cells: document.querySelectorAll("[data-testid=correlation-heatmap] svg g[data-mark=cell] rect").length
  }));
}

function expectAudit(page: Awaited<ReturnType<typeof shown>>, audit: IndicatorAudit) {
  expect(page.flags).toEqual(audit.flags.map((f) => f.message));
  expect(page.kpis.map((r) => r[0])).toEqual(audit.kpis.map((k) => k.kpi));
  audit.kpis.forEach((k, i) => {
    const row = page.kpis[i]!;
    // The last three columns: drop-one mean and max |Δrank| and changes in the top N.
    expect(row.slice(-3), k.kpi).toEqual([dec(k.drop?.meanAbsRankShift), int(k.drop?.maxAbsRankShift), int(k.drop?.topNChanges)]);
  });
  expect(page.dims.map((r) => r[3])).toEqual(audit.dimensions.map((d) => dec(d.alpha)));
}

describe("Granskning (built site)", () => {
  it("shows the engine's audit and re-audits when a weight changes", async () => {
    watched = await openWatchedPage(browser, server.url);
    const page = watched.page;
    await page.goto(`${server.url}/granskning.html`);
    await page.waitForSelector("[data-testid=audit-kpis] tbody tr", {timeout: 60_000});
    const prepared = prepareNomination(matrix, MODEL, 2022);
    const audit = auditIndicators(prepared, {topN: 10});
    const first = await shown(page);
    expectAudit(first, audit);
    // Known correlations: the KPIs' pairs (model order), at most K² cells, at least the diagonal of the usable ones.
    const known = audit.correlations.r.flat().filter((r) => r !== null).length;
    expect(first.cells).toBeGreaterThanOrEqual(known);

    // Resultatkvalitet at weight 3 (a slider): the figures follow.
    const version = await page.locator("[data-testid=audit-kpis]").evaluate((el) => el.parentElement!.dataset.version);
    await page.locator("[data-testid=weight-resultatkvalitet]").evaluate((input: HTMLInputElement) => {
      input.value = "3";
      input.dispatchEvent(new Event("input", {bubbles: true}));
    });
    await page.waitForFunction((v) => document.querySelector<HTMLElement>("[data-testid=audit-kpis]")?.parentElement?.dataset.version !== v, version, {timeout: 30_000});
    const weighted = auditIndicators(prepared, {topN: 10, weights: {dimensions: {resultatkvalitet: 3}}});
    expectAudit(await shown(page), weighted);
    await expect.poll(() => new URL(page.url()).searchParams.get("dw"), {timeout: 5_000}).toContain("resultatkvalitet:3");
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 120_000);
});
