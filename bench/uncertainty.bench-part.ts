/**
 * Monte Carlo benchmark on the real data: 10 000 draws of the default model
 * (data/models/skk-standard.json), nomination 2022, every dimension and KPI
 * weight varied (f = 0.25), 290 municipalities. Also times one score() call in
 * the same run, as the baseline of the ratio.
 *
 *   npx tsx bench/uncertainty.bench-part.ts     (prints the figures, then a JSON line)
 *
 * Data as cli/rank.ts reads it (KOLADA_SNAPSHOT_DIR, default ../shared/kolada).
 */
import {realpathSync} from "node:fs";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {readModel} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {buildMatrix, createUncertaintyContext, prepareNomination, runMonteCarlo, scoreNomination, type ValueMatrix, type Model} from "../src/engine/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODEL_FILE = "data/models/skk-standard.json";
const YEAR = 2022;
const DRAWS = 10000;

async function load(): Promise<{model: Model; matrix: ValueMatrix}> {
  // Paths from the repository root, whatever the working directory.
  const model = readModel(path.join(ROOT, MODEL_FILE));
  const kpis = model.indicators.map((i) => i.kpi);
  const env = {...process.env, KOLADA_SNAPSHOT_DIR: path.resolve(ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada")};
  const dataset = await loadDataset({env, kpis, models: [{id: "bench", file: MODEL_FILE, model}]});
  const matrix = buildMatrix({municipalities: dataset.municipalities, values: dataset.values, kpis});
  return {model, matrix};
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** 10 000 weight draws of the default model on the real data; the median of 3 runs after a warm-up. */
export async function benchMonteCarlo(): Promise<{mc_10k_ms: number; score_ms: number; ratio_to_score: number}> {
  const {model, matrix} = await load();
  const settings = {kind: "nomination" as const, year: YEAR, draws: DRAWS, seed: 20240601, noise: 0.25, vary: {dimensionWeights: true, kpiWeights: true}};
  const prepared = prepareNomination(matrix, model, YEAR);
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += scoreNomination(prepared).rows.length; // warm-up
  const scoreTimes: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    sink += scoreNomination(prepared).rows.length;
    scoreTimes.push(performance.now() - t0);
  }
  runMonteCarlo(createUncertaintyContext(matrix, model, {...settings, draws: 1000})); // warm-up
  const mcTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    // The context (nominal ranking, prepare) is part of the timed work.
    const result = runMonteCarlo(createUncertaintyContext(matrix, model, settings));
    mcTimes.push(performance.now() - t0);
    sink += result.rows.length;
  }
  if (sink === 0) console.log("");
  const mc = median(mcTimes);
  const sc = median(scoreTimes);
  return {mc_10k_ms: +mc.toFixed(1), score_ms: +sc.toFixed(4), ratio_to_score: +(mc / sc).toFixed(0)};
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const r = await benchMonteCarlo();
  console.log(`Monte Carlo, ${DRAWS} draws, weights varied, ${MODEL_FILE} ${YEAR}: ${r.mc_10k_ms} ms (median of 3; target <= 2000 ms)`);
  console.log(`one score() call, same data: ${r.score_ms} ms (median of 500); Monte Carlo = ${r.ratio_to_score} x score()`);
  console.log(JSON.stringify(r));
}
