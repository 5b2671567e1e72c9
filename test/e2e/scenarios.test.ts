/**
 * Scenarios in the built site, in headless Chromium: two scenarios saved on
 * Nominering with different weights (through the sliders and "Spara
 * scenario"), compared on Scenarier, must give the membership table and the
 * pairwise τ, ρ and Jaccard of the `scenarios` command on the same models
 * (the default model file and a copy with the changed weight); export then
 * import into an empty browser gives the same file and the same tables; a
 * malformed import names the scenario and the field and changes nothing; a
 * corrupt saved entry is set aside with a notice; each scenario's link
 * reproduces the table it was saved with; saving works on
 * Utvecklingskommun too. Needs `npm run build` first.
 */
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main as scenariosMain} from "../../cli/scenarios.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {ASIDE_KEY_PREFIX, SCENARIO_STORAGE_KEY} from "../../src/lib/state/scenario-store.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";
import {removeTempDirs, tempDir} from "../helpers/temp.ts";

const DIST = path.join(REPO_ROOT, "dist");
const MODEL_FILE = path.join(REPO_ROOT, "data/models/skk-standard.json");
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";
const MEMBERSHIP_ROWS = "[data-testid=membership-table] tbody tr[data-municipality]";
const tmp = tempDir("scenarios-e2e-");

let server: StaticServer;
let browser: Browser;
const watched: WatchedPage[] = [];

interface TableSnapshot {
  headers: string[];
  rows: {code: string; cells: string[]}[];
}

async function readRanking(page: Page): Promise<TableSnapshot> {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLTableElement>("[data-testid=ranking]")!;
    return {
      headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
      rows: [...table.querySelectorAll<HTMLTableRowElement>("tbody tr[data-municipality]")].map((tr) => ({code: tr.dataset.municipality!, cells: [...tr.cells].map((td) => td.textContent ?? "")}))
    };
  });
}

interface Comparison {
  membership: {code: string; ranks: (number | null)[]; inTop: boolean[]; count: number; membership: string}[];
  pairs: {pair: string; kendall: number; spearman: number; jaccard: number}[];
}

async function readComparison(page: Page): Promise<Comparison> {
  await page.waitForSelector(MEMBERSHIP_ROWS, {timeout: 60_000});
  return page.evaluate(() => ({
    membership: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=membership-table] tbody tr[data-municipality]")].map((tr) => {
      const cells = [...tr.querySelectorAll<HTMLElement>("td[data-scenario]")];
      return {
        code: tr.dataset.municipality!,
        ranks: cells.map((c) => (c.dataset.rank ? Number(c.dataset.rank) : null)),
        inTop: cells.map((c) => c.dataset.inTop === "1"),
        count: Number(tr.cells[tr.cells.length - 2]!.textContent),
        membership: tr.cells[tr.cells.length - 1]!.textContent!
      };
    }),
    pairs: [...document.querySelectorAll<HTMLTableRowElement>("[data-testid=pair-table] tbody tr")].map((tr) => {
      const value = (m: string) => Number(tr.querySelector<HTMLElement>(`td[data-measure=${m}]`)!.dataset.value);
      return {pair: tr.dataset.pair!, kendall: value("kendall"), spearman: value("spearman"), jaccard: value("jaccard")};
    })
  }));
}

/** A fresh browser context (its own localStorage) with a watched page. */
async function freshPage(): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, acceptDownloads: true});
  const w = await openWatchedPage(context, server.url);
  watched.push(w);
  return {context, page: w.page};
}

async function saveScenario(page: Page, name: string): Promise<string> {
  await page.fill("[data-testid=scenario-name]", name);
  await page.click("[data-testid=save-scenario]");
  return (await page.textContent("[data-testid=scenario-save-status]")) ?? "";
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download", {timeout: 30_000}), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!);
}

async function stored(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)!])));
}

let page: Page;
let context: BrowserContext;
const savedTables: TableSnapshot[] = [];
let comparison: Comparison;

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
  ({context, page} = await freshPage());
  await page.goto(`${server.url}/nominering.html?rader=alla`);
  await page.waitForSelector(ROWS, {timeout: 90_000});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeTempDirs();
});

describe("saving and comparing scenarios", () => {
  it("saves two scenarios on Nominering with different weights", async () => {
    savedTables.push(await readRanking(page));
    expect(await saveScenario(page, "Standard")).toBe("Sparat som ”Standard” (1 scenario sparat). Jämför på sidan Scenarier.");
    const before = await page.locator("[data-testid=ranking]").getAttribute("data-version");
    await page.locator("[data-testid=weight-effekt]").fill("2");
    await page.waitForFunction((v) => document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version !== v, before);
    savedTables.push(await readRanking(page));
    expect(savedTables[1]!.rows.map((r) => r.code)).not.toEqual(savedTables[0]!.rows.map((r) => r.code));
    expect(await saveScenario(page, "Effekt dubbelt")).toBe("Sparat som ”Effekt dubbelt” (2 scenarier sparade). Jämför på sidan Scenarier.");
    // A name in use is refused, and nothing is saved.
    expect(await saveScenario(page, "Standard")).toBe("Det finns redan ett scenario som heter ”Standard”. Välj ett annat namn.");
    const file = JSON.parse((await stored(page))[SCENARIO_STORAGE_KEY]!);
    expect(file.scenarios.map((s: {name: string; settings: {dw: Record<string, number>}}) => [s.name, s.settings.dw.effekt])).toEqual([
      ["Standard", 1],
      ["Effekt dubbelt", 2]
    ]);
    // The full model is stored with each scenario.
    expect(file.scenarios[0].model).toEqual(JSON.parse(readFileSync(MODEL_FILE, "utf8")));
  }, 60_000);

  it("Scenarier shows membership and τ, ρ, Jaccard equal to the scenarios command on the same models", async () => {
    await page.goto(`${server.url}/scenarier.html`);
    comparison = await readComparison(page);
    const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as {dimensions: {id: string; weight: number}[]};
    for (const d of model.dimensions) if (d.id === "effekt") d.weight = 2;
    const doubled = path.join(tmp, "effekt-dubbelt.json");
    writeFileSync(doubled, JSON.stringify(model));
    let stdout = "";
    let stderr = "";
    const code = await scenariosMain(["--models", MODEL_FILE, doubled, "--year", "2022", "--top", "10", "--format", "json"], {
      env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT},
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s)
    });
    expect(code, stderr).toBe(0);
    const cli = JSON.parse(stdout) as {
      models: {id: string}[];
      municipalities: {municipality_code: string; ranks: Record<string, number | null>; in_top_n: Record<string, boolean>; in_top_n_count: number; membership: string}[];
      pairs: {kendall_tau_b: number; spearman_rho: number; jaccard_top_n: number}[];
    };
    const ids = cli.models.map((m) => m.id);
    expect(comparison.membership).toEqual(
      cli.municipalities.map((m) => ({code: m.municipality_code, ranks: ids.map((id) => m.ranks[id]), inTop: ids.map((id) => m.in_top_n[id]), count: m.in_top_n_count, membership: m.membership}))
    );
    expect(comparison.pairs).toEqual([{pair: "A-B", kendall: cli.pairs[0]!.kendall_tau_b, spearman: cli.pairs[0]!.spearman_rho, jaccard: cli.pairs[0]!.jaccard_top_n}]);
    // Both words occur (with two scenarios, "flera" cannot).
    expect(new Set(comparison.membership.map((m) => m.membership))).toEqual(new Set(["alla", "en"]));
    expect(await page.textContent("[data-testid=scenario-message]")).toBe("A = ”Standard”, B = ”Effekt dubbelt”. Alla rangordnas år 2022 med topp 10.");
    expect(await page.textContent("[data-testid=scenario-differences] li")).toBe("B (”Effekt dubbelt”) jämfört med A: B väger effekt 2 i stället för 1.");
    // The bump chart: one named image, its summary, and its data one click away.
    expect(await page.locator("[data-testid=bump-chart] svg[role=img]").count()).toBe(1);
    expect(await page.locator("[data-testid=bump-chart] svg [data-mark=line] path").count()).toBe(comparison.membership.length);
    expect(await page.textContent("[data-testid=bump-chart] figcaption")).toMatch(/^Rangen i scenario A–B för de \d+ kommuner som finns i något scenarios topp 10; \d+ av dem finns i alla topplistor\./);
    await page.click("[data-testid=bump-chart] details summary");
    await expect.poll(() => page.locator("[data-testid=bump-chart] details table tbody tr").count()).toBe(comparison.membership.length);
  }, 90_000);

  it("the year and top N change the comparison and stay in the link", async () => {
    await page.locator("[data-testid=scenario-top]").fill("5");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=membership-table] tbody tr").length > 0 && document.querySelector("[data-testid=scenario-message]")!.textContent!.includes("topp 5"));
    expect(new URL(page.url()).searchParams.get("top")).toBe("5");
    const top5 = await readComparison(page);
    expect(top5.membership.every((m) => m.inTop.every((t, i) => !t || m.ranks[i]! <= 5))).toBe(true);
    await page.goto(`${server.url}/scenarier.html?top=5`);
    expect(await readComparison(page)).toEqual(top5);
    await page.goto(`${server.url}/scenarier.html`);
    expect(await readComparison(page)).toEqual(comparison);
  }, 60_000);

  it("a tampered link gets a notice naming each parameter, the defaults, and a clean URL", async () => {
    await page.goto(`${server.url}/scenarier.html?val=9&year=1899&top=291&foo=1`);
    expect(await readComparison(page)).toEqual(comparison);
    expect(await page.locator("[data-testid=scenario-notices] p").allTextContents()).toEqual([
      "Ogiltigt värde för ”val” (9): ska vara scenariernas nummer 1–2, kommaseparerade. Standardvärdet används.",
      "Ogiltigt värde för ”year” (1899): ska vara ett heltal 2010–2022. Standardvärdet används.",
      "Ogiltigt värde för ”top” (291): ska vara ett heltal 1–290. Standardvärdet används.",
      "Okänd parameter ”foo” ignorerades."
    ]);
    expect(new URL(page.url()).search).toBe("");
  }, 60_000);

  it("each scenario's link reproduces the table it was saved with", async () => {
    for (const [i, name] of ["Standard", "Effekt dubbelt"].entries()) {
      await page.goto(`${server.url}/scenarier.html`);
      await page.waitForSelector(MEMBERSHIP_ROWS);
      await page.click(`[data-testid=scenario-list] tr[data-scenario="${name}"] [data-testid=scenario-link]`);
      await page.waitForSelector(ROWS, {timeout: 60_000});
      expect(await readRanking(page)).toEqual(savedTables[i]);
      expect(await page.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    }
    expect(new URL(page.url()).searchParams.get("dw")).toBe("resursatgang:1,effektivitet:1,effekt:2,resultatkvalitet:1");
  }, 120_000);
});

describe("export and import", () => {
  let exported: Buffer;

  it("export, then import into an empty browser, gives the same file and the same comparison", async () => {
    await page.goto(`${server.url}/scenarier.html`);
    await page.waitForSelector(MEMBERSHIP_ROWS);
    exported = await download(page, "export-scenarios");
    const file = JSON.parse(exported.toString("utf8"));
    expect(file).toMatchObject({format: "kvalitetskommun-scenarier", version: 1});
    expect(file.scenarios.map((s: {name: string}) => s.name)).toEqual(["Standard", "Effekt dubbelt"]);
    const upload = path.join(tmp, "scenarier.json");
    writeFileSync(upload, exported);

    const fresh = await freshPage();
    await fresh.page.goto(`${server.url}/scenarier.html`);
    await fresh.page.waitForSelector("[data-testid=scenario-message][data-state=empty]", {timeout: 60_000});
    expect(await fresh.page.textContent("[data-testid=scenario-message]")).toMatch(/^Spara minst två scenarier: ställ in modell, vikter, år, metod och urval på sidan Nominering eller Utvecklingskommun/);
    await fresh.page.setInputFiles("[data-testid=import-scenarios]", upload);
    await fresh.page.waitForSelector("[data-testid=scenario-status][data-state=ok]");
    expect(await fresh.page.textContent("[data-testid=scenario-status]")).toBe("2 scenarier importerade.");
    expect(await readComparison(fresh.page)).toEqual(comparison);
    expect(await download(fresh.page, "export-scenarios")).toEqual(exported);
    // Importing the same file again: already there, nothing doubled.
    await fresh.page.setInputFiles("[data-testid=import-scenarios]", upload);
    await fresh.page.waitForFunction(() => document.querySelector("[data-testid=scenario-status]")!.textContent === "0 scenarier importerade, 2 fanns redan.");
    expect(await fresh.page.locator("[data-testid=scenario-list] tbody tr").count()).toBe(2);
    await fresh.context.close();
  }, 120_000);

  it("a malformed import names the scenario and the field, and changes nothing", async () => {
    const before = await stored(page);
    const file = JSON.parse(exported.toString("utf8"));
    file.scenarios[1].settings.dw.effekt = -1;
    file.scenarios[0].model.indicators[2].direction = "uppåt";
    const bad = path.join(tmp, "trasig.json");
    writeFileSync(bad, JSON.stringify(file));
    await page.setInputFiles("[data-testid=import-scenarios]", bad);
    await page.waitForSelector("[data-testid=scenario-status][data-state=error]");
    expect(await page.locator("[data-testid=scenario-status] p").allTextContents()).toEqual([
      "Filen ”trasig.json” importerades inte; inget har ändrats.",
      "Scenario 1 (”Standard”): model.indicators[2].direction: ska vara ”higher_better” eller ”lower_better”",
      "Scenario 2 (”Effekt dubbelt”): settings.dw.effekt: får inte vara negativ"
    ]);
    expect(await stored(page)).toEqual(before);
    expect(await readComparison(page)).toEqual(comparison);

    const notJson = path.join(tmp, "inte-json.json");
    writeFileSync(notJson, "{inte json");
    await page.setInputFiles("[data-testid=import-scenarios]", notJson);
    await page.waitForFunction(() => document.querySelector("[data-testid=scenario-status]")!.textContent!.includes("inte-json.json"));
    expect(await page.locator("[data-testid=scenario-status] p").nth(1).textContent()).toMatch(/^Filen är inte giltig JSON \(/);
    expect(await stored(page)).toEqual(before);
  }, 60_000);
});

describe("a scenario of an edited model", () => {
  it("is saved with its model (a library KPI added, one removed), compared as the scenarios command compares the downloaded model, and its link reopens that model and table", async () => {
    const fresh = await freshPage();
    const p = fresh.page;
    await p.goto(`${server.url}/nominering.html?rader=alla`);
    await p.waitForSelector(ROWS, {timeout: 90_000});
    await saveScenario(p, "Standard");
    await p.locator("[data-testid=model-editor] > summary").click();
    await p.locator("input[data-testid=kpi-search]").fill("N09805");
    await p.locator("button.kpi-result[data-kpi=N09805]").click();
    await expect.poll(() => p.locator("[data-testid=chosen-kpi]").textContent()).toContain("(N09805)");
    let version = await p.locator("[data-testid=ranking]").getAttribute("data-version");
    await p.locator("[data-testid=add-kpi]").click();
    await p.waitForFunction((v) => document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version !== v, version, {timeout: 30_000});
    version = await p.locator("[data-testid=ranking]").getAttribute("data-version");
    await p.locator("[data-testid=remove-kpi-N15428]").click();
    await p.waitForFunction((v) => document.querySelector<HTMLElement>("[data-testid=ranking]")!.dataset.version !== v, version);
    const editedTable = await readRanking(p);
    expect(await saveScenario(p, "Egen modell")).toBe("Sparat som ”Egen modell” (2 scenarier sparade). Jämför på sidan Scenarier.");
    const [file] = await Promise.all([p.waitForEvent("download"), p.locator("[data-testid=download-model]").click()]);
    const modelFile = path.join(tmp, "egen-modell.json");
    await file.saveAs(modelFile);
    const saved = JSON.parse((await stored(p))[SCENARIO_STORAGE_KEY]!).scenarios[1];
    expect(saved.model.indicators.map((i: {kpi: string}) => i.kpi)).toContain("N09805");
    expect(saved.model.indicators.map((i: {kpi: string}) => i.kpi)).not.toContain("N15428");
    expect(saved.settings).not.toHaveProperty("edited");

    // A new page load: N09805 is not in the page's data until Scenarier loads it from the library.
    await p.goto(`${server.url}/scenarier.html`);
    const shown = await readComparison(p);
    let stdout = "";
    let stderr = "";
    const code = await scenariosMain(["--models", MODEL_FILE, modelFile, "--year", "2022", "--top", "10", "--format", "json"], {
      env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT},
      stdout: (x) => (stdout += x),
      stderr: (x) => (stderr += x)
    });
    expect(code, stderr).toBe(0);
    const cli = JSON.parse(stdout);
    const ids = cli.models.map((m: {id: string}) => m.id);
    expect(shown.membership).toEqual(
      cli.municipalities.map((m: {municipality_code: string; ranks: Record<string, number | null>; in_top_n: Record<string, boolean>; in_top_n_count: number; membership: string}) => ({
        code: m.municipality_code,
        ranks: ids.map((id: string) => m.ranks[id]),
        inTop: ids.map((id: string) => m.in_top_n[id]),
        count: m.in_top_n_count,
        membership: m.membership
      }))
    );
    expect(shown.pairs).toEqual([{pair: "A-B", kendall: cli.pairs[0].kendall_tau_b, spearman: cli.pairs[0].spearman_rho, jaccard: cli.pairs[0].jaccard_top_n}]);
    expect(await p.textContent("[data-testid=scenario-differences] li")).toContain("B har med nyckeltalet N09805");

    await p.click('[data-testid=scenario-list] tr[data-scenario="Egen modell"] [data-testid=scenario-link]');
    await p.waitForSelector(ROWS, {timeout: 60_000});
    expect(new URL(p.url()).searchParams.has("edited")).toBe(true);
    expect(await readRanking(p)).toEqual(editedTable);
    expect(await p.locator("[data-testid=url-notice]").isHidden()).toBe(true);
    await fresh.context.close();
  }, 180_000);
});

describe("storage problems and the other ranking page", () => {
  it("a corrupt saved entry is set aside unchanged, with a notice naming its key", async () => {
    const fresh = await freshPage();
    await fresh.page.goto(`${server.url}/tillganglighet.html`);
    await fresh.page.evaluate((key) => localStorage.setItem(key, '{"format":"kvalitetskommun-scenarier","version":1,"scenarios":[{"name":"Trasig"}]}'), SCENARIO_STORAGE_KEY);
    await fresh.page.goto(`${server.url}/scenarier.html`);
    await fresh.page.waitForSelector("[data-testid=scenario-notices]:not([hidden])", {timeout: 60_000});
    const notice = (await fresh.page.textContent("[data-testid=scenario-notices]"))!;
    expect(notice).toMatch(/^Ett sparat scenario kunde inte läsas och har lagts undan oförändrat under nyckeln ”kvalitetskommun:scenarier:undanlagt:[^”]+”: Scenario 1 \(”Trasig”\): page: ska vara ”nominering” eller ”utveckling”\.$/);
    const keys = await stored(fresh.page);
    const aside = Object.keys(keys).filter((k) => k.startsWith(ASIDE_KEY_PREFIX));
    expect(aside).toHaveLength(1);
    expect(JSON.parse(keys[aside[0]!]!)).toEqual([{name: "Trasig"}]);
    await fresh.context.close();
  }, 60_000);

  it("saves on Utvecklingskommun, and Scenarier compares a nomination and an improvement scenario", async () => {
    await page.goto(`${server.url}/utveckling.html?window=3`);
    await page.waitForSelector(ROWS, {timeout: 90_000});
    expect(await saveScenario(page, "Utveckling 3 år")).toBe("Sparat som ”Utveckling 3 år” (3 scenarier sparade). Jämför på sidan Scenarier.");
    await page.goto(`${server.url}/scenarier.html`);
    await readComparison(page);
    expect(await page.locator("[data-testid=pair-table] tbody tr").count()).toBe(3);
    expect(await page.locator("[data-testid=scenario-differences] li[data-scenario=C]").textContent()).toBe(
      "C (”Utveckling 3 år”) jämfört med A: C rangordnar utveckling (Utvecklingskommun) i stället för nivå (Nominering). C använder ett fönster på 3 år och mäter utvecklingen med Theil–Sen-lutning."
    );
    // The page's export through the command line: the same comparison, the improvement scenario included.
    const shown = await readComparison(page);
    const exportedFile = path.join(tmp, "tre-scenarier.json");
    writeFileSync(exportedFile, await download(page, "export-scenarios"));
    let stdout = "";
    let stderr = "";
    const code = await scenariosMain(["--scenarios", exportedFile, "--format", "json"], {env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, stdout: (x) => (stdout += x), stderr: (x) => (stderr += x)});
    expect(code, stderr).toBe(0);
    const cli = JSON.parse(stdout);
    const names: string[] = cli.models.map((m: {id: string}) => m.id);
    expect(names).toEqual(["Standard", "Effekt dubbelt", "Utveckling 3 år"]);
    expect(shown.membership).toEqual(
      cli.municipalities.map((m: {municipality_code: string; ranks: Record<string, number | null>; in_top_n: Record<string, boolean>; in_top_n_count: number; membership: string}) => ({
        code: m.municipality_code,
        ranks: names.map((n) => m.ranks[n]),
        inTop: names.map((n) => m.in_top_n[n]),
        count: m.in_top_n_count,
        membership: m.membership
      }))
    );
    expect(shown.pairs).toEqual(
      cli.pairs.map((p: {a: string; b: string; kendall_tau_b: number; spearman_rho: number; jaccard_top_n: number}) => ({
        pair: `${"ABC"[names.indexOf(p.a)]}-${"ABC"[names.indexOf(p.b)]}`,
        kendall: p.kendall_tau_b,
        spearman: p.spearman_rho,
        jaccard: p.jaccard_top_n
      }))
    );
    // Unticking one leaves two; unticking another leaves one: then it says what to do.
    await page.click('[data-testid=scenario-list] tr[data-scenario="Effekt dubbelt"] input[type=checkbox]');
    await page.waitForFunction(() => document.querySelector("[data-testid=scenario-message]")!.textContent!.startsWith("A = ”Standard”, B = ”Utveckling 3 år”."));
    expect(new URL(page.url()).searchParams.get("val")).toBe("1,3");
    await page.click('[data-testid=scenario-list] tr[data-scenario="Standard"] input[type=checkbox]');
    await page.waitForSelector("[data-testid=scenario-message][data-state=empty]");
    expect(await page.textContent("[data-testid=scenario-message]")).toBe("Välj minst två scenarier att jämföra i listan ovan (högst sex).");
  }, 120_000);

  it("no console errors and no request outside the site", () => {
    for (const w of watched) {
      expect(w.consoleErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    }
  });
});
