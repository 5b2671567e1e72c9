/**
 * Best and worst achievable rank on the real Kolada snapshot (default model
 * data/models/skk-standard.json, nomination 2022, default bounds 0.5x-2x):
 * for a spread of municipalities, no seeded random weighting within the bounds
 * nor any corner of the box beats the reported best rank or falls below the
 * reported worst rank, and score() with the reported weights gives exactly
 * the reported ranks. Also within kommungrupp, and on the improvement ranking.
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import {beforeAll, describe, expect, it} from "vitest";
import {readModel} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {
  buildMatrix,
  prepareImprovement,
  prepareNomination,
  prepareRankRanges,
  rankRangeAt,
  score,
  type MipSolver,
  type Prepared,
  type RankOptions,
  type RankRangeProblem,
  type WeightBounds
} from "../src/engine/index.ts";
import {loadHighsSolver} from "../src/lib/solver/highs.ts";
import {rng} from "./helpers/random.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = path.resolve(ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");

let nomination: Prepared;
let improvement: Prepared;
let solver: MipSolver;

beforeAll(async () => {
  const model = readModel(path.join(ROOT, "data/models/skk-standard.json"));
  const kpis = model.indicators.map((i) => i.kpi);
  const dataset = await loadDataset({env: {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, kpis, models: [{id: "test", file: "skk-standard.json", model}]});
  const matrix = buildMatrix({municipalities: dataset.municipalities, values: dataset.values, kpis});
  nomination = prepareNomination(matrix, model, 2022);
  improvement = prepareImprovement(matrix, model, 2022);
  solver = await loadHighsSolver();
});

/** The 16 corners of the box and 200 seeded random weightings within it. */
function weightings(bounds: WeightBounds, seed: number): Record<string, number>[] {
  const ids = Object.keys(bounds);
  const out: Record<string, number>[] = [];
  for (let mask = 0; mask < 1 << ids.length; mask++) out.push(Object.fromEntries(ids.map((id, d) => [id, bounds[id]![mask & (1 << d) ? 1 : 0]])));
  const r = rng(seed);
  for (let i = 0; i < 200; i++) out.push(Object.fromEntries(ids.map((id) => [id, bounds[id]![0] + r() * (bounds[id]![1] - bounds[id]![0])])));
  return out;
}

/** Five municipalities spread over the current ranking (first, quartiles, last) within the candidates. */
function spread(problem: RankRangeProblem): number[] {
  const ranked: number[] = [];
  for (let m = 0; m < problem.candidate.length; m++) if (problem.candidate[m]) ranked.push(m);
  ranked.sort((a, b) => problem.currentRank[a]! - problem.currentRank[b]! || a - b);
  return [0, 0.25, 0.5, 0.75, 1].map((q) => ranked[Math.round(q * (ranked.length - 1))]!);
}

function check(prepared: Prepared, options: RankOptions, seed: number, pick?: (problem: RankRangeProblem) => number[]): void {
  const problem = prepareRankRanges(prepared, options);
  const points = weightings(problem.bounds, seed);
  const indices = pick ? pick(problem) : spread(problem);
  expect(indices.length).toBeGreaterThanOrEqual(5);
  for (const m of indices) {
    const r = rankRangeAt(problem, solver, m);
    expect(r.exact).toBe(true);
    expect(r.notes).toEqual([]);
    const rankAt = (dimensions: Record<string, number>) => {
      const result = score(prepared, {dimensions}, options);
      expect(result.eligible[m]).toBe(1);
      return result.ranks.withinGroup[m]!;
    };
    expect(rankAt(r.bestWeights)).toBe(r.bestRank);
    expect(rankAt(r.worstWeights)).toBe(r.worstRank);
    for (const w of [r.bestWeights, r.worstWeights]) {
      for (const [id, [lo, hi]] of Object.entries(problem.bounds)) {
        expect(w[id]).toBeGreaterThanOrEqual(lo);
        expect(w[id]).toBeLessThanOrEqual(hi);
      }
    }
    const ranks = points.map(rankAt);
    expect(Math.min(...ranks), r.code).toBeGreaterThanOrEqual(r.bestRank);
    expect(Math.max(...ranks), r.code).toBeLessThanOrEqual(r.worstRank);
    expect(r.bestRank).toBeLessThanOrEqual(r.currentRank);
    expect(r.worstRank).toBeGreaterThanOrEqual(r.currentRank);
  }
}

describe("best and worst rank on the real data", () => {
  it("nomination 2022: no weighting within the bounds does better or worse, and the weights reproduce the ranks", () => {
    check(nomination, {}, 2022);
  });

  it("the hardest cases of the search (1447 Gullspång, 1463 Mark) are exact too", () => {
    const codes = ["1447", "1463", "0114", "2584", "1280"];
    check(nomination, {}, 7, () => codes.map((c) => nomination.municipalities.findIndex((x) => x.code === c)));
  });

  it("within kommungrupp", () => {
    check(nomination, {grouping: "kommungrupp"}, 31);
  });

  it("improvement 2019-2022", () => {
    check(improvement, {}, 4);
  });
});
