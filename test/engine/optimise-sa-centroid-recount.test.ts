/**
 * The branch-and-bound (branchAndBound in src/engine/optimise.ts) screens a
 * region's centroid by the mean of the row values at the region's vertices,
 * but takes it only if counting the rows again at the centroid itself (what
 * the answer will claim) beats the incumbent; a centroid that only ties is not
 * taken either.
 *
 * Two dimensions, w = (x, 1 - x) with x in [0.2, 0.8] (default bounds,
 * weights 1 and 1); one higher-better KPI each, min-max normalisation with the
 * anchors 0100 = (0, 0) and 0199 = (100, 100), so the dimension scores are
 * the values; m = 0150 = (50, 50), margin 0.5. Two competitors whose rows are
 * both exactly 0 at x = 0.35 (in exact arithmetic):
 *   R: j = (30, 60), d = (20, -10), row (19.5, -10.5): m beats R by 0.5 iff x >= 0.35;
 *   Q: j = (82, 32), d = (-32, 18), row (-32.5, 17.5): m beats Q by 0.5 iff x <= 0.35.
 * Only the single point x = 0.35 could have both; so the best rank is
 * 1 + 0199 + 1 = 3, and the start x = 0.5 (R holds, Q fails) is already optimal.
 * In floating point, at the first half [0.2, 0.5] of the root: R's vertex
 * values 4.500000000000001 and -4.5 sum to 8.9e-16 >= 0 and Q's -7.5 and 7.5 to
 * 0, so the screen counts both at the centroid x = 0.35, while the count at
 * the computed centroid (0.35, 0.65) finds R at -8.9e-16 < 0 (fails) and Q at 0
 * (holds): one row, no better than the start.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRangeAt, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

function two(table: Record<string, [number, number]>): Prepared {
  const codes = Object.keys(table);
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: codes.map((c) => table[c]![0]), N02001: codes.map((c) => table[c]![1])});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "minmax"});
}

describe("a centroid that passes the screen by the vertex values", () => {
  it("is not taken when the count at the centroid itself only ties the incumbent: the start is reported, exact", () => {
    // No enumeration, minEdge 0.1: the regions near x = 0.35 (where both rows are about 0) are split down
    // to edges below 0.1 and handed to the MIP; the stub answers "Infeasible" (true: nothing beats one
    // row). Worst ("j beats m by 0.5": R iff x <= 0.3167, Q iff x >= 0.37): one row at most, as at the
    // start: worst rank 3 too. Both directions report the start x = 0.5: raw weights (1, 1).
    const infeasible: MipSolver = () => ({Status: "Infeasible", ObjectiveValue: 0, Columns: {}});
    const problem = prepareRankRanges(two({"0100": [0, 0], "0150": [50, 50], "0160": [30, 60], "0170": [82, 32], "0199": [100, 100]}), {
      margin: 0.5,
      limits: {leafCombinations: 0, minEdge: 0.1}
    });
    expect(Array.from(problem.rootSimplex)).toEqual([0.8, 0.2, 0.2, 0.8]);
    problem.points = [Float64Array.from([0.5, 0.5])];
    const r = rankRangeAt(problem, infeasible, 1);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([3, 3, 3, true]);
    expect(r.notes).toEqual([]);
    expect(r.stats.binaries).toEqual({best: 2, worst: 2});
    expect(r.bestWeights).toEqual({a: 1, b: 1});
    expect(r.worstWeights).toEqual({a: 1, b: 1});
  });
});
