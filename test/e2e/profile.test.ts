/**
 * The Kommunprofil page of the built site in headless Chromium: one row per
 * model KPI with the snapshot's value, percentile and colour class; the
 * strengths and weaknesses (checked against the snapshot), rank history and
 * contributions; the load progress; charts at the container's width; the
 * municipality search and the year in the URL; tampered URLs; no console
 * error and no request outside its own origin. Needs `npm run build` first.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT, snapshotDirFromEnv} from "../../loaders/config.ts";
import {shorten} from "../../src/components/profile-format.ts";
import {sql} from "../helpers/duckdb.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const MODEL = JSON.parse(readFileSync(path.join(REPO_ROOT, "data/models/skk-standard.json"), "utf8")) as {
  indicators: {kpi: string; direction: "higher_better" | "lower_better"}[];
};
const MODEL_KPIS = MODEL.indicators.map((i) => i.kpi);
const SNAPSHOT = snapshotDirFromEnv() ?? path.resolve(REPO_ROOT, "../shared/kolada");
const VALUES_FILE = path.join(SNAPSHOT, "values/kolada_1994-2022_long.parquet");

const TABLE = "[data-testid=profile-kpis]";

let server: StaticServer;
let browser: Browser;
let watched: WatchedPage;
let firstLoadMs = 0;
const dataArrivedMs = new Map<string, number>();
const dialogs: string[] = [];

/** Kolada values (gender T, kommun level) of a municipality in a year, by KPI, straight from the snapshot. */
async function snapshotValues(code: string, year: number): Promise<Map<string, number>> {
  const rows = await sql<{kpi: string; value: number}>(
    `SELECT kpi, value FROM read_parquet('${VALUES_FILE.replaceAll("'", "''")}')
     WHERE municipality_id = '${code}' AND year = ${year} AND gender = 'T' AND kpi IN (${MODEL_KPIS.map((k) => `'${k}'`).join(",")})`
  );
  return new Map(rows.map((r) => [r.kpi, r.value]));
}

/**
 * The percentile of `code` in every model KPI (year, gender T, kommuner),
 * computed independently in SQL: 100 × #(municipalities it is at least as good
 * as, direction-aligned) / #(municipalities with a value).
 */
async function snapshotPercentiles(code: string, year: number): Promise<Map<string, number>> {
  const directions = MODEL.indicators.map((i) => `('${i.kpi}', ${i.direction === "higher_better" ? 1 : -1})`).join(",");
  const rows = await sql<{kpi: string; c: bigint; n: bigint}>(
    `WITH d(kpi, sign) AS (VALUES ${directions}),
     v AS (SELECT kpi, municipality_id AS code, value * sign AS x FROM read_parquet('${VALUES_FILE.replaceAll("'", "''")}') JOIN d USING (kpi)
           WHERE year = ${year} AND gender = 'T' AND area_level = 'kommun' AND value IS NOT NULL),
     me AS (SELECT kpi, x AS mine FROM v WHERE code = '${code}')
     SELECT kpi, count(*) FILTER (WHERE mine >= x) AS c, count(*) AS n FROM v JOIN me USING (kpi) GROUP BY kpi`
  );
  return new Map(rows.map((r) => [r.kpi, (100 * Number(r.c)) / Number(r.n)]));
}

/** The weaknesses the snapshot gives: KPIs with percentile <= 25, worst first, equal percentiles in model order. */
async function snapshotWeaknesses(code: string, year: number): Promise<string[]> {
  const p = await snapshotPercentiles(code, year);
  return MODEL_KPIS.filter((k) => p.has(k) && p.get(k)! <= 25).sort((a, b) => p.get(a)! - p.get(b)! || MODEL_KPIS.indexOf(a) - MODEL_KPIS.indexOf(b));
}

/** The strengths the snapshot gives: KPIs with percentile > 75, best first, equal percentiles in model order. */
async function snapshotStrengths(code: string, year: number): Promise<string[]> {
  const p = await snapshotPercentiles(code, year);
  return MODEL_KPIS.filter((k) => p.has(k) && p.get(k)! > 75).sort((a, b) => p.get(b)! - p.get(a)! || MODEL_KPIS.indexOf(a) - MODEL_KPIS.indexOf(b));
}

/** Place (1 + municipalities strictly better, direction-aligned) and n (municipalities with a value) in one KPI, from the snapshot. */
async function snapshotPlace(code: string, year: number, kpi: string): Promise<{place: number; n: number}> {
  const sign = MODEL.indicators.find((i) => i.kpi === kpi)!.direction === "higher_better" ? 1 : -1;
  const [row] = await sql<{better: bigint; n: bigint}>(
    `WITH v AS (SELECT municipality_id AS code, value * ${sign} AS x FROM read_parquet('${VALUES_FILE.replaceAll("'", "''")}')
                WHERE kpi = '${kpi}' AND year = ${year} AND gender = 'T' AND area_level = 'kommun' AND value IS NOT NULL)
     SELECT count(*) FILTER (WHERE x > (SELECT x FROM v WHERE code = '${code}')) AS better, count(*) AS n FROM v`
  );
  return {place: Number(row!.better) + 1, n: Number(row!.n)};
}

const shownKpis = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => el.getAttribute("data-kpi")!));

/** The expected cell text, formatted independently of the page's code: sv-SE, one decimal (two below 1). */
function svNumber(v: number | undefined): string {
  if (v === undefined) return "–";
  return new Intl.NumberFormat("sv-SE", {maximumFractionDigits: Math.abs(v) < 1 ? 2 : 1}).format(v);
}

async function shownValues(page: Page): Promise<Map<string, string>> {
  const pairs = await page
    .locator(`${TABLE} tbody tr[data-kpi]`)
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-kpi")!, r.querySelector("td.value .number")?.textContent ?? ""] as [string, string]));
  return new Map(pairs);
}

/** Waits until the model's rankings are computed and the rank sections drawn (they fill in after the KPI table). */
async function waitForRanks(page: Page): Promise<void> {
  await page.waitForSelector("[data-testid=rank-history][data-compute-ms] svg", {timeout: 60_000});
}

async function waitForMunicipality(page: Page, code: string): Promise<void> {
  await page.waitForSelector(`${TABLE}[data-municipality="${code}"] tbody tr[data-kpi]`, {timeout: 60_000});
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  watched = await openWatchedPage(browser, server.url);
  watched.page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // When each data file (manifest, models, values, municipalities, kpis) first finished arriving.
  const t0 = Date.now();
  watched.page.on("requestfinished", (request) => {
    const file = /\/_file\/data\/([a-z]+)\.[0-9a-f]+\.(?:json|parquet)$/.exec(new URL(request.url()).pathname)?.[1];
    if (file && !dataArrivedMs.has(file)) dataArrivedMs.set(file, Date.now() - t0);
  });
  await watched.page.goto(`${server.url}/kommun.html?kommun=1284`);
  await waitForMunicipality(watched.page, "1284");
  firstLoadMs = Date.now() - t0;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Kommunprofil (built site)", () => {
  it("opens Höganäs from the URL, writes the full state back, and shows it within 6 s (2 s after the last data file)", async () => {
    const page = watched.page;
    expect(param(page, "kommun")).toBe("1284");
    expect(param(page, "model")).toBe("skk-standard");
    expect(param(page, "year")).toMatch(/^\d{4}$/);
    expect(await page.locator("[data-testid=profile-header] h2").textContent()).toContain("Höganäs");
    expect(await page.locator("[data-testid=municipality-search]").inputValue()).toBe("Höganäs");
    expect(await page.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    await waitForRanks(page);
    const lastDataMs = Math.max(...dataArrivedMs.values());
    console.log(`Kommunprofil first load: table at ${firstLoadMs} ms, last data file at ${lastDataMs} ms; rank history computed in ${await page.getAttribute("[data-testid=rank-history]", "data-compute-ms")} ms`);
    expect([...dataArrivedMs.keys()].sort()).toEqual(["kpis", "manifest", "models", "municipalities", "values"]);
    // README: first rows ≈ 0.9–1.8 s after navigation, ≈ 0.2–0.25 s after the last data file (decode, matrix,
    // render) on this 2-core machine; measured here 2.0 s / 0.7 s alone and 2.9 s / 0.8 s beside two other
    // browser test files. The bounds leave about twice that for a machine busy with the rest of the suite.
    expect(firstLoadMs).toBeLessThan(6_000);
    expect(firstLoadMs - lastDataMs).toBeLessThan(2_000);
  });

  it("shows one row for every KPI of the model, each with a colour class and a text label", async () => {
    const page = watched.page;
    const rows = page.locator(`${TABLE} tbody tr[data-kpi]`);
    const kpis = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-kpi")));
    expect([...kpis].sort()).toEqual([...MODEL_KPIS].sort());
    expect(new Set(kpis).size).toBe(kpis.length);
    const cells = await page.locator(`${TABLE} tbody tr[data-kpi] td.colour`).evaluateAll((tds) => tds.map((td) => [td.className, td.textContent]));
    const labels: Record<string, string> = {green: "Bästa kvartilen", yellow: "Mellersta hälften", red: "Sämsta kvartilen", grey: "Uppgift saknas"};
    expect(cells).toHaveLength(MODEL_KPIS.length);
    for (const [className, text] of cells) {
      const cls = /class-(green|yellow|red|grey)/.exec(className!)?.[1];
      expect(cls).toBeDefined();
      expect(text).toBe(labels[cls!]);
    }
    expect(await page.locator(`${TABLE} tbody tr[data-kpi] td.trend svg`).count()).toBe(MODEL_KPIS.length);
  });

  it("shows the snapshot's values, formatted sv-SE, and a percentile that matches the snapshot", async () => {
    const page = watched.page;
    const year = Number(param(page, "year"));
    const expected = await snapshotValues("1284", year);
    expect(expected.get("N15428")).toBeDefined();
    const shown = await shownValues(page);
    for (const kpi of MODEL_KPIS) expect(shown.get(kpi), kpi).toBe(svNumber(expected.get(kpi)));
    // One hand-checkable value: N15428 is a percentage, shown with its unit.
    const n15428 = (await page.locator(`${TABLE} tr[data-kpi="N15428"] td.value`).textContent())!.replace(/\s+/g, " ");
    expect(n15428).toBe(`${svNumber(expected.get("N15428"))} %`.replace(/\s+/g, " "));

    // Percentile of N15428 (higher better): share of kommuner with a value that Höganäs is at least as good as.
    const [{p}] = (await sql<{p: number}>(
      `SELECT 100.0 * count(*) FILTER (WHERE value <= ${expected.get("N15428")}) / count(*) AS p
       FROM read_parquet('${VALUES_FILE.replaceAll("'", "''")}')
       WHERE kpi = 'N15428' AND year = ${year} AND gender = 'T' AND area_level = 'kommun'`
    )) as [{p: number}];
    const shownPercentile = await page.locator(`${TABLE} tr[data-kpi="N15428"] td.percentile .number`).textContent();
    expect(shownPercentile).toBe(String(Math.round(p)));
    const cls = await page.locator(`${TABLE} tr[data-kpi="N15428"] td.colour`).getAttribute("class");
    expect(cls).toContain(p > 75 ? "class-green" : p <= 25 ? "class-red" : "class-yellow");
  });

  it("shows strengths and weaknesses, the rank history and the contributions", async () => {
    const page = watched.page;
    const year = Number(param(page, "year"));
    // Strengths: exactly the snapshot's best-quarter KPIs, best first, the first six listed; the table's green rows are all of them.
    const expectedStrengths = await snapshotStrengths("1284", year);
    expect(expectedStrengths.length).toBeGreaterThan(0);
    expect(await shownKpis(page, "[data-testid=strengths] li")).toEqual(expectedStrengths.slice(0, 6));
    expect((await shownKpis(page, `${TABLE} tbody tr[data-class=green]`)).sort()).toEqual([...expectedStrengths].sort());
    expect(await page.locator(".sw.strengths .sw-note").textContent()).toBe(expectedStrengths.length > 6 ? `… och ${expectedStrengths.length - 6} till (se tabellen).` : "");
    // Weaknesses: Höganäs has no KPI in the worst quarter (the next test takes one that has), so the list and the
    // table's red rows are empty, and the note names the KPI with the lowest percentile in the snapshot.
    expect(await snapshotWeaknesses("1284", year)).toEqual([]);
    expect(await shownKpis(page, "[data-testid=weaknesses] li")).toEqual([]);
    expect(await shownKpis(page, `${TABLE} tbody tr[data-class=red]`)).toEqual([]);
    const percentiles = await snapshotPercentiles("1284", year);
    const weakest = MODEL_KPIS.filter((k) => percentiles.has(k)).reduce((a, b) => (percentiles.get(b)! < percentiles.get(a)! ? b : a));
    const {place, n} = await snapshotPlace("1284", year, weakest);
    const title = (await page.locator(`${TABLE} tr[data-kpi="${weakest}"] .kpi-title`).textContent())!;
    expect(await page.locator(".sw.weaknesses .sw-note").textContent()).toBe(
      `Inget nyckeltal i sämsta kvartilen år ${year}. Lägst percentil: ${shorten(title, 70)} (percentil ${Math.round(percentiles.get(weakest)!)}, plats ${place} av ${n}).`
    );

    expect(await page.locator("[data-testid=rank-history] svg").count()).toBeGreaterThan(0);
    const nominationNow = await page.locator(`[data-testid=rank-history-table] tr[data-kind=nomination] td[data-year="${year}"]`).textContent();
    expect(nominationNow).toMatch(/^\d+\/\d+$/);
    expect(await page.locator("[data-testid=rank-now]").textContent()).toContain(`${nominationNow!.split("/")[0]} av ${nominationNow!.split("/")[1]}`);
    const improvementCells = await page.locator("[data-testid=rank-history-table] tr[data-kind=improvement] td[data-year]").count();
    expect(improvementCells).toBeGreaterThan(5);

    expect(await page.locator("[data-testid=contributions] svg").count()).toBeGreaterThan(0);
    const contributionRows = await page.locator("[data-testid=contributions] table tr[data-kpi]").count();
    expect(contributionRows).toBe(MODEL_KPIS.length);
  });

  it("lists the weaknesses of a municipality that has some (Stockholm 2022), worst first, as the snapshot gives them", async () => {
    const other = await openWatchedPage(browser, server.url);
    try {
      await other.page.goto(`${server.url}/kommun.html?kommun=0180&year=2022`);
      await waitForMunicipality(other.page, "0180");
      const expected = await snapshotWeaknesses("0180", 2022);
      expect(expected.length).toBeGreaterThan(6);
      expect(await shownKpis(other.page, "[data-testid=weaknesses] li")).toEqual(expected.slice(0, 6));
      expect(await other.page.locator(".sw.weaknesses .sw-note").textContent()).toBe(`… och ${expected.length - 6} till (se tabellen).`);
      // Every red row of the table is a weakness, and nothing else is.
      expect((await shownKpis(other.page, `${TABLE} tbody tr[data-class=red]`)).sort()).toEqual([...expected].sort());
      expect(other.consoleErrors).toEqual([]);
    } finally {
      await other.page.close();
    }
  });

  it("says what it is loading, with a progress bar, until the profile is shown", async () => {
    const other = await openWatchedPage(browser, server.url);
    try {
      // Hold the values file back, so the page is caught while loading.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await other.page.route(/\/values\.[0-9a-f]+\.parquet$/, async (route) => {
        await held;
        await route.continue();
      });
      await other.page.goto(`${server.url}/kommun.html?kommun=1284`);
      const status = other.page.locator("[data-testid=load-progress]").first();
      await status.waitFor({state: "visible"});
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      await expect.poll(() => status.textContent()).toMatch(/^Laddar kommunprofilen\. .+ \(\d av 7\)\.$/);
      const bar = await status.locator("progress").evaluate((p: HTMLProgressElement) => ({value: p.value, max: p.max}));
      expect(bar.max).toBe(7);
      expect(bar.value).toBeLessThan(7);
      expect(await other.page.locator(TABLE).count()).toBe(0);
      release();
      await waitForMunicipality(other.page, "1284");
      expect(await other.page.locator("[data-testid=load-progress]").first().isHidden()).toBe(true);
      // The rankings' own progress line (in the rank history section) goes when they are done.
      await waitForRanks(other.page);
      expect(await other.page.locator("[data-testid=load-progress]:visible").count()).toBe(0);
      expect(other.consoleErrors).toEqual([]);
    } finally {
      await other.page.close();
    }
  });

  it("draws the charts at the width of their section, and again when it changes", async () => {
    const other = await openWatchedPage(browser, server.url);
    try {
      const chartWidths = () =>
        other.page.evaluate(() =>
          ["[data-testid=rank-history]", "[data-testid=contributions]"].map((section) => {
            const box = document.querySelector(section)!;
            const svgs = [...box.querySelectorAll("svg")].map((s) => s.getBoundingClientRect().width);
            return {section: box.clientWidth, widest: Math.max(...svgs)};
          })
        );
      const sectionWidths: number[] = [];
      for (const width of [1280, 760]) {
        await other.page.setViewportSize({width, height: 900});
        if (width === 1280) {
          await other.page.goto(`${server.url}/kommun.html?kommun=1284`);
          await waitForMunicipality(other.page, "1284");
        }
        // The widest SVG of each section is its chart (the others are legend swatches).
        await expect.poll(async () => (await chartWidths()).every((c) => c.widest > 0 && Math.abs(c.widest - c.section) <= 1), {timeout: 30_000}).toBe(true);
        sectionWidths.push((await chartWidths())[0]!.section);
      }
      expect(sectionWidths[1]).toBeLessThan(sectionWidths[0]! - 200);
      expect(other.consoleErrors).toEqual([]);
    } finally {
      await other.page.close();
    }
  });

  it("shows the source note with the attribution", async () => {
    const note = await watched.page.locator("[data-testid=source-note]").textContent();
    expect(note).toContain("Egen bearbetning av data från Kolada (RKA)");
    expect(note).toContain("augusti 2024");
  });

  it("updates the URL and the table when another municipality is chosen in the search", async () => {
    const page = watched.page;
    const search = page.locator("[data-testid=municipality-search]");
    await search.fill("Umeå");
    await waitForMunicipality(page, "2480");
    expect(param(page, "kommun")).toBe("2480");
    expect(await page.locator("[data-testid=profile-header] h2").textContent()).toContain("Umeå");
    const year = Number(param(page, "year"));
    const expected = await snapshotValues("2480", year);
    const shown = await shownValues(page);
    for (const kpi of MODEL_KPIS) expect(shown.get(kpi), kpi).toBe(svNumber(expected.get(kpi)));

    // Typing the start of a name and pressing Enter takes the first match.
    await search.fill("Kirun");
    await search.press("Enter");
    await waitForMunicipality(page, "2584");
    expect(param(page, "kommun")).toBe("2584");
    expect(await search.inputValue()).toBe("Kiruna");
  });

  it("restores municipality and year exactly from a link, and the year select updates the URL", async () => {
    const page = watched.page;
    await page.goto(`${server.url}/kommun.html?kommun=2480&model=skk-standard&year=2019`);
    await waitForMunicipality(page, "2480");
    expect(await page.locator(TABLE).getAttribute("data-year")).toBe("2019");
    expect(await page.locator("[data-testid=year]").inputValue()).toBe("2019");
    expect(await page.locator("[data-testid=municipality-search]").inputValue()).toBe("Umeå");
    expect(param(page, "year")).toBe("2019");
    const expected = await snapshotValues("2480", 2019);
    const shown = await shownValues(page);
    for (const kpi of MODEL_KPIS) expect(shown.get(kpi), kpi).toBe(svNumber(expected.get(kpi)));

    await page.locator("[data-testid=year]").selectOption("2021");
    await page.waitForSelector(`${TABLE}[data-year="2021"]`);
    expect(param(page, "year")).toBe("2021");
    expect(param(page, "kommun")).toBe("2480");
  });

  it("ignores a tampered kommun parameter with a plain-text notice and shows the default (Stockholm)", async () => {
    const page = watched.page;
    await page.goto(`${server.url}/kommun.html?kommun=${encodeURIComponent("<script>alert(1)</script>")}`);
    await waitForMunicipality(page, "0180");
    const notice = page.locator("[data-testid=url-notice]");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("<script>");
    expect(await notice.locator("script").count()).toBe(0);
    expect(await page.locator("[data-testid=profile-header] h2").textContent()).toContain("Stockholm");
    expect(param(page, "kommun")).toBe("0180");
    expect(dialogs).toEqual([]);
  });

  it("ignores an unknown code and an unknown parameter, each with a notice", async () => {
    const page = watched.page;
    await page.goto(`${server.url}/kommun.html?kommun=9999&foo=1`);
    await waitForMunicipality(page, "0180");
    const items = await page.locator("[data-testid=url-notice] li").allTextContents();
    expect(items).toHaveLength(2);
    expect(items.join(" ")).toContain("9999");
    expect(items.join(" ")).toContain("foo");
    expect(param(page, "kommun")).toBe("0180");
    expect(param(page, "foo")).toBeNull();
  });

  it("logs no console error and requests nothing outside its own origin", () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
