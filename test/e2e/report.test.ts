/**
 * The Rapport page in the built site: "Skapa rapport" on Nominering opens the
 * report of exactly the view on screen (weights included); it lists every KPI
 * of the model and the top N the engine gives for those settings, the method
 * in words, the manifest's hashes, and P(top N) from the worker; its QR code
 * decodes (jsQR, injected by the test) to the report's own link, which opens
 * the same report; print media hides every control and the sidebar.
 * Utveckling's report link works the same way. Needs `npm run build` first.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readModel} from "../../cli/rank.ts";
import {REPO_ROOT} from "../../loaders/config.ts";
import {loadDataset} from "../../loaders/dataset.ts";
import {buildMatrix, prepareImprovement, prepareNomination, score, type ValueMatrix} from "../../src/engine/index.ts";
import {launchBrowser, openWatchedPage, type WatchedPage} from "../helpers/browser.ts";
import {serveStatic, type StaticServer} from "../helpers/static-server.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const MODEL = readModel(path.join(REPO_ROOT, "data/models/skk-standard.json"));
const JSQR = readFileSync(path.join(REPO_ROOT, "node_modules/jsqr/dist/jsQR.js"), "utf8");

let server: StaticServer;
let browser: Browser;
let matrix: ValueMatrix;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  server = await serveStatic(path.join(REPO_ROOT, "dist"));
  browser = await launchBrowser();
  const kpis = MODEL.indicators.map((i) => i.kpi);
  const data = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "skk-standard", file: "skk-standard.json", model: MODEL}]});
  matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<WatchedPage> {
  const watched = await openWatchedPage(browser, server.url);
  pages.push(watched);
  await watched.page.setViewportSize({width: 1280, height: 900});
  await watched.page.goto(url);
  return watched;
}

const codesOf = (page: Page, testId: string) => page.locator(`[data-testid=${testId}] tbody tr`).evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));

/** Decodes the report's QR code in the page: the SVG drawn on a canvas, read by jsQR. */
async function decodeQr(page: Page): Promise<string | null> {
  await page.addScriptTag({content: JSQR});
  return page.evaluate(async () => {
    const svg = document.querySelector<SVGSVGElement>("[data-testid=report-qr]")!;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 600;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0, 600, 600);
    const data = ctx.getImageData(0, 0, 600, 600);
    const jsQR = (window as unknown as {jsQR: (d: Uint8ClampedArray, w: number, h: number) => {data: string} | null}).jsQR;
    return jsQR(data.data, 600, 600)?.data ?? null;
  });
}

describe("Rapport (built site)", () => {
  it("opens from Nominering with the view's settings and shows the model, method, data, top N and uncertainty", async () => {
    const nomination = await open(`${server.url}/nominering.html`);
    await nomination.page.waitForSelector("[data-testid=ranking] tbody tr[data-municipality]", {timeout: 60_000});
    await nomination.page.locator("[data-testid=weight-effekt]").evaluate((input: HTMLInputElement) => {
      input.value = "3";
      input.dispatchEvent(new Event("input", {bubbles: true}));
    });
    await nomination.page.click("[data-testid=report-link]");
    await nomination.page.waitForURL(/rapport\.html\?sida=nominering/);
    const page = nomination.page;
    await page.waitForSelector("[data-testid=report-uncertainty][data-state=done]", {timeout: 90_000});

    // Every model KPI, in model order.
    expect(await codesOf(page, "report-kpis")).toEqual(MODEL.indicators.map((i) => i.kpi));
    // The top 10 of the engine with effekt at weight 3.
    const expected = score(prepareNomination(matrix, MODEL, 2022), {dimensions: {effekt: 3}})
      .rows.filter((r) => r.rank !== null && r.rank <= 10)
      .map((r) => r.code);
    expect(await codesOf(page, "report-top")).toEqual(expected);
    expect(await codesOf(page, "report-uncertainty-table")).toEqual(expected);
    // The method in words, the manifest's hashes, the proposal note.
    const text = (await page.textContent("main")) ?? "";
    expect(text).toContain("z = s · (x − medel) / sd");
    expect(text).toContain("minst 2/3");
    expect(text).toContain("ett förslag för analys, inte SKR:s modell");
    expect(await page.locator("[data-testid=report-hashes] tbody tr").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator("[data-testid=report-hashes] code").first().textContent()).toMatch(/^[0-9a-f]{64}$/);

    // The QR code holds the report's own link, which opens the same report.
    const link = await page.locator("[data-testid=report-share-link]").getAttribute("href");
    expect(await decodeQr(page)).toBe(link);
    expect(new URL(link!).searchParams.get("dw")).toContain("effekt:3");
    const again = await open(link!);
    await again.page.waitForSelector("[data-testid=report-top] tbody tr");
    expect(await codesOf(again.page, "report-top")).toEqual(expected);

    // Print: no controls, no sidebar, the content stays.
    await page.emulateMedia({media: "print"});
    expect(await page.locator("[data-testid=print-report]").isVisible()).toBe(false);
    expect(await page.locator("#observablehq-sidebar").isVisible()).toBe(false);
    expect(await page.locator("[data-testid=report-top]").isVisible()).toBe(true);
    await page.emulateMedia({media: "screen"});
    expect(await page.locator("[data-testid=print-report]").isVisible()).toBe(true);

    for (const w of pages) {
      expect(w.consoleErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    }
  }, 150_000);

  it("opens from Utveckling with its settings (window, measure)", async () => {
    const improvement = await open(`${server.url}/utveckling.html?window=3&method=regression`);
    await improvement.page.waitForSelector("[data-testid=ranking] tbody tr[data-municipality]", {timeout: 60_000});
    await improvement.page.click("[data-testid=report-link]");
    await improvement.page.waitForURL(/rapport\.html\?sida=utveckling/);
    await improvement.page.waitForSelector("[data-testid=report-top] tbody tr", {timeout: 60_000});
    const expected = score(prepareImprovement(matrix, MODEL, 2022, {window: 3, method: "regression"}))
      .rows.filter((r) => r.rank !== null && r.rank <= 10)
      .map((r) => r.code);
    expect(await codesOf(improvement.page, "report-top")).toEqual(expected);
    expect(await improvement.page.textContent("main")).toContain("regression mot medelvärdet");
  }, 120_000);
});
