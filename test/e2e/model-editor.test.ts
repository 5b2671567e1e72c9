/**
 * The model editor ("Modell" panel) on the built site, in headless Chromium,
 * checked against the `rank` command (cli/rank.ts, in process) on the same
 * model file:
 * - adding a KPI from the library (its values fetched) and removing one
 *   re-rank the table, which then equals `rank` on the downloaded model, and
 *   the link reopens exactly that model;
 * - "Ladda ner modell (JSON)" gives a file that validates and that `rank`
 *   turns into the page's table, weights included, on both ranking pages;
 * - "Ladda upp modell" with a model built mostly from award candidates
 *   outside the default model gives `rank`'s table on that file, and
 *   downloading it gives the same model back;
 * - Granskning opens the edited model's link and audits that model, as the
 *   `audit` command does on the downloaded file; Robusthet and Rapport
 *   analyse that model (its library KPI loaded in the worker too), with the
 *   engine's numbers;
 * - a tampered model link shows the notice and the default model; a
 *   malformed upload names the fields and changes nothing;
 * - no console error and no request outside the site.
 * Needs `npm run build` first.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main as auditMain} from "../../cli/audit.ts";
import {main} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {formatDecimal} from "../../src/components/format.ts";
import {buildMatrix, parseModel, parseModelText, uncertaintyAnalysis, type IndicatorAudit, type Model} from "../../src/engine/index.ts";
import {loadDataset} from "../../loaders/dataset.ts";
import {deflateRaw, toBase64Url} from "../../src/lib/deflate.ts";
import {sql} from "../helpers/duckdb.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const DIST = path.join(REPO_ROOT, "dist");
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const PRESET = parseModelText(readFileSync(path.join(REPO_ROOT, "data/models/skk-standard.json"), "utf8"));
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";
const tmp = mkdtempSync(path.join(tmpdir(), "model-editor-test-"));

interface CliRow {
  rank: number | null;
  code: string;
  score: number;
  dimensionScores: Record<string, number>;
  coverage: {has: number; of: number};
  steadiness?: number | null;
}

/** `rank` on a model file (ranked rows in rank order) via its exported main and `--format json`. */
async function cliRanking(args: string[]): Promise<CliRow[]> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--format", "json"], {env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  if (code !== 0) throw new Error(`rank ${args.join(" ")} exited with ${code}: ${stderr}`);
  return (JSON.parse(stdout).rows as CliRow[]).filter((r) => r.rank !== null);
}

interface Table {
  version: number;
  headers: string[];
  rows: {code: string; cells: string[]}[];
}

async function readTable(page: Page): Promise<Table> {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLElement>("[data-testid=ranking]")!;
    return {
      version: Number(table.dataset.version),
      headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
      rows: [...table.querySelectorAll<HTMLTableRowElement>("tbody tr[data-municipality]")].map((tr) => ({code: tr.dataset.municipality!, cells: [...tr.cells].map((td) => td.textContent ?? "")}))
    };
  });
}

/**
 * The table's rows as `rank` gives them: rank, code, total, each dimension,
 * (steadiness,) coverage; the page's own columns (name, group, change) left out.
 */
function pageRows(table: Table, steadiness = false): string[][] {
  const dims = table.headers.slice(4, table.headers.length - (steadiness ? 3 : 2));
  return table.rows.map((r) => [r.cells[0]!.replace("★ ", ""), r.code, r.cells[3]!, ...r.cells.slice(4, 4 + dims.length), ...(steadiness ? [r.cells[4 + dims.length]!] : []), r.cells.at(-2)!]);
}

function cliRows(rows: CliRow[], model: Model, steadiness = false): string[][] {
  return rows.map((r) => [
    String(r.rank),
    r.code,
    formatDecimal(r.score),
    ...model.dimensions.map((d) => formatDecimal(r.dimensionScores[d.id]!)),
    ...(steadiness ? [r.steadiness === null || r.steadiness === undefined ? "–" : `${Math.round(r.steadiness * 100)} %`] : []),
    `${r.coverage.has}/${r.coverage.of}`
  ]);
}

/** Runs `action` and waits until the table has rendered again. */
async function afterRender(page: Page, action: () => Promise<unknown>): Promise<Table> {
  const before = (await readTable(page)).version;
  await action();
  await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version) > v, before, {timeout: 30_000});
  return readTable(page);
}

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const visited: {name: string; watched: WatchedPage}[] = [];

async function open(name: string, url: string): Promise<Page> {
  const watched = await openWatchedPage(context, server.url);
  visited.push({name, watched});
  await watched.page.goto(url);
  await watched.page.waitForSelector(ROWS, {timeout: 60_000});
  return watched.page;
}

/** Clicks "Ladda ner modell (JSON)" and returns the file's path and text. */
async function downloadModel(page: Page): Promise<{file: string; text: string; name: string}> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=download-model]").click()]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  return {file, text: readFileSync(file, "utf8"), name: download.suggestedFilename()};
}

async function openEditor(page: Page): Promise<void> {
  await page.locator("[data-testid=model-editor] > summary").click();
  await page.waitForSelector("input[data-testid=kpi-search]", {timeout: 30_000});
}

/** Searches the library, chooses the KPI and waits for the add form to show it. */
async function chooseKpi(page: Page, kpi: string): Promise<void> {
  await page.locator("input[data-testid=kpi-search]").fill(kpi);
  await page.locator(`button.kpi-result[data-kpi=${kpi}]`).click();
  await expect.poll(() => page.locator("[data-testid=chosen-kpi]").textContent()).toContain(`(${kpi})`);
}

const message = (page: Page) => page.locator("[data-testid=model-message]").innerText();

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  context = await browser.newContext({acceptDownloads: true});
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, {recursive: true, force: true});
});

describe("editing the model on Nominering", () => {
  let page: Page;
  let initial: Table;
  let editedUrl = "";
  let edited: Table;

  beforeAll(async () => {
    page = await open("nominering", `${server.url}/nominering.html?rader=alla`);
    initial = await readTable(page);
    await openEditor(page);
  }, 90_000);

  it("adds a KPI from the library: its suggested direction preselected and marked, its values fetched, the table re-ranked", async () => {
    expect(await page.locator("[data-testid=weight-N09805]").count()).toBe(0);
    await chooseKpi(page, "N09805");
    // The award candidate list suggests "higher is better" (inferred) and the dimension Effekt.
    expect(await page.locator("[data-testid=add-kpi-direction]").inputValue()).toBe("higher_better");
    expect(await page.locator("[data-testid=add-kpi-direction] option:checked").textContent()).toContain("(förslag)");
    expect(await page.locator("[data-testid=direction-suggestion]").textContent()).toContain("förslag");
    expect(await page.locator("[data-testid=add-kpi-dimension]").inputValue()).toBe("effekt");
    const table = await afterRender(page, () => page.locator("[data-testid=add-kpi]").click());
    expect(await message(page)).toContain("(N09805) lades till i Effekt med vikt 1.");
    expect(await page.locator("[data-testid=weight-N09805]").inputValue()).toBe("1");
    expect(await page.locator("[data-testid=direction-N09805]").inputValue()).toBe("higher_better");
    expect(table.rows.map((r) => r.cells)).not.toEqual(initial.rows.map((r) => r.cells));
    expect(await page.locator("[data-testid=summary]").textContent()).toContain("27 användbara nyckeltal");
  }, 60_000);

  it("a KPI without a suggested direction cannot be added until the analyst chooses one", async () => {
    // N00090 (sick leave among the municipality's employees) is not an award candidate: the library suggests nothing.
    await chooseKpi(page, "N00090");
    expect(await page.locator("[data-testid=add-kpi-direction]").inputValue()).toBe("");
    expect(await page.locator("[data-testid=add-kpi]").isDisabled()).toBe(true);
    await page.locator("[data-testid=add-kpi-direction]").selectOption("lower_better");
    expect(await page.locator("[data-testid=add-kpi]").isDisabled()).toBe(false);
  });

  it("removes a KPI and changes another's direction: each re-ranks at once", async () => {
    const removed = await afterRender(page, () => page.locator("[data-testid=remove-kpi-N15428]").click());
    expect(await message(page)).toContain("(N15428) togs bort.");
    expect(await page.locator("[data-testid=weight-N15428]").count()).toBe(0);
    edited = await afterRender(page, () => page.locator("[data-testid=direction-U09800]").selectOption("lower_better"));
    expect(edited.rows.map((r) => r.cells)).not.toEqual(removed.rows.map((r) => r.cells));
    expect(await page.locator(".model-note strong").textContent()).toContain("(ändrad)");
  });

  it("the table equals `rank` on the downloaded model, which validates and holds the edits", async () => {
    const {file, text, name} = await downloadModel(page);
    expect(name).toMatch(/^modell_skk-standard-forslag_\d{4}-\d{2}-\d{2}\.json$/);
    const model = parseModelText(text);
    expect(model.indicators.map((i) => i.kpi)).toEqual([...PRESET.indicators.map((i) => i.kpi).filter((k) => k !== "N15428"), "N09805"]);
    expect(model.indicators.find((i) => i.kpi === "U09800")!.direction).toBe("lower_better");
    expect(model.indicators.at(-1)).toMatchObject({kpi: "N09805", dimension: "effekt", direction: "higher_better", weight: 1});
    const cli = await cliRanking(["--model", file, "--year", "2022"]);
    expect(pageRows(edited)).toEqual(cliRows(cli, model));
  }, 60_000);

  it("the link opens exactly that model: same panel, weights and table, no notice", async () => {
    await expect.poll(() => new URL(page.url()).searchParams.get("edited"), {timeout: 5_000}).not.toBeNull();
    editedUrl = page.url();
    expect(editedUrl.length).toBeLessThan(2000);
    const reopened = await open("nominering (edited link)", editedUrl);
    expect(await reopened.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect((await readTable(reopened)).rows.map((r) => r.cells)).toEqual(edited.rows.map((r) => r.cells));
    expect(await reopened.locator("[data-testid=direction-U09800]").inputValue()).toBe("lower_better");
    expect(await reopened.locator("[data-testid=weight-N09805]").count()).toBe(1);
    const again = parseModelText((await downloadModel(reopened)).text);
    const before = parseModelText((await downloadModel(page)).text);
    expect(again).toEqual(before);
    await reopened.close();
  }, 60_000);

  it("Granskning audits the edited model from the same link: its KPIs, flags and drop-one figures are `audit`'s on the downloaded file", async () => {
    const {file} = await downloadModel(page);
    const watched = await openWatchedPage(context, server.url);
    visited.push({name: "granskning (edited link)", watched});
    const audit = watched.page;
    await audit.goto(`${server.url}/granskning.html${new URL(editedUrl).search}`);
    await audit.waitForSelector("[data-testid=audit-kpis] tbody tr", {timeout: 60_000});
    expect(await audit.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect(await audit.locator(".model-note strong").textContent()).toContain("(ändrad)");
    let stdout = "";
    const code = await auditMain(["--model", file, "--year", "2022", "--top", "10", "--format", "json"], {env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, stdout: (s) => (stdout += s), stderr: () => {}});
    expect(code).toBe(0);
    const cli = JSON.parse(stdout) as IndicatorAudit;
    const shown = await audit.evaluate(() => ({
      flags: [...document.querySelectorAll("[data-testid=audit-flags] li")].map((li) => li.textContent),
      kpis: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=audit-kpis] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent ?? ""))
    }));
    expect(shown.kpis.map((r) => r[0])).toEqual(cli.kpis.map((k) => k.kpi));
    expect(shown.kpis.map((r) => r[0])).toContain("N09805");
    expect(shown.kpis.map((r) => r[0])).not.toContain("N15428");
    expect(shown.flags).toEqual(cli.flags.map((f) => f.message));
    const int = (x: number | null | undefined) => (x === null || x === undefined ? "–" : new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 0}).format(x));
    cli.kpis.forEach((k, i) => expect(shown.kpis[i]!.slice(-3), k.kpi).toEqual([k.drop ? formatDecimal(k.drop.meanAbsRankShift) : "–", int(k.drop?.maxAbsRankShift), int(k.drop?.topNChanges)]));
    await audit.close();
  }, 90_000);

  it("Robusthet and Rapport analyse the edited model from the same link, with the engine's numbers on that model", async () => {
    const model = parseModelText((await downloadModel(page)).text);
    const kpis = model.indicators.map((i) => i.kpi);
    const data = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "edited", file: "edited.json", model}]});
    const matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
    const query = new URL(editedUrl).searchParams;
    const pct = (p: number) => new Intl.NumberFormat("sv-SE", {style: "percent", maximumFractionDigits: 0}).format(p);
    const openPage = async (name: string, url: string) => {
      const watched = await openWatchedPage(context, server.url);
      visited.push({name, watched});
      await watched.page.goto(url);
      return watched.page;
    };

    // Robusthet: P(top 10) per municipality as the engine gives it for the edited model, same seed and draws.
    const robust = await openPage("robusthet (edited link)", `${server.url}/robusthet.html?${query}&draws=300&seed=7`);
    await robust.waitForSelector("[data-testid=analysis][data-state=done]", {timeout: 90_000});
    expect(await robust.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect(await robust.locator(".model-note strong").textContent()).toContain("(ändrad)");
    const expected = uncertaintyAnalysis(matrix, model, {kind: "nomination", year: 2022, draws: 300, seed: 7, noise: 0.25, topN: 10});
    const shown = new Map(
      await robust.locator("[data-testid=robustness-table] tbody tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key!, (tr as HTMLTableRowElement).cells[2]!.textContent ?? ""] as [string, string]))
    );
    expect(shown.size).toBe(expected.rows.length);
    for (const r of expected.rows) expect(shown.get(r.code), r.code).toBe(pct(r.pTopN));
    // A draw's link keeps the edited model.
    await robust.fill("[data-testid=draw-number]", "3");
    expect(new URL((await robust.locator("[data-testid=draw-href]").getAttribute("href"))!, robust.url()).searchParams.get("edited")).toBe(query.get("edited"));
    await robust.close();

    // Rapport: the model's KPIs, the top 10 and its uncertainty (1 000 draws, seed 1) for the edited model.
    const report = await openPage("rapport (edited link)", `${server.url}/rapport.html?sida=nominering&${query}`);
    await report.waitForSelector("[data-testid=report-uncertainty][data-state=done]", {timeout: 90_000});
    expect(await report.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    const codesOf = (testId: string) => report.locator(`[data-testid=${testId}] tbody tr`).evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
    expect(await codesOf("report-kpis")).toEqual(kpis);
    const inReport = uncertaintyAnalysis(matrix, model, {kind: "nomination", year: 2022, draws: 1000, seed: 1, noise: 0.25, topN: 10});
    const top = inReport.rows.filter((r) => r.nominalRank !== null && r.nominalRank <= 10).sort((a, b) => a.nominalRank! - b.nominalRank!);
    expect(await codesOf("report-top")).toEqual(top.map((r) => r.code));
    const pTop = await report.locator("[data-testid=report-uncertainty-table] tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[2]!.textContent));
    expect(pTop).toEqual(top.map((r) => pct(r.pTopN)));
    await report.close();
  }, 180_000);

  it("a slider weight goes into the downloaded model, and `rank` on it still gives the page's table", async () => {
    const weighted = await afterRender(page, () => page.locator("[data-testid=weight-resultatkvalitet]").fill("2.5"));
    const {file, text} = await downloadModel(page);
    const model = parseModelText(text);
    expect(model.dimensions.find((d) => d.id === "resultatkvalitet")!.weight).toBe(2.5);
    expect(pageRows(weighted)).toEqual(cliRows(await cliRanking(["--model", file, "--year", "2022"]), model));
  }, 60_000);

  it("adds, renames and removes a dimension; removing one with KPIs asks where they go", async () => {
    await page.locator("[data-testid=new-dimension-label]").fill("Miljö och klimat");
    await afterRender(page, () => page.locator("[data-testid=add-dimension]").click());
    expect(await page.locator("[data-testid=weight-miljo-och-klimat]").inputValue()).toBe("1");
    // An empty dimension with weight 1: nobody can be ranked, and the page says why.
    expect(await page.locator("[data-testid=summary]").textContent()).toContain("Ingen kommun kunde rankas");
    await afterRender(page, () => page.locator("[data-testid=dimension-N09805]").selectOption("miljo-och-klimat"));
    expect(await page.locator("[data-testid=summary]").textContent()).toMatch(/kommuner rankade år 2022/);
    await page.locator("[data-testid=dimension-label-miljo-och-klimat]").fill("Miljö");
    await afterRender(page, () => page.locator("[data-testid=dimension-label-miljo-och-klimat]").press("Enter"));
    expect(await page.locator("[data-dimension=miljo-och-klimat] legend").textContent()).toContain("Miljö");

    await page.locator("[data-testid=remove-dimension-miljo-och-klimat]").click();
    expect(await page.locator("[data-testid=removal-choice]").isVisible()).toBe(true);
    await page.locator("[data-testid=removal-choice]").selectOption("move:effekt");
    await afterRender(page, () => page.locator("[data-testid=confirm-remove-dimension]").click());
    expect(await message(page)).toContain("Dimensionen Miljö togs bort; dess 1 nyckeltal finns nu i Effekt.");
    expect(await page.locator("[data-testid=dimension-N09805]").inputValue()).toBe("effekt");
    expect(await page.locator("[data-testid=weight-miljo-och-klimat]").count()).toBe(0);
  }, 60_000);

  it("'Återgå till förvald modell' gives the preset and its weights back: the first table", async () => {
    const table = await afterRender(page, () => page.locator("[data-testid=reset-model]").click());
    expect(table.rows.map((r) => r.cells)).toEqual(initial.rows.map((r) => r.cells));
    await expect.poll(() => new URL(page.url()).searchParams.get("edited"), {timeout: 5_000}).toBeNull();
  });
});

describe("Utvecklingskommun: the downloaded model reproduces the table with `rank --kind improvement`", () => {
  it("after an edit and a weight change", async () => {
    const page = await open("utveckling", `${server.url}/utveckling.html?rader=alla`);
    await openEditor(page);
    await page.locator("[data-testid=remove-kpi-U23401]").click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=weight-U23401]"));
    const table = await afterRender(page, () => page.locator("[data-testid=weight-effekt]").fill("0.5"));
    const {file, text} = await downloadModel(page);
    const model = parseModelText(text);
    const cli = await cliRanking(["--model", file, "--year", "2022", "--kind", "improvement", "--window", "4"]);
    expect(pageRows(table, true)).toEqual(cliRows(cli, model, true));
    await page.close();
  }, 90_000);
});

describe("uploading a model", () => {
  let page: Page;
  let model: Model;
  let modelFile: string;

  beforeAll(async () => {
    // Mostly award candidates outside the default model (documented or inferred direction, one of the
    // four dimensions, values for 250+ municipalities up to 2022), plus three of its KPIs, weights varied.
    const inPreset = new Set(PRESET.indicators.map((i) => i.kpi));
    const candidates = await sql<{kpi: string; direction: "higher_better" | "lower_better"; dimension: string}>(`
      SELECT kpi_id AS kpi, direction, award_dimension_proposal AS dimension
      FROM read_csv('${path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv")}', all_varchar = true)
      WHERE direction IN ('higher_better', 'lower_better') AND award_dimension_proposal IN ('resursåtgång', 'effekt', 'resultatkvalitet')
        AND ddf_last_year = '2022' AND CAST(ddf_n_kommuner AS INTEGER) >= 250
      ORDER BY kpi_id`);
    const outside = candidates.filter((c) => !inPreset.has(c.kpi)).slice(0, 12);
    expect(outside).toHaveLength(12);
    const ids: Record<string, string> = {"resursåtgång": "kostnad", effekt: "resultat", resultatkvalitet: "kvalitet"};
    model = parseModel({
      name: "Styrgruppens test",
      status: "scenario",
      dimensions: [
        {id: "kostnad", label: "Kostnad", weight: 0.5},
        {id: "resultat", label: "Resultat", weight: 2},
        {id: "kvalitet", label: "Kvalitet", weight: 1}
      ],
      indicators: [
        ...outside.map((c, n) => ({kpi: c.kpi, dimension: ids[c.dimension]!, direction: c.direction, weight: n % 3 === 0 ? 2 : 1})),
        ...PRESET.indicators.filter((i) => i.dimension === "resultatkvalitet").slice(0, 3).map((i) => ({kpi: i.kpi, dimension: "kvalitet", direction: i.direction, weight: 1.5}))
      ]
    });
    modelFile = path.join(tmp, "styrgruppens-test.json");
    writeFileSync(modelFile, JSON.stringify(model, null, 2));
    page = await open("nominering (upload)", `${server.url}/nominering.html?rader=alla`);
  }, 90_000);

  it("a model mostly outside the default one: its KPIs fetched, then the same table as `rank` on the file, every ranked row", async () => {
    expect(model.indicators.filter((i) => !PRESET.indicators.some((p) => p.kpi === i.kpi)).length).toBe(12);
    const [table, cli] = await Promise.all([afterRender(page, () => page.locator("[data-testid=upload-model]").setInputFiles(modelFile)), cliRanking(["--model", modelFile, "--year", "2022"])]);
    expect(await message(page)).toContain("Modellen ”Styrgruppens test” ur styrgruppens-test.json används: 15 nyckeltal i 3 dimensioner, med filens vikter.");
    expect(cli.length).toBeGreaterThan(200);
    expect(table.rows.slice(0, 10).map((r) => r.code)).toEqual(cli.slice(0, 10).map((r) => r.code));
    expect(pageRows(table)).toEqual(cliRows(cli, model));
    expect(await page.locator(".model-note strong").textContent()).toBe("Styrgruppens test (ändrad)");
    expect(await page.locator("[data-testid=weight-resultat]").inputValue()).toBe("2");
  }, 90_000);

  it("downloading it gives the same model back", async () => {
    expect(parseModelText((await downloadModel(page)).text)).toEqual(model);
  });

  it("its link reopens it (KPIs fetched before the first render) with the same table", async () => {
    await expect.poll(() => new URL(page.url()).searchParams.get("edited"), {timeout: 5_000}).not.toBeNull();
    const before = await readTable(page);
    const reopened = await open("nominering (uploaded model's link)", page.url());
    expect(await reopened.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect((await readTable(reopened)).rows.map((r) => r.cells)).toEqual(before.rows.map((r) => r.cells));
    await reopened.close();
  }, 60_000);

  it("a malformed model names each field, in Swedish, and changes nothing: table, weights, model and URL", async () => {
    const before = await readTable(page);
    const url = page.url();
    const bad = path.join(tmp, "trasig.json");
    writeFileSync(bad, JSON.stringify({...model, name: "", indicators: [{...model.indicators[0], weight: -1}, {...model.indicators[1], direction: "upp"}, {...model.indicators[2], kpi: 15428}]}));
    await page.locator("[data-testid=upload-model]").setInputFiles(bad);
    await expect.poll(() => message(page)).toContain("Modellen i trasig.json kunde inte användas; inget har ändrats:");
    const text = await message(page);
    expect(text).toContain("name: får inte vara tom");
    expect(text).toContain("indicators[0].weight: får inte vara negativ");
    expect(text).toContain('indicators[1].direction: måste vara "higher_better" eller "lower_better"');
    expect(text).toContain("indicators[2].kpi: ska vara text, inte ett tal");
    expect(await page.locator("[data-testid=model-message]").getAttribute("role")).toBe("alert");

    const unknownDimension = path.join(tmp, "okand-dimension.json");
    writeFileSync(unknownDimension, JSON.stringify({...model, indicators: model.indicators.map((i, n) => (n === 2 ? {...i, dimension: "okand"} : i))}));
    await page.locator("[data-testid=upload-model]").setInputFiles(unknownDimension);
    await expect.poll(() => message(page)).toContain('indicators[2].dimension: okänd dimension "okand" (modellen har kostnad, resultat, kvalitet)');

    const notJson = path.join(tmp, "inte-json.json");
    writeFileSync(notJson, "{name: ");
    await page.locator("[data-testid=upload-model]").setInputFiles(notJson);
    await expect.poll(() => message(page)).toContain("Modellen i inte-json.json kunde inte användas");
    expect(await message(page)).toContain("filen är inte giltig JSON");

    const unknownKpi = path.join(tmp, "okant-nyckeltal.json");
    writeFileSync(unknownKpi, JSON.stringify({...model, indicators: [...model.indicators, {kpi: "N99999", dimension: "kostnad", direction: "higher_better", weight: 1}]}));
    await page.locator("[data-testid=upload-model]").setInputFiles(unknownKpi);
    await expect.poll(() => message(page)).toContain("indicators[15].kpi: nyckeltalet N99999 finns inte i nyckeltalsbiblioteket");

    const after = await readTable(page);
    expect(after.version).toBe(before.version);
    expect(after.rows.map((r) => r.cells)).toEqual(before.rows.map((r) => r.cells));
    expect(page.url()).toBe(url);
    expect(await page.locator("[data-testid=weight-resultat]").inputValue()).toBe("2");
  }, 60_000);
});

describe("a model link that fails", () => {
  let defaultTable: Table;
  let editedQuery: URLSearchParams;

  beforeAll(async () => {
    const page = await open("nominering (default)", `${server.url}/nominering.html?rader=alla`);
    defaultTable = await readTable(page);
    await openEditor(page);
    await afterRender(page, () => page.locator("[data-testid=remove-kpi-N15428]").click());
    await page.waitForURL((url) => url.searchParams.has("edited"), {timeout: 5_000});
    editedQuery = new URL(page.url()).searchParams;
    await page.close();
  }, 90_000);

  const withEdited = (text: string) => {
    const query = new URLSearchParams(editedQuery);
    query.set("edited", text);
    query.delete("w"); // the removed KPI's weights: without the model they would be a second notice
    return `${server.url}/nominering.html?${query}`;
  };

  for (const [name, tamper, reason] of [
    ["cut short", (t: string) => t.slice(0, t.length - 12), "modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad"],
    ["with a character that cannot be in it", (t: string) => `${t.slice(0, 30)}*${t.slice(31)}`, "länken innehåller tecknet ”*”, som inte kan ingå i en modell i en länk"],
    ["with text appended", (t: string) => `${t}AAAA`, "modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad"],
    [
      "to a model ModelSchema refuses",
      () => toBase64Url(deflateRaw(new TextEncoder().encode(JSON.stringify([1, "M", [["a", "A", 1]], [["N15428", 0, 1, -1]]])))),
      "indicators[0].weight: får inte vara negativ"
    ]
  ] as const) {
    it(`${name}: the notice says why, and the page shows the default model's table`, async () => {
      const page = await open(`nominering (model link ${name})`, withEdited(tamper(editedQuery.get("edited")!)));
      const notice = page.locator("[data-testid=url-notice]");
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toContain(`Den ändrade modellen i länken kunde inte användas: ${reason}. Modellen ”${PRESET.name}” visas i stället.`);
      expect((await readTable(page)).rows.map((r) => r.cells)).toEqual(defaultTable.rows.map((r) => r.cells));
      expect(await page.locator(".model-note strong").textContent()).not.toContain("(ändrad)");
      expect(await page.locator("[data-testid=weight-N15428]").count()).toBe(1);
      await page.close();
    }, 60_000);
  }
});

describe("every page visited", () => {
  it("logs no console error and requests nothing outside its own origin", () => {
    expect(visited.length).toBeGreaterThan(5);
    const problems = visited.map(({name, watched}) => ({name, consoleErrors: watched.consoleErrors, externalRequests: watched.externalRequests}));
    expect(problems).toEqual(visited.map(({name}) => ({name, consoleErrors: [], externalRequests: []})));
  });
});
