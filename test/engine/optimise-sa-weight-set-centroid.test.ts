/**
 * The branch-and-bound (branchAndBound in src/engine/optimise.ts) tries a
 * region's centroid only when it lies in the weight set, judged by the
 * region's undecided hard rows (the bound ratios): a hard row whose values at
 * the vertices sum to >= 0 holds at the centroid. With three dimensions and the
 * default bounds 0.5x-2x (weights 1, 1, 1) the weight set is the hexagon
 * w_d <= 4 w_e, strictly inside the root triangle with vertices
 * V_a = (7/9, 1/9, 1/9), V_b, V_c, so every region near a corner has undecided
 * hard rows although its centroid may well be inside.
 *
 * One higher-better KPI per dimension, min-max normalisation: m = 0101 =
 * (50, 50, 50), 0102 = (0, 0, 0) always behind it, 0103 = (100, 100, 100)
 * always ahead, and j = 0104 = (40, 60, 60): m - j = (10, -10, -10), so m beats
 * j iff 10 w_a >= 10 (1 - w_a), i.e. w_a >= 0.5 (up to ε). Searched from the
 * centre (1/3, 1/3, 1/3) only, with no enumeration (limits.leafCombinations 0).
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function shares(weights: Record<string, number>): number[] {
  const sum = Object.values(weights).reduce((x, y) => x + y, 0);
  return Object.values(weights).map((x) => x / sum);
}

describe("a centroid inside the weight set, in a region with undecided hard rows", () => {
  it("is taken: the second split's corner of a gives (5/9, 2/9, 2/9), best rank 2 after two regions", () => {
    // Best: at the centre j is ahead (53.3 > 50): rank 3, one failing row. The root (bound 1) is split
    // along its first longest edge (all three are equal), V_a-V_b: the child with V_a replaced by
    // M_ab = (4/9, 4/9, 1/9) has w_a <= 4/9 everywhere (j ahead: dropped), the one with V_b replaced,
    // {V_a, M_ab, V_c}, is queued (its centroid (4/9, 2/9, 1/3) still has w_a < 0.5). Split along its longest
    // edge V_a-V_c: {M_ac, M_ab, V_c} is dropped again; {V_a, M_ab, M_ac} has the centroid
    // ((7 + 4 + 4) / 27, (1 + 4 + 1) / 27, (1 + 1 + 4) / 27) = (5/9, 2/9, 2/9), where m beats j. Its vertex
    // V_a breaks the ratio rows w_b >= w_a / 4 and w_c >= w_a / 4 (1/9 < 7/36), but their vertex values
    // sum to >= 0 (the centroid has 2/9 >= 5/36), so the centroid counts as inside and is taken: every row
    // holds, the search ends. Worst: j is ahead at the centre already (rank 3), nothing to search.
    const problem = prepareRankRanges(preparedByDimension({"0101": [50, 50, 50], "0102": [0, 0, 0], "0103": [100, 100, 100], "0104": [40, 60, 60]}), {limits: {leafCombinations: 0}});
    const root = Array.from(problem.rootSimplex);
    [7 / 9, 1 / 9, 1 / 9, 1 / 9, 7 / 9, 1 / 9, 1 / 9, 1 / 9, 7 / 9].forEach((x, i) => expect(root[i]).toBeCloseTo(x, 12));
    expect(problem.ratioRows.length).toBe(6 * 3);
    problem.points = [problem.points[0]!];
    const r = rankRangeAt(problem, solver, 0);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 3, 3, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 0]);
    shares(r.bestWeights).forEach((x, a) => expect(x).toBeCloseTo([5 / 9, 2 / 9, 2 / 9][a]!, 9));
    shares(r.worstWeights).forEach((x) => expect(x).toBeCloseTo(1 / 3, 9));
  });
});

describe("undecided hard rows count towards the vertex enumeration (limits.leafCombinations)", () => {
  /**
   * The same case. At the root all six ratio rows are undecided (row (d, e), w_d - w_e / 4, is < 0 at V_e
   * and > 0 at V_d), so its enumeration needs C(1 + 6 + 3, 2) = 45 linear systems.
   */
  const run = (leafCombinations: number) => {
    const problem = prepareRankRanges(preparedByDimension({"0101": [50, 50, 50], "0102": [0, 0, 0], "0103": [100, 100, 100], "0104": [40, 60, 60]}), {limits: {leafCombinations}});
    problem.points = [problem.points[0]!];
    return rankRangeAt(problem, solver, 0);
  };

  it("enumerates the root at the limit 45: the first vertex holding j has the row and w_b = w_a / 4 tight, (0.5, 0.125, 0.375)", () => {
    // In order: (j, (a, b)) and (j, (a, c)) give w_b or w_c = 2 (outside the region), (j, (b, a)) gives
    // w_a = 0.5, w_b = 0.125, w_c = 0.375, inside, where j is beaten: all rows hold, the enumeration stops.
    const r = run(45);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 3, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    shares(r.bestWeights).forEach((x, a) => expect(x).toBeCloseTo([0.5, 0.125, 0.375][a]!, 6));
  });

  it("splits the root at the limit 44 and enumerates its second child, which has at most five undecided ratio rows", () => {
    // The first child ({M_ab, V_b, V_c}, w_a <= 4/9) is dropped; {V_a, M_ab, V_c} holds w_a >= w_b / 4 on all
    // of it, so at most C(1 + 5 + 3, 2) = 36 <= 44 systems: two regions, one leaf, best rank 2.
    const r = run(44);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 3, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 1]);
  });
});
