/**
 * The Nominering and Utvecklingskommun workbenches of the built site in
 * headless Chromium, checked against the `rank` command (cli/rank.ts, run in
 * process through its exported `main`): the default rankings, a weight change
 * (the CLI gets the same weights through a copy of the model file), the URL
 * state round trip, a tampered URL, presets, the year select, the minimum
 * steadiness, and no console error or external request on any page visited.
 * Needs `npm run build` first (the test command does that). One browser.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {formatDecimal} from "../../src/components/format.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";
import {TOP_ROWS} from "../../src/lib/state/ranking-state.ts";

const DIST = path.join(REPO_ROOT, "dist");
const MODEL_FILE = path.join(REPO_ROOT, "data/models/skk-standard.json");
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";
const tmp = mkdtempSync(path.join(tmpdir(), "workbench-test-"));

interface CliRow {
  rank: number | null;
  code: string;
  score: number | null;
  steadiness: number | null;
}

/** The rank command's ranked rows (rank order), via its exported main and `--format json`. */
async function cliRanking(args: string[]): Promise<CliRow[]> {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--format", "json"], {
    env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT},
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s)
  });
  if (code !== 0) throw new Error(`rank ${args.join(" ")} exited with ${code}: ${stderr}`);
  return (JSON.parse(stdout).rows as CliRow[]).filter((r) => r.rank !== null);
}

const codes = (rows: {code: string}[]) => rows.map((r) => r.code);

/** A copy of skk-standard.json with some dimension weights changed: the CLI's way to take weights. */
function modelWithDimensionWeights(weights: Record<string, number>): string {
  const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as {dimensions: {id: string; weight: number}[]};
  for (const d of model.dimensions) if (Object.hasOwn(weights, d.id)) d.weight = weights[d.id]!;
  const file = path.join(tmp, `skk-${Object.entries(weights).map(([k, v]) => `${k}-${v}`).join("_")}.json`);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

interface TableSnapshot {
  version: number;
  headers: string[];
  /** Ranked rows in table order: code and every cell's text. */
  rows: {code: string; cells: string[]}[];
}

async function readTable(page: Page): Promise<TableSnapshot> {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLTableElement>("[data-testid=ranking]")!;
    return {
      version: Number(table.dataset.version),
      headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
      rows: [...table.querySelectorAll<HTMLTableRowElement>("tbody tr[data-municipality]")].map((tr) => ({
        code: tr.dataset.municipality!,
        cells: [...tr.cells].map((td) => td.textContent ?? "")
      }))
    };
  });
}

/** A column of the table as numbers ("−0,17" → -0.17, "55 %" → 55). */
function column(table: TableSnapshot, header: string): number[] {
  const i = table.headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${table.headers.join(", ")}`);
  return table.rows.map((r) => Number(r.cells[i]!.replace("−", "-").replace(",", ".").replace(/[\s %]/g, "")));
}

/** Runs `action` and waits until the table has rendered again. */
async function afterRender(page: Page, action: () => Promise<unknown>): Promise<TableSnapshot> {
  const before = (await readTable(page)).version;
  await action();
  await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version) > v, before);
  return readTable(page);
}

/** A URL parameter of the page, polled: the URL may be written a moment after the table (e.g. debounced). */
function expectParam(page: Page, name: string) {
  return expect.poll(() => new URL(page.url()).searchParams.get(name), {timeout: 5_000});
}

let server: StaticServer;
let browser: Browser;
const visited: {name: string; watched: WatchedPage; dialogs: string[]}[] = [];

/** Opens a watched page (console errors, external requests, dialogs) and waits for `ready`. */
async function open(name: string, url: string, ready = ROWS): Promise<Page> {
  const watched = await openWatchedPage(browser, server.url);
  const dialogs: string[] = [];
  watched.page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  visited.push({name, watched, dialogs});
  await watched.page.goto(url);
  await watched.page.waitForSelector(ready, {timeout: 60_000});
  return watched.page;
}

let nomination: Page;
let defaultNomination: TableSnapshot;
let cliNomination: CliRow[];

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  // rader=alla: the table shows every ranked row, so whole rankings can be compared.
  [nomination, cliNomination] = await Promise.all([open("nominering", `${server.url}/nominering.html?rader=alla`), cliRanking(["--model", MODEL_FILE, "--year", "2022"])]);
  defaultNomination = await readTable(nomination);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, {recursive: true, force: true});
});

describe("Nominering (built site)", () => {
  it("opens on 2022 and its top 10 equals the rank command's top 10 for skk-standard 2022", async () => {
    expect(await nomination.locator("[data-testid=year]").inputValue()).toBe("2022");
    expect(await nomination.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect(codes(defaultNomination.rows).slice(0, 10)).toEqual(codes(cliNomination).slice(0, 10));
    // The whole ranked list and the scores agree too.
    expect(codes(defaultNomination.rows)).toEqual(codes(cliNomination));
    const total = defaultNomination.headers.indexOf("Totalt");
    expect(defaultNomination.rows.map((r) => r.cells[total])).toEqual(cliNomination.map((r) => formatDecimal(r.score)));
  });

  let weightedUrl = "";
  let weighted: TableSnapshot;

  it("moving a weight reorders the table, writes dw= to the URL and matches the rank command with those weights", async () => {
    weighted = await afterRender(nomination, () => nomination.locator("[data-testid=weight-resultatkvalitet]").fill("3"));
    expect(codes(weighted.rows)).not.toEqual(codes(defaultNomination.rows));
    expect(codes(weighted.rows).slice(0, 10)).not.toEqual(codes(defaultNomination.rows).slice(0, 10));

    await expectParam(nomination, "dw").toBe("resursatgang:1,effektivitet:1,effekt:1,resultatkvalitet:3");
    weightedUrl = nomination.url();

    const cli = await cliRanking(["--model", modelWithDimensionWeights({resultatkvalitet: 3}), "--year", "2022"]);
    expect(codes(weighted.rows).slice(0, 10)).toEqual(codes(cli).slice(0, 10));
    expect(codes(weighted.rows)).toEqual(codes(cli));
  });

  it("'Kopiera länk' copies that URL; opening it in a new page gives the same table", async () => {
    expect(weightedUrl).toContain("dw=");
    await nomination.context().grantPermissions(["clipboard-read", "clipboard-write"], {origin: server.url});
    await nomination.locator("[data-testid=copy-link]").click();
    await expect.poll(() => nomination.locator(".copy-status").textContent()).toBe("Länken är kopierad.");
    expect(await nomination.evaluate(() => navigator.clipboard.readText())).toBe(weightedUrl);

    const page = await open("nominering (shared link)", weightedUrl);
    const table = await readTable(page);
    expect(await page.locator("[data-testid=weight-resultatkvalitet]").inputValue()).toBe("3");
    expect(await page.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    expect(codes(table.rows)).toEqual(codes(weighted.rows));
    expect(column(table, "Totalt")).toEqual(column(weighted, "Totalt"));
    expect(table.rows.map((r) => r.cells)).toEqual(weighted.rows.map((r) => r.cells));
    expect(page.url()).toBe(weightedUrl);
    await page.close();
  }, 60_000);

  it("says why nothing could be ranked, in the engine's words, when every dimension weight is 0", async () => {
    const zero = ["resursatgang", "effektivitet", "effekt", "resultatkvalitet"].map((d) => `${d}:0`).join(",");
    const page = await open("nominering (all dimension weights 0)", `${server.url}/nominering.html?dw=${zero}`, "[data-testid=summary]");
    await expect.poll(() => page.locator("[data-testid=summary]").textContent(), {timeout: 30_000}).toBe("Ingen kommun kunde rankas år 2022: alla dimensionsvikter är 0.");
    expect(await page.locator(ROWS).count()).toBe(0);
  });

  it("a tampered URL shows the notice as plain text, injects nothing and renders the default view", async () => {
    const query = new URLSearchParams([
      ["year", "1899"],
      ["norm", "<script>alert(1)</script>"],
      ["w", "N15428:-5"],
      ["foo", "bar"],
      ["top", '"><img src=x onerror=alert(2)>']
    ]);
    const page = await open("nominering (tampered link)", `${server.url}/nominering.html?${query}`);
    const notice = page.locator("[data-testid=url-notice]");
    expect(await notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? "";
    for (const name of ["year", "norm", "w", "foo", "top"]) expect(text).toContain(`”${name}”`);
    expect(text).toContain("1899");
    expect(text).toContain("<script>"); // rendered as text, not parsed as HTML
    expect(text).toContain("<img");
    const injected = await page.evaluate(() => ({
      inNotice: document.querySelectorAll("[data-testid=url-notice] script, [data-testid=url-notice] img").length,
      imgs: document.querySelectorAll("img[src=x]").length,
      inlineScripts: [...document.querySelectorAll("script")].filter((s) => (s.textContent ?? "").includes("alert(")).length
    }));
    expect(injected).toEqual({inNotice: 0, imgs: 0, inlineScripts: 0});

    const table = await readTable(page);
    expect(codes(table.rows).slice(0, 10)).toEqual(codes(defaultNomination.rows).slice(0, 10));
    // The default view shows the top TOP_ROWS rows.
    expect(codes(table.rows)).toEqual(codes(defaultNomination.rows).slice(0, TOP_ROWS));
    expect(await page.locator("[data-testid=year]").inputValue()).toBe("2022");
    expect(await page.locator("[data-testid=normalisation]").inputValue()).toBe("zscore");
    expect(await page.locator("[data-testid=weight-N15428]").inputValue()).toBe("1");
    // The rewritten URL keeps none of the rejected values.
    await expectParam(page, "foo").toBe(null);
    const params = new URL(page.url()).searchParams;
    expect([params.get("year"), params.get("norm"), params.get("top")]).toEqual(["2022", "zscore", "10"]);
    await page.close();
  }, 60_000);

  it("shows the top 20 rows by default and every ranked row after 'Visa alla rankade'", async () => {
    const page = await open("nominering (default rows)", `${server.url}/nominering.html`);
    const limited = await readTable(page);
    expect(TOP_ROWS).toBe(20);
    expect(codes(limited.rows)).toEqual(codes(cliNomination).slice(0, TOP_ROWS));
    expect(await page.locator("[data-testid=ranking] td.more").textContent()).toContain(`och ${cliNomination.length - TOP_ROWS} rankade kommuner till`);
    const all = await afterRender(page, () => page.locator("[data-testid=rows-toggle]").click());
    expect(codes(all.rows)).toEqual(codes(cliNomination));
    await expectParam(page, "rader").toBe("alla");
    await page.close();
  }, 60_000);

  it("the preset 'Bara effekt' orders the table by the Effekt column", async () => {
    const table = await afterRender(nomination, () => nomination.locator("[data-testid=preset-only-effekt]").click());
    const effekt = column(table, "Effekt");
    expect(effekt.length).toBeGreaterThan(200);
    expect(effekt.every((v) => Number.isFinite(v))).toBe(true);
    for (let i = 1; i < effekt.length; i++) expect(effekt[i]!, `row ${i + 1} (${table.rows[i]!.code})`).toBeLessThanOrEqual(effekt[i - 1]!);
    expect(column(table, "Totalt")).toEqual(effekt);
    await expectParam(nomination, "dw").toBe("resursatgang:0,effektivitet:0,effekt:1,resultatkvalitet:0");
    for (const [id, value] of [["resursatgang", "0"], ["effektivitet", "0"], ["effekt", "1"], ["resultatkvalitet", "0"]]) {
      expect(await nomination.locator(`[data-testid=weight-${id}]`).inputValue()).toBe(value);
    }
    // Back to the model's weights: the default table again.
    const reset = await afterRender(nomination, () => nomination.locator("[data-testid=preset-model]").click());
    expect(reset.rows.map((r) => r.cells)).toEqual(defaultNomination.rows.map((r) => r.cells));
  });

  it("the year select changes the ranking and the URL", async () => {
    const [table, cli] = await Promise.all([
      afterRender(nomination, () => nomination.locator("[data-testid=year]").selectOption("2021")),
      cliRanking(["--model", MODEL_FILE, "--year", "2021"])
    ]);
    await expectParam(nomination, "year").toBe("2021");
    expect(codes(table.rows)).not.toEqual(codes(defaultNomination.rows));
    expect(codes(table.rows).slice(0, 10)).toEqual(codes(cli).slice(0, 10));
    expect(await nomination.locator("[data-testid=summary]").textContent()).toContain("år 2021");
  });
});

describe("Utvecklingskommun (built site)", () => {
  let improvement: Page;
  let defaultImprovement: TableSnapshot;

  beforeAll(async () => {
    improvement = await open("utveckling", `${server.url}/utveckling.html?rader=alla`);
    defaultImprovement = await readTable(improvement);
  }, 90_000);

  it("its top 10 equals the rank command's top 10 with --kind improvement --window 4", async () => {
    const cli = await cliRanking(["--model", MODEL_FILE, "--year", "2022", "--kind", "improvement", "--window", "4"]);
    expect(await improvement.locator("[data-testid=year]").inputValue()).toBe("2022");
    expect(await improvement.locator("[data-testid=window]").inputValue()).toBe("4");
    expect(codes(defaultImprovement.rows).slice(0, 10)).toEqual(codes(cli).slice(0, 10));
    expect(codes(defaultImprovement.rows)).toEqual(codes(cli));
  });

  it("the minimum steadiness slider removes the municipalities below it", async () => {
    const table = await afterRender(improvement, () => improvement.locator("[data-testid=min-steadiness]").fill("0.6"));
    const steadiness = column(table, "Stadighet");
    expect(steadiness.length).toBeGreaterThan(0);
    expect(steadiness.length).toBeLessThan(defaultImprovement.rows.length);
    for (const [i, s] of steadiness.entries()) expect(s, `row ${i + 1} (${table.rows[i]!.code})`).toBeGreaterThanOrEqual(60);
    await expectParam(improvement, "steady").toBe("0.6");
    const cli = await cliRanking(["--model", MODEL_FILE, "--year", "2022", "--kind", "improvement", "--window", "4", "--min-steadiness", "0.6"]);
    expect(codes(table.rows)).toEqual(codes(cli));
    expect(cli.every((r) => r.steadiness! >= 0.6)).toBe(true);
  });

  it("a weight change reorders the improvement ranking like the rank command", async () => {
    await afterRender(improvement, () => improvement.locator("[data-testid=min-steadiness]").fill("0"));
    const table = await afterRender(improvement, () => improvement.locator("[data-testid=weight-effekt]").fill("2.5"));
    await expectParam(improvement, "dw").toBe("resursatgang:1,effektivitet:1,effekt:2.5,resultatkvalitet:1");
    const cli = await cliRanking(["--model", modelWithDimensionWeights({effekt: 2.5}), "--year", "2022", "--kind", "improvement", "--window", "4"]);
    expect(codes(table.rows)).not.toEqual(codes(defaultImprovement.rows));
    expect(codes(table.rows).slice(0, 10)).toEqual(codes(cli).slice(0, 10));
  });

  it("the year select changes the improvement ranking and the URL", async () => {
    const table = await afterRender(improvement, () => improvement.locator("[data-testid=year]").selectOption("2020"));
    await expectParam(improvement, "year").toBe("2020");
    expect(codes(table.rows)).not.toEqual(codes(defaultImprovement.rows));
    expect(await improvement.locator("[data-testid=summary]").textContent()).toContain("2017–2020");
  });
});

describe("every page visited", () => {
  beforeAll(async () => {
    await open("index", `${server.url}/index.html`, "[data-testid=coverage-table] tbody tr");
  }, 90_000);

  it("logs no console error, opens no dialog and requests nothing outside its own origin", () => {
    const names = visited.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(["nominering", "utveckling", "index"]));
    const problems = visited.map(({name, watched, dialogs}) => ({
      name,
      consoleErrors: watched.consoleErrors,
      externalRequests: watched.externalRequests,
      dialogs
    }));
    expect(problems).toEqual(visited.map(({name}) => ({name, consoleErrors: [], externalRequests: [], dialogs: []})));
  });
});
