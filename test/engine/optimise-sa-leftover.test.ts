/**
 * The regions the branch-and-bound (branchAndBound in src/engine/optimise.ts)
 * leaves to the MIP are solved in the order they were set aside, and one that
 * the incumbent has caught up with in the meantime (its bound no longer above
 * it) is not solved.
 *
 * Two dimensions, w = (x, 1 - x) with x in [0.2, 0.8] (default bounds,
 * weights 1 and 1); one higher-better KPI each, min-max normalisation with the
 * anchors 0100 = (0, 0) and 0199 = (100, 100), so the dimension scores are
 * the values. m = 0150 = (50, 50); j2 = (57, 47): m beats j2 iff
 * -7x + 3(1 - x) >= ε, x <= 0.3 (up to ε); j3 = (47, 57): iff x >= 0.7.
 * Never both: best rank 1 + 0199 + 1 = 3. At the centre both are ahead
 * (52 > 50): current and worst rank 4.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let highs: MipSolver;
beforeAll(async () => {
  highs = await loadHighsSolver();
});

describe("regions left to the MIP", () => {
  it("are skipped once the incumbent reaches their bound: the second half is not solved after the first gave one row", () => {
    // From the centre (no row holds). The root (bound 2) is split (no enumeration); with minEdge 0.5 both
    // halves (edge 0.42) are set aside: [0.2, 0.5] (j2 undecided, j3 fails: bound 1; centroid 0.35 beats
    // neither) first, then [0.5, 0.8] (j3 undecided: bound 1; centroid 0.65 neither). The first half's MIP
    // (cutoff 1 - (0 - 0) - 1 = 0) finds x <= 0.3: the incumbent is 1 row, the second half's bound, so the
    // second half is skipped: one solve. Worst ("j beats m": j2 iff x >= 0.3, j3 iff x <= 0.7): both at the
    // centre, no search.
    const asked: string[] = [];
    const spy: MipSolver = (lp, options) => (asked.push(lp), highs(lp, options));
    const problem = prepareRankRanges(preparedByDimension({"0100": [0, 0], "0150": [50, 50], "0160": [57, 47], "0170": [47, 57], "0199": [100, 100]}), {limits: {minEdge: 0.5, leafCombinations: 0}});
    expect(Array.from(problem.rootSimplex)).toEqual([0.8, 0.2, 0.2, 0.8]);
    problem.points = [Float64Array.from([0.5, 0.5])];
    const r = rankRangeAt(problem, spy, 1);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([3, 4, 4, true]);
    expect(r.notes).toEqual([]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([1, 3, 0]);
    expect(asked).toHaveLength(1);
    // The first half's own coordinates: j2's row is -2 at x = 0.5 (x0) and 1 at x = 0.2 (x1), up to ε.
    expect(asked[0]).toMatch(/\n r0: - 2\.0000\d* x0 \+ 0\.9999\d* x1 \+ 2\.0000\d* u0 >= 2e-9\n/);
    expect(asked[0]).toMatch(/\n {2}<= 0\n/);
    const share = r.bestWeights.a! / (r.bestWeights.a! + r.bestWeights.b!);
    expect(share).toBeGreaterThanOrEqual(0.2 - 1e-12);
    expect(share).toBeLessThanOrEqual(0.3);
    expect(r.worstWeights).toEqual({a: 1, b: 1});
  });
});
