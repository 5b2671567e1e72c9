/**
 * What each view of a ranking page costs per weight change, measured in the
 * page (README "Speed"): every view's `update` is wrapped so that after it
 * runs, style and then layout are forced and timed. So per view: its script
 * (`update` itself), the style recalculation and the layout its DOM changes
 * caused. Paint and raster are not in these numbers (use `bench/css-ab.ts` or
 * `npm run bench:browser -- --profile` for the whole frame). Forcing style and
 * layout view by view changes the frame; use the numbers to compare views,
 * not as frame times.
 *
 *   npx tsx bench/view-cost.ts [nominering.html|utveckling.html] [--all-rows]
 *
 * Needs dist/ (npm run build). Prints median and mean per view and phase in ms
 * (performance.now() in the page is coarsened to 0.1 ms).
 */
import path from "node:path";
import {REPO_ROOT} from "../loaders/config.ts";
import {launchBrowser, openWatchedPage, UNTHROTTLED_FRAMES} from "../test/helpers/browser.ts";
import {allowCompiledFunctions, changeAndWaitFrame, ROWS, waitForRankingPage, weightChange} from "../test/helpers/frame-probe.ts";
import {serveStatic} from "../test/helpers/static-server.ts";

const file = process.argv.slice(2).find((a) => a.endsWith(".html")) ?? "nominering.html";
const allRows = process.argv.includes("--all-rows");
const CHANGES = 80;
const SLIDERS = ["resultatkvalitet", "N15428", "effekt", "U11404", "resursatgang", "N11024", "effektivitet", "U23471"];
const VALUES = [3, 0.5, 2.2, 4.8, 1.3];

const server = await serveStatic(path.join(REPO_ROOT, "dist"));
const browser = await launchBrowser(UNTHROTTLED_FRAMES);
try {
  const {page} = await openWatchedPage(browser, server.url);
  await page.setViewportSize({width: 1280, height: 900});
  await allowCompiledFunctions(page);
  await page.goto(`${server.url}/${file}`);
  await page.waitForSelector(ROWS, {timeout: 60_000});
  await waitForRankingPage(page, file);
  if (allRows) {
    await page.click("[data-testid=rows-toggle]");
    await page.waitForTimeout(500);
  }
  await page.evaluate(() => {
    const times: Record<string, number[]> = ((window as unknown as {__viewCost: Record<string, number[]>}).__viewCost = {});
    const add = (key: string, ms: number) => (times[key] ??= []).push(ms);
    for (const element of document.querySelectorAll<HTMLElement>("[data-testid]")) {
      const view = element as HTMLElement & {update?: (...args: unknown[]) => unknown};
      const original = view.update;
      if (typeof original !== "function") continue;
      const id = element.dataset.testid!;
      view.update = function (...args: unknown[]) {
        void document.documentElement.offsetHeight; // what came before is not this view's
        const t0 = performance.now();
        const result = original.apply(this, args);
        const t1 = performance.now();
        void getComputedStyle(document.body).color;
        const t2 = performance.now();
        void document.documentElement.offsetHeight;
        const t3 = performance.now();
        add(`${id}: script`, t1 - t0);
        add(`${id}: style`, t2 - t1);
        add(`${id}: layout`, t3 - t2);
        return result;
      };
    }
  });
  for (let i = 0; i < CHANGES; i++) await changeAndWaitFrame(page, weightChange(SLIDERS[i % SLIDERS.length]!, VALUES[i % VALUES.length]!));
  const times = await page.evaluate(() => (window as unknown as {__viewCost: Record<string, number[]>}).__viewCost);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${file}${allRows ? ", all rows" : ""}: ${CHANGES} weight changes; per view and phase, ms`);
  for (const [key, xs] of Object.entries(times)) console.log(`  ${key.padEnd(34)} median ${median(xs).toFixed(2)}  mean ${mean(xs).toFixed(2)}`);
} finally {
  await browser.close();
  await server.close();
}
