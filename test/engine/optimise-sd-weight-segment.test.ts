/**
 * A weight set of lower dimension: with two dimensions' weights fixed (bounds
 * [1, 1]), every weighting has w_a = w_b, so the weight set is the segment
 * {(t, t, 1 - 2t)} of the plane of shares, and the hard rows w_a - w_b >= 0
 * and w_b - w_a >= 0 are exactly 0 on it. A region of the branch-and-bound
 * (branchAndBound in src/engine/optimise.ts) that has the segment as an edge
 * has one of those rows <= 0 at every vertex with maximum exactly 0: it meets
 * the weight set (on that edge) and must not be dropped as lying outside it.
 *
 * Bounds a = b in [1, 1], c in [0.5, 1.5]: w_c / w_a in [0.5, 1.5], so
 * t in [2/7, 0.4]. One higher-better KPI per dimension, min-max normalisation:
 * m = 0101 = (50, 50, 50), 0102 = (0, 0, 0) always behind, 0103 =
 * (100, 100, 100) always ahead, j = 0104 = (44, 44, 69): m - j = (6, 6, -19),
 * so m beats j iff 12 t > 19 (1 - 2 t), i.e. t > 0.38, w_c / w_a < 12 / 19
 * (up to the margin). The start is the centre t = 38/105 = 0.362 (the root's
 * centroid), where j is ahead: rank 3. Best rank 2 needs t in (0.38, 0.4].
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe("regions that meet a lower-dimensional weight set only on an edge", () => {
  it("are kept and enumerated: the best rank on the segment w_a = w_b is found (2, at w_c / w_a = 12/19)", () => {
    const prepared = preparedByDimension({"0101": [50, 50, 50], "0102": [0, 0, 0], "0103": [100, 100, 100], "0104": [44, 44, 69]});
    const problem = prepareRankRanges(prepared, {bounds: {a: [1, 1], b: [1, 1], c: [0.5, 1.5]}, limits: {leafCombinations: 15}});
    problem.points = [problem.points[0]!];
    // The root is symmetric in a and b: V_a = (18/35, 2/7, 1/5), V_b = (2/7, 18/35, 1/5), V_c = (2/7, 2/7, 3/7) (each
    // weight's least share plus the spare 8/35). V_c is the segment's end t = 2/7 and the midpoint M_ab = (2/5, 2/5, 1/5)
    // its other end t = 0.4: the whole weight set is the edge M_ab-V_c.
    const root = Array.from(problem.rootSimplex);
    [18 / 35, 2 / 7, 1 / 5, 2 / 7, 18 / 35, 1 / 5, 2 / 7, 2 / 7, 3 / 7].forEach((x, i) => expect(root[i]).toBeCloseTo(x, 12));
    expect(root[6]).toBe(root[7]);
    const start = Array.from(problem.points[0]!);
    [38 / 105, 38 / 105, 29 / 105].forEach((x, a) => expect(start[a]).toBeCloseTo(x, 12));

    const r = rankRangeAt(problem, solver, 0);
    // Current weights (1, 1, 1): 12 - 19 < 0, j ahead, rank 3; worst: j is ahead at the start already.
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 3, 3, true]);
    // The ratio rows (scale 1.5: lo = (2/3, 2/3, 1/3), hi = (2/3, 2/3, 1)) undecided at the root are 2/3 (w_a - w_b),
    // 2/3 (w_b - w_a), 2/3 w_c - 1/3 w_a and 2/3 w_c - 1/3 w_b (w_a <= 2 w_c, w_b <= 2 w_c): with the one row,
    // C(1 + 4 + 3, 2) = 28 > 15 linear systems, so the root is split, along V_a-V_b (all its edges are equally long;
    // the first pair wins), at M_ab. Each child has the segment M_ab-V_c as an edge. In {M_ab, V_b, V_c},
    // 2/3 (w_a - w_b) is (0, < 0, 0): it meets the weight set on that edge only, and the row stays undecided;
    // 2/3 (w_b - w_a) is (0, > 0, 0) and 2/3 w_c - 1/3 w_a is (0, > 0, > 0), decided; 2/3 w_c - 1/3 w_b is (0, < 0, > 0).
    // Two undecided hard rows: C(1 + 2 + 3, 2) = 15 systems, enumerated (the other child likewise, a and b swapped).
    // The first child popped gives a vertex on the segment where m beats j, which ends the search: two regions, one
    // leaf, no MIP. (Dropping those children as "outside" would end the search at the root with rank 3.)
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 1]);
    const w = r.bestWeights;
    expect(w.a).toBe(1);
    expect(w.b).toBe(1);
    expect(w.c!).toBeCloseTo(12 / 19, 5);
    expect(w.c!).toBeLessThan(12 / 19);
  });
});
