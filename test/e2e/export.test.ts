/**
 * The export buttons of the built site in headless Chromium: each download
 * (a Blob URL, no server) checked against the `rank` command (cli/rank.ts,
 * run in process) and the engine —
 * - Nominering's CSV byte by byte (BOM, `;`, CRLF, decimal comma, ASCII minus,
 *   codes as Excel text formulas) and value by value against `rank`; its XLSX
 *   opened with exceljs and checked cell by cell (numbers at full precision,
 *   codes as text, the sheet "Om data" with the link, the model's KPIs and
 *   the manifest's hashes); its Parquet read by DuckDB;
 * - the export follows the page: a weight change equals `rank` with that
 *   weight, a county filter keeps the national ranks;
 * - Utveckling's CSV against `rank --kind improvement`, Kommunprofil's KPI
 *   table (contributions summing to the score) and rank history, Granskning's
 *   two tables, Robusthet's result table;
 * - every "Spara bild" as SVG (canvas charts composed with their text) and
 *   PNG; file names `<page>_<model>_<year>_<YYYY-MM-DD>.<ext>`;
 * and no console error or request outside the site on any page.
 * Needs `npm run build` first.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import ExcelJS from "exceljs";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseDelimited} from "../helpers/csv.ts";
import {main} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import type {Model} from "../../src/engine/model.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const MODEL_FILE = path.join(REPO_ROOT, "data/models/skk-standard.json");
const MODEL = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as Model;
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";
const tmp = mkdtempSync(path.join(tmpdir(), "export-test-"));

type CsvRow = Record<string, string>;


function records(text: string, separator: string): CsvRow[] {
  const [header, ...rows] = parseDelimited(text, separator);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

/** `rank --format csv` as rows by its header. */
async function rankCsv(args: string[]): Promise<CsvRow[]> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--format", "csv"], {env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  if (code !== 0) throw new Error(`rank ${args.join(" ")} exited with ${code}: ${stderr}`);
  return records(stdout, ",");
}

/** A copy of skk-standard.json with some dimension weights changed (the CLI's way to take weights). */
function modelWithDimensionWeights(weights: Record<string, number>): string {
  const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as Model;
  for (const d of model.dimensions) if (Object.hasOwn(weights, d.id)) d.weight = weights[d.id]!;
  const file = path.join(tmp, `skk-${Object.entries(weights).map(([k, v]) => `${k}-${v}`).join("_")}.json`);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

/** The page's shown decimals: toFixed, "-0.00" as "0.00", decimal comma. */
const shown = (x: string, decimals = 2) => (x === "" ? "" : Number(x).toFixed(decimals).replace(/^-(0\.0+)$/, "$1").replace(".", ","));
/** A csv-sv number read back. */
const swedish = (s: string) => (s === "" ? null : Number(s.replace(",", ".")));
/** `="0180"` → "0180". */
const unwrap = (s: string) => /^="(.*)"$/.exec(s)?.[1] ?? s;

let server: StaticServer;
let browser: Browser;
const visited: {name: string; watched: WatchedPage}[] = [];

async function open(name: string, url: string, ready: string): Promise<Page> {
  const watched = await openWatchedPage(browser, server.url);
  visited.push({name, watched});
  await watched.page.setViewportSize({width: 1280, height: 900});
  await watched.page.goto(`${server.url}/${url}`);
  await watched.page.waitForSelector(ready, {timeout: 90_000});
  return watched.page;
}

interface Downloaded {
  name: string;
  bytes: Buffer;
}

/** Clicks a button and returns the file it downloads. */
async function downloadOf(page: Page, testId: string): Promise<Downloaded> {
  const [download] = await Promise.all([page.waitForEvent("download", {timeout: 60_000}), page.getByTestId(testId).click()]);
  const file = await download.path();
  const failure = await download.failure();
  if (failure) throw new Error(`download ${testId} failed: ${failure}`);
  return {name: download.suggestedFilename(), bytes: readFileSync(file)};
}

/** The page's local date, as in the file names. */
const today = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });

/** Checks the Swedish-Excel bytes and returns the records. */
function swedishCsv(bytes: Buffer): {rows: CsvRow[]; header: string[]; text: string} {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  expect(text).not.toMatch(/[\u2212\u00a0\u202f]/);
  const [header, ...rest] = parseDelimited(text, ";");
  for (const r of rest) expect(r).toHaveLength(header!.length);
  return {header: header!, rows: rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))), text};
}

const DIM_LABELS: [string, string][] = MODEL.dimensions.map((d) => [`dim_${d.id}`, d.label]);

/** A csv-sv ranking export equals `rank` row by row: codes, ranks, shown and full-precision scores, dimensions, coverage, status. */
function expectRankingCsv(rows: CsvRow[], cli: CsvRow[], {steadiness = false} = {}): void {
  expect(rows.map((r) => unwrap(r.Kommunkod!))).toEqual(cli.map((r) => r.municipality_code));
  rows.forEach((r, i) => {
    const c = cli[i]!;
    expect(r.Kommunkod).toBe(`="${c.municipality_code}"`);
    expect(r.Rang).toBe(c.rank);
    expect(r.Kommun).toBe(c.municipality_name);
    expect(r["Totalpoäng"]).toBe(shown(c.score!));
    expect(swedish(r["Totalpoäng (alla decimaler)"]!)).toBe(c.score === "" ? null : Number(c.score));
    for (const [key, label] of DIM_LABELS) expect(r[label], `${c.municipality_code} ${label}`).toBe(shown(c[key]!));
    expect(r["Nyckeltal med värde"]).toBe(c.coverage_n);
    expect(r["Användbara nyckeltal"]).toBe(c.coverage_of);
    if (steadiness) expect(r["Stadighet (andel)"]).toBe(shown(c.steadiness!));
    expect(r.Status).toBe(c.status);
    for (const [label, v] of Object.entries(r)) if (label !== "Kommunkod" && label !== "Kommun" && label !== "Status" && label !== "Kommungrupp" && !label.startsWith("Topp")) expect(v, label).toMatch(/^(-?\d+(,\d+)?)?$/);
  });
}

let cliNomination: CsvRow[];
let nomination: Page;

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  [nomination, cliNomination] = await Promise.all([open("nominering", "nominering.html", "[data-testid=map] svg"), rankCsv(["--model", MODEL_FILE, "--year", "2022"])]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, {recursive: true, force: true});
});

describe("Nominering exports", () => {
  it("CSV (Excel): Swedish-Excel bytes, named nominering_skk-standard_2022_<date>.csv, every municipality as rank gives it", async () => {
    const file = await downloadOf(nomination, "export-csv");
    expect(file.name).toBe(`nominering_skk-standard_2022_${await today(nomination)}.csv`);
    const {header, rows, text} = swedishCsv(file.bytes);
    expect(header).toEqual([
      "Rang",
      "Kommunkod",
      "Kommun",
      "Kommungrupp",
      "Totalpoäng",
      "Totalpoäng (alla decimaler)",
      ...MODEL.dimensions.map((d) => d.label),
      "Nyckeltal med värde",
      "Användbara nyckeltal",
      "Ändring mot modellens vikter",
      "Topp 10",
      "Status"
    ]);
    expect(rows).toHaveLength(290);
    expectRankingCsv(rows, cliNomination);
    // The model's own weights: no change; the first ten are marked.
    expect(new Set(rows.filter((r) => r.Rang !== "").map((r) => r["Ändring mot modellens vikter"]))).toEqual(new Set(["0"]));
    expect(rows.map((r) => r["Topp 10"]).filter((t) => t === "ja")).toHaveLength(10);
    // Raw bytes: a code is an RFC-quoted text formula; negative numbers use ASCII minus.
    expect(text).toContain(`;"=""${cliNomination[0]!.municipality_code}""";`);
    expect(text).toMatch(/;-0,\d\d;/);
  });

  it("XLSX, opened with exceljs: the table cell by cell against rank (full precision, codes as text) and the sheet Om data", async () => {
    const file = await downloadOf(nomination, "export-xlsx");
    expect(file.name).toBe(`nominering_skk-standard_2022_${await today(nomination)}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Nominering 2022", "Om data"]);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (label: string) => header.indexOf(label) + 1;
    expect(sheet.rowCount).toBe(291);
    const keys: [string, string][] = [
      ["rank", "Rang"],
      ["score", "Totalpoäng"],
      ...DIM_LABELS,
      ["coverage_n", "Nyckeltal med värde"],
      ["coverage_of", "Användbara nyckeltal"]
    ];
    cliNomination.forEach((c, i) => {
      const row = sheet.getRow(i + 2);
      const code = row.getCell(col("Kommunkod"));
      expect(code.value).toBe(c.municipality_code);
      expect(code.numFmt).toBe("@");
      expect(row.getCell(col("Kommun")).value).toBe(c.municipality_name);
      expect(row.getCell(col("Status")).value).toBe(c.status);
      for (const [key, label] of keys) {
        const cell = row.getCell(col(label));
        expect(cell.value ?? null, `${c.municipality_code} ${label}`).toBe(c[key] === "" ? null : Number(c[key]));
      }
      expect(row.getCell(col("Totalpoäng")).numFmt).toBe("0.00");
    });

    const about = workbook.getWorksheet("Om data")!;
    const cells: string[][] = [];
    about.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "text" in v ? String((v as {text: string}).text) : v === undefined || v === null ? "" : String(v)))));
    const value = (label: string) => cells.find((r) => r[0] === label)?.[1];
    expect(value("Bearbetning")).toBe("Egen bearbetning av data från Kolada (RKA)");
    expect(value("Länk")).toBe(await nomination.evaluate(() => location.href));
    expect(value("Modell")).toBe(MODEL.name);
    expect(value("Datakälla")).toMatch(/^Kolada, offline-ögonblicksbild/);
    expect(value("År")).toBe("2022");
    for (const k of MODEL.indicators) expect(cells.find((r) => r[0] === k.kpi)?.slice(4, 6)).toEqual([String(k.weight), String(k.weight)]);
    // The manifest the site serves: every file's hash is in Om data.
    const manifestFile = readdirSync(path.join(DIST, "_file/data")).find((f) => /^manifest\.[0-9a-f]+\.json$/.test(f))!;
    const manifest = JSON.parse(readFileSync(path.join(DIST, "_file/data", manifestFile), "utf8")) as {source: {date: string}; files: Record<string, {sha256: string}>};
    expect(value("Datum för data")).toBe(manifest.source.date);
    for (const [name, f] of Object.entries(manifest.files)) expect(cells.find((r) => r[0] === name)?.[2], name).toBe(f.sha256);
  });

  it("Parquet, read by DuckDB: the columns of rank --format csv, equal value by value", async () => {
    const file = await downloadOf(nomination, "export-parquet");
    expect(file.name).toBe(`nominering_skk-standard_2022_${await today(nomination)}.parquet`);
    const local = path.join(tmp, "nominering.parquet");
    writeFileSync(local, file.bytes);
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const rows = (await db.runAndReadAll(`SELECT * FROM read_parquet('${local}')`)).getRowObjectsJS() as Record<string, string | number | null>[];
      expect(rows).toHaveLength(cliNomination.length);
      rows.forEach((row, i) => {
        for (const [key, want] of Object.entries(cliNomination[i]!)) {
          expect(row[key], `${i} ${key}`).toBe(want === "" ? null : key === "municipality_code" || key === "municipality_name" || key === "status" ? want : Number(want));
        }
      });
    } finally {
      db.closeSync();
    }
  });

  it("follows the page: after a weight change the CSV equals rank with that weight, and shows the change against the model's weights", async () => {
    const page = await open("nominering (weight)", "nominering.html", ROWS);
    const before = Number(await page.locator("[data-testid=ranking]").getAttribute("data-version"));
    await page.locator("[data-testid=weight-resultatkvalitet]").fill("3");
    await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version) > v, before);
    const [file, cli] = await Promise.all([downloadOf(page, "export-csv"), rankCsv(["--model", modelWithDimensionWeights({resultatkvalitet: 3}), "--year", "2022"])]);
    const {rows} = swedishCsv(file.bytes);
    expectRankingCsv(rows, cli);
    const baseline = new Map(cliNomination.filter((r) => r.rank !== "").map((r) => [r.municipality_code, Number(r.rank)]));
    for (const r of rows.filter((x) => x.Rang !== "")) expect(Number(r["Ändring mot modellens vikter"])).toBe(baseline.get(unwrap(r.Kommunkod!))! - Number(r.Rang));
    expect(rows.some((r) => r["Ändring mot modellens vikter"] !== "0" && r.Rang !== "")).toBe(true);
    const xlsx = await downloadOf(page, "export-xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const about = workbook.getWorksheet("Om data")!;
    let weights: unknown[] | undefined;
    about.eachRow((r) => {
      if (r.getCell(2).value === "resultatkvalitet") weights = [r.getCell(3).value, r.getCell(4).value];
    });
    expect(weights).toEqual([1, 3]);
    const link = new URL(String((about.getRow(6).getCell(2).value as {text: string}).text));
    expect(link.searchParams.get("dw")).toContain("resultatkvalitet:3");
  });

  it("a county filter keeps only that county's municipalities, with their national ranks", async () => {
    const page = await open("nominering (Stockholms län)", "nominering.html?lan=01", ROWS);
    const {rows} = swedishCsv((await downloadOf(page, "export-csv")).bytes);
    const want = cliNomination.filter((r) => r.municipality_code!.startsWith("01"));
    expect(rows.length).toBe(want.length);
    expectRankingCsv(rows, want);
  });

  it("Spara bild: the Topp-30 canvas chart and the map as SVG (one picture with its text) and PNG at twice the size", async () => {
    const date = await today(nomination);
    const svg = await downloadOf(nomination, "image-svg-bidrag");
    expect(svg.name).toBe(`nominering-bidrag_skk-standard_2022_${date}.svg`);
    const text = svg.bytes.toString("utf8");
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(text).toContain('<image ');
    expect(text).toContain("data:image/png;base64,");
    expect(text).toContain(`1. ${cliNomination[0]!.municipality_name}`);
    for (const d of MODEL.dimensions) expect(text).toContain(`>${d.label}</text>`);
    const size = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(text)!;
    const png = await downloadOf(nomination, "image-png-bidrag");
    expect(png.name).toBe(`nominering-bidrag_skk-standard_2022_${date}.png`);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * Number(size[1]), 2 * Number(size[2])]);
    expect(png.bytes.length).toBeGreaterThan(20_000);

    const map = (await downloadOf(nomination, "image-svg-karta")).bytes.toString("utf8");
    expect(map.match(/<path /g)!.length).toBeGreaterThanOrEqual(290);
    expect(map).toContain("ej rankad");
    expect(map).toContain("<linearGradient");
    const mapPng = await downloadOf(nomination, "image-png-karta");
    expect(mapPng.name).toBe(`nominering-karta_skk-standard_2022_${date}.png`);
  });
});

describe("the other pages", () => {
  it("Utveckling: the CSV equals rank --kind improvement; the trend and level-change charts save as images", async () => {
    const [page, cli] = await Promise.all([open("utveckling", "utveckling.html", "[data-testid=level-change-chart][data-version]"), rankCsv(["--model", MODEL_FILE, "--year", "2022", "--kind", "improvement"])]);
    const date = await today(page);
    const file = await downloadOf(page, "export-csv");
    expect(file.name).toBe(`utveckling_skk-standard_2022_${date}.csv`);
    const {rows} = swedishCsv(file.bytes);
    expectRankingCsv(rows, cli, {steadiness: true});
    const trends = await downloadOf(page, "image-svg-trender");
    expect(trends.name).toBe(`utveckling-trender_skk-standard_2022_${date}.svg`);
    expect(trends.bytes.toString("utf8")).toContain(`>${cli[0]!.municipality_name}</text>`);
    const scatter = await downloadOf(page, "image-svg-niva-forandring");
    expect(scatter.bytes.toString("utf8")).toContain("data:image/png;base64,");
    expect((await downloadOf(page, "image-png-niva-forandring")).name).toBe(`utveckling-niva-forandring_skk-standard_2022_${date}.png`);
  });

  it("Kommunprofil: the KPI table (contributions sum to rank's score) and the rank history, as CSV and XLSX; charts as images", async () => {
    const page = await open("kommun", "kommun.html?kommun=0180", "[data-testid=rank-history][data-compute-ms] svg");
    const date = await today(page);
    const csv = await downloadOf(page, "export-csv");
    expect(csv.name).toBe(`kommun-0180_skk-standard_2022_${date}.csv`);
    const {rows} = swedishCsv(csv.bytes);
    expect(rows.map((r) => r.Nyckeltal)).toEqual(MODEL.indicators.map((i) => i.kpi));
    const xlsx = await downloadOf(page, "export-xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    let sum = 0;
    for (let r = 2; r <= sheet.rowCount; r++) sum += Number(sheet.getRow(r).getCell(header.indexOf("Bidrag till totalpoängen") + 1).value ?? 0);
    const stockholm = cliNomination.find((r) => r.municipality_code === "0180")!;
    expect(sum).toBeCloseTo(Number(stockholm.score), 12);

    const history = await downloadOf(page, "export-csv-rang");
    expect(history.name).toBe(`kommun-0180-rang_skk-standard_2022_${date}.csv`);
    const years = swedishCsv(history.bytes).rows;
    expect(years.find((r) => r["År"] === "2022")!["Nominering: rang"]).toBe(stockholm.rank);
    const chart = await downloadOf(page, "image-svg-rang");
    expect(chart.name).toBe(`kommun-0180-rang_skk-standard_2022_${date}.svg`);
    expect(chart.bytes.toString("utf8")).toContain("Nominering");
    expect((await downloadOf(page, "image-png-bidrag")).name).toBe(`kommun-0180-bidrag_skk-standard_2022_${date}.png`);
  });

  it("Granskning: the KPI and dimension tables, and the heat map as an image", async () => {
    const page = await open("granskning", "granskning.html", "[data-testid=audit-kpis] tbody tr");
    const date = await today(page);
    const kpis = await downloadOf(page, "export-csv");
    expect(kpis.name).toBe(`granskning_skk-standard_2022_${date}.csv`);
    expect(swedishCsv(kpis.bytes).rows.map((r) => r.Nyckeltal)).toEqual(MODEL.indicators.map((i) => i.kpi));
    const dims = await downloadOf(page, "export-csv-dimensioner");
    expect(dims.name).toBe(`granskning-dimensioner_skk-standard_2022_${date}.csv`);
    expect(swedishCsv(dims.bytes).rows.map((r) => r.Id)).toEqual(MODEL.dimensions.map((d) => d.id));
    const heat = await downloadOf(page, "image-svg-korrelationer");
    expect(heat.bytes.toString("utf8").match(/<rect /g)!.length).toBeGreaterThan(26 * 26 * 0.9);
  });

  it("Robusthet: the result table once the analysis is done, and the rank intervals as an image", async () => {
    const page = await open("robusthet", "robusthet.html", "[data-testid=analysis][data-state=done]");
    const date = await today(page);
    const file = await downloadOf(page, "export-csv");
    expect(file.name).toBe(`robusthet_skk-standard_2022_${date}.csv`);
    const {rows} = swedishCsv(file.bytes);
    expect(rows).toHaveLength(290);
    expect(rows[0]!["P(topp 10)"]).toMatch(/^[01],\d\d$/);
    const shownTable = await page.locator("[data-testid=robustness-table] tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
    expect(rows.map((r) => unwrap(r.Kommunkod!))).toEqual(shownTable);
    // Best and worst achievable rank, as the page's table shows them (its columns 7 and 8).
    const shownExtremes = await page.locator("[data-testid=robustness-table] tbody tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLTableRowElement).cells[6]!.textContent, (tr as HTMLTableRowElement).cells[7]!.textContent]));
    expect(rows.map((r) => [r["Bästa möjliga rang"] || "–", r["Sämsta möjliga rang"] || "–"])).toEqual(shownExtremes);
    expect(rows.filter((r) => r["Bästa möjliga rang"]).length).toBeGreaterThan(250);
    expect(rows.every((r) => !r["Bästa/sämsta bevisad exakt"] || /^(ja|nej)$/.test(r["Bästa/sämsta bevisad exakt"]))).toBe(true);
    expect((await downloadOf(page, "image-png-intervall")).name).toBe(`robusthet-intervall_skk-standard_2022_${date}.png`);
  });

  it("no page logged a console error or asked for anything outside the site", () => {
    expect(visited.length).toBeGreaterThanOrEqual(7);
    for (const {name, watched} of visited) {
      expect(watched.consoleErrors, name).toEqual([]);
      expect(watched.externalRequests, name).toEqual([]);
    }
  });
});
