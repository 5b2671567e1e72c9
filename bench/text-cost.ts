/**
 * What the browser charges per changed piece of text, apart from the app
 * (issue 7, README "Speed"): a blank page in headless Chromium (unthrottled
 * frames, as `npm run bench:browser`) with a 21 × 10 table styled like the
 * ranking table, and the bench's touch floor (one word in a small fixed box).
 * Each round changes, in turn: one word (the floor), N table cells for each N
 * in CELLS, the same 21 rows moved instead (keyed rows: a transform each, no
 * text changed), and N texts drawn on a canvas. Timed like the bench: input
 * → a setTimeout(0) queued from the next requestAnimationFrame.
 *
 * It answers: how many changed cells fit in 3 × the touch floor, before any
 * chart, map or script of the app? Prints p50 and p95 per variant and their
 * ratio to the floor's.
 *
 *   npx tsx bench/text-cost.ts [rounds]   (default 60)
 */
import {launchBrowser, UNTHROTTLED_FRAMES} from "../test/helpers/browser.ts";

const ROUNDS = Number(process.argv[2] ?? 60);
const ROWS = 21;
const COLS = 10;
const CELLS = [20, 60, 130];

const page = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body { font: 14px system-ui, sans-serif; margin: 0; }
table { display: block; width: 900px; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
tbody { display: block; position: relative; height: ${ROWS * 20}px; }
tr { display: grid; grid-template-columns: 3.4em minmax(7em, 1.6fr) 3.2em repeat(7, minmax(4em, 1fr)); height: 20px; contain: strict; }
td { display: block; min-width: 0; contain: strict; height: 20px; line-height: 20px; overflow: hidden; white-space: nowrap; padding: 0 0.2rem; }
#moved tr { position: absolute; left: 0; right: 0; top: 0; }
#touch { position: fixed; right: 0; bottom: 0; width: 120px; height: 30px; contain: strict; }
</style></head><body>
<div id="touch">x</div>
<table id="cells"><tbody></tbody></table>
<table id="moved"><tbody></tbody></table>
<canvas id="canvas" width="900" height="${ROWS * 20}"></canvas>
</body></html>`;

type Kind = {kind: "touch"} | {kind: "cells"; n: number} | {kind: "move"} | {kind: "canvas"; n: number};
const VARIANTS: Record<string, Kind> = {
  "touch floor": {kind: "touch"},
  ...Object.fromEntries(CELLS.map((n) => [`${n} table cells`, {kind: "cells", n} as Kind])),
  "21 rows moved (transform)": {kind: "move"},
  "130 canvas texts": {kind: "canvas", n: 130}
};

const browser = await launchBrowser(UNTHROTTLED_FRAMES);
try {
  const tab = await browser.newPage({viewport: {width: 1280, height: 900}});
  await tab.setContent(page);
  // tsx (esbuild's keepNames) wraps the named functions sent to the page in __name().
  await tab.evaluate("globalThis.__name ??= (f) => f");
  await tab.evaluate(
    ({ROWS, COLS}) => {
      const w = window as unknown as Record<string, unknown>;
      for (const id of ["cells", "moved"]) {
        const body = document.querySelector(`#${id} tbody`)!;
        const texts: Text[][] = [];
        const rows: HTMLElement[] = [];
        for (let r = 0; r < ROWS; r++) {
          const tr = document.createElement("tr");
          const row: Text[] = [];
          for (let c = 0; c < COLS; c++) {
            const td = document.createElement("td");
            row.push(td.appendChild(document.createTextNode(c === 1 ? `Kommun ${r}` : (r * 0.37 + c).toFixed(2))));
            tr.append(td);
          }
          if (id === "moved") tr.style.transform = `translateY(${r * 20}px)`;
          body.append(tr);
          texts.push(row);
          rows.push(tr);
        }
        w[`${id}Texts`] = texts;
        w[`${id}Rows`] = rows;
      }
      w.round = 0;
    },
    {ROWS, COLS}
  );

  async function frame(variant: Kind): Promise<number> {
    return tab.evaluate(async (variant) => {
      await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), {timeout: 300}));
      const w = window as unknown as {round: number; cellsTexts: Text[][]; movedRows: HTMLElement[]};
      const k = ++w.round;
      const value = (r: number, c: number) => (((k * 7 + r * 3 + c) % 997) / 100).toFixed(2).replace(".", ",");
      const t0 = performance.now();
      if (variant.kind === "touch") document.getElementById("touch")!.firstChild!.nodeValue = `x${k}`;
      else if (variant.kind === "cells") {
        for (let i = 0; i < variant.n; i++) w.cellsTexts[Math.floor(i / 10)]![i % 10]!.data = value(Math.floor(i / 10), i % 10);
      } else if (variant.kind === "move") {
        const rows = w.movedRows;
        rows.forEach((tr, i) => (tr.style.transform = `translateY(${((i + k) % rows.length) * 20}px)`));
      } else {
        const canvas = document.getElementById("canvas") as HTMLCanvasElement;
        const ctx = canvas.getContext("2d")!;
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.font = "11px system-ui, sans-serif";
        for (let i = 0; i < variant.n; i++) ctx.fillText(value(Math.floor(i / 10), i % 10), (i % 10) * 90 + 4, Math.floor(i / 10) * 20 + 14);
      }
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - t0;
    }, variant);
  }

  const times = new Map<string, number[]>(Object.keys(VARIANTS).map((name) => [name, []]));
  for (const variant of Object.values(VARIANTS)) await frame(variant); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order, so that no variant always follows the same one.
    const names = Object.keys(VARIANTS);
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      times.get(name)!.push(await frame(VARIANTS[name]!));
    }
  }
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  const floor = times.get("touch floor")!;
  const [f50, f95] = [quantile(floor, 0.5), quantile(floor, 0.95)];
  console.log(`text cost in a blank page, ${ROUNDS} rounds (input → frame rendered, ms; ratio to the touch floor)`);
  const summary: Record<string, {p50: number; p95: number; ratio_p50: number; ratio_p95: number}> = {};
  for (const [name, xs] of times) {
    const [p50, p95] = [quantile(xs, 0.5), quantile(xs, 0.95)];
    summary[name] = {p50, p95, ratio_p50: p50 / f50, ratio_p95: p95 / f95};
    console.log(`  ${name.padEnd(28)} p50 ${p50.toFixed(1).padStart(5)}  p95 ${p95.toFixed(1).padStart(5)}   × floor: ${(p50 / f50).toFixed(2)} (p50)  ${(p95 / f95).toFixed(2)} (p95)`);
  }
  console.log(JSON.stringify(summary));
} finally {
  await browser.close();
}
