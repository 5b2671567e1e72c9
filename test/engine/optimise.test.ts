/**
 * Best and worst achievable rank (src/engine/optimise.ts) on small seeded
 * random cases, against two independent brute forces:
 *   - the exact optimum with the margin: with 3 dimensions the normalised
 *     weights live in a triangle, the optimum of a count of half-planes is at
 *     a vertex of their arrangement (with the weight set's edges), so every
 *     intersection of two lines is tried;
 *   - score() itself (no margin) on a fine grid, the box's corners and random
 *     points: none may beat the reported best or fall below the reported worst.
 * Also: the two search methods agree, groups, ties broken by code, zero and
 * infinite bounds, geometric aggregation, improvement, incumbents, bounds
 * validation, progress and cancellation.
 */
import {createRequire} from "node:module";
import highsLoader from "highs";
import {beforeAll, describe, expect, it} from "vitest";
import {
  buildMatrix,
  foundRankRange,
  prepareImprovement,
  prepareNomination,
  prepareRankRanges,
  MIP_SOLVER_OPTIONS,
  RANK_MARGIN,
  rankRange,
  rankRangeAt,
  rankRanges,
  resolveWeightBounds,
  score,
  type MipSolver,
  type Prepared,
  type RankOptions,
  type RankRange,
  type RankRangeOptions,
  type ValueRow,
  type WeightBounds
} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {model, municipalities, rng, rowsForSeries} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * In the mutation run (vitest.stryker.config.ts) the random cases are fewer and
 * the grids coarser: instrumented code is many times slower, and these tests
 * run again for every mutant they cover. `npm test` runs them in full.
 */
const MUTATION = process.env.MUTATION_RUN === "1";
const full = <T,>(all: T, inMutationRun: T): T => (MUTATION ? inMutationRun : all);

const DIMS = ["a", "b", "c"];
const GROUPS = ["A1", "B3", "C8"];

/** A random nomination case: n municipalities, 2 KPIs per dimension, a few values missing. */
function randomCase(seed: number, n: number, options: {dims?: string[]; dimWeights?: number[]; aggregation?: "arithmetic" | "geometric"} = {}): Prepared {
  const r = rng(seed);
  const dims = options.dims ?? DIMS;
  const codes = Array.from({length: n}, (_, i) => String(101 + i * 3).padStart(4, "0"));
  const kpis = dims.flatMap((_, d) => [`N0${d}001`, `N0${d}002`]);
  const rows: ValueRow[] = [];
  for (const kpi of kpis) {
    for (const municipality of codes) if (r() > 0.04) rows.push({kpi, municipality, year: 2022, value: Math.round(r() * 1000) / 10});
  }
  const M = model(
    dims.map((id, d) => [id, options.dimWeights?.[d] ?? 1 + Math.floor(r() * 3)]),
    kpis.map((kpi, k) => [kpi, dims[Math.floor(k / 2)]!, k % 3 === 0 ? "lower_better" : "higher_better", 1 + (k % 2)])
  );
  const matrix = buildMatrix({municipalities: municipalities(codes, codes.map((_, i) => GROUPS[i % 3]!)), values: rows, kpis});
  return prepareNomination(matrix, M, 2022, {aggregation: options.aggregation ?? "arithmetic"});
}

/** Rank of a municipality (within its group) under raw dimension weights, by score(); null when not ranked. */
function rankAt(prepared: Prepared, m: number, dimensions: Record<string, number>, options: RankOptions = {}): number | null {
  const result = score(prepared, {dimensions}, options);
  return result.eligible[m] ? result.ranks.withinGroup[m]! : null;
}

/** Weightings within finite bounds: a grid of `steps` per dimension (corners included) and `random` seeded points. */
function boxWeightings(bounds: WeightBounds, steps: number, random: number, seed: number): Record<string, number>[] {
  const ids = Object.keys(bounds);
  const out: Record<string, number>[] = [];
  const walk = (i: number, acc: Record<string, number>) => {
    if (i === ids.length) return void out.push({...acc});
    const [lo, hi] = bounds[ids[i]!]!;
    for (let s = 0; s < steps; s++) walk(i + 1, {...acc, [ids[i]!]: lo + ((hi - lo) * s) / (steps - 1)});
  };
  walk(0, {});
  const r = rng(seed);
  for (let i = 0; i < random; i++) out.push(Object.fromEntries(ids.map((id) => [id, bounds[id]![0] + r() * (bounds[id]![1] - bounds[id]![0])])));
  return out;
}

/**
 * The exact best and worst rank with the margin, 3 dimensions, finite bounds > 0:
 * every vertex of the arrangement of the comparison lines and the weight set's edges.
 */
function arrangementOptimum(prepared: Prepared, m: number, bounds: WeightBounds, options: RankOptions = {}, indicators: Record<string, number> = {}): {best: number; worst: number} {
  const ids = prepared.dimensions.map((d) => d.id);
  expect(ids.length).toBe(3);
  const centre = Object.fromEntries(ids.map((id) => [id, (bounds[id]![0] + bounds[id]![1]) / 2]));
  const result = score(prepared, {dimensions: centre, indicators}, options);
  const group = (j: number) => (options.grouping === "kommungrupp" ? prepared.municipalities[j]!.kommungrupp : "");
  const competitors: number[] = [];
  for (let j = 0; j < prepared.nMunicipalities; j++) if (j !== m && result.eligible[j] && group(j) === group(m)) competitors.push(j);
  const D = (j: number, d: number) => result.dimensionScores[j * 3 + d]!;
  // Identical dimension scores tie at every weighting: the lower code (index) wins.
  const identical = competitors.filter((j) => [0, 1, 2].every((d) => D(j, d) === D(m, d)));
  const tiedAhead = identical.filter((j) => j < m).length;
  competitors.splice(0, competitors.length, ...competitors.filter((j) => !identical.includes(j)));
  // A line is [p, q, r]: p x + q y + r >= 0 with w = (x, y, 1 - x - y); from sum_d c_d w_d >= 0.
  const line = (c: number[]): number[] => [c[0]! - c[2]!, c[1]! - c[2]!, c[2]!];
  const beatsM = competitors.map((j) => line([0, 1, 2].map((d) => D(j, d) - D(m, d) - RANK_MARGIN)));
  const mBeats = competitors.map((j) => line([0, 1, 2].map((d) => D(m, d) - D(j, d) - RANK_MARGIN)));
  const edges: number[][] = [];
  for (let d = 0; d < 3; d++) {
    for (let e = 0; e < 3; e++) {
      if (d === e) continue;
      const c = [0, 0, 0];
      c[d] = bounds[ids[e]!]![1];
      c[e] = -bounds[ids[d]!]![0];
      edges.push(line(c)); // lo_d w_e <= hi_e w_d
    }
  }
  const value = (l: number[], x: number, y: number) => l[0]! * x + l[1]! * y + l[2]!;
  const lines = [...beatsM, ...mBeats, ...edges];
  let best = Infinity;
  let worst = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    for (let k = i + 1; k < lines.length; k++) {
      const [a1, b1, c1] = lines[i]!;
      const [a2, b2, c2] = lines[k]!;
      const det = a1! * b2! - a2! * b1!;
      if (Math.abs(det) < 1e-14) continue;
      const x = (-c1! * b2! + c2! * b1!) / det;
      const y = (-a1! * c2! + a2! * c1!) / det;
      if (edges.some((l) => value(l, x, y) < -1e-12)) continue;
      const beaten = mBeats.filter((l) => value(l, x, y) >= -1e-12).length;
      const beating = beatsM.filter((l) => value(l, x, y) >= -1e-12).length;
      best = Math.min(best, 1 + tiedAhead + competitors.length - beaten);
      worst = Math.max(worst, 1 + tiedAhead + beating);
    }
  }
  return {best, worst};
}

/**
 * Checks a result against score(): the weights are within the bounds and reproduce both ranks
 * (and the current rank lies between them when the current weights are within the bounds).
 */
function expectReproduced(prepared: Prepared, r: RankRange, bounds: WeightBounds, options: RankOptions = {}, currentInBounds = true): void {
  const m = prepared.municipalities.findIndex((x) => x.code === r.code);
  for (const weights of [r.bestWeights, r.worstWeights]) {
    for (const [id, [lo, hi]] of Object.entries(bounds)) {
      expect(weights[id]).toBeGreaterThanOrEqual(hi > 0 ? Math.max(lo, Number.MIN_VALUE) : 0);
      expect(weights[id]).toBeLessThanOrEqual(hi);
    }
  }
  expect(rankAt(prepared, m, r.bestWeights, options)).toBe(r.bestRank);
  expect(rankAt(prepared, m, r.worstWeights, options)).toBe(r.worstRank);
  if (!currentInBounds) return;
  expect(r.bestRank).toBeLessThanOrEqual(r.currentRank);
  expect(r.worstRank).toBeGreaterThanOrEqual(r.currentRank);
}

describe("best and worst rank, small random cases", () => {
  const seeds = full([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22], [11, 12, 13, 14]);

  it("equal the exact optimum over the arrangement, and both methods agree", () => {
    let checked = 0;
    for (const seed of seeds) {
      const prepared = randomCase(seed, 9 + (seed % 5));
      const bounds = resolveWeightBounds(prepared);
      const branch = prepareRankRanges(prepared);
      const mip = prepareRankRanges(prepared, {method: "mip"});
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!branch.candidate[m]) continue;
        const r = rankRangeAt(branch, solver, m);
        const s = rankRangeAt(mip, solver, m);
        const exact = arrangementOptimum(prepared, m, bounds);
        expect([r.code, r.bestRank, r.worstRank, r.exact]).toEqual([r.code, exact.best, exact.worst, true]);
        expect([s.bestRank, s.worstRank, s.exact]).toEqual([r.bestRank, r.worstRank, true]);
        expectReproduced(prepared, r, bounds);
        expectReproduced(prepared, s, bounds);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(full(100, 30));
  });

  it("are never beaten by a grid, the corners or random weightings (score(), no margin)", () => {
    for (const seed of seeds.slice(0, full(6, 2))) {
      const prepared = randomCase(seed, 10);
      const bounds = resolveWeightBounds(prepared);
      const points = boxWeightings(bounds, full(13, 5), full(200, 30), seed);
      const results = prepareRankRanges(prepared);
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!results.candidate[m]) continue;
        const r = rankRangeAt(results, solver, m);
        const ranks = points.map((w) => rankAt(prepared, m, w)!);
        expect(Math.min(...ranks)).toBeGreaterThanOrEqual(r.bestRank);
        expect(Math.max(...ranks)).toBeLessThanOrEqual(r.worstRank);
      }
    }
  });

  it("ranks within the group when grouping: only the same kommungrupp competes", () => {
    for (const seed of full([31, 32, 33], [31])) {
      const prepared = randomCase(seed, 15);
      const bounds = resolveWeightBounds(prepared);
      const options = {grouping: "kommungrupp" as const};
      const problem = prepareRankRanges(prepared, options);
      const points = boxWeightings(bounds, full(9, 5), full(100, 30), seed);
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!problem.candidate[m]) continue;
        const r = rankRangeAt(problem, solver, m);
        const groupSize = score(prepared, undefined, options).rows.filter((x) => x.rank !== null && x.group === r.group).length;
        expect(r.group).toBe(prepared.municipalities[m]!.kommungrupp);
        expect(r.ranked).toBe(groupSize);
        expect(r.worstRank).toBeLessThanOrEqual(groupSize);
        const exact = arrangementOptimum(prepared, m, bounds, options);
        expect([r.bestRank, r.worstRank, r.exact]).toEqual([exact.best, exact.worst, true]);
        expectReproduced(prepared, r, bounds, options);
        const ranks = points.map((w) => rankAt(prepared, m, w, options)!);
        expect(Math.min(...ranks)).toBeGreaterThanOrEqual(r.bestRank);
        expect(Math.max(...ranks)).toBeLessThanOrEqual(r.worstRank);
      }
    }
  });

  it("gives the same answer on every path of the search (bisection, enumeration, MIP per region, one MIP)", () => {
    const variants: RankRangeOptions[] = [
      {limits: {leafCombinations: 0}},
      {limits: {leafCombinations: 1e9}},
      {limits: {leafCombinations: 0, minEdge: 10}},
      {limits: {maxRegions: 0}}
    ];
    const solves = [0, 0, 0, 0];
    for (const seed of [1, 2, 3]) {
      const prepared = randomCase(seed, 12);
      const bounds = resolveWeightBounds(prepared);
      const problems = variants.map((v) => prepareRankRanges(prepared, v));
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!problems[0]!.candidate[m]) continue;
        const exact = arrangementOptimum(prepared, m, bounds);
        for (const [i, problem] of problems.entries()) {
          const r = rankRangeAt(problem, solver, m);
          expect([i, r.bestRank, r.worstRank, r.exact]).toEqual([i, exact.best, exact.worst, true]);
          expectReproduced(prepared, r, bounds);
          solves[i] = solves[i]! + r.stats.solves;
        }
      }
    }
    // The MIP ran on the whole simplex as one region, and as the global fallback; never without need.
    expect(solves).toEqual([0, 0, solves[2], solves[3]]);
    expect(Math.min(solves[2]!, solves[3]!)).toBeGreaterThan(5);
  });

  it("handles geometric aggregation (the log-total is linear in the weights)", () => {
    for (const seed of full([41, 42, 43], [41])) {
      const prepared = randomCase(seed, 11, {aggregation: "geometric"});
      const bounds = resolveWeightBounds(prepared);
      const points = boxWeightings(bounds, full(11, 5), full(200, 30), seed);
      const problem = prepareRankRanges(prepared);
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!problem.candidate[m]) continue;
        const r = rankRangeAt(problem, solver, m);
        expect(r.exact).toBe(true);
        expectReproduced(prepared, r, bounds);
        const ranks = points.map((w) => rankAt(prepared, m, w)!);
        expect(Math.min(...ranks)).toBeGreaterThanOrEqual(r.bestRank);
        expect(Math.max(...ranks)).toBeLessThanOrEqual(r.worstRank);
        expect(rankRangeAt(prepareRankRanges(prepared, {method: "mip"}), solver, m)).toMatchObject({bestRank: r.bestRank, worstRank: r.worstRank});
      }
    }
  });
});

describe("best and worst rank, special cases", () => {
  it("breaks ties by code: a municipality identical to one with a lower code is always one place behind it", () => {
    const codes = ["0301", "0302", "0303", "0304", "0305", "0306"];
    const value = (i: number, k: number) => [10, 10, 30, 5, 22, 17][i]! * (k + 1) + [3, 3, -8, 9, 1, -4][i]! * k * k;
    const rows: ValueRow[] = [];
    const kpis = ["N00001", "N00002", "N00003"];
    kpis.forEach((kpi, k) => codes.forEach((municipality, i) => rows.push({kpi, municipality, year: 2022, value: value(i, k)})));
    const M = model(
      [
        ["a", 1],
        ["b", 1],
        ["c", 1]
      ],
      kpis.map((kpi, k) => [kpi, DIMS[k]!, "higher_better", 1])
    );
    const prepared = prepareNomination(buildMatrix({municipalities: municipalities(codes), values: rows, kpis}), M, 2022);
    const first = rankRange(prepared, solver, "0301")!;
    const second = rankRange(prepared, solver, "0302")!;
    expect(first.exact && second.exact).toBe(true);
    expect(second.bestRank).toBe(first.bestRank + 1);
    expect(second.worstRank).toBe(first.worstRank + 1);
    const bounds = resolveWeightBounds(prepared);
    expectReproduced(prepared, first, bounds);
    expectReproduced(prepared, second, bounds);
    expect(arrangementOptimum(prepared, 0, bounds)).toEqual({best: first.bestRank, worst: first.worstRank});
  });

  it("takes any non-negative weights ([0, ∞)) with a floor that keeps every dimension weighted", () => {
    const prepared = randomCase(51, 12);
    const bounds: WeightBounds = {a: [0, Infinity], b: [0, Infinity], c: [0, Infinity]};
    const problem = prepareRankRanges(prepared, {bounds});
    const r = rng(51);
    // Random points of the simplex, its corners and edges (nudged to the floor).
    const points: Record<string, number>[] = [];
    for (let i = 0; i < 300; i++) {
      const e = DIMS.map(() => -Math.log(1 - r()) + 1e-3);
      points.push(Object.fromEntries(DIMS.map((id, d) => [id, e[d]!])));
    }
    for (const corner of [
      [1, 1e-3, 1e-3],
      [1e-3, 1, 1e-3],
      [1e-3, 1e-3, 1],
      [1, 1, 1e-3],
      [1, 1e-3, 1],
      [1e-3, 1, 1]
    ])
      points.push(Object.fromEntries(DIMS.map((id, d) => [id, corner[d]!])));
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const res = rankRangeAt(problem, solver, m);
      expect(res.exact).toBe(true);
      expectReproduced(prepared, res, bounds);
      for (const w of [res.bestWeights, res.worstWeights]) for (const id of DIMS) expect(w[id]! / (w.a! + w.b! + w.c!)).toBeGreaterThanOrEqual(1e-4 * (1 - 1e-9));
      const ranks = points.map((w) => rankAt(prepared, m, w)!);
      expect(Math.min(...ranks)).toBeGreaterThanOrEqual(res.bestRank);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(res.worstRank);
      expect(rankRangeAt(prepareRankRanges(prepared, {bounds, method: "mip"}), solver, m)).toMatchObject({bestRank: res.bestRank, worstRank: res.worstRank});
    }
  });

  it("keeps a dimension with upper bound 0 at 0, and a lower bound 0 above 0", () => {
    const prepared = randomCase(61, 10);
    const bounds: WeightBounds = {a: [0, 0], b: [0, 3], c: [1, 1]};
    const problem = prepareRankRanges(prepared, {bounds});
    expect(problem.active).toEqual([1, 2]);
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const r = rankRangeAt(problem, solver, m);
      expect(r.bestWeights.a).toBe(0);
      expect(r.bestWeights.b).toBeGreaterThan(0);
      expect(r.bestWeights.c).toBe(1);
      expectReproduced(prepared, r, bounds, {}, false);
      // One free ratio: scan it finely.
      const ranks = Array.from({length: 601}, (_, i) => rankAt(prepared, m, {a: 0, b: 1e-4 + (3 * i) / 600, c: 1})!);
      expect(Math.min(...ranks)).toBeGreaterThanOrEqual(r.bestRank);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(r.worstRank);
    }
  });

  it("with one dimension left, the rank is fixed", () => {
    const prepared = randomCase(62, 10);
    const bounds: WeightBounds = {a: [0, 0], b: [0, 0], c: [1, 2]};
    const problem = prepareRankRanges(prepared, {bounds});
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const r = rankRangeAt(problem, solver, m);
      const only = rankAt(prepared, m, {a: 0, b: 0, c: 1});
      expect([r.bestRank, r.worstRank, r.exact, r.stats.regions]).toEqual([only, only, true, 0]);
    }
  });

  it("works on an improvement ranking with a minimum steadiness", () => {
    const r = rng(71);
    const codes = Array.from({length: 12}, (_, i) => String(401 + i).padStart(4, "0"));
    const years = [2019, 2020, 2021, 2022];
    const kpis = ["N00011", "N00012", "N00021", "N00031"];
    const table: Record<string, Record<string, number[]>> = {};
    for (const kpi of kpis) table[kpi] = Object.fromEntries(codes.map((c) => [c, years.map((_, t) => 50 + r() * 10 + t * (r() - 0.4) * 5)]));
    const M = model(
      [
        ["a", 1],
        ["b", 2],
        ["c", 1]
      ],
      [
        ["N00011", "a", "higher_better", 1],
        ["N00012", "a", "lower_better", 1],
        ["N00021", "b", "higher_better", 1],
        ["N00031", "c", "higher_better", 1]
      ]
    );
    const prepared = prepareImprovement(buildMatrix({municipalities: municipalities(codes), values: rowsForSeries(years, table), kpis}), M, 2022);
    const options = {minSteadiness: 0.5};
    const bounds = resolveWeightBounds(prepared);
    const problem = prepareRankRanges(prepared, options);
    const ranked = score(prepared, undefined, options).rows.filter((x) => x.rank !== null).length;
    expect(ranked).toBeGreaterThan(3);
    expect(ranked).toBeLessThan(12);
    const points = boxWeightings(bounds, 11, 100, 71);
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const res = rankRangeAt(problem, solver, m);
      expect(res.exact).toBe(true);
      expectReproduced(prepared, res, bounds, options);
      expect(arrangementOptimum(prepared, m, bounds, options)).toEqual({best: res.bestRank, worst: res.worstRank});
      const ranks = points.map((w) => rankAt(prepared, m, w, options)!);
      expect(Math.min(...ranks)).toBeGreaterThanOrEqual(res.bestRank);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(res.worstRank);
    }
  });

  it("uses the KPI weights of the current state and skips municipalities that are not ranked", () => {
    const prepared = randomCase(81, 12);
    const weights = {dimensions: {}, indicators: {N00001: 0, N02002: 3}};
    const options: RankRangeOptions = {weights};
    const bounds = resolveWeightBounds(prepared);
    const problem = prepareRankRanges(prepared, options);
    const current = score(prepared, weights);
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      expect(problem.candidate[m]).toBe(current.eligible[m]);
      if (!problem.candidate[m]) {
        expect(rankRange(prepared, solver, prepared.municipalities[m]!.code, options)).toBeNull();
        continue;
      }
      const r = rankRangeAt(problem, solver, m);
      expect(r.currentRank).toBe(current.ranks.overall[m]);
      for (const [w, rank] of [
        [r.bestWeights, r.bestRank],
        [r.worstWeights, r.worstRank]
      ] as const) {
        const res = score(prepared, {dimensions: w, indicators: weights.indicators});
        expect(res.ranks.overall[m]).toBe(rank);
      }
      expect(arrangementOptimum(prepared, m, bounds, {}, weights.indicators)).toEqual({best: r.bestRank, worst: r.worstRank});
    }
  });

  it("starts from an incumbent: the MIP gets the bound sum u <= incumbent - 1, and an unbeaten incumbent is optimal", () => {
    let tried = 0;
    for (const seed of [91, 92, 93]) {
      const prepared = randomCase(seed, 13);
      const problem = prepareRankRanges(prepared, {method: "mip"});
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!problem.candidate[m]) continue;
        const plain = rankRangeAt(problem, solver, m);
        if (plain.stats.solves < 1) continue;
        const texts: string[] = [];
        const spy: MipSolver = (lp, o) => (texts.push(lp), solver(lp, o));
        const again = rankRangeAt(problem, spy, m, {best: plain.bestWeights, worst: plain.worstWeights});
        expect(again).toMatchObject({bestRank: plain.bestRank, worstRank: plain.worstRank, exact: true});
        // Each solve that ran had the cutoff row, and was infeasible: nothing beats the incumbent.
        for (const lp of texts) {
          expect(lp).toMatch(/\n k:\n[\s\S]*<= \d+\n/);
          expect(solver(lp, {...MIP_SOLVER_OPTIONS}).Status).toBe("Infeasible");
        }
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(3);
  });

  it("trusts only score(): a solver whose answer does not hold again gives exact = false and a note", () => {
    const prepared = randomCase(95, 12);
    const liar: MipSolver = () => ({Status: "Optimal", ObjectiveValue: 0, Columns: {x0: {Primal: 1}, x1: {Primal: 0}, x2: {Primal: 0}}});
    const problem = prepareRankRanges(prepared, {method: "mip"});
    const honest = prepareRankRanges(prepared);
    let lied = 0;
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const r = rankRangeAt(problem, liar, m);
      expectReproduced(prepared, r, resolveWeightBounds(prepared));
      if (r.stats.solves === 0) {
        expect(r.exact).toBe(true);
        continue;
      }
      lied++;
      expect(r.exact).toBe(false);
      expect(r.notes.join(" ")).toMatch(/inte bevisat optimal/);
      // What it reports is still reachable: never better (worse) than the true best (worst).
      const truth = rankRangeAt(honest, solver, m);
      expect(r.bestRank).toBeGreaterThanOrEqual(truth.bestRank);
      expect(r.worstRank).toBeLessThanOrEqual(truth.worstRank);
    }
    expect(lied).toBeGreaterThan(0);
  });

  it("reports progress and stops when cancelled", async () => {
    const prepared = randomCase(101, 12);
    const seen: [number, number][] = [];
    const all = await rankRanges(prepared, solver, {onProgress: (done, total) => seen.push([done, total]), pause: async () => {}, pauseEveryMs: 0});
    const total = prepareRankRanges(prepared).candidate.reduce((s, x) => s + x, 0);
    expect(all.map((r) => r.code)).toEqual(prepared.municipalities.filter((_, m) => prepareRankRanges(prepared).candidate[m]).map((x) => x.code));
    expect(seen[0]).toEqual([0, total]);
    expect(seen.at(-1)).toEqual([total, total]);
    const controller = new AbortController();
    const run = rankRanges(prepared, solver, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
      pauseEveryMs: 0
    });
    await expect(run).rejects.toMatchObject({name: "AbortError"});
  });

  it("marks whether the top N is reachable", () => {
    const prepared = randomCase(111, 12);
    const problem = prepareRankRanges(prepared, {topN: 3});
    for (let m = 0; m < prepared.nMunicipalities; m++) {
      if (!problem.candidate[m]) continue;
      const r = rankRangeAt(problem, solver, m);
      expect(r.canReachTopN).toBe(r.bestRank <= 3);
    }
  });
});

describe("the HiGHS adapter", () => {
  it("takes a locateFile for highs.wasm (the browser's URL) and its own loader", async () => {
    const wasm = createRequire(import.meta.url).resolve("highs/runtime");
    const located: string[] = [];
    const options: unknown[] = [];
    const own = await loadHighsSolver({
      locateFile: (file) => (located.push(file), wasm),
      loader: (o) => (options.push(o), highsLoader(o))
    });
    expect(options).toHaveLength(1);
    expect(located).toContain("highs.wasm");
    const solution = own("Maximize\n obj: x0\nSubject To\n c: x0 + x1 <= 2\nBounds\n x1 >= 1\nEnd\n", {...MIP_SOLVER_OPTIONS});
    expect(solution.Status).toBe("Optimal");
    expect(solution.Columns.x0?.Primal).toBe(1);
  });
});

describe("weight bounds validation", () => {
  const prepared = randomCase(121, 8);
  it("defaults to 0.5x-2x the model's weight", () => {
    const bounds = resolveWeightBounds(prepared);
    for (const d of prepared.dimensions) expect(bounds[d.id]).toEqual([0.5 * d.weight, 2 * d.weight]);
  });
  it.each([
    [{a: [2, 1]}, /lower bound 2 is above upper bound 1/],
    [{a: [-1, 1]}, /lower bound must be a finite number >= 0/],
    [{a: [0, -1]}, /upper bound must be a number >= 0/],
    [{a: [Number.NaN, 1]}, /lower bound must be a finite number >= 0/],
    [{a: [1, Number.NaN]}, /upper bound must be a number >= 0/],
    [{a: [Infinity, Infinity]}, /lower bound must be a finite number >= 0/],
    [{x: [0, 1]}, /unknown dimension "x"/],
    [{a: [0, 0], b: [0, 0], c: [0, 0]}, /at least one dimension/]
  ] as [WeightBounds, RegExp][])("rejects %j with a RangeError", (bounds, message) => {
    expect(() => resolveWeightBounds(prepared, bounds)).toThrow(RangeError);
    expect(() => resolveWeightBounds(prepared, bounds)).toThrow(message);
    expect(() => rankRange(prepared, solver, prepared.municipalities[0]!.code, {bounds})).toThrow(message);
  });
  it("rejects a bad margin or top N", () => {
    expect(() => prepareRankRanges(prepared, {margin: 0})).toThrow(RangeError);
    expect(() => prepareRankRanges(prepared, {topN: 0})).toThrow(RangeError);
  });
});

describe("best and worst rank found with KPI weights varied too (heuristic, \"bästa funna\")", () => {
  it("is labelled as found, never exact, reproduced by score() within the bounds, and at least as wide as the exact dimension-only range it starts from", () => {
    for (const seed of [131, 132]) {
      const prepared = randomCase(seed, 12);
      const problem = prepareRankRanges(prepared);
      const bounds = resolveWeightBounds(prepared);
      for (let m = 0; m < prepared.nMunicipalities; m++) {
        if (!problem.candidate[m]) continue;
        const exact = rankRangeAt(problem, solver, m);
        const found = foundRankRange(prepared, exact.code, {start: exact, evaluations: 150})!;
        expect(found).toMatchObject({code: exact.code, label: "bästa funna", exact: false});
        expect(found.bestFoundRank).toBeLessThanOrEqual(exact.bestRank);
        expect(found.worstFoundRank).toBeGreaterThanOrEqual(exact.worstRank);
        expect(found.evaluations).toBeLessThanOrEqual(2 * 150 + 2);
        for (const [weights, rank] of [
          [found.bestWeights, found.bestFoundRank],
          [found.worstWeights, found.worstFoundRank]
        ] as const) {
          expect(score(prepared, weights).ranks.overall[m]).toBe(rank);
          for (const [id, [lo, hi]] of Object.entries(bounds)) {
            expect(weights.dimensions[id]).toBeGreaterThanOrEqual(lo);
            expect(weights.dimensions[id]).toBeLessThanOrEqual(hi);
          }
          prepared.indicators.forEach((ind) => {
            expect(weights.indicators[ind.kpi]).toBeGreaterThanOrEqual(0.5 * ind.weight);
            expect(weights.indicators[ind.kpi]).toBeLessThanOrEqual(2 * ind.weight);
          });
        }
      }
    }
  });

  it("is deterministic for a seed, and rejects bad KPI bounds", () => {
    const prepared = randomCase(141, 10);
    const code = prepared.municipalities[prepared.municipalities.length - 1]!.code;
    expect(foundRankRange(prepared, code, {evaluations: 80, seed: 3})).toEqual(foundRankRange(prepared, code, {evaluations: 80, seed: 3}));
    expect(() => foundRankRange(prepared, code, {kpiBounds: {N00001: [2, 1]}})).toThrow(RangeError);
    expect(() => foundRankRange(prepared, code, {kpiBounds: {N99999: [0, 1]}})).toThrow(/unknown KPI/);
  });
});
