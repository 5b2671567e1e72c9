/**
 * The shared part of the best/worst-rank problem (prepareRankRanges in
 * src/engine/optimise.ts), the raw weights it reports and the incumbents it
 * accepts, on tiny hand-computed cases:
 *   - validation of margin, top N, time limit, search limits and method, with
 *     the exact messages;
 *   - the scaled bounds, the floors, the weight set's rows, the root simplex,
 *     the heuristic starts, the reference sum, the groups and the candidates;
 *   - the weights reported for the centre and for an incumbent, and which
 *     incumbents are in the weight set (pointOf).
 */
import {beforeAll, describe, expect, it} from "vitest";
import {
  prepareNomination,
  prepareRankRanges,
  rankRange,
  type MipSolver,
  type Prepared,
  type RankRangeProblem,
  type WeightBounds
} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const codes = ["0101", "0102", "0103"];

/**
 * Three municipalities, one KPI per dimension. With `dominant`, 0101 is first,
 * 0102 second and 0103 third in every dimension (so at every weighting);
 * otherwise dimension a orders them 0101 > 0103 > 0102 and b the reverse.
 */
function case3(weights: [string, number][] = [["a", 1], ["b", 1]], dominant = true): Prepared {
  const kpis = weights.map((_, d) => `N0${d}001`);
  const table = Object.fromEntries(kpis.map((kpi, d) => [kpi, dominant ? [30, 20, 10] : d % 2 === 0 ? [3, 1, 2] : [1, 3, 2]]));
  const M = model(
    weights,
    weights.map(([id], d) => [kpis[d]!, id, "higher_better", 1] as [string, string, "higher_better", number])
  );
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table), kpis), M, 2022);
}

/** Is the normalised point w in the weight set {lo_a t <= w_a <= hi_a t for some t > 0} (up to rounding)? */
function inBox(problem: RankRangeProblem, w: Float64Array): boolean {
  let tMin = 0;
  let tMax = Infinity;
  w.forEach((x, a) => {
    tMin = Math.max(tMin, x / problem.hi[a]!);
    if (problem.lo[a]! > 0) tMax = Math.min(tMax, x / problem.lo[a]!);
  });
  return tMin <= tMax * (1 + 1e-12);
}

describe("prepareRankRanges: validation", () => {
  it("rejects a bad margin, top N, time limit, search limit or method with the exact message", () => {
    const prepared = case3();
    expectThrows(() => prepareRankRanges(prepared, {margin: -1}), RangeError, "margin must be a finite number > 0 (got -1)");
    expectThrows(() => prepareRankRanges(prepared, {topN: 0}), RangeError, "topN must be an integer >= 1 (got 0)");
    expectThrows(() => prepareRankRanges(prepared, {timeLimitSeconds: 0}), RangeError, "timeLimitSeconds must be > 0 (got 0)");
    expectThrows(() => prepareRankRanges(prepared, {timeLimitSeconds: -2}), RangeError, "timeLimitSeconds must be > 0 (got -2)");
    expectThrows(() => prepareRankRanges(prepared, {timeLimitSeconds: Number.NaN}), RangeError, "timeLimitSeconds must be > 0 (got NaN)");
    expectThrows(() => prepareRankRanges(prepared, {limits: {maxRegions: -1}}), RangeError, "limits.maxRegions must be a number >= 0 (got -1)");
    expectThrows(() => prepareRankRanges(prepared, {limits: {minEdge: Number.NaN}}), RangeError, "limits.minEdge must be a number >= 0 (got NaN)");
    expectThrows(
      () => prepareRankRanges(prepared, {method: "simplex" as unknown as "mip"}),
      RangeError,
      'method must be "branch" or "mip" (got simplex)'
    );
  });

  it("accepts the smallest allowed values: top N 1, a short time limit, zero search limits, both methods", () => {
    const prepared = case3();
    const problem = prepareRankRanges(prepared, {topN: 1, timeLimitSeconds: 0.001, limits: {maxRegions: 0, minEdge: 0, leafCombinations: 0}, method: "mip"});
    expect([problem.topN, problem.timeLimit, problem.method]).toEqual([1, 0.001, "mip"]);
    expect(problem.limits).toEqual({maxRegions: 0, minEdge: 0, leafCombinations: 0});
    expect(prepareRankRanges(prepared).method).toBe("branch");
  });

  it("passes a minimum steadiness to score() only when one is given", () => {
    const prepared = case3();
    expect(prepareRankRanges(prepared).options).toStrictEqual({grouping: "none"});
    expect(Object.keys(prepareRankRanges(prepared, {grouping: "kommungrupp"}).options)).toEqual(["grouping"]);
    expect(prepareRankRanges(prepared, {minSteadiness: 0.5}).options).toStrictEqual({grouping: "none", minSteadiness: 0.5});
  });
});

describe("prepareRankRanges: the weight set", () => {
  it("divides the bounds by the largest finite bound of the active dimensions", () => {
    const prepared = case3([["a", 1], ["b", 1], ["c", 1]]);
    // c is inactive (upper bound 0); b's upper bound is infinite and does not count: scale = 4 (a's upper bound).
    const p = prepareRankRanges(prepared, {bounds: {a: [1, 4], b: [2, Infinity], c: [0, 0]}});
    expect(p.active).toEqual([0, 1]);
    expect(p.scale).toBe(4);
    expect([...p.lo]).toEqual([0.25, 0.5]);
    expect([...p.hi]).toEqual([1, Infinity]);
    // The largest bound wins whatever its position: here b's upper bound 3 comes last but a's 4 is larger.
    const q = prepareRankRanges(prepared, {bounds: {a: [1, 4], b: [2, 3], c: [0, 0]}});
    expect(q.scale).toBe(4);
    expect([...q.lo]).toEqual([0.25, 0.5]);
    expect([...q.hi]).toEqual([1, 0.75]);
  });

  it("uses scale 1 when every finite bound is 0 ([0, ∞) everywhere)", () => {
    const p = prepareRankRanges(case3(), {bounds: {a: [0, Infinity], b: [0, Infinity]}});
    expect(p.scale).toBe(1);
    expect([...p.lo]).toEqual([0, 0]);
    expect([...p.hi]).toEqual([Infinity, Infinity]);
  });

  it("lowers a floor below 0.01 % to a quarter of the largest share the bounds allow (two dimensions)", () => {
    // a can have at most 1 / (1 + 10000) of the total weight; floor = that / (2 * 2). b keeps the 0.01 % floor.
    const p = prepareRankRanges(case3(), {bounds: {a: [0, 1], b: [10000, 20000]}});
    expect(p.floor[0]).toBeCloseTo(1 / 40004, 15);
    expect(p.floor[0]! / (1 / 40004)).toBeCloseTo(1, 9);
    expect(p.floor[1]).toBe(1e-4);
    // The floor rows: w_d - floor_d * sum w >= 0, after the (here absent: lo_a = 0) ratio rows of b over a.
    // Rows lo_b w_a <= hi_a w_b: [-lo_b, hi_a] = [-0.5, 0.00005].
    expect(p.ratioRows.length).toBe(2);
    expect(p.ratioRows[0]).toBe(-0.5);
    expect(p.ratioRows[1]).toBeCloseTo(0.00005, 18);
    expect(p.hardRows.length).toBe(6);
    expect(p.hardRows[2]).toBeCloseTo(1 - 1 / 40004, 15);
    expect(p.hardRows[3]).toBeCloseTo(-1 / 40004, 15);
    expect([p.hardRows[4], p.hardRows[5]]).toEqual([-1e-4, 1 - 1e-4]);
  });

  it("writes a ratio row hi_e w_d - lo_d w_e >= 0 for each pair with lo_d > 0 and a finite hi_e, then the floor rows", () => {
    const prepared = case3([["a", 1], ["b", 1], ["c", 1]]);
    // scale 4: lo = [0, 0.25, 0.25], hi = [0.5, ∞, 1]. Pairs (d, e): (b, a), (b, c), (c, a); a has lo 0, b an infinite hi.
    const p = prepareRankRanges(prepared, {bounds: {a: [0, 2], b: [1, Infinity], c: [1, 4]}});
    expect([...p.ratioRows]).toEqual([-0.25, 0.5, 0, 0, 1, -0.25, -0.25, 0, 0.5]);
    expect([...p.floor]).toEqual([1e-4, 1e-4, 1e-4]);
    expect([...p.hardRows]).toEqual([...p.ratioRows, 1 - 1e-4, -1e-4, -1e-4, -1e-4, 1 - 1e-4, -1e-4, -1e-4, -1e-4, 1 - 1e-4]);
  });

  it("roots the search at the smallest simplex {w >= least share} holding the weight set", () => {
    // Bounds a [1, 2], b [1, 4]: scale 4, lo = [0.25, 0.25], hi = [0.5, 1]. Least shares: a 0.25/1.25 = 0.2,
    // b 0.25/0.75 = 1/3; spare 1 - 0.2 - 1/3 = 7/15. Vertices: (0.2 + 7/15, 1/3) and (0.2, 1/3 + 7/15).
    const p = prepareRankRanges(case3(), {bounds: {a: [1, 2], b: [1, 4]}});
    expect([...p.ratioRows]).toEqual([1, -0.25, -0.25, 0.5]);
    const expected = [2 / 3, 1 / 3, 0.2, 0.8];
    expect(p.rootSimplex.length).toBe(4);
    p.rootSimplex.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 14));
  });

  it("starts from the centre, the box's vertices and 32 distinct random mixtures, all in the weight set", () => {
    // Bounds a [1, 3], b [1, 1]: scale 3; the largest shares are (3/4, 1/4) and (1/2, 1/2), their mean (5/8, 3/8).
    const p = prepareRankRanges(case3(), {bounds: {a: [1, 3], b: [1, 1]}});
    expect(p.points.length).toBe(1 + 4 + 32);
    expect(p.points[0]![0]).toBeCloseTo(5 / 8, 15);
    expect(p.points[0]![1]).toBeCloseTo(3 / 8, 15);
    for (const w of p.points) {
      expect(w[0]! + w[1]!).toBeCloseTo(1, 14);
      expect(inBox(p, w)).toBe(true);
    }
    const mixtures = p.points.slice(5).map((w) => w[0]!);
    expect(new Set(mixtures).size).toBe(32);
    for (const x of mixtures) {
      expect(x).toBeGreaterThan(0.5);
      expect(x).toBeLessThan(0.75);
      expect(Math.abs(x - 5 / 8)).toBeGreaterThan(1e-12);
    }
  });
});

describe("prepareRankRanges: candidates, groups and the reference sum", () => {
  it("ranks the current state with the given dimension weights, not the model's", () => {
    // a: 0101 > 0103 > 0102, b the reverse. Model weights (1, 1): all tie, code order. Current (1, 2): b decides.
    const prepared = case3([["a", 1], ["b", 1]], false);
    expect([...prepareRankRanges(prepared).currentRank]).toEqual([1, 2, 3]);
    expect([...prepareRankRanges(prepared, {weights: {dimensions: {a: 1, b: 2}}}).currentRank]).toEqual([3, 1, 2]);
    expect([...prepareRankRanges(prepared, {weights: {dimensions: {a: 2, b: 1}}}).currentRank]).toEqual([1, 3, 2]);
  });

  it("has no groups without grouping (the result's group is null), and one list of the ranked", () => {
    const prepared = case3();
    const p = prepareRankRanges(prepared);
    expect(p.groupOf).toBeNull();
    expect([...p.members.keys()]).toEqual([""]);
    expect([...p.members.get("")!]).toEqual([0, 1, 2]);
    expect([...p.candidate]).toEqual([1, 1, 1]);
    expect(rankRange(prepared, solver, "0102")!.group).toBeNull();
    const g = prepareRankRanges(prepared, {grouping: "kommungrupp"});
    expect(g.groupOf).toEqual(["A1", "B3", "C8"]);
  });

  it("sums the model's weights of the active dimensions, and uses 1 when that sum is 0", () => {
    const prepared = case3([["a", 2], ["b", 3], ["c", 5]]);
    expect(prepareRankRanges(prepared, {bounds: {c: [0, 0]}}).referenceSum).toBe(5);
    expect(prepareRankRanges(prepared).referenceSum).toBe(10);
    // Model weight 0 on the only active dimension: the reported weight totals 1 (a alone, bounds [0.5, 4]).
    const zero = case3([["a", 0], ["b", 1]]);
    const bounds: WeightBounds = {a: [0.5, 4], b: [0, 0]};
    expect(prepareRankRanges(zero, {bounds}).referenceSum).toBe(1);
    const r = rankRange(zero, solver, "0101", {bounds})!;
    expect(r.bestWeights).toEqual({a: 1, b: 0});
    expect(r.worstWeights).toEqual({a: 1, b: 0});
  });
});

describe("reported weights and incumbents", () => {
  // 0101 is first at every weighting, so the first start with no failure (the incumbent if accepted, else the
  // centre) is reported. Default bounds 0.5x-2x of (1, 1): scale 2, lo = (0.25, 0.25), hi = (1, 1), centre (1/2, 1/2).
  const best = (prepared: Prepared, incumbent: Record<string, number>, bounds?: WeightBounds) =>
    rankRange(prepared, solver, "0101", {incumbents: {best: incumbent}, ...(bounds ? {bounds} : {})})!.bestWeights;

  it("reports the centre scaled to the model's weight sum", () => {
    const r = rankRange(case3(), solver, "0101")!;
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([1, 1, true]);
    expect(r.bestWeights).toEqual({a: 1, b: 1});
    expect(r.worstWeights).toEqual({a: 1, b: 1});
  });

  it("uses an incumbent inside the bounds, whatever its scale (only the ratios count), reported at the model's total", () => {
    const prepared = case3();
    for (const incumbent of [{a: 2, b: 1}, {a: 20, b: 10}, {a: 2e-3, b: 1e-3}, {a: 1e308, b: 5e307}]) {
      const w = best(prepared, incumbent);
      expect(w.a).toBeCloseTo(4 / 3, 14);
      expect(w.b).toBeCloseTo(2 / 3, 14);
    }
  });

  it("uses an incumbent on the edge of the box (ratio exactly hi/lo), reported at the box's corner", () => {
    const w = best(case3(), {a: 2, b: 0.5});
    expect(w.a).toBeCloseTo(2, 14);
    expect(w.b).toBeCloseTo(0.5, 14);
  });

  it("ignores an incumbent whose ratio is outside the bounds, either way", () => {
    const prepared = case3();
    expect(best(prepared, {a: 5, b: 1})).toEqual({a: 1, b: 1});
    expect(best(prepared, {a: 1, b: 5})).toEqual({a: 1, b: 1});
  });

  it("ignores an incumbent with a weight on a dimension fixed at 0, and takes one with 0 or nothing there", () => {
    const prepared = case3([["a", 1], ["b", 1], ["c", 1]]);
    const bounds: WeightBounds = {c: [0, 0]};
    expect(best(prepared, {a: 2, b: 1, c: 1}, bounds)).toEqual({a: 1, b: 1, c: 0});
    for (const incumbent of [{a: 2, b: 1, c: 0}, {a: 2, b: 1}] as Record<string, number>[]) {
      const w = best(prepared, incumbent, bounds);
      expect(w.a).toBeCloseTo(4 / 3, 14);
      expect(w.b).toBeCloseTo(2 / 3, 14);
      expect(w.c).toBe(0);
    }
  });

  it("ignores an incumbent with a negative, missing, NaN or infinite weight", () => {
    const prepared = case3();
    for (const incumbent of [{a: -1, b: 1}, {b: 1}, {a: Number.NaN, b: 1}, {a: Infinity, b: 1}] as Record<string, number>[]) expect(best(prepared, incumbent)).toEqual({a: 1, b: 1});
    // One active dimension (bounds [0, 1], model weight 1): an infinite weight is not a point, the centre (1) is reported.
    const single = case3([["a", 1], ["b", 1]]);
    const bounds: WeightBounds = {a: [0, 1], b: [0, 0]};
    expect(best(single, {a: Infinity, b: 0}, bounds)).toEqual({a: 1, b: 0});
    expect(best(single, {a: 0.5, b: 0}, bounds)).toEqual({a: 1, b: 0});
  });

  it("ignores an incumbent below a dimension's floor (0.01 % of the total) and takes one exactly at it", () => {
    // Bounds [0, ∞) on both: no ratio rows, floors 1e-4, the centre (1/2, 1/2) reported at the total 2.
    const prepared = case3();
    const bounds: WeightBounds = {a: [0, Infinity], b: [0, Infinity]};
    expect(best(prepared, {a: 1e-6, b: 1}, bounds)).toEqual({a: 1, b: 1});
    const w = best(prepared, {a: 1e-4, b: 1 - 1e-4}, bounds);
    expect(w.a).toBeCloseTo(2e-4, 15);
    expect(w.b).toBeCloseTo(2 - 2e-4, 14);
  });

  it("takes an incumbent outside the bounds or below a floor by exactly the tolerance 1e-9 (relative), reported clamped into the bounds", () => {
    const prepared = case3();
    // Ratio a/b = 4 (1 + 1e-9) with default bounds: kMin = 0.25 / w_b is exactly kMax (1 + 1e-9) = 1 + 1e-9.
    const tolerance = 1 + 1e-9;
    const b = 2 * (0.25 / tolerance);
    expect(0.25 / (b / 2)).toBe(tolerance); // the construction is exact in floating point
    const w = best(prepared, {a: 2, b});
    expect(w.a).toBeCloseTo(2, 12);
    expect(w.b).toBeCloseTo(0.5, 12);
    // Floors 1e-4 with bounds [0, ∞): a share of exactly 1e-4 (1 - 1e-9) is still taken.
    const share = 1e-4 * (1 - 1e-9);
    expect(share + (1 - share)).toBe(1);
    const v = best(prepared, {a: share, b: 1 - share}, {a: [0, Infinity], b: [0, Infinity]});
    expect(v.a).toBeCloseTo(2 * share, 15);
    expect(v.b).toBeCloseTo(2 - 2 * share, 14);
  });
});
