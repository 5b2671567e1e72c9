/**
 * WCAG 2.1 AA and layout on every page of the built site (issue 11), in
 * headless Chromium:
 * - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) finds no violation on any
 *   page, at 1280 and 390 px, after the page has rendered, and in the states
 *   that matter: every ranked row ("Visa alla"), an open KPI list, the notice
 *   after a tampered link, an analysis running on Robusthet;
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
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../loaders/config.ts";
import {axeViolations, describeViolations, layoutProbe, type AxeViolation} from "../helpers/a11y.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

interface PageCase {
  name: string;
  url: string;
  /** Waits until the page has rendered. */
  ready: (page: Page) => Promise<unknown>;
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
  {name: "tillganglighet", url: "tillganglighet.html", ready: selector("#observablehq-main h1")}
];

const AXE_WIDTHS = [1280, 390] as const;
const LAYOUT_WIDTHS = [390, 768, 1280, 1920] as const;

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

async function open(url: string, width: number, height = 900, deviceScaleFactor = 1): Promise<WatchedPage> {
  // A context of its own: axe needs one (not browser.newPage), and the viewport is set before loading.
  const context = await browser.newContext({viewport: {width, height}, deviceScaleFactor});
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
        const {page, consoleErrors, externalRequests} = await open(p.url, width);
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

    it(`Robusthet while an analysis runs at ${width} px`, async () => {
      const {page} = await open("robusthet.html?draws=20000&seed=7", width);
      await page.waitForSelector("[data-testid=analysis][data-state=running]", {timeout: 90_000});
      await expectNoViolations(page, "robusthet (running)", width);
      expect(await page.locator("[data-testid=analysis]").getAttribute("data-state")).toBe("running");
      await page.context().close();
    }, 120_000);
  }
});
