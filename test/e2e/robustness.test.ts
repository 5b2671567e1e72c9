/**
 * The Robusthet page in the built site, in headless Chromium: the analysis
 * runs in a module worker from the site's own files (also under a sub-path),
 * its numbers equal the engine's in Node for the same seed and settings (the
 * main thread's long tasks and cancel: robustness-main-thread.isolated.test.ts),
 * a draw's link opens Nominering with exactly that draw's ranking,
 * and bad settings in the URL give a notice and the defaults.
 * Needs `npm run build` first.
 */
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadDataset} from "../../loaders/dataset.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {readModel} from "../../cli/rank.ts";
import {buildMatrix, drawChoices, prepareNomination, score, uncertaintyAnalysis, type UncertaintyResult, type ValueMatrix} from "../../src/engine/index.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const MODEL = readModel(path.join(REPO_ROOT, "data/models/skk-standard.json"));
const DONE = "[data-testid=analysis][data-state=done]";

let distServer: StaticServer;
let repoServer: StaticServer;
let browser: Browser;
let matrix: ValueMatrix;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  distServer = await serveStatic(path.join(REPO_ROOT, "dist"));
  repoServer = await serveStatic(REPO_ROOT);
  browser = await launchBrowser();
  const kpis = MODEL.indicators.map((i) => i.kpi);
  const data = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "skk-standard", file: "skk-standard.json", model: MODEL}]});
  matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
}, 120_000);

afterAll(async () => {
  for (const w of opened) await w.page.close().catch(() => undefined);
  await browser?.close();
  await distServer?.close();
  await repoServer?.close();
});

async function open(server: StaticServer, url: string): Promise<{page: Page; watched: WatchedPage}> {
  const watched = await openWatchedPage(browser, server.url);
  opened.push(watched);
  await watched.page.setViewportSize({width: 1280, height: 900});
  await watched.page.goto(url);
  return {page: watched.page, watched};
}

/** The table as the page shows it: code → [P(top N) text, median text, interval text, status]. */
async function tableOf(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.locator("[data-testid=robustness-table] tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [(tr as HTMLElement).dataset.key!, ...[...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? "")])
  );
  return new Map(rows.map(([code, ...cells]) => [code!, cells]));
}

const pct = (p: number) => new Intl.NumberFormat("sv-SE", {style: "percent", maximumFractionDigits: 0}).format(p);

describe("Robusthet (built site)", () => {
  for (const [where, prefix] of [["at the root", ""], ["under /dist/", "/dist"]] as const) {
    it(`runs the analysis in a worker from the site's own files, ${where}, with the engine's numbers`, async () => {
      const server = prefix ? repoServer : distServer;
      const before = server.requests.length;
      const {page, watched} = await open(server, `${server.url}${prefix}/robusthet.html?draws=400&seed=7`);
      await page.waitForSelector(DONE, {timeout: 90_000});
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.externalRequests).toEqual([]);
      const requests = server.requests.slice(before);
      const served = (re: RegExp) => requests.some((p) => p.startsWith(`${prefix}/`) && re.test(p.slice(prefix.length)));
      expect(served(/^\/_import\/workers\/robustness-worker\.[0-9a-f]{8}\.js$/)).toBe(true);
      expect(served(/^\/_node\/comlink@[^/]+\/index\.[0-9a-f]{8}\.js$/)).toBe(true);

      // The same seed and settings in Node: identical P(top N), median, interval and status for every municipality.
      const expected = uncertaintyAnalysis(matrix, MODEL, {kind: "nomination", year: 2022, draws: 400, seed: 7, noise: 0.25, topN: 10});
      const shown = await tableOf(page);
      expect(shown.size).toBe(expected.rows.length);
      for (const r of expected.rows) {
        const cells = shown.get(r.code)!;
        expect(cells[2], r.code).toBe(pct(r.pTopN));
        expect(cells[3], r.code).toBe(pct(r.pFirst));
        expect(cells[4], r.code).toBe(r.medianRank === null ? "–" : String(r.medianRank));
        expect(cells[5], r.code).toBe(r.q05 === null ? "–" : `${r.q05}–${r.q95}`);
        expect(cells[8]!.split(" når aldrig")[0], r.code).toBe(r.status);
      }
      // The 40 with the highest P(top 10) in the chart, the Sobol bars for the 8 weight groups.
      expect(await page.locator("[data-testid=rank-intervals] svg").count()).toBeGreaterThan(0);
      expect(await page.locator("[data-testid=sobol] svg").count()).toBeGreaterThan(0);
    }, 150_000);
  }

  it("links a draw to Nominering, which shows exactly that draw's ranking", async () => {
    const {page} = await open(distServer, `${distServer.url}/robusthet.html?draws=50&seed=3&vary=dimension_weights,kpi_weights,normalisation,aggregation,winsorise`);
    await page.waitForSelector(DONE, {timeout: 90_000});
    await page.fill("[data-testid=draw-number]", "17");
    const href = await page.locator("[data-testid=draw-href]").getAttribute("href");
    expect(href).toMatch(/^\.\/nominering\.html\?/);
    // The draw's choices in Node, re-scored with the plain engine.
    const result: UncertaintyResult = uncertaintyAnalysis(matrix, MODEL, {
      kind: "nomination",
      year: 2022,
      draws: 50,
      seed: 3,
      noise: 0.25,
      topN: 10,
      vary: {dimensionWeights: true, kpiWeights: true, normalisation: ["zscore", "minmax", "percentile"], aggregation: true, winsorise: true}
    });
    const c = drawChoices(result, 16);
    const expected = score(prepareNomination(matrix, MODEL, 2022, {normalisation: c.normalisation!, aggregation: c.aggregation, winsorise: c.winsorise}), c.weights)
      .rows.filter((r) => r.rank !== null)
      .slice(0, 20)
      .map((r) => r.code);
    const nomination = await open(distServer, new URL(href!, page.url()).href);
    await nomination.page.waitForSelector("[data-testid=ranking] tbody tr[data-municipality]", {timeout: 60_000});
    expect(await nomination.page.locator("[data-testid=url-notice]").isVisible()).toBe(false);
    const shown = await nomination.page.locator("[data-testid=ranking] tbody tr[data-municipality]").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.municipality));
    expect(shown).toEqual(expected);
  }, 150_000);

  it("gives each municipality its best and worst rank within the bounds, whose weights open Nominering at exactly that rank", async () => {
    // Only the dimension weights vary (±25 %: inside the bounds 0.5–2), so the draws' ranks lie within best–worst.
    const {page} = await open(distServer, `${distServer.url}/robusthet.html?draws=200&vary=dimension_weights`);
    await page.waitForSelector(DONE, {timeout: 120_000});
    expect(await page.locator("[data-testid=robustness-table]").evaluate((t) => t.parentElement!.dataset.extremes)).toBe("done");
    const rows = await page.locator("[data-testid=robustness-table] tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...(tr as HTMLTableRowElement).cells];
        const link = (i: number) => cells[i]!.querySelector("a");
        return {code: (tr as HTMLElement).dataset.key!, now: cells[1]!.textContent, q: cells[5]!.textContent, best: link(6)?.textContent, bestHref: link(6)?.getAttribute("href"), worst: link(7)?.textContent, worstHref: link(7)?.getAttribute("href"), status: cells[8]!.textContent};
      })
    );
    const prepared = prepareNomination(matrix, MODEL, 2022);
    const ranked = rows.filter((r) => r.now !== "–");
    expect(ranked.length).toBe(score(prepared).rows.filter((r) => r.rank !== null).length);
    for (const r of ranked) {
      // best ≤ now ≤ worst, and the draws' 5–95 % interval (weights ±25 %, inside 0.5–2) lies within.
      const [q05, q95] = r.q!.split("–").map(Number);
      expect(Number(r.best)).toBeLessThanOrEqual(Math.min(Number(r.now), q05!));
      expect(Number(r.worst)).toBeGreaterThanOrEqual(Math.max(Number(r.now), q95!));
      expect(r.status!.includes("når aldrig topp 10")).toBe(Number(r.best) > 10);
    }
    // Each link's weights give that rank with the plain engine (a sample), and Nominering shows it.
    const rankWith = (href: string, code: string) => {
      const params = new URL(href, distServer.url).searchParams;
      const weights = (p: string) => Object.fromEntries(params.get(p)!.split(",").map((x) => x.split(":")).map(([id, w]) => [id!, Number(w)]));
      return score(prepared, {dimensions: weights("dw"), indicators: weights("w")}).rows.find((x) => x.code === code)!.rank;
    };
    for (const r of ranked.filter((_, i) => i % 7 === 0)) {
      expect(rankWith(r.bestHref!, r.code), r.code).toBe(Number(r.best));
      expect(rankWith(r.worstHref!, r.code), r.code).toBe(Number(r.worst));
    }
    const climber = ranked.find((r) => Number(r.best) <= 10 && Number(r.now) > 10)!;
    expect(climber).toBeDefined();
    const nomination = await open(distServer, new URL(climber.bestHref!, page.url()).href);
    await nomination.page.waitForSelector(`[data-testid=ranking] tbody tr[data-municipality="${climber.code}"]`, {timeout: 60_000});
    const shownRank = await nomination.page.locator(`[data-testid=ranking] tbody tr[data-municipality="${climber.code}"] td`).first().textContent();
    expect(shownRank!.replace("★", "").trim()).toBe(climber.best);
    expect(await nomination.page.locator("[data-testid=url-notice]").isVisible()).toBe(false);
  }, 180_000);

  it("Kommunprofil shows the municipality's P(top 10) and rank interval from the same analysis", async () => {
    const {page, watched} = await open(distServer, `${distServer.url}/kommun.html?kommun=1480&year=2022`);
    await page.waitForSelector("[data-testid=profile-robustness][data-state=done]", {timeout: 90_000});
    const expected = uncertaintyAnalysis(matrix, MODEL, {kind: "nomination", year: 2022, draws: 1000, seed: 1, noise: 0.25, topN: 10}).rows.find((r) => r.code === "1480")!;
    const text = (await page.locator("[data-testid=profile-p-top]").textContent()) ?? "";
    expect(text).toContain(`P(topp 10) ${pct(expected.pTopN)} – ${expected.status}.`);
    expect(text).toContain(expected.medianRank === null ? "aldrig rankad" : `median ${expected.medianRank}, 5–95 %: ${expected.q05}–${expected.q95}.`);
    // Best and worst rank within 0.5–2 × the model's dimension weights; the link's weights give the best rank.
    const line = page.locator("[data-testid=profile-extremes]");
    await expect.poll(() => line.getAttribute("data-best"), {timeout: 30_000}).not.toBeNull();
    const [best, worst] = [Number(await line.getAttribute("data-best")), Number(await line.getAttribute("data-worst"))];
    // (Not against the draws: their KPI weights vary too, the best/worst search keeps them fixed.)
    expect(best).toBeLessThanOrEqual(expected.nominalRank!);
    expect(worst).toBeGreaterThanOrEqual(expected.nominalRank!);
    const href = await page.locator("[data-testid=profile-best-link]").getAttribute("href");
    const params = new URL(href!, distServer.url).searchParams;
    const dw = Object.fromEntries(params.get("dw")!.split(",").map((x) => x.split(":")).map(([id, w]) => [id!, Number(w)]));
    for (const w of Object.values(dw)) expect(w >= 0.5 - 1e-12 && w <= 2 + 1e-12).toBe(true);
    const prepared = prepareNomination(matrix, MODEL, 2022);
    expect(score(prepared, {dimensions: dw}).rows.find((r) => r.code === "1480")!.rank).toBe(best);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 120_000);

  it("improvement with an end year whose window starts before the data moves the end year forward, as Utveckling does", async () => {
    const {page} = await open(distServer, `${distServer.url}/robusthet.html?kind=improvement&year=2010&draws=100`);
    await page.waitForSelector("[data-testid=analysis][data-state=done], [data-testid=analysis][data-state=error]", {timeout: 90_000});
    expect(await page.locator("[data-testid=analysis]").getAttribute("data-state")).toBe("done");
    expect(await page.locator("[data-testid=robustness-table] tbody tr").count()).toBe(290);
  }, 120_000);

  it("gives a notice and the defaults for bad settings in the link", async () => {
    const {page} = await open(distServer, `${distServer.url}/robusthet.html?draws=0&noise=1.5&vary=colour&bounds=2,1&seed=-4`);
    await page.waitForSelector(DONE, {timeout: 90_000});
    const notice = (await page.locator("[data-testid=url-notice]").textContent()) ?? "";
    for (const name of ["draws", "noise", "vary", "bounds", "seed"]) expect(notice).toContain(`”${name}”`);
    expect(await page.locator("[data-testid=robustness-summary]").textContent()).toMatch(/^1\s000 dragningar \(frö 1, brus ±25\s%\)/);
  }, 150_000);
});
