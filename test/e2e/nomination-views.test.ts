/**
 * Nominering's views beside the table, on the built site in headless
 * Chromium, checked against the engine in Node (same data, same model):
 * - the county and kommungrupp filters, chosen with the page's own selects,
 *   hide rows and never re-rank: the rows left keep the ranks they had
 *   without filters (the engine's ranks), and clearing restores the table;
 * - the map's colours follow the scores: ranked municipalities get one of the
 *   nine classes, the best score the best class, classes rise with the score
 *   (equal-width classes symmetric around 0), unranked ones are grey and
 *   hatched, and a weight change recolours accordingly; the class picker
 *   ("Markera klass") names each class with its bounds and count and fades
 *   every municipality outside the chosen class, also after a weight change;
 * - the top-30 chart shows the table's top 30: the same municipalities in the
 *   same order as the table with every row shown, each bar's total the
 *   table's score.
 * Needs `npm run build` first. One browser.
 */
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readModel} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {loadDataset} from "../../loaders/dataset.ts";
import type {MunicipalityRecord} from "../../loaders/types.ts";
import {formatDecimal} from "../../src/components/format.ts";
import {buildMatrix, prepareNomination, score, type Prepared, type ScoreResult} from "../../src/engine/index.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const MODEL = readModel(path.join(REPO_ROOT, "data/models/skk-standard.json"));
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

let server: StaticServer;
let browser: Browser;
let prepared: Prepared;
let engineDefault: ScoreResult;
let municipalities: MunicipalityRecord[];
const opened: WatchedPage[] = [];

beforeAll(async () => {
  server = await serveStatic(path.join(REPO_ROOT, "dist"));
  browser = await launchBrowser();
  const kpis = MODEL.indicators.map((i) => i.kpi);
  const data = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "skk-standard", file: "skk-standard.json", model: MODEL}]});
  municipalities = data.municipalities;
  prepared = prepareNomination(buildMatrix({municipalities: data.municipalities, values: data.values, kpis}), MODEL, 2022);
  engineDefault = score(prepared);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string): Promise<Page> {
  const watched = await openWatchedPage(browser, server.url);
  opened.push(watched);
  await watched.page.setViewportSize({width: 1280, height: 900});
  await watched.page.goto(`${server.url}/nominering.html${query}`);
  await watched.page.waitForSelector(ROWS, {timeout: 60_000});
  return watched.page;
}

interface ShownRow {
  code: string;
  rank: number;
  name: string;
  total: string;
  cells: string[];
}

async function table(page: Page): Promise<{version: number; rows: ShownRow[]}> {
  return page.evaluate(() => {
    const t = document.querySelector<HTMLTableElement>("[data-testid=ranking]")!;
    return {
      version: Number(t.dataset.version),
      rows: [...t.querySelectorAll<HTMLTableRowElement>("tbody tr[data-municipality]")].map((tr) => {
        const cells = [...tr.cells].map((c) => c.textContent ?? "");
        // The rank cell is "★ 3" for the top N, else "12".
        return {code: tr.dataset.municipality!, rank: Number(/\d+/.exec(cells[0]!)![0]), name: cells[1]!, total: cells[3]!, cells};
      })
    };
  });
}

/** Runs `action` and waits until the table shows a newer state version. */
async function afterRender(page: Page, action: () => Promise<unknown>) {
  const before = (await table(page)).version;
  await action();
  await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version) > v, before);
  return table(page);
}

const rankOf = (result: ScoreResult) => new Map(result.rows.filter((r) => r.rank !== null).map((r) => [r.code, r.rank!]));

describe("county and kommungrupp filters (Nominering)", () => {
  it("hide the rows outside the chosen counties and groups, keep every other row's rank, and clearing restores the table", async () => {
    const page = await open("?rader=alla");
    const unfiltered = await table(page);
    const engineRank = rankOf(engineDefault);
    // The page's ranks are the engine's.
    expect(unfiltered.rows.map((r) => [r.code, r.rank])).toEqual([...engineRank]);

    // Stockholms län and Skåne, kommungrupper A2 and B4 (SKR 2023), chosen in the page's own selects.
    const counties = ["01", "12"];
    const groups = ["A2", "B4"];
    const countyOptions = await page.locator("[data-testid=filter-county] option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const groupOptions = await page.locator("[data-testid=filter-group] option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(countyOptions).toEqual(expect.arrayContaining(counties));
    expect(groupOptions).toEqual(expect.arrayContaining(groups));

    const byCounty = await afterRender(page, () => page.locator("[data-testid=filter-county]").selectOption(counties));
    const inCounties = new Set(municipalities.filter((m) => counties.includes(m.countyCode)).map((m) => m.code));
    expect(byCounty.rows.map((r) => r.code)).toEqual(unfiltered.rows.filter((r) => inCounties.has(r.code)).map((r) => r.code));
    expect(byCounty.rows.length).toBeGreaterThan(40);

    const filtered = await afterRender(page, () => page.locator("[data-testid=filter-group]").selectOption(groups));
    const expectedCodes = new Set(municipalities.filter((m) => counties.includes(m.countyCode) && groups.includes(m.kommungrupp)).map((m) => m.code));
    const expectedRows = unfiltered.rows.filter((r) => expectedCodes.has(r.code));
    expect(expectedRows.length).toBeGreaterThan(5);
    expect(expectedRows.length).toBeLessThan(byCounty.rows.length);
    // Exactly those rows, in the same order, each with its unfiltered rank and cells (the rank is the engine's).
    expect(filtered.rows.map((r) => r.code)).toEqual(expectedRows.map((r) => r.code));
    expect(filtered.rows.map((r) => r.cells)).toEqual(expectedRows.map((r) => r.cells));
    for (const r of filtered.rows) expect(r.rank, r.code).toBe(engineRank.get(r.code));
    // Ranks keep their gaps: the filter did not renumber 1, 2, 3 ...
    expect(filtered.rows.map((r) => r.rank)).not.toEqual(filtered.rows.map((_, i) => i + 1));
    await expect.poll(() => new URL(page.url()).searchParams.get("lan"), {timeout: 5_000}).toBe("01,12");
    await expect.poll(() => new URL(page.url()).searchParams.get("grupp"), {timeout: 5_000}).toBe("A2,B4");
    // The summary still counts every ranked municipality: filters hide, they do not rank.
    expect(await page.locator("[data-testid=summary]").textContent()).toMatch(new RegExp(`^${engineRank.size} av 290 kommuner rankade år 2022`));

    await afterRender(page, () => page.locator("[data-testid=filter-group]").selectOption([]));
    const cleared = await afterRender(page, () => page.locator("[data-testid=filter-county]").selectOption([]));
    expect(cleared.rows.map((r) => r.cells)).toEqual(unfiltered.rows.map((r) => r.cells));
    await expect.poll(() => new URL(page.url()).searchParams.get("lan"), {timeout: 5_000}).toBe("");
    await page.close();
  }, 120_000);
});

interface MapPath {
  fill: string;
  /** The tooltip: "Name: 0,52 (rang 3)" or "Name: ej rankad". */
  tooltip: string;
}

/** Every municipality's fill and tooltip (hovered one by one), the legend's palette in class order and its end labels. */
async function readMap(page: Page): Promise<{version: number; paths: MapPath[]; palette: string[]; low: string; high: string}> {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>("[data-testid=map]")!;
    const paths = [...map.querySelectorAll<SVGPathElement>("g[data-mark=geo] path")].map((p) => {
      p.dispatchEvent(new PointerEvent("pointerover", {bubbles: true}));
      return {fill: p.getAttribute("fill") ?? "", tooltip: p.querySelector("title")?.textContent ?? ""};
    });
    // The legend bar's gradient lists the classes' colours left (worst) to right (best), each twice (hard stops).
    const gradient = getComputedStyle(map.querySelector<HTMLElement>(".map-legend .gradient")!).backgroundImage;
    const palette = (gradient.match(/rgb\([^)]*\)/g) ?? []).filter((c, i, all) => c !== all[i - 1]);
    // The end labels sit either side of the bar.
    const bar = map.querySelector(".map-legend .gradient")!;
    const [low, high] = [bar.previousElementSibling, bar.nextElementSibling].map((s) => s?.textContent ?? "");
    return {version: Number(map.dataset.version), paths, palette, low: low!, high: high!};
  });
}

/**
 * The class of a score as the map's legend defines it: nine equal-width
 * classes over [−E, E], E = the largest |score|, class 0 worst, 8 best.
 */
function expectedClass(s: number, extent: number): number {
  const width = (2 * extent) / 9;
  return Math.min(8, Math.floor((s + extent) / width));
}

/** Checks the map against an engine result; returns the class of each ranked municipality. */
function checkMap(shown: Awaited<ReturnType<typeof readMap>>, result: ScoreResult): Map<string, number> {
  expect(shown.palette).toHaveLength(9);
  const ranked = result.rows.filter((r) => r.rank !== null);
  const byRank = new Map(ranked.map((r) => [r.rank!, r]));
  const extent = Math.max(...ranked.map((r) => Math.abs(r.score!)));
  expect([shown.low, shown.high]).toEqual([formatDecimal(-extent), formatDecimal(extent)]);
  const classes = new Map<string, number>();
  let unranked = 0;
  for (const p of shown.paths) {
    const m = /: (.+) \(rang (\d+)\)$/.exec(p.tooltip);
    if (!m) {
      expect(p.tooltip).toMatch(/: ej rankad$/);
      expect(p.fill).toMatch(/^url\(#map-no-data-\d+\)$/);
      unranked++;
      continue;
    }
    const row = byRank.get(Number(m[2]))!;
    expect(row, p.tooltip).toBeDefined();
    expect(m[1]).toBe(formatDecimal(row.score));
    const cls = shown.palette.indexOf(p.fill);
    expect(cls, `${p.tooltip}: fill ${p.fill}`).toBeGreaterThanOrEqual(0);
    classes.set(row.code, cls);
  }
  // Every ranked municipality is on the map once, coloured; the rest are grey.
  expect(classes.size).toBe(ranked.length);
  expect(unranked).toBe(shown.paths.length - ranked.length);
  const ordered = ranked.map((r) => ({code: r.code, score: r.score!, cls: classes.get(r.code)!}));
  // The best score has the best class shown, the worst the worst; classes never fall as the score rises.
  expect(ordered[0]!.cls).toBe(Math.max(...ordered.map((o) => o.cls)));
  expect(ordered.at(-1)!.cls).toBe(Math.min(...ordered.map((o) => o.cls)));
  for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.cls, `${ordered[i]!.code} below ${ordered[i - 1]!.code}`).toBeLessThanOrEqual(ordered[i - 1]!.cls);
  // The largest |score| sits in an end class (8 if it is the best score, 0 if the worst).
  expect(ordered[0]!.score === extent ? ordered[0]!.cls : ordered.at(-1)!.cls).toBe(ordered[0]!.score === extent ? 8 : 0);
  for (const o of ordered) expect(o.cls, o.code).toBe(expectedClass(o.score, extent));
  return classes;
}

async function waitForMap(page: Page, version: number): Promise<void> {
  await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=map]")?.dataset.version) === v, version, {timeout: 30_000});
}

describe("the map (Nominering)", () => {
  it("colours each municipality by its score's class, and a weight change recolours it", async () => {
    const page = await open("");
    await waitForMap(page, (await table(page)).version);
    const paths = await page.locator("[data-testid=map] g[data-mark=geo] path").count();
    expect(paths).toBe(290);
    const before = checkMap(await readMap(page), engineDefault);

    const weighted = await afterRender(page, () => page.locator("[data-testid=weight-resultatkvalitet]").fill("3"));
    await waitForMap(page, weighted.version);
    const result = score(prepared, {dimensions: {resultatkvalitet: 3}});
    expect(weighted.rows[0]!.code).toBe(result.rows[0]!.code);
    const after = checkMap(await readMap(page), result);
    // Some municipalities changed class, exactly as their new scores say.
    const changed = [...after].filter(([code, cls]) => before.get(code) !== cls);
    expect(changed.length).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});

/** Each path's tooltip and whether it is shown at full strength; the picker's option labels. */
async function readHighlight(page: Page): Promise<{paths: {tooltip: string; full: boolean}[]; options: {value: string; label: string}[]}> {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>("[data-testid=map]")!;
    const paths = [...map.querySelectorAll<SVGPathElement>("g[data-mark=geo] path")].map((p) => {
      p.dispatchEvent(new PointerEvent("pointerover", {bubbles: true}));
      return {tooltip: p.querySelector("title")?.textContent ?? "", full: Number(getComputedStyle(p).opacity) === 1};
    });
    const options = [...map.querySelectorAll<HTMLOptionElement>("[data-testid=map-class] option")].map((o) => ({value: o.value, label: o.textContent ?? ""}));
    return {paths, options};
  });
}

describe("the map's class picker (Nominering)", () => {
  it("names each class with its bounds and count, and highlights exactly its municipalities, also after a weight change", async () => {
    const page = await open("");
    await waitForMap(page, (await table(page)).version);
    /** The labels: class k from −E + k·w to −E + (k + 1)·w (w = 2E / 9), with its count; best first. */
    const checkLabels = (result: ScoreResult, options: {value: string; label: string}[]) => {
      const ranked = result.rows.filter((r) => r.rank !== null);
      const extent = Math.max(...ranked.map((r) => Math.abs(r.score!)));
      const w = (2 * extent) / 9;
      const labelOf = new Map(options.map((o) => [o.value, o.label]));
      for (let k = 0; k < 9; k++) {
        const count = ranked.filter((r) => expectedClass(r.score!, extent) === k).length;
        const to = k === 8 ? extent : -extent + (k + 1) * w;
        expect(labelOf.get(String(k))).toBe(`Klass ${k + 1} av 9${k === 8 ? " (bäst)" : k === 0 ? " (sämst)" : ""}: ${formatDecimal(-extent + k * w)} till ${formatDecimal(to)}, ${count} ${count === 1 ? "kommun" : "kommuner"}`);
      }
      expect(labelOf.get("none")).toBe(`Ej rankade: ${290 - ranked.length} kommuner`);
      expect(options.map((o) => o.value)).toEqual(["", "8", "7", "6", "5", "4", "3", "2", "1", "0", "none"]);
    };
    /** Chooses `value` in the picker; checks the highlight and the labels against `result`; returns how many are highlighted. */
    const check = async (result: ScoreResult, value: string): Promise<number> => {
      const ranked = result.rows.filter((r) => r.rank !== null);
      const byRank = new Map(ranked.map((r) => [r.rank!, r]));
      const extent = Math.max(...ranked.map((r) => Math.abs(r.score!)));
      await page.locator("[data-testid=map-class]").selectOption(value);
      const shown = await readHighlight(page);
      expect(shown.paths).toHaveLength(290);
      let highlighted = 0;
      for (const p of shown.paths) {
        const m = /\(rang (\d+)\)$/.exec(p.tooltip);
        const member = value === "" || (m ? expectedClass(byRank.get(Number(m[1]))!.score!, extent) === Number(value) && value !== "none" : value === "none");
        expect(p.full, `${p.tooltip} with class ${value || "(none)"} chosen`).toBe(member);
        if (p.full) highlighted++;
      }
      checkLabels(result, shown.options);
      return highlighted;
    };
    const rankedCount = engineDefault.rows.filter((r) => r.rank !== null).length;
    expect(await check(engineDefault, "8")).toBeGreaterThan(0);
    expect(await check(engineDefault, "4")).toBeGreaterThan(0);
    expect(await check(engineDefault, "none")).toBe(290 - rankedCount);
    // With a class chosen, a weight change moves municipalities in and out of it.
    await page.locator("[data-testid=map-class]").selectOption("8");
    const weighted = await afterRender(page, () => page.locator("[data-testid=weight-resultatkvalitet]").fill("3"));
    await waitForMap(page, weighted.version);
    const result = score(prepared, {dimensions: {resultatkvalitet: 3}});
    await check(result, "8");
    await check(result, "0");
    expect(await check(result, "")).toBe(290);
    // With no class chosen the labels are written when the picker gets focus, current for the new weights.
    const again = await afterRender(page, () => page.locator("[data-testid=weight-resultatkvalitet]").fill("0.5"));
    await waitForMap(page, again.version);
    await page.locator("[data-testid=map-class]").focus();
    const latest = score(prepared, {dimensions: {resultatkvalitet: 0.5}});
    checkLabels(latest, (await readHighlight(page)).options);
    // A narrower window redraws the map at its new width; the chosen class stays chosen and highlighted.
    await page.locator("[data-testid=map-class]").selectOption("7");
    const before = await page.locator("[data-testid=map]").evaluate((m) => m.style.width);
    await page.setViewportSize({width: 400, height: 900});
    await page.waitForFunction((w) => document.querySelector<HTMLElement>("[data-testid=map]")!.style.width !== w, before, {timeout: 10_000});
    expect(await page.locator("[data-testid=map-class]").inputValue()).toBe("7");
    const redrawn = await readHighlight(page);
    const ranked = latest.rows.filter((r) => r.rank !== null);
    const extent = Math.max(...ranked.map((r) => Math.abs(r.score!)));
    expect(redrawn.paths.filter((p) => p.full)).toHaveLength(ranked.filter((r) => expectedClass(r.score!, extent) === 7).length);
    await page.close();
  }, 120_000);
});

/** The chart's row labels ("3. Name") and, hovering each bar, its tooltip's first line ("Name: 0,52"). */
async function readChart(page: Page): Promise<{labels: string[]; tooltips: string[]}> {
  const chart = page.locator("[data-testid=contribution-chart]");
  await chart.scrollIntoViewIfNeeded();
  // One line per bar, in one block of text beside the bars.
  const labels = ((await chart.locator(".row-labels").textContent()) ?? "").split("\n").filter((t) => t !== "");
  const canvas = chart.locator("canvas");
  const box = (await canvas.boundingBox())!;
  const tooltips: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    // Rows are 16 px high below an 8 px top margin (dimension-contribution-chart.ts).
    await page.mouse.move(box.x + box.width / 2, box.y + 8 + i * 16 + 8);
    tooltips.push(((await canvas.getAttribute("title")) ?? "").split("\n")[0]!);
  }
  return {labels, tooltips};
}

describe("the top-30 chart (Nominering)", () => {
  it("shows the table's first 30 rows, in order, with the table's totals, before and after a weight change", async () => {
    const page = await open("?rader=alla");
    for (const change of [null, "2.5"]) {
      const shown = change === null ? await table(page) : await afterRender(page, () => page.locator("[data-testid=weight-effekt]").fill(change));
      await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=contribution-chart]")?.dataset.version) === v, shown.version);
      expect(shown.rows.length).toBeGreaterThan(30);
      const top30 = shown.rows.slice(0, 30);
      const {labels, tooltips} = await readChart(page);
      expect(labels).toEqual(top30.map((r) => `${r.rank}. ${r.name}`));
      expect(tooltips).toEqual(top30.map((r) => `${r.name}: ${r.total}`));
      // And the table's top 30 is the engine's.
      const result = change === null ? engineDefault : score(prepared, {dimensions: {effekt: Number(change)}});
      expect(top30.map((r) => r.code)).toEqual(result.rows.slice(0, 30).map((r) => r.code));
    }
    await page.close();
  }, 120_000);
});

describe("every page opened", () => {
  it("logged no console error and requested nothing outside its origin", () => {
    expect(opened.length).toBe(4);
    expect(opened.map((w) => ({errors: w.consoleErrors, external: w.externalRequests}))).toEqual(opened.map(() => ({errors: [], external: []})));
  });
});
