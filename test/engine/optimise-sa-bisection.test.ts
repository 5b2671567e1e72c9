/**
 * The bisection of the best/worst-rank search (branchAndBound in
 * src/engine/optimise.ts) with two dimensions, where a region is a segment
 * of x = w_a (w_b = 1 - x) and every step can be followed by hand: the
 * root is the weight set [0.2, 0.8] (default bounds 0.5x-2x, weights 1 and 1)
 * with vertices v0 at x = 0.8 and v1 at x = 0.2; a split replaces v0 by the
 * midpoint first (the half [0.2, 0.5] is classified first), then v1. Each
 * region's centroid is tried as a solution when the rows holding at it (by
 * the mean of the vertex values) beat the incumbent; a region that cannot beat
 * the incumbent is dropped, when made or when taken from the queue.
 *
 * One higher-better KPI per dimension with min-max normalisation and the
 * anchors 0100 = (0, 0) and 0199 = (100, 100), so the dimension scores are the
 * values. m = 0150 = (50, 50); a competitor j = m - d gives the row
 * x d_a + (1 - x) d_b - ε >= 0 ("m beats j", best rank), and the reverse
 * -x d_a - (1 - x) d_b - ε >= 0 for the worst rank. The start points are
 * narrowed to one, so the search itself has to do the work; no MIP may be
 * asked (a solver that throws).
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRangeAt, type MipSolver, type Prepared, type RankRange, type RankRangeOptions} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/** Municipalities by code with their two dimension scores. */
function two(table: Record<string, [number, number]>): Prepared {
  const codes = Object.keys(table);
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: codes.map((c) => table[c]![0]), N02001: codes.map((c) => table[c]![1])});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "minmax"});
}

const noMip: MipSolver = () => {
  throw new Error("no MIP expected");
};

/** Best and worst rank of 0150 (index 1), searched from the single start x = `start`. */
function from(prepared: Prepared, start: number, options: RankRangeOptions = {}): RankRange {
  const problem = prepareRankRanges(prepared, options);
  expect(Array.from(problem.rootSimplex)).toEqual([0.8, 0.2, 0.2, 0.8]);
  problem.points = [Float64Array.from([start, 1 - start])];
  return rankRangeAt(problem, noMip, 1);
}

describe("a region's centroid as a solution", () => {
  it("is taken at the root when every row holds there, even by exactly the margin (the root is never split)", () => {
    // Margin 1. j1 = (47, 51), d = (3, -1), row (2, -2): m beats j1 by 1 iff x >= 0.5;
    // j2 = (51, 47), row (-2, 2): iff x <= 0.5. Both hold only at x = 0.5, the root's centroid, where both
    // rows are exactly 0 (their vertex values 1.2 and -1.2 sum to 0). From x = 0.7 (j2 fails: -0.8) the
    // centroid gives best rank 2 (0199 ahead), weights (1, 1); no region is taken from the queue.
    // Worst: with margin 1 neither j1 nor j2 can beat m (rows (-4, 0), (0, -4)): rank 2 at the start,
    // raw weights 2 * (0.7, 0.3).
    const r = from(two({"0100": [0, 0], "0150": [50, 50], "0160": [47, 51], "0170": [51, 47], "0199": [100, 100]}), 0.7, {margin: 1});
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 2, 2, true]);
    expect(r.stats.binaries).toEqual({best: 2, worst: 0});
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 0, 0]);
    expect(r.bestWeights).toEqual({a: 1, b: 1});
    expect(r.worstWeights.a).toBeCloseTo(1.4, 12);
    expect(r.worstWeights.b).toBeCloseTo(0.6, 12);
  });

  it("is taken in the first half when it beats the incumbent: x = 0.35 (raw weights 0.7, 1.3), and the halves are then dropped", () => {
    // 0101 = (100, 0), 0102 = (0, 100), m = 0103 = (50, 50) (no anchors needed). Best: m beats 0101 iff
    // x <= 0.5 - 1e-8, 0102 iff x >= 0.5 + 1e-8. From the centre both fail. The root's centroid is the
    // centre (no gain); with no enumeration the root is split. Half [0.2, 0.5]: "m beats 0102" fails on all
    // of it, "m beats 0101" is -1e-6 at 0.5 and 29.999999 at 0.2 (sum > 0): its centroid x = 0.35 holds one
    // row, more than the incumbent's 0, and is taken; the half can hold no more (dropped), nor can the other.
    // Worst is the mirror image: "0102 beats m" holds at 0.35. One region per direction.
    const codes = ["0101", "0102", "0103"];
    const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
    const prepared = prepareNomination(matrixOf(codes, rowsForYear(2022, codes, {N01001: [100, 0, 50], N02001: [0, 100, 50]})), M, 2022, {normalisation: "minmax"});
    const problem = prepareRankRanges(prepared, {limits: {leafCombinations: 0}});
    problem.points = [Float64Array.from([0.5, 0.5])];
    const r = rankRangeAt(problem, noMip, 2);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 0]);
    expect(r.bestWeights.a).toBeCloseTo(0.7, 12);
    expect(r.bestWeights.b).toBeCloseTo(1.3, 12);
    expect(r.worstWeights.a).toBeCloseTo(0.7, 12);
    expect(r.worstWeights.b).toBeCloseTo(1.3, 12);
  });
});

describe("a queued region that the incumbent has caught up with", () => {
  /**
   * j1 = (57, 47): d = (-7, 3), m beats j1 iff x <= 0.3; j2 = (39, 59): d = (11, -9), iff x >= 0.45;
   * j3 = (46, 56): d = (4, -6), iff x >= 0.6 (each up to ε). j1 and j3 exclude each other: at most two rows.
   * Best, from the centre x = 0.5 (only j2 beaten: one row): the root (bound 3, centroid 0.5: no gain) is
   * split without enumeration. Half [0.2, 0.5]: j1 and j2 undecided, j3 fails: bound 2, centroid 0.35
   * beats neither: queued. Half [0.5, 0.8]: j2 holds on all of it, j3 undecided, j1 fails: bound 2, centroid
   * 0.65 holds j2 and j3: the incumbent becomes 2 (best rank 1 + 0199 + j1 = 3, raw weights 1.3, 0.7), and
   * the queued half, bound 2, is dropped without being split. Worst ("j beats m": j1 iff x >= 0.3, j2 iff
   * x <= 0.45, j3 iff x <= 0.6), from the centre two rows: the half [0.2, 0.5] has j3 on all of it and its
   * centroid 0.35 has all three: worst rank 1 + 0199 + 3 = 5, raw weights 0.7, 1.3. One region each way.
   */
  it("is dropped when it leaves the queue, not split", () => {
    const prepared = two({"0100": [0, 0], "0150": [50, 50], "0160": [57, 47], "0170": [39, 59], "0180": [46, 56], "0199": [100, 100]});
    const r = from(prepared, 0.5, {limits: {leafCombinations: 0}});
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([3, 5, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 0]);
    expect(r.bestWeights.a).toBeCloseTo(1.3, 12);
    expect(r.bestWeights.b).toBeCloseTo(0.7, 12);
    expect(r.worstWeights.a).toBeCloseTo(0.7, 12);
    expect(r.worstWeights.b).toBeCloseTo(1.3, 12);
  });
});
