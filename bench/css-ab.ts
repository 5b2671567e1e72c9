/**
 * A/B of CSS variants on a ranking page's frame: which view costs how much of
 * a weight change. The built site (dist/) in headless Chromium; each variant is
 * a CSS rule set switched on by a class on <html> (`&` stands for
 * `html.v-<name>`), and the variants take turns change by change, so a busy
 * machine slows them all alike. Prints p50/p95 of input event → frame rendered
 * per variant (and "base", no variant) and the touch floor (README "Speed"). Every variant
 * measures the same changes from the same state (see the loop); ROUNDS (default 32) sets how many.
 *
 *   npx tsx bench/css-ab.ts nominering.html '{"nomap": "& .score-map {display: none}"}'
 */
import path from "node:path";
import {REPO_ROOT} from "../loaders/config.ts";
import {launchBrowser, openWatchedPage, UNTHROTTLED_FRAMES} from "../test/helpers/browser.ts";
import {allowCompiledFunctions, changeAndWaitFrame, installTouchFloor, ROWS, touchChange, waitForRankingPage, weightChange} from "../test/helpers/frame-probe.ts";
import {serveStatic} from "../test/helpers/static-server.ts";

const file = process.argv[2] ?? "nominering.html";
const variants: Record<string, string> = JSON.parse(process.argv[3] ?? "{}");
const names = ["base", ...Object.keys(variants)];
const server = await serveStatic(path.join(REPO_ROOT, "dist"));
const browser = await launchBrowser(UNTHROTTLED_FRAMES);
const watched = await openWatchedPage(browser, server.url);
const page = watched.page;
await page.setViewportSize({width: 1280, height: 900});
await allowCompiledFunctions(page);
await page.goto(`${server.url}/${file}`);
await page.waitForSelector(ROWS, {timeout: 60000});
await waitForRankingPage(page, file);
await installTouchFloor(page);
await page.evaluate((v) => {
  const style = document.createElement("style");
  style.textContent = Object.entries(v).map(([k, css]) => css.replace(/&/g, `html.v-${k}`)).join("\n");
  document.head.append(style);
}, variants);
const SL = ["resultatkvalitet", "N15428", "effekt", "U11404", "resursatgang", "N11024", "effektivitet", "U23471"];
const VAL = [3, 0.5, 2.2, 4.8, 1.3, 0, 3.9, 1, 2.7, 0.2, 4.1, 1.6];
const ROUNDS = Number(process.env.ROUNDS ?? 32);
const times = new Map<string, number[]>(names.map((n) => [n, []]));
const touch: number[] = [];
let t = 0;
const setVariant = (n: string) =>
  page.evaluate((n) => {
    document.documentElement.className = document.documentElement.className.replace(/\bv-\S+/g, "").trim();
    if (n !== "base") document.documentElement.classList.add(`v-${n}`);
  }, n);
// Every variant measures the same two changes from the same state in each round (slider → value,
// then back), and the variants take turns in a rotating order: a variant is never favoured by
// getting the cheaper changes (a value equal to the current one, say) or a fixed place in the cycle.
for (let i = 0; i < ROUNDS; i++) {
  const slider = SL[i % SL.length]!;
  const current = Number(await page.locator(`[data-testid="weight-${slider}"]`).inputValue());
  let value = VAL[i % VAL.length]!;
  if (value === current) value = VAL[(i + 1) % VAL.length]!;
  for (let k = 0; k < names.length; k++) {
    const n = names[(i + k) % names.length]!;
    await setVariant(n);
    await page.waitForTimeout(30);
    for (const v of [value, current]) {
      const s = await changeAndWaitFrame(page, weightChange(slider, v));
      times.get(n)!.push(s.rendered);
      touch.push((await changeAndWaitFrame(page, touchChange(t++))).rendered);
    }
  }
}
const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
console.log(`touch p50 ${q(touch, 0.5).toFixed(1)} p95 ${q(touch, 0.95).toFixed(1)}`);
for (const n of names) console.log(`${n.padEnd(12)} p50 ${q(times.get(n)!, 0.5).toFixed(1)} p95 ${q(times.get(n)!, 0.95).toFixed(1)}`);
await browser.close();
await server.close();
