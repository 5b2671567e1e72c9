/**
 * One tampered link per page of the built site, with values just outside
 * each parameter's bounds (a year after the data's last, top 291, a weight of
 * 5.0000001, steadiness 1.05, 20 001 draws ...): the notice lists each bad
 * parameter by name, one line each, and the page renders its defaults, the
 * same view as the page opened with no parameters; the URL is rewritten to
 * the defaults. The bounds themselves are unit-tested through the same specs
 * in test/lib/page-specs.test.ts. Needs `npm run build` first. One browser.
 */
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../loaders/config.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const MODEL_WEIGHTS = "resursatgang:1,effektivitet:1,effekt:1,resultatkvalitet:1";
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

let server: StaticServer;
let browser: Browser;
const opened: {name: string; watched: WatchedPage}[] = [];

beforeAll(async () => {
  server = await serveStatic(path.join(REPO_ROOT, "dist"));
  browser = await launchBrowser();
}, 90_000);

afterEach(async () => {
  // Their console errors and requests stay recorded for the last test.
  for (const {watched} of opened) if (!watched.page.isClosed()) await watched.page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(name: string, url: string, ready: string, timeout = 60_000): Promise<Page> {
  const watched = await openWatchedPage(browser, server.url);
  opened.push({name, watched});
  await watched.page.setViewportSize({width: 1280, height: 900});
  await watched.page.goto(`${server.url}/${url}`);
  await watched.page.waitForSelector(ready, {timeout});
  return watched.page;
}

/** The parameter each notice line names, in order ("Ogiltigt värde för ”year” (2023): ..."). */
async function noticeParams(page: Page): Promise<string[]> {
  const notice = page.locator("[data-testid=url-notice]");
  expect(await notice.isVisible()).toBe(true);
  const items = await notice.locator("li").allTextContents();
  for (const item of items) expect(item).toMatch(/^Ogiltigt värde för ”[a-z]+” \(.+\): .+\. Standardvärdet används\.$/);
  return items.map((item) => /”([a-z]+)”/.exec(item)![1]!);
}

const value = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).inputValue();
const params = (page: Page, names: string[]) => names.map((n) => new URL(page.url()).searchParams.get(n));

/** Waits until the deferred URL write has happened, then returns the given parameters. */
async function rewritten(page: Page, names: string[], expected: (string | null)[]): Promise<void> {
  await expect.poll(() => params(page, names), {timeout: 5_000}).toEqual(expected);
}

const tableCells = (page: Page) =>
  page.locator(ROWS).evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.municipality, ...[...(tr as HTMLTableRowElement).cells].map((c) => c.textContent)]));

describe("a link with out-of-bounds values, per page", () => {
  it("Nominering: year 2023, top 291, a weight of 5.0000001, a negative KPI weight, wins=2, an unknown aggregation", async () => {
    const reference = await open("nominering (defaults)", "nominering.html", ROWS);
    const expected = await tableCells(reference);
    const query = "year=2023&top=291&dw=effekt:5.0000001&w=N15428:-0.1&wins=2&agg=harmonic";
    const page = await open("nominering (out of bounds)", `nominering.html?${query}`, ROWS);
    expect(await noticeParams(page)).toEqual(["year", "top", "dw", "w", "wins", "agg"]);
    expect(await Promise.all(["year", "top-n", "weight-effekt", "weight-N15428", "winsorise", "aggregation"].map((t) => value(page, t)))).toEqual(["2022", "10", "1", "1", "0", "arithmetic"]);
    expect(await tableCells(page)).toEqual(expected);
    await rewritten(page, ["year", "top", "dw", "wins", "agg"], ["2022", "10", MODEL_WEIGHTS, "0", "arithmetic"]);
    expect(new URL(page.url()).searchParams.get("w")).not.toContain("-0.1");
  }, 120_000);

  it("Utvecklingskommun: end year 2011 (window before the data), steadiness 1.05, window 5, top 0, a weight of 50", async () => {
    const reference = await open("utveckling (defaults)", "utveckling.html", ROWS);
    const expected = await tableCells(reference);
    const page = await open("utveckling (out of bounds)", "utveckling.html?year=2011&steady=1.05&window=5&top=0&dw=effekt:50", ROWS);
    expect(await noticeParams(page)).toEqual(["year", "steady", "window", "top", "dw"]);
    expect(await Promise.all(["year", "window", "min-steadiness", "top-n", "weight-effekt"].map((t) => value(page, t)))).toEqual(["2022", "4", "0", "10", "1"]);
    expect(await tableCells(page)).toEqual(expected);
    await rewritten(page, ["year", "steady", "window", "top", "dw"], ["2022", "0", "4", "10", MODEL_WEIGHTS]);
  }, 120_000);

  it("Kommunprofil: an unknown municipality code and year 2030", async () => {
    const page = await open("kommun (out of bounds)", "kommun.html?kommun=9999&year=2030", '[data-testid=profile-kpis][data-municipality="0180"] tbody tr[data-kpi]');
    expect(await noticeParams(page)).toEqual(["kommun", "year"]);
    expect(await page.locator("[data-testid=profile-header] h2").textContent()).toContain("Stockholm");
    expect(await value(page, "year")).toBe("2022");
    expect(await page.locator("[data-testid=profile-kpis]").getAttribute("data-year")).toBe("2022");
    await rewritten(page, ["kommun", "year", "model"], ["0180", "2022", "skk-standard"]);
  }, 120_000);

  it("Robusthet: 20 001 draws, noise 1.0000001, seed 2^32, bounds with LO above HI, year 2023, top 291", async () => {
    const page = await open(
      "robusthet (out of bounds)",
      "robusthet.html?draws=20001&noise=1.0000001&seed=4294967296&bounds=2.1,2&year=2023&top=291",
      "[data-testid=analysis][data-state=done]",
      150_000
    );
    expect(await noticeParams(page)).toEqual(["draws", "noise", "seed", "bounds", "year", "top"]);
    expect(await Promise.all(["draws", "noise", "seed", "bounds", "year", "top-n"].map((t) => value(page, t)))).toEqual(["1000", "0.25", "1", "0.5,2", "2022", "10"]);
    // The analysis ran with the defaults.
    expect(await page.locator("[data-testid=robustness-summary]").textContent()).toMatch(/^1\s000 dragningar \(frö 1, brus ±25\s%\)/);
    await rewritten(page, ["draws", "noise", "seed", "bounds", "year", "top"], ["1000", "0.25", "1", "0.5,2", "2022", "10"]);
  }, 180_000);

  it("Granskning: year 2009, top 0, a KPI weight of 5.1, a negative dimension weight", async () => {
    const ready = "[data-testid=audit-kpis] tbody tr";
    const audit = (page: Page) =>
      page.evaluate(() => ({
        flags: [...document.querySelectorAll("[data-testid=audit-flags] li")].map((li) => li.textContent),
        kpis: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=audit-kpis] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent)),
        dims: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=audit-dimensions] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent))
      }));
    const reference = await open("granskning (defaults)", "granskning.html", ready);
    const expected = await audit(reference);
    expect(expected.kpis.length).toBeGreaterThan(20);
    const page = await open("granskning (out of bounds)", "granskning.html?year=2009&top=0&w=N15428:5.1&dw=resultatkvalitet:-1", ready);
    expect(await noticeParams(page)).toEqual(["year", "top", "w", "dw"]);
    expect(await Promise.all(["year", "top-n", "weight-N15428", "weight-resultatkvalitet"].map((t) => value(page, t)))).toEqual(["2022", "10", "1", "1"]);
    expect(await audit(page)).toEqual(expected);
    await rewritten(page, ["year", "top", "dw"], ["2022", "10", MODEL_WEIGHTS]);
  }, 120_000);
});

describe("every page opened", () => {
  it("logged no console error and requested nothing outside its origin", () => {
    expect(opened.map((o) => o.name)).toHaveLength(8);
    const problems = opened.map(({name, watched}) => ({name, errors: watched.consoleErrors, external: watched.externalRequests}));
    expect(problems).toEqual(opened.map(({name}) => ({name, errors: [], external: []})));
  });
});
