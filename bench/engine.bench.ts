/**
 * Engine benchmark: 290 municipalities x 90 KPIs x 13 years of synthetic data
 * (seeded, ~5 % missing). Measures the recompute after a weight change (the
 * slider path) and a full recompute from value rows to both rankings.
 * Then, on the real data (bench/*.bench-part.ts): a Monte Carlo of 10 000
 * draws with the ratio to one score() call timed in the same run, and the best
 * and worst achievable rank.
 * Prints figures; the last line is a JSON object.
 *
 *   npm run bench            (tsx bench/engine.bench.ts)
 */
import {
  buildMatrix,
  parseModel,
  prepareImprovement,
  prepareNomination,
  scoreImprovement,
  scoreNomination,
  type Municipality,
  type ValueRow,
  type Weights
} from "../src/engine/index.ts";
import {rng} from "../test/helpers/random.ts";
import {benchBestRank} from "./best-rank.bench-part.ts";
import {benchMonteCarlo} from "./uncertainty.bench-part.ts";

const N_MUN = 290;
const N_KPI = 90;
const YEARS = Array.from({length: 13}, (_, i) => 2010 + i);
const YEAR = 2022;
const DIMS = ["resursatgang", "effektivitet", "effekt", "resultatkvalitet"];


function synthetic(seed: number) {
  const r = rng(seed);
  const groups = ["A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9"];
  const municipalities: Municipality[] = Array.from({length: N_MUN}, (_, i) => {
    const g = groups[i % groups.length]!;
    return {code: String(114 + i * 7).padStart(4, "0"), name: `Kommun ${i}`, county: `Län ${i % 21}`, kommungrupp: g, kommungruppName: g, mainGroup: g[0]!};
  });
  const kpis = Array.from({length: N_KPI}, (_, k) => `N${String(10000 + k * 13).padStart(5, "0")}`);
  const values: ValueRow[] = [];
  for (const kpi of kpis) {
    const scale = 10 ** Math.floor(r() * 4);
    const trend = (r() - 0.5) * 0.05;
    for (const m of municipalities) {
      const level = scale * (1 + r());
      const own = (r() - 0.5) * 0.05;
      for (const year of YEARS) {
        if (r() < 0.05) continue;
        const t = year - YEARS[0]!;
        values.push({kpi, municipality: m.code, year, value: level * (1 + (trend + own) * t + (r() - 0.5) * 0.02)});
      }
    }
    for (const year of YEARS) values.push({kpi, municipality: "0000", year, value: scale * (1.5 + trend * (year - 2010))});
  }
  const model = parseModel({
    name: "bench",
    dimensions: DIMS.map((id, d) => ({id, label: id, weight: 1 + d})),
    indicators: kpis.map((kpi, k) => ({kpi, dimension: DIMS[k % 4], direction: k % 3 ? "higher_better" : "lower_better", weight: 1 + (k % 5)}))
  });
  return {municipalities, kpis, values, model};
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return {median: q(0.5), p95: q(0.95), min: s[0]!, n: s.length};
}

function time(runs: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

const data = synthetic(20240601);
const matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis: data.kpis});
const preparedN = prepareNomination(matrix, data.model, YEAR);
const preparedI = prepareImprovement(matrix, data.model, YEAR);
const r = rng(99);
const weightSets: Weights[] = Array.from({length: 64}, () => ({
  dimensions: Object.fromEntries(DIMS.map((d) => [d, r() * 4])),
  indicators: Object.fromEntries(data.kpis.map((k) => [k, r() < 0.1 ? 0 : r() * 3]))
}));
let sink = 0;

const recomputeN = time(2000, (i) => (sink += scoreNomination(preparedN, weightSets[i % 64]).rows.length));
const recomputeI = time(2000, (i) => (sink += scoreImprovement(preparedI, weightSets[i % 64]).rows.length));
const buildMs = time(30, () => (sink += buildMatrix({municipalities: data.municipalities, values: data.values, kpis: data.kpis}).values.length));
const prepN = time(200, (i) => (sink += prepareNomination(matrix, data.model, 2010 + (i % 13)).nKpis));
const prepI = time(200, (i) => (sink += prepareImprovement(matrix, data.model, 2013 + (i % 10)).nKpis));
const yearChange = time(200, (i) => {
  const p = prepareNomination(matrix, data.model, 2010 + (i % 13));
  const q = prepareImprovement(matrix, data.model, 2013 + (i % 10));
  sink += scoreNomination(p).rows.length + scoreImprovement(q).rows.length;
});
const full = time(30, (i) => {
  const m = buildMatrix({municipalities: data.municipalities, values: data.values, kpis: data.kpis});
  const p = prepareNomination(m, data.model, 2013 + (i % 10));
  const q = prepareImprovement(m, data.model, 2013 + (i % 10));
  sink += scoreNomination(p).rows.length + scoreImprovement(q).rows.length;
});

const fmt = (label: string, s: number[]) => {
  const x = stats(s);
  console.log(`${label.padEnd(52)} median ${x.median.toFixed(3).padStart(8)} ms   p95 ${x.p95.toFixed(3).padStart(8)} ms   (n=${x.n})`);
  return x;
};
console.log(`engine bench: ${N_MUN} municipalities x ${N_KPI} KPIs x ${YEARS.length} years, ${data.values.length} value rows (~5 % missing)`);
const rn = fmt("recompute after weight change, nomination", recomputeN);
const ri = fmt("recompute after weight change, improvement", recomputeI);
const b = fmt("build matrix from value rows", buildMs);
fmt("prepare nomination (one year)", prepN);
fmt("prepare improvement (4-year window)", prepI);
const yc = fmt("year/method change: prepare + score, both kinds", yearChange);
const f = fmt("full: build matrix + prepare + score, both kinds", full);
const recompute = stats([...recomputeN, ...recomputeI]);
const ok = recompute.median < 1 && f.median < 50;
console.log(`targets: recompute < 1 ms median, full < 50 ms median: ${ok ? "met" : "NOT met"}`);
if (sink === 0) console.log("");

// The robustness analysis on the real data (the parts default KOLADA_SNAPSHOT_DIR to ../shared/kolada).
const mc = await benchMonteCarlo();
console.log(`${"Monte Carlo, 10 000 weight draws (real data, 2022)".padEnd(52)} median ${mc.mc_10k_ms.toFixed(1).padStart(8)} ms   (n=3; target <= 2000 ms)`);
console.log(`${"  baseline: one score() call, same data, same run".padEnd(52)} median ${mc.score_ms.toFixed(4).padStart(8)} ms   Monte Carlo = ${mc.ratio_to_score} x score()`);
const br = await benchBestRank();
console.log(`${"Best and worst rank, one municipality (median)".padEnd(52)} median ${br.best_rank_one_ms.toFixed(1).padStart(8)} ms   (target <= 1000 ms)`);
console.log(`${"Best and worst rank, all ranked municipalities".padEnd(52)}        ${br.best_rank_all_ms.toFixed(1).padStart(8)} ms   (target <= 30000 ms)`);
console.log(
  JSON.stringify({
    municipalities: N_MUN,
    kpis: N_KPI,
    years: YEARS.length,
    rows: data.values.length,
    recompute_ms_median: +recompute.median.toFixed(4),
    recompute_ms_p95: +recompute.p95.toFixed(4),
    recompute_nomination_ms_median: +rn.median.toFixed(4),
    recompute_improvement_ms_median: +ri.median.toFixed(4),
    year_change_ms_median: +yc.median.toFixed(3),
    build_matrix_ms_median: +b.median.toFixed(3),
    full_ms_median: +f.median.toFixed(3),
    full_ms_p95: +f.p95.toFixed(3),
    targets_met: ok,
    mc_10k_ms: mc.mc_10k_ms,
    mc_ratio_to_score: mc.ratio_to_score,
    best_rank_one_ms: br.best_rank_one_ms,
    best_rank_all_ms: br.best_rank_all_ms
  })
);
