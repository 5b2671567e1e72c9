/**
 * The Workshop page in headless Chromium against the built site:
 * - three participants set weights in the participant view and send a code,
 *   a link and a proposal file; the facilitator pastes and imports them;
 * - for each pooling method the pooled weights equal `pool` (cli/pool.ts, in
 *   process) on the participants' downloaded files, the page's pooled-model
 *   download is byte for byte `pool`'s output, and the ranking equals `rank
 *   --model` on that pooled model;
 * - who is nominated under every proposal, a majority and at least one equals
 *   counting the top N of `rank --weights` on each proposal file;
 * - a tampered code is rejected naming its line while the others are added;
 *   a code for another workshop is rejected with that reason; a proposal file
 *   for another model is rejected naming the file;
 * - a reload keeps the proposals (they are in the URL);
 * - projector mode hides every editing control and shows the top N whole;
 * - an edited model (uploaded by the facilitator, with a KPI from the library)
 *   travels in the participant link; its pool and ranking equal `pool` and
 *   `rank` on that model file; a code for the preset is "annan modell".
 * Needs `npm run build` first.
 */
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main as poolMain} from "../../cli/pool.ts";
import {main as rankMain} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {nominationAgreement, parseModelText, POOL_METHODS, type PoolMethod} from "../../src/engine/index.ts";
import {encodeProposal} from "../../src/lib/state/proposal-codec.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";
import {removeTempDirs, tempDir} from "../helpers/temp.ts";

const DIST = path.join(REPO_ROOT, "dist");
const MODEL_FILE = path.join(REPO_ROOT, "data/models/skk-standard.json");
const MODEL = parseModelText(readFileSync(MODEL_FILE, "utf8"), MODEL_FILE);
const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const tmp = tempDir("workshop-e2e-");
const WORKSHOP = "model=skk-standard&year=2022&top=10&kpi=1";
const ROWS = "[data-testid=ranking] tbody tr[data-municipality]";

let server: StaticServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const w of pages) {
    expect(w.consoleErrors).toEqual([]);
    expect(w.externalRequests).toEqual([]);
  }
  await browser?.close();
  await server?.close();
  removeTempDirs();
});

async function open(url: string, viewport = {width: 1280, height: 900}, deviceScaleFactor = 1): Promise<Page> {
  const context = await browser.newContext({viewport, deviceScaleFactor, acceptDownloads: true});
  const watched = await openWatchedPage(context, server.url);
  pages.push(watched);
  await watched.page.goto(`${server.url}/${url}`);
  return watched.page;
}

async function setSlider(page: Page, testId: string, value: number): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).evaluate((input: HTMLInputElement, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }, value);
}

async function runCli(main: (argv: string[], io: {env: NodeJS.ProcessEnv; stdout: (s: string) => void; stderr: (s: string) => void}) => number | Promise<number>, argv: string[]): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return stdout;
}

interface Participant {
  name: string;
  dimensions: Record<string, number>;
  indicators: Record<string, number>;
}
const kpi = (i: number) => MODEL.indicators[i]!.kpi;
const PARTICIPANTS: Participant[] = [
  {name: "Anna Åberg", dimensions: {resursatgang: 1, effektivitet: 2, effekt: 3, resultatkvalitet: 1}, indicators: {[kpi(0)]: 2.5}},
  {name: "Bo", dimensions: {resursatgang: 0, effektivitet: 1, effekt: 1.5, resultatkvalitet: 4}, indicators: {[kpi(10)]: 0, [kpi(12)]: 3}},
  {name: "Cecilia", dimensions: {resursatgang: 2.5, effektivitet: 0.3, effekt: 1, resultatkvalitet: 1}, indicators: {}}
];

/** What each participant sent: the code, the link and the downloaded file. */
const sent: {code: string; link: string; file: string}[] = [];
let facilitator: Page;
let facilitatorUrl = "";

describe("participants propose on their own devices", () => {
  it.each(PARTICIPANTS.map((p, i) => [i, p] as const))("participant %i sets weights and gets a code, a link and a file", async (i, p) => {
    const page = await open(`workshop.html?roll=deltagare&${WORKSHOP}`, {width: 390, height: 844});
    await page.waitForSelector("[data-testid=participant-top] li[data-municipality]", {timeout: 90_000});
    // Facilitator-only sections are hidden.
    expect(await page.locator("[data-testid=proposal-input]").isVisible()).toBe(false);
    await page.locator("[data-testid=participant-name]").fill(p.name);
    for (const [id, w] of Object.entries(p.dimensions)) await setSlider(page, `weight-${id}`, w);
    await page.locator("[data-testid=weights-panel] details").evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const [k, w] of Object.entries(p.indicators)) await setSlider(page, `weight-${k}`, w);
    const code = (await page.locator("[data-testid=proposal-code]").textContent())!;
    expect(code).toMatch(/^KK-/);
    const link = (await page.locator("[data-testid=proposal-link]").getAttribute("href"))!;
    expect(new URL(link).searchParams.get("forslag")).toBe(code);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=download-proposal]").click()]);
    const file = path.join(tmp, `p${i}.json`);
    writeFileSync(file, readFileSync((await download.path())!));
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json).toMatchObject({name: p.name, dimensions: p.dimensions});
    for (const [k, w] of Object.entries(p.indicators)) expect(json.indicators[k]).toBe(w);
    // The code holds exactly what the file says.
    expect(code).toBe(encodeProposal({model: MODEL, year: 2022, top: 10, allowKpiWeights: true}, {name: json.name, dimensions: json.dimensions, indicators: json.indicators}));
    // A reload keeps the participant's work (once the URL is written, 250 ms after the last change).
    await expect.poll(() => new URL(page.url()).searchParams.get("namn"), {timeout: 5_000}).toBe(p.name);
    // Every dimension weight, not just the last one set: on a loaded machine a write between two
    // slider changes can already hold the last dimension's value when it equals the default.
    const urlWeights = (param: string) => Object.fromEntries((new URL(page.url()).searchParams.get(param) ?? "").split(",").map((pair) => pair.split(":")).map(([id, w]) => [id, Number(w)]));
    await expect.poll(() => urlWeights("dw"), {timeout: 5_000}).toMatchObject(p.dimensions);
    await expect.poll(() => urlWeights("w"), {timeout: 5_000}).toMatchObject(p.indicators);
    await page.reload();
    await page.waitForSelector("[data-testid=participant-top] li[data-municipality]", {timeout: 90_000});
    expect(await page.locator("[data-testid=proposal-code]").textContent()).toBe(code);
    sent.push({code, link, file});
    await page.context().close();
  }, 120_000);
});

describe("the facilitator collects and pools", () => {
  beforeAll(async () => {
    expect(sent).toHaveLength(3);
    facilitator = await open(`workshop.html?${WORKSHOP}`);
    await facilitator.waitForSelector("[data-testid=proposal-input]", {timeout: 90_000});
  }, 120_000);

  it("adds a code and a link, rejects a tampered and a foreign code naming their lines, keeps the rest", async () => {
    const chars = sent[1]!.code.split("");
    const at = chars.length - 6;
    chars[at] = chars[at] === "7" ? "8" : "7";
    const tampered = chars.join("");
    const otherWorkshop = encodeProposal({model: MODEL, year: 2021, top: 10, allowKpiWeights: true}, {name: "Dan", dimensions: {effekt: 2}});
    await facilitator.locator("[data-testid=proposal-input]").fill([sent[0]!.code, tampered, sent[1]!.link, otherWorkshop, "", "hej"].join("\n"));
    await facilitator.locator("[data-testid=add-proposals]").click();
    const messages = facilitator.locator("[data-testid=proposal-messages]");
    await expect.poll(() => messages.textContent()).toMatch(/2 förslag lades till, 3 avvisades/);
    const rejections = await facilitator.locator("[data-testid=proposal-rejections] li").allTextContents();
    expect(rejections).toEqual([
      "Rad 2: fel kontrollsumma (koden är ändrad eller avklippt)",
      "Rad 4: annan workshop (förslaget gäller ett annat år, en annan topp N eller en annan inställning för KPI-vikter)",
      "Rad 6: inte en förslagskod (den ska börja med KK-)"
    ]);
    // The rejected lines stay in the box to correct; the accepted are in the table.
    expect(await facilitator.locator("[data-testid=proposal-input]").inputValue()).toBe([tampered, otherWorkshop, "hej"].join("\n"));
    expect(await facilitator.locator("[data-testid=proposal-table] tbody th").allTextContents()).toEqual(["Anna Åberg", "Bo"]);
    // The same code again is a duplicate, named.
    await facilitator.locator("[data-testid=proposal-input]").fill(sent[0]!.code);
    await facilitator.locator("[data-testid=add-proposals]").click();
    await expect.poll(() => facilitator.locator("[data-testid=proposal-rejections] li").allTextContents()).toEqual(["Rad 1 (Anna Åberg): samma förslag som Anna Åberg (redan inlagt)"]);
  }, 60_000);

  it("imports a proposal file, and rejects a file for another model naming the file", async () => {
    const foreign = path.join(tmp, "annan-modell.json");
    writeFileSync(foreign, JSON.stringify({name: "Eva", dimensions: {kvalitet: 2}}));
    await facilitator.locator("[data-testid=proposal-files]").setInputFiles([sent[2]!.file, foreign]);
    await expect.poll(() => facilitator.locator("[data-testid=proposal-messages]").textContent()).toMatch(/1 förslag lades till, 1 avvisades/);
    expect(await facilitator.locator("[data-testid=proposal-rejections] li").allTextContents()).toEqual([
      "annan-modell.json: annan modell: dimensions.kvalitet: okänd dimension i workshopens modell (den har resursatgang, effektivitet, effekt, resultatkvalitet)"
    ]);
    expect(await facilitator.locator("[data-testid=proposal-table] tbody th").allTextContents()).toEqual(["Anna Åberg", "Bo", "Cecilia"]);
    // The definition is locked now.
    expect(await facilitator.locator("[data-testid=workshop-year]").isDisabled()).toBe(true);
    await expect.poll(() => new URL(facilitator.url()).searchParams.get("forslag")?.split(",").length, {timeout: 5_000}).toBe(3);
    facilitatorUrl = facilitator.url();
  }, 60_000);

  for (const method of POOL_METHODS) {
    it(`${method}: the pooled weights, the model file and the ranking equal pool + rank on the participants' files`, async () => {
      await facilitator.locator("[data-testid=pool-method]").selectOption(method);
      const files = sent.map((s) => s.file);
      const cliModel = await runCli((argv, io) => poolMain(argv, io), ["--model", MODEL_FILE, "--proposals", ...files, "--method", method]);
      const pooled = JSON.parse(cliModel) as typeof MODEL;
      await expect.poll(() => facilitator.locator(".ws-method").textContent().catch(() => "")).toContain(method === "mean" ? "medelvärde" : method === "median" ? "median" : "geometriskt");
      const pageDims = await facilitator.locator("[data-testid=pooled-weights] tbody tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.dimension, Number((tr as HTMLElement).dataset.weight)]));
      expect(pageDims).toEqual(pooled.dimensions.map((d) => [d.id, d.weight]));
      const pageKpis = await facilitator.locator("[data-testid=pooled-kpi-weights] tbody tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.kpi, Number((tr as HTMLElement).dataset.weight)]));
      expect(pageKpis).toEqual(pooled.indicators.map((i) => [i.kpi, i.weight]));
      // The page's pooled model file is pool's output, byte for byte.
      const [download] = await Promise.all([facilitator.waitForEvent("download"), facilitator.locator("[data-testid=download-pooled-model]").click()]);
      expect(readFileSync((await download.path())!, "utf8")).toBe(cliModel);
      // The ranking: rank --model on the pooled model.
      const pooledFile = path.join(tmp, `pooled-${method}.json`);
      writeFileSync(pooledFile, cliModel);
      const ranked = JSON.parse(await runCli(rankMain, ["--model", pooledFile, "--year", "2022", "--format", "json"])).rows as {code: string; rank: number | null; score: number | null}[];
      const shown = await facilitator.locator(ROWS).evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.municipality, tr.querySelector("td")!.textContent!.replace("★ ", "")]));
      expect(shown.length).toBe(20);
      expect(shown).toEqual(ranked.slice(0, 20).map((r) => [r.code, String(r.rank)]));
      const stars = await facilitator.locator(`${ROWS}.top`).count();
      expect(stars).toBe(10);
    }, 90_000);
  }

  it("who is nominated under every proposal, a majority and at least one equals counting rank --weights", async () => {
    const tops: string[][] = [];
    for (const s of sent) {
      const rows = JSON.parse(await runCli(rankMain, ["--model", MODEL_FILE, "--weights", s.file, "--year", "2022", "--format", "json"])).rows as {code: string; rank: number | null}[];
      tops.push(rows.filter((r) => r.rank !== null && r.rank <= 10).map((r) => r.code));
    }
    const expected = nominationAgreement(tops);
    // Independent of the engine's helper too: count by hand.
    const counts = new Map<string, number>();
    for (const t of tops) for (const c of t) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(expected.map((r) => [r.code, r.count])).toEqual([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    const level = (name: string) => facilitator.locator(`[data-testid=agreement-${name}] [data-municipality]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.municipality).sort());
    expect(await level("alla")).toEqual([...counts].filter(([, n]) => n === 3).map(([c]) => c).sort());
    expect(await level("majoritet")).toEqual([...counts].filter(([, n]) => n === 2).map(([c]) => c).sort());
    expect(await level("minst-ett")).toEqual([...counts].filter(([, n]) => n === 1).map(([c]) => c).sort());
    const table = await facilitator.locator("[data-testid=agreement-table] tbody tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.municipality, tr.querySelectorAll("td")[0]!.textContent]));
    expect(table).toEqual(expected.map((r) => [r.code, `${r.count} av 3`]));
  }, 90_000);

  it("a reload keeps the proposals, and a tampered code in the link is named in the notice while the others stay", async () => {
    const page = await open(new URL(facilitatorUrl).pathname.slice(1) + new URL(facilitatorUrl).search);
    await page.waitForSelector("[data-testid=pooled-weights] tbody tr", {timeout: 90_000});
    expect(await page.locator("[data-testid=proposal-table] tbody th").allTextContents()).toEqual(["Anna Åberg", "Bo", "Cecilia"]);
    const url = new URL(facilitatorUrl);
    const codes = url.searchParams.get("forslag")!.split(",");
    codes[1] = codes[1]!.slice(0, -3);
    url.searchParams.set("forslag", codes.join(","));
    await page.goto(url.href);
    await page.waitForSelector("[data-testid=pooled-weights] tbody tr", {timeout: 90_000});
    expect(await page.locator("[data-testid=url-notice]").textContent()).toContain("Förslag 2 i länken: fel kontrollsumma");
    expect(await page.locator("[data-testid=proposal-table] tbody th").allTextContents()).toEqual(["Anna Åberg", "Cecilia"]);
    await page.context().close();
  }, 120_000);
});

describe("projector mode", () => {
  it("hides every editing control and shows the ranking's top N, the pooled weights and the chart on a 1920 × 1080 screen at 150 %", async () => {
    const url = new URL(facilitatorUrl);
    url.searchParams.set("projektor", "1");
    const page = await open(url.pathname.slice(1) + url.search, {width: 1280, height: 720}, 1.5);
    await page.waitForSelector(ROWS, {timeout: 90_000});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
    for (const id of ["proposal-input", "add-proposals", "proposal-files", "pool-method", "remove-proposal", "download-pooled-model", "workshop-year", "workshop-model", "workshop-top", "workshop-kpi", "copy-link", "participant-link", "clear-proposals"]) {
      const visible = await page.locator(`[data-testid=${id}]`).evaluateAll((els) => els.some((e) => (e as HTMLElement).checkVisibility()));
      expect(visible, id).toBe(false);
    }
    expect(await page.locator("#observablehq-main").evaluate((m) => [...m.querySelectorAll("button, input, select, textarea")].filter((e) => (e as HTMLElement).checkVisibility()).length)).toBe(0);
    for (const id of ["ranking", "pooled-weights", "weight-spread"]) expect(await page.locator(`[data-testid=${id}]`).first().isVisible(), id).toBe(true);
    const fit = await page.evaluate(() => {
      const rows = [...document.querySelectorAll("[data-testid=ranking] tbody tr[data-municipality]")];
      const last = rows.at(-1)!.getBoundingClientRect();
      const cell = document.querySelector("[data-testid=ranking] tbody td")!;
      return {rows: rows.length, bottom: last.bottom, viewport: window.innerHeight, fontPx: parseFloat(getComputedStyle(cell).fontSize)};
    });
    expect(fit.rows).toBe(10);
    expect(fit.bottom).toBeLessThanOrEqual(fit.viewport);
    // 16 CSS px is 24 px on the projector.
    expect(fit.fontPx).toBeGreaterThanOrEqual(16);
    await page.context().close();
  }, 120_000);
});

describe("a workshop on an edited model", () => {
  it("the uploaded model travels in the participant link, and pooling equals pool + rank on the model file; a preset code is annan modell", async () => {
    // The default model without its first KPI, with N09805 from the library in Effekt and Effekt weighted 2.
    const edited = {
      ...MODEL,
      name: "Workshopmodell",
      dimensions: MODEL.dimensions.map((d) => (d.id === "effekt" ? {...d, weight: 2} : d)),
      indicators: [...MODEL.indicators.slice(1), {kpi: "N09805", dimension: "effekt", direction: "higher_better" as const, weight: 1}]
    };
    const modelFile = path.join(tmp, "workshopmodell.json");
    writeFileSync(modelFile, JSON.stringify(edited, null, 2));
    const page = await open("workshop.html?model=skk-standard&year=2022&top=5&kpi=0");
    await page.waitForSelector("[data-testid=workshop-upload-model]", {timeout: 90_000});
    // A broken model file changes nothing and says why.
    const broken = path.join(tmp, "trasig.json");
    writeFileSync(broken, JSON.stringify({...edited, indicators: [{...edited.indicators[0], weight: -1}]}));
    const before = await page.locator("[data-testid=workshop-description]").getAttribute("data-workshop");
    await page.locator("[data-testid=workshop-upload-model]").setInputFiles(broken);
    await expect.poll(() => page.locator("[data-testid=workshop-model-status]").textContent()).toContain("trasig.json kunde inte användas, workshopen är oförändrad: indicators[0].weight");
    expect(await page.locator("[data-testid=workshop-description]").getAttribute("data-workshop")).toBe(before);
    await page.locator("[data-testid=workshop-upload-model]").setInputFiles(modelFile);
    await expect.poll(() => page.locator("[data-testid=workshop-description]").textContent()).toContain("Workshopmodell (ändrad modell)");
    const participantHref = (await page.locator("[data-testid=participant-link]").getAttribute("href"))!;
    expect(new URL(participantHref).searchParams.get("edited")).toBeTruthy();

    const files: string[] = [];
    const codes: string[] = [];
    for (const [i, weights] of [dims(1, 2, 1, 1), dims(3, 0.5, 2, 0)].entries()) {
      const p = await open(new URL(participantHref).pathname.slice(1) + new URL(participantHref).search, {width: 390, height: 844});
      await p.waitForSelector("[data-testid=participant-top] li[data-municipality]", {timeout: 90_000});
      expect(await p.locator("[data-testid=workshop-description]").textContent()).toContain("Workshopmodell (ändrad modell)");
      await p.locator("[data-testid=participant-name]").fill(`Deltagare ${i + 1}`);
      for (const [id, w] of Object.entries(weights)) await setSlider(p, `weight-${id}`, w);
      codes.push((await p.locator("[data-testid=proposal-code]").textContent())!);
      const [download] = await Promise.all([p.waitForEvent("download"), p.locator("[data-testid=download-proposal]").click()]);
      const file = path.join(tmp, `edited-p${i}.json`);
      writeFileSync(file, readFileSync((await download.path())!));
      files.push(file);
      await p.context().close();
    }
    const presetCode = encodeProposal({model: MODEL, year: 2022, top: 5, allowKpiWeights: false}, {name: "Fel", dimensions: dims(1, 1, 1, 1)});
    await page.locator("[data-testid=proposal-input]").fill([...codes, presetCode].join("\n"));
    await page.locator("[data-testid=add-proposals]").click();
    await expect.poll(() => page.locator("[data-testid=proposal-rejections] li").allTextContents()).toEqual([
      "Rad 3: annan modell (förslaget gäller en annan modell eller andra modellvikter än workshopens)"
    ]);
    for (const method of POOL_METHODS) {
      await page.locator("[data-testid=pool-method]").selectOption(method);
      const cliModel = await runCli((argv, io) => poolMain(argv, io), ["--model", modelFile, "--proposals", ...files, "--method", method]);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=download-pooled-model]").click()]);
      expect(readFileSync((await download.path())!, "utf8")).toBe(cliModel);
      const pooledFile = path.join(tmp, `edited-pooled-${method}.json`);
      writeFileSync(pooledFile, cliModel);
      const ranked = JSON.parse(await runCli(rankMain, ["--model", pooledFile, "--year", "2022", "--format", "json"])).rows as {code: string; rank: number | null}[];
      const shown = await page.locator(ROWS).evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.municipality, tr.querySelector("td")!.textContent!.replace("★ ", "")]));
      expect(shown).toEqual(ranked.slice(0, 20).map((r) => [r.code, String(r.rank)]));
    }
    // The facilitator's link reopens the same workshop, edited model and proposals included.
    await expect.poll(() => new URL(page.url()).searchParams.get("forslag")?.split(",").length, {timeout: 5_000}).toBe(2);
    const again = await open(new URL(page.url()).pathname.slice(1) + new URL(page.url()).search);
    await again.waitForSelector("[data-testid=pooled-weights] tbody tr", {timeout: 90_000});
    expect(await again.locator("[data-testid=proposal-table] tbody th").allTextContents()).toEqual(["Deltagare 1", "Deltagare 2"]);
    expect(await again.locator("[data-testid=workshop-description]").textContent()).toContain("Workshopmodell (ändrad modell)");
    await again.context().close();
    await page.context().close();
  }, 240_000);
});

function dims(a: number, b: number, c: number, d: number): Record<string, number> {
  return {resursatgang: a, effektivitet: b, effekt: c, resultatkvalitet: d};
}
