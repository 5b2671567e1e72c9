/**
 * WCAG 2.1 AA and layout on every page of the built site (issue 11), in
 * headless Chromium:
 * - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) finds no violation on any
 *   page, at 1280 and 390 px, after the page has rendered, and in the states
 *   that matter: every ranked row ("Visa alla"), an open KPI list, the notice
 *   after a tampered link, an analysis running on Robusthet, the model
 *   editor open (a library KPI chosen, a dimension's removal asking where
 *   its KPIs go, an upload's error);
 * - no two visible controls, tables, charts or headings overlap and no page
 *   scrolls sideways, at 390, 768, 1280 and 1920 px (test/helpers/a11y.ts);
 * - on a phone the controls come first, then the ranking table, then the
 *   charts, and the weight sliders and buttons are at least 44 × 44 px;
 * - on a projector (1920 × 1080 at 150 %: a 1280 × 720 viewport at device
 *   scale 1.5) the top-20 ranking shows whole without scrolling its box;
 * - the keyboard alone reaches and changes a weight, with a visible focus,
 *   starting from the skip link "Hoppa till innehållet".
 * Needs `npm run build` first.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../loaders/config.ts";
import {parseModel} from "../../src/engine/index.ts";
import {makeScenario, scenarioFileText, type NominationSettings} from "../../src/lib/state/scenario-codec.ts";
import {SCENARIO_STORAGE_KEY} from "../../src/lib/state/scenario-store.ts";
import {axeViolations, describeViolations, layoutProbe, type AxeViolation} from "../helpers/a11y.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {workshopA11yUrls} from "../helpers/workshop.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

interface PageCase {
  name: string;
  url: string;
  /** Waits until the page has rendered. */
  ready: (page: Page) => Promise<unknown>;
  /** localStorage entries the page finds when it opens. */
  storage?: Record<string, string>;
}

/** Three saved scenarios for Scenarier: the default model as it is, with effekt at 2 and min-max, and within kommungrupp. */
function savedScenarios(): Record<string, string> {
  const model = parseModel(JSON.parse(readFileSync(path.join(REPO_ROOT, "data/models/skk-standard.json"), "utf8")));
  const base: NominationSettings = {model: "skk-standard", year: 2022, norm: "zscore", agg: "arithmetic", wins: false, scope: "all", top: 10, lan: [], grupp: [], dw: {}, w: {}, rader: "topp"};
  const scenarios = ([["Standard", {}], ["Effekt dubbelt", {dw: {effekt: 2}, norm: "minmax"}], ["Inom kommungrupp", {scope: "kommungrupp"}]] as const).map(([name, patch]) => {
    const made = makeScenario(name, "nominering", model, {...base, ...patch}, new Date("2026-12-01T09:00:00Z"));
    if ("problems" in made) throw new Error(made.problems.join("; "));
    return made.scenario;
  });
  return {[SCENARIO_STORAGE_KEY]: scenarioFileText(scenarios)};
}

const selector = (s: string, timeout = 90_000) => (page: Page) => page.waitForSelector(s, {timeout});

const PAGES: PageCase[] = [
  {name: "index", url: "index.html", ready: selector("[data-testid=coverage-table] tbody tr")},
  {name: "nominering", url: "nominering.html", ready: selector(ROWS)},
  {name: "utveckling", url: "utveckling.html", ready: selector(ROWS)},
  {name: "kommun", url: "kommun.html?kommun=1284", ready: selector("[data-testid=rank-history][data-compute-ms] svg")},
  {name: "robusthet", url: "robusthet.html", ready: selector("[data-testid=analysis][data-state=done]", 120_000)},
  {name: "granskning", url: "granskning.html", ready: selector("[data-testid=audit-kpis] tbody tr")},
  {
    name: "utforska",
    url: `utforska.html?${new URLSearchParams({sql: "SELECT year, count(*) AS n FROM \"values\" WHERE kpi = 'N15428' AND gender = 'T' GROUP BY year ORDER BY year"})}`,
    ready: (page) => page.waitForFunction(() => Number(document.querySelector<HTMLElement>(".sql-output")?.dataset.runs ?? 0) >= 1, undefined, {timeout: 90_000})
  },
  {name: "rapport", url: "rapport.html?sida=nominering", ready: selector("[data-testid=report-uncertainty][data-state=done]", 120_000)},
  {name: "scenarier", url: "scenarier.html", ready: selector("[data-testid=bump-chart] svg"), storage: savedScenarios()},
  // Workshop: the facilitator with three proposals (KPI weights allowed, so every table and chart shows), and a participant.
  {name: "workshop (ledare)", url: workshopA11yUrls().facilitator, ready: selector("[data-testid=pooled-weights] tbody tr")},
  {name: "workshop (deltagare)", url: workshopA11yUrls().participant, ready: selector("[data-testid=participant-top] li[data-municipality]")},
  {name: "nyckeltal", url: `nyckeltal.html?${new URLSearchParams({q: "hemtjänst", kpi: "N21826"})}`, ready: selector("[data-testid=kpi-coverage] tbody tr")},
  {name: "tillganglighet", url: "tillganglighet.html", ready: selector("#observablehq-main h1")}
];

const AXE_WIDTHS = [1280, 390] as const;
/** 320 CSS px is WCAG 1.4.10 reflow (1280 px at 400 % zoom); 640 is 1280 px at 200 % text zoom (1.4.4). */
const LAYOUT_WIDTHS = [320, 390, 640, 768, 1280, 1920] as const;

let server: StaticServer;
let browser: Browser;
const opened: WatchedPage[] = [];
/** Results for the summary printed at the end: page and width → violations, overlaps. */
const summary: {page: string; width: number; axe?: AxeViolation[]; overlaps?: number; overflowX?: number}[] = [];

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const w of opened) await w.page.context().close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  if (summary.length > 0)
    console.log(
      summary
        .map((s) => `${s.page.padEnd(28)} ${String(s.width).padStart(4)} px  axe ${s.axe ? `${s.axe.length} rules / ${s.axe.reduce((n, v) => n + v.count, 0)} elements${s.axe.length ? ` (${s.axe.map((v) => v.id).join(", ")})` : ""}` : "–"}  overlaps ${s.overlaps ?? "–"}  overflow-x ${s.overflowX ?? "–"}`)
        .join("\n")
    );
});

async function open(url: string, width: number, height = 900, deviceScaleFactor = 1, storage: Record<string, string> = {}): Promise<WatchedPage> {
  // A context of its own: axe needs one (not browser.newPage), and the viewport is set before loading.
  const context = await browser.newContext({viewport: {width, height}, deviceScaleFactor});
  await context.addInitScript((items) => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v)), storage);
  const watched = await openWatchedPage(context, server.url);
  opened.push(watched);
  await watched.page.goto(`${server.url}/${url}`);
  return watched;
}

/** Lets late layout (charts fitted to their width, fonts) settle. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
}

async function expectNoViolations(page: Page, name: string, width: number): Promise<void> {
  const violations = await axeViolations(page);
  summary.push({page: name, width, axe: violations});
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function expectNoOverlap(page: Page, name: string, width: number): Promise<void> {
  const probe = await layoutProbe(page);
  summary.push({page: name, width, overlaps: probe.overlaps.length, overflowX: probe.overflowX});
  expect({overlaps: probe.overlaps, overflowX: probe.overflowX}).toEqual({overlaps: [], overflowX: 0});
}

describe("axe-core: no WCAG 2.1 A/AA violation on any page", () => {
  for (const p of PAGES)
    for (const width of AXE_WIDTHS)
      it(`${p.name} at ${width} px`, async () => {
        const {page, consoleErrors, externalRequests} = await open(p.url, width, 900, 1, p.storage);
        await p.ready(page);
        await settle(page);
        await expectNoViolations(page, p.name, width);
        expect(consoleErrors).toEqual([]);
        expect(externalRequests).toEqual([]);
        await page.context().close();
      }, 180_000);
});

describe("axe-core: the states that matter", () => {
  for (const width of AXE_WIDTHS) {
    it(`Nominering with every ranked row ("Visa alla") at ${width} px`, async () => {
      const {page} = await open("nominering.html?rader=alla", width);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      await settle(page);
      await expectNoViolations(page, "nominering (Visa alla)", width);
      await page.context().close();
    }, 120_000);

    it(`Nominering with a KPI list open at ${width} px`, async () => {
      const {page} = await open("nominering.html", width);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      await page.locator("[data-testid=weights-panel] details summary").first().click();
      await settle(page);
      expect(await page.locator("[data-testid=weights-panel] details[open]").count()).toBe(1);
      await expectNoViolations(page, "nominering (KPI list open)", width);
      await page.context().close();
    }, 120_000);

    it(`Nominering with the notice of a tampered link at ${width} px`, async () => {
      const {page} = await open("nominering.html?year=1899&foo=bar&w=N15428:-5", width);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      expect(await page.locator("[data-testid=url-notice]").isVisible()).toBe(true);
      await settle(page);
      await expectNoViolations(page, "nominering (notice)", width);
      await page.context().close();
    }, 120_000);

    it(`Utvecklingskommun with its charts' data tables open at ${width} px, nothing overlapping`, async () => {
      const {page} = await open("utveckling.html", width);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=level-change-data]")?.dataset.version !== undefined, null, {timeout: 30_000});
      for (const id of ["trends-data", "level-change-data"]) await page.locator(`[data-testid=${id}] > summary`).click();
      await page.waitForSelector("[data-testid=level-change-data] table");
      await settle(page);
      await expectNoViolations(page, "utveckling (data tables open)", width);
      await expectNoOverlap(page, "utveckling (data tables open)", width);
      await page.context().close();
    }, 120_000);

    it(`Nominering with the model editor open at ${width} px: a library KPI chosen, a dimension's removal asking, an upload refused`, async () => {
      const {page} = await open("nominering.html", width);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      await page.locator("[data-testid=model-editor] > summary").click();
      await page.locator("input[data-testid=kpi-search]").fill("bibliotek");
      await page.locator("button.kpi-result").first().click();
      await page.locator("[data-testid=remove-dimension-effekt]").click();
      await page.locator("[data-testid=upload-model]").setInputFiles({name: "fel.json", mimeType: "application/json", buffer: Buffer.from('{"name": ""}')});
      await page.waitForSelector("[data-testid=model-message][data-kind=error]", {timeout: 30_000});
      expect(await page.locator("[data-testid=removal-choice]").isVisible()).toBe(true);
      expect(await page.locator("[data-testid=kpi-detail]").isVisible()).toBe(true);
      await settle(page);
      await expectNoViolations(page, "nominering (model editor open)", width);
      await page.context().close();
    }, 120_000);

    it(`Robusthet while an analysis runs at ${width} px`, async () => {
      const {page} = await open("robusthet.html?draws=20000&seed=7", width);
      await page.waitForSelector("[data-testid=analysis][data-state=running]", {timeout: 90_000});
      await expectNoViolations(page, "robusthet (running)", width);
      expect(await page.locator("[data-testid=analysis]").getAttribute("data-state")).toBe("running");
      await page.context().close();
    }, 120_000);
  }
});
describe("layout: nothing overlaps and no page scrolls sideways", () => {
  for (const p of PAGES)
    for (const width of LAYOUT_WIDTHS)
      it(`${p.name} at ${width} px`, async () => {
        const {page} = await open(p.url, width, 900, 1, p.storage);
        await p.ready(page);
        await settle(page);
        await expectNoOverlap(page, p.name, width);
        await page.context().close();
      }, 180_000);
});

describe("layout: a phone, a projector", () => {
  it("on a phone (390 px) Nominering shows the controls, then the ranking table, then the charts and the map", async () => {
    const {page} = await open("nominering.html", 390);
    await page.waitForSelector(ROWS, {timeout: 90_000});
    await page.waitForSelector("[data-testid=map] svg", {timeout: 30_000});
    const top = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const order = [await top("[data-testid=year]"), await top("[data-testid=weights-panel]"), await top("[data-testid=ranking]"), await top("[data-testid=contribution-chart]"), await top("[data-testid=map]")];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await page.context().close();
  }, 120_000);

  for (const p of PAGES)
    it(`on a phone (390 px) every button, slider, select, text field and summary of ${p.name} is at least 44 × 44 px`, async () => {
      const {page} = await open(p.url, 390, 900, 1, p.storage);
      await p.ready(page);
      await settle(page);
      // Open every closed <details>, so the controls inside (the KPI sliders) are measured too.
      await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>("#observablehq-main details").forEach((d) => (d.open = true)));
      await settle(page);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("#observablehq-main :is(button, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), summary)")]
          .filter((el) => el.checkVisibility() && !el.closest(".cm-editor"))
          .map((el) => ({el: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} ${(el.textContent ?? "").trim().slice(0, 20)}`, rect: el.getBoundingClientRect()}))
          .filter(({rect}) => rect.width < 44 || rect.height < 44)
          .map(({el, rect}) => `${el} ${Math.round(rect.width)}×${Math.round(rect.height)}`)
      );
      expect(small).toEqual([]);
      await page.context().close();
    }, 180_000);

  for (const name of ["nominering", "utveckling"])
    it(`on a projector (1920 × 1080 at 150 %) the ${name} top 20 shows whole, without scrolling its box, under its heading`, async () => {
      const {page} = await open(`${name}.html`, 1280, 720, 1.5);
      await page.waitForSelector(ROWS, {timeout: 90_000});
      await settle(page);
      const fit = await page.evaluate(() => {
        const box = document.querySelector<HTMLElement>(".ranking-scroll")!;
        const heading = document.querySelector("#observablehq-main h2#rangordning")!;
        const cell = document.querySelector("[data-testid=ranking] tbody td")!;
        return {
          overflow: box.scrollHeight - box.clientHeight,
          // From the heading's top to the box's bottom: all of it fits on the screen at once.
          span: box.getBoundingClientRect().bottom - heading.getBoundingClientRect().top,
          viewport: window.innerHeight,
          rows: document.querySelectorAll("[data-testid=ranking] tbody tr[data-municipality]").length,
          fontPx: parseFloat(getComputedStyle(cell).fontSize)
        };
      });
      expect(fit.rows).toBe(20);
      expect(fit.overflow).toBeLessThanOrEqual(0);
      expect(fit.span).toBeLessThanOrEqual(fit.viewport);
      // 12.8 CSS px = 19 px on the projector's pixels.
      expect(fit.fontPx).toBeGreaterThanOrEqual(12.8);
      await page.context().close();
    }, 120_000);
});

describe("keyboard", () => {
  it("from the skip link, Tab reaches a weight slider with a visible focus at every stop, the arrow keys change the weight and the table, and Tab leaves the page's end (no trap)", async () => {
    const {page} = await open("nominering.html", 1280);
    await page.waitForSelector(ROWS, {timeout: 90_000});
    await settle(page);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        return {
          testId: el.dataset.testid ?? null,
          text: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40),
          tag: el.tagName.toLowerCase(),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
          inView: rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth
        };
      });

    await page.keyboard.press("Tab");
    expect(await focused()).toMatchObject({tag: "a", text: "Hoppa till innehållet", outline: true, inView: true});
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("observablehq-main");

    const stops: string[] = [];
    let slider = false;
    for (let i = 0; i < 80 && !slider; i++) {
      await page.keyboard.press("Tab");
      const f = await focused();
      expect(f, `focus lost after ${stops.join(" → ")}`).not.toBeNull();
      stops.push(f!.testId ?? `${f!.tag} ${f!.text}`);
      expect(f!.outline, `no visible focus on ${stops.at(-1)}`).toBe(true);
      expect(f!.inView, `${stops.at(-1)} focused out of view`).toBe(true);
      slider = f!.testId === "weight-resursatgang";
    }
    expect(slider, stops.join(" → ")).toBe(true);

    const version = Number(await page.locator("[data-testid=ranking]").getAttribute("data-version"));
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("[data-testid=weight-resursatgang]").inputValue()).toBe("1.2");
    expect(Number(await page.locator("[data-testid=ranking]").getAttribute("data-version"))).toBe(version + 2);
    await expect.poll(() => new URL(page.url()).searchParams.get("dw"), {timeout: 5_000}).toContain("resursatgang:1.2");
    await page.keyboard.press("ArrowLeft");
    expect(await page.locator("[data-testid=weight-resursatgang]").inputValue()).toBe("1.1");

    // Tab on to the end of the page: the footer's link comes, then focus leaves the document.
    let footer = false;
    for (let i = 0; i < 300 && !footer; i++) {
      await page.keyboard.press("Tab");
      const text = await page.evaluate(() => document.activeElement?.textContent ?? "");
      footer = text === "Tillgänglighetsredogörelse";
    }
    expect(footer).toBe(true);
    await page.context().close();
  }, 180_000);
});
