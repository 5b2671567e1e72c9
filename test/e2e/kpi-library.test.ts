/**
 * The KPI library in the built site:
 * - its files in `dist/` take at most 40 MB and match the hashes of the
 *   library's own manifest, which the main manifest lists with its hash;
 * - the first load of Nominering, Utveckling and Kommunprofil fetches exactly
 *   the data files it did before the library (the model's), and nothing of the
 *   library: no value file, no index, not even the module listing the files;
 * - on Nyckeltal, a word of the title finds a KPI outside the default model,
 *   choosing it shows its coverage per year (the snapshot's counts), the
 *   search and the choice are kept in the link; no value file is fetched;
 * - in the browser, `ensureKpiValues` adds a KPI with one small fetch, and two
 *   quick adds of the same KPI fetch it once.
 * Needs `npm run build` first.
 */
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, statSync} from "node:fs";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT, snapshotDirFromEnv} from "../../loaders/config.ts";
import {sqlString} from "../../loaders/duckdb.ts";
import type {LibraryFilesManifest} from "../../loaders/library.ts";
import type {Manifest} from "../../loaders/outputs.ts";
import {libraryValueFileNames} from "../../src/lib/data/kpi-library-layout.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {sql} from "../helpers/duckdb.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const DATA = path.join(DIST, "_file", "data");
const SNAPSHOT_VALUES = sqlString(path.join(snapshotDirFromEnv()!, "values/kolada_1994-2022_long.parquet"));
/** A KPI outside the default model (skk-standard), found by a word of its title. */
const OUTSIDE = {id: "N21826", word: "hemtjänsttimmar"};

let server: StaticServer;
let browser: Browser;
const opened: WatchedPage[] = [];

/** `name.<8 hex>.ext` in `dir` → the path, by the name without the hash. */
function hashedFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const match = /^(.+)\.[0-9a-f]{8}(\.[a-z0-9]+)$/.exec(name);
    if (match && statSync(path.join(dir, name)).isFile()) files.set(`${match[1]}${match[2]}`, path.join(dir, name));
  }
  return files;
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const origin = () => server.url.replace(/\/$/, "");

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (its own context: a cold cache) recording the paths it requests. */
async function coldPage(): Promise<WatchedPage & {paths: string[]}> {
  const context = await browser.newContext();
  const watched = await openWatchedPage(context, origin());
  opened.push(watched);
  const paths: string[] = [];
  watched.page.on("request", (request) => paths.push(new URL(request.url()).pathname));
  return {...watched, paths};
}

describe("the library's files in dist/", () => {
  it("take at most 40 MB together, and each matches its sha256 in the library's manifest, which the main manifest lists", () => {
    const data = hashedFiles(DATA);
    const values = hashedFiles(path.join(DATA, "library"));
    expect([...values.keys()].sort()).toEqual(libraryValueFileNames());
    const libraryManifestFile = data.get("kpi-library-files.json")!;
    const indexFile = data.get("kpi-library.parquet")!;
    const own = JSON.parse(readFileSync(libraryManifestFile, "utf8")) as LibraryFilesManifest;
    for (const [name, file] of values) expect(own.files[`library/${name}`], name).toMatchObject({bytes: statSync(file).size, sha256: sha256(file)});
    expect(own.files["kpi-library.parquet"]).toEqual({bytes: statSync(indexFile).size, sha256: sha256(indexFile)});
    const main = JSON.parse(readFileSync(data.get("manifest.json")!, "utf8")) as Manifest;
    expect(main.files["kpi-library-files.json"]).toEqual({bytes: statSync(libraryManifestFile).size, sha256: sha256(libraryManifestFile)});
    expect(main.files["kpi-library.parquet"]).toEqual({bytes: statSync(indexFile).size, sha256: sha256(indexFile)});
    const total = [...values.values(), indexFile, libraryManifestFile].reduce((n, f) => n + statSync(f).size, 0);
    console.log(`KPI library in dist/: ${(total / 1e6).toFixed(1)} MB in ${values.size + 2} files`);
    expect(total).toBeLessThanOrEqual(40 * 1024 * 1024);
    expect(main.library.value_bytes).toBe([...values.values()].reduce((n, f) => n + statSync(f).size, 0));
  });
});

const MODEL_DATA = ["manifest.json", "models.json", "values.parquet", "municipalities.parquet", "kpis.parquet"];
const FIRST_LOADS = [
  {page: "nominering.html", ready: "[data-testid=ranking] tbody tr[data-municipality]", data: [...MODEL_DATA, "kommuner.topojson"]},
  {page: "utveckling.html", ready: "[data-testid=ranking] tbody tr[data-municipality]", data: MODEL_DATA},
  {page: "kommun.html?kommun=1284", ready: "[data-testid=rank-history][data-compute-ms] svg", data: MODEL_DATA}
];

describe("first load", () => {
  for (const {page, ready, data} of FIRST_LOADS) {
    it(`${page} fetches the model's data files and nothing of the library`, async () => {
      const watched = await coldPage();
      await watched.page.goto(`${origin()}/${page}`);
      await watched.page.waitForSelector(ready, {timeout: 90_000});
      await watched.page.waitForTimeout(1500); // anything fetched after the first render too
      const dataFiles = watched.paths.filter((p) => p.startsWith("/_file/data/")).map((p) => p.replace(/^\/_file\/data\//, "").replace(/\.[0-9a-f]{8}(\.[a-z0-9]+)$/, "$1"));
      // The set: Kommunprofil's robustness worker fetches the same files again.
      expect([...new Set(dataFiles)].sort()).toEqual([...data].sort());
      expect(watched.paths.filter((p) => /kpi-library|\/data\/library\//.test(p))).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.externalRequests).toEqual([]);
    }, 120_000);
  }
});

describe("Nyckeltal", () => {
  let watched: WatchedPage & {paths: string[]};
  let page: Page;

  beforeAll(async () => {
    watched = await coldPage();
    page = watched.page;
    await page.setViewportSize({width: 1280, height: 900});
    await page.goto(`${origin()}/nyckeltal.html`);
    await page.waitForSelector("[data-testid=kpi-search]", {timeout: 60_000});
  }, 90_000);

  it("finds a KPI outside the default model by a word of its title and shows its coverage per year, the snapshot's counts", async () => {
    const models = JSON.parse(readFileSync(hashedFiles(DATA).get("models.json")!, "utf8")) as {id: string; model: {indicators: {kpi: string}[]}}[];
    expect(models.find((m) => m.id === "skk-standard")!.model.indicators.map((i) => i.kpi)).not.toContain(OUTSIDE.id);
    await page.fill("[data-testid=kpi-search]", OUTSIDE.word);
    const result = page.locator(`button.kpi-result[data-kpi=${OUTSIDE.id}]`);
    await result.waitFor({timeout: 10_000});
    await result.click();
    await page.waitForSelector("[data-testid=kpi-coverage] tbody tr");
    const rows = await page.$$eval("[data-testid=kpi-coverage] tbody tr", (trs) => trs.map((tr) => [tr.querySelector("th")!.textContent!.trim(), tr.querySelector("td")!.textContent!.trim()]));
    const expected = await sql<{year: number; n: number}>(
      `SELECT y.year::INT AS year, count(DISTINCT v.municipality_id)::INT AS n
       FROM range(2010, 2023) y(year) LEFT JOIN read_parquet(${SNAPSHOT_VALUES}) v
         ON v.year = y.year AND v.kpi = '${OUTSIDE.id}' AND v.area_level = 'kommun' AND v.gender = 'T' AND v.value IS NOT NULL AND isfinite(v.value)
       GROUP BY y.year ORDER BY y.year`
    );
    expect(rows).toEqual(expected.map((e) => [String(e.year), e.n.toLocaleString("sv-SE")]));
    const detail = (await page.textContent("[data-testid=kpi-detail]"))!;
    expect(detail).toContain(`${OUTSIDE.id} Beviljade antal hemtjänsttimmar`);
    expect(detail).toContain("timmar/hemtjänsttagare");
    expect(watched.paths.filter((p) => p.includes("/data/library/"))).toEqual([]);
    expect(watched.paths.filter((p) => p.includes("kpi-library")).length).toBeGreaterThan(0);
  });

  it("fires input on the component with the chosen KPI as its value, and not while typing", async () => {
    await page.evaluate(() => {
      const root = document.querySelector("[data-testid=kpi-search]")!.closest(".kpi-search") as HTMLElement & {value: {id: string} | null};
      (window as unknown as {chosen: string[]}).chosen = [];
      root.addEventListener("input", () => (window as unknown as {chosen: string[]}).chosen.push(root.value!.id));
    });
    await page.fill("[data-testid=kpi-search]", "U00200");
    await page.locator("button.kpi-result[data-kpi=U00200]").click();
    expect(await page.evaluate(() => (window as unknown as {chosen: string[]}).chosen)).toEqual(["U00200"]);
  });

  it("marks a suggested direction as a suggestion with its basis", async () => {
    await page.fill("[data-testid=kpi-search]", "U11404");
    const result = page.locator("button.kpi-result[data-kpi=U11404]");
    await result.waitFor();
    expect(await result.textContent()).toContain("förslag: högre är bättre (dokumenterad i Kolada)");
    // Keyboard: arrow down from the field to the first result, Enter chooses it.
    await page.focus("[data-testid=kpi-search]");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.kpi)).toBe("U11404");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("[data-testid=kpi-detail] h3")?.textContent?.startsWith("U11404"));
    const detail = (await page.textContent("[data-testid=kpi-detail]"))!;
    expect(detail).toContain("0=sämst, 100=bäst");
    expect(detail).toContain("förslag: resultatkvalitet");
  });

  it("keeps the search and the chosen KPI in the link, and ignores a bad KPI in a link with a notice", async () => {
    await page.waitForFunction(() => new URL(location.href).searchParams.get("kpi") === "U11404", undefined, {timeout: 5000});
    expect(new URL(page.url()).searchParams.get("q")).toBe("U11404");
    const again = await coldPage();
    await again.page.goto(`${origin()}/nyckeltal.html?q=${encodeURIComponent(OUTSIDE.word)}&kpi=${OUTSIDE.id}`);
    await again.page.waitForSelector("[data-testid=kpi-coverage] tbody tr", {timeout: 60_000});
    expect(await again.page.inputValue("[data-testid=kpi-search]")).toBe(OUTSIDE.word);
    expect(await again.page.textContent("[data-testid=kpi-detail] h3")).toMatch(new RegExp(`^${OUTSIDE.id} `));
    await again.page.goto(`${origin()}/nyckeltal.html?kpi=%3Cscript%3E`);
    await again.page.waitForSelector("[data-testid=url-notice]:not([hidden])", {timeout: 60_000});
    expect(await again.page.textContent("[data-testid=url-notice]")).toContain("Ogiltigt värde för ”kpi”");
    expect(await again.page.$("[data-testid=kpi-detail]:not([hidden])")).toBeNull();
  });

  it("adds a KPI's values in the browser with one small fetch; two quick adds of the same KPI fetch once", async () => {
    const imports = hashedFiles(path.join(DIST, "_import", "lib", "data"));
    const data = hashedFiles(DATA);
    const url = (file: string) => `/${path.relative(DIST, file)}`;
    const files = Object.fromEntries(["manifest.json", "models.json", "values.parquet", "municipalities.parquet", "kpis.parquet"].map((n) => [n.replace(/\.\w+$/, ""), url(data.get(n)!)]));
    const before = watched.paths.length;
    // A string, so vitest's transform leaves the dynamic imports to the browser.
    const args = JSON.stringify({libraryModule: url(imports.get("kpi-library.js")!), workbenchModule: url(imports.get("workbench.js")!), files, kpi: OUTSIDE.id});
    const result = (await page.evaluate(`(async ({libraryModule, workbenchModule, files, kpi}) => {
      const lib = await import(libraryModule);
      const {loadWorkbench} = await import(workbenchModule);
      const wb = await loadWorkbench(files);
      const had = wb.matrix.kpiIndex.has(kpi);
      const [a, b] = await Promise.all([lib.ensureKpiValues(wb, [kpi]), lib.ensureKpiValues(wb, [kpi])]);
      const k = wb.matrix.kpiIndex.get(kpi);
      const nY = wb.matrix.years.length;
      const nM = wb.matrix.municipalities.length;
      const t = wb.matrix.years.indexOf(2022);
      const values = Array.from(wb.matrix.values.subarray((k * nY + t) * nM, (k * nY + t + 1) * nM));
      return {had, same: a === b && a === wb.matrix, present: values.filter((v) => !Number.isNaN(v)).length};
    })(${args})`)) as {had: boolean; same: boolean; present: number};
    expect(result.had).toBe(false);
    expect(result.same).toBe(true);
    expect(result.present).toBe(278);
    const fetched = watched.paths.slice(before).filter((p) => p.includes("/data/library/"));
    expect(fetched.length).toBe(1);
    expect(statSync(path.join(DIST, fetched[0]!)).size).toBeLessThan(200_000);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 60_000);
});
