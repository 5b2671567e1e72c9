/**
 * The branch-and-bound (branchAndBound in src/engine/optimise.ts) tries a
 * region's centroid only when the region's undecided hard rows (the bound
 * ratios) sum to >= 0 over its vertices, i.e. hold at the centroid itself.
 * inWeightSet, which checks the centroid again, allows HARD_TOLERANCE (1e-9),
 * so a centroid just outside the weight set must be stopped by that vertex sum.
 *
 * Three dimensions a, b, c with bounds a in [0.5, h], b in [0.5, 1], c in
 * [1, 1] and h = 0.577743059: the weight set is {w : 0.5 w_c <= w_a <= h w_c,
 * ...}. The root simplex is built from each weight's least share; h is chosen
 * so that the root's centroid C lies on the far side of the ratio row
 * h w_c - w_a >= 0 by less than 1e-9 (about 7e-11; checked in the test).
 *
 * One higher-better KPI per dimension, min-max normalisation: m = 0101 =
 * (50, 50, 50), 0102 = (0, 0, 0) always behind it, 0103 = (100, 100, 100)
 * always ahead, j = 0104 = (30, 50, 61): m - j = (20, 0, -11), so m beats j
 * iff 20 w_a > 11 w_c (up to the margin), i.e. w_a / w_c > 0.55. The search
 * starts from the centre P only, where w_a / w_c = 0.527: j is ahead there
 * (rank 3). At C, w_a / w_c is h (just above it) > 0.55, and inside the weight
 * set the ratio can reach 0.55..h, so best rank 2 is right either way; what
 * differs is how the search gets there.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const H = 0.577743059;

function problemWith(leafCombinations: number, h = H) {
  const prepared = preparedByDimension({"0101": [50, 50, 50], "0102": [0, 0, 0], "0103": [100, 100, 100], "0104": [30, 50, 61]});
  const problem = prepareRankRanges(prepared, {bounds: {a: [0.5, h], b: [0.5, 1], c: [1, 1]}, limits: {leafCombinations}});
  problem.points = [problem.points[0]!];
  return problem;
}

function rootCentroid(root: Float64Array): number[] {
  const c = [0, 0, 0];
  for (let k = 0; k < 3; k++) for (let a = 0; a < 3; a++) c[a] = c[a]! + root[k * 3 + a]! / 3;
  return c;
}

describe("a region's centroid just outside the weight set (within HARD_TOLERANCE)", () => {
  it("is not taken at the root: the root is enumerated instead (one region, one leaf), and the answer lies inside the bounds", () => {
    const problem = problemWith(1000);
    // The precondition: the root's centroid breaks w_a <= h w_c, by less than the tolerance 1e-9.
    const c = rootCentroid(problem.rootSimplex);
    const outside = H * c[2]! - c[0]!;
    expect(outside).toBeLessThan(0);
    expect(outside).toBeGreaterThan(-1e-9);
    // ... and m beats j there (20 w_a - 11 w_c > 0), but not at the start P.
    expect(20 * c[0]! - 11 * c[2]!).toBeGreaterThan(0.1);
    const p = problem.points[0]!;
    expect(20 * p[0]! - 11 * p[2]!).toBeLessThan(0);

    const r = rankRangeAt(problem, solver, 0);
    // Current weights (1, 1, 1): 20 - 11 > 0, m is second. Worst: j is ahead at P already, no search.
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 3, 2, true]);
    // The root's centroid is not tried (the row's vertex values sum to < 0), so the root is queued (bound 1 >
    // the start's 0 rows held), popped (one region) and, with 1 row + its undecided hard rows well under
    // 1000 combinations, solved by vertex enumeration (one leaf), which finds a vertex inside the set.
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    const w = r.bestWeights;
    expect(w.a! / w.c!).toBeGreaterThanOrEqual(0.55);
    expect(w.a! / w.c!).toBeLessThanOrEqual(H);
    expect(w.b! / w.c!).toBeGreaterThanOrEqual(0.5);
  });

  it("is not taken in the bisection either: without enumeration the root must still be split", () => {
    // Taking the root's centroid would end the search before any region is popped (regions 0).
    const r = rankRangeAt(problemWith(0), solver, 0);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 3, true]);
    expect(r.stats.solves).toBe(0);
    expect(r.stats.leaves).toBe(0);
    expect(r.stats.regions).toBeGreaterThanOrEqual(1);
    const w = r.bestWeights;
    expect(w.a! / w.c!).toBeGreaterThanOrEqual(0.55);
    expect(w.a! / w.c!).toBeLessThanOrEqual(H);
  });
});

describe("a region's centroid exactly on the edge of the weight set", () => {
  /**
   * The same case with h = 0.5777430592118793, the double for which the ratio row h w_c - w_a >= 0 has
   * vertex values at the root that sum to exactly 0 in floating point (checked below, in the order
   * branchAndBound sums them): the root's centroid lies on the edge of the weight set, which is part of it.
   */
  const EDGE = 0.5777430592118793;

  it("is taken: every row holds there, so the search ends before any region is popped", () => {
    for (const leafCombinations of [0, 1000]) {
      const problem = problemWith(leafCombinations, EDGE);
      const root = problem.rootSimplex;
      const hard = problem.hardRows;
      // The ratio rows come first, (d, e) in order: (a, b), (a, c), (b, a), (b, c), (c, a), (c, b); row 4 is
      // hi_a w_c - lo_c w_a = h w_c - w_a.
      expect(Array.from(hard.slice(12, 15))).toEqual([-1, 0, EDGE]);
      let sum = 0;
      let min = Infinity;
      for (let k = 0; k < 3; k++) {
        let value = 0;
        for (let a = 0; a < 3; a++) value += hard[12 + a]! * root[k * 3 + a]!;
        sum += value;
        min = Math.min(min, value);
      }
      expect(sum).toBe(0);
      expect(min).toBeLessThan(0); // undecided at the root: a vertex lies outside
      const c = rootCentroid(root);
      expect(20 * c[0]! - 11 * c[2]!).toBeGreaterThan(0.1);

      const r = rankRangeAt(problem, solver, 0);
      expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 3, true]);
      expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 0, 0]);
      // The answer is the root's centroid itself: a at its largest share of c (h), b / c as at the centroid.
      const w = r.bestWeights;
      expect(w.a! / w.c!).toBeCloseTo(EDGE, 12);
      expect(w.b! / w.c!).toBeCloseTo(c[1]! / c[2]!, 12);
    }
  });
});
