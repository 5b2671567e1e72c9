/**
 * Rows that are exactly 0 at a vertex of a branch-and-bound region
 * (branchAndBound in src/engine/optimise.ts): a row >= 0 at every vertex holds
 * on the whole region (even if 0 at one), a row < 0 at every vertex fails on
 * it, and a row 0 at one vertex and < 0 at another is undecided (it holds at
 * that vertex). Seen through the regions handed to the MIP, in the region's
 * own coordinates (x0, x1: the weights of its two vertices).
 *
 * Two dimensions (w = (x, 1 - x), x in [0.2, 0.8] with the default bounds),
 * one higher-better KPI each, min-max normalisation with the anchors
 * 0100 = (0, 0) and 0199 = (100, 100), so the dimension scores are the values;
 * m = 0150 = (50, 50) and the margin is 1 (a whole score point), so the rows
 * are exact in floating point at x = 0.5. For j = m - d the best-rank row
 * "m beats j by 1" is c = d - 1:
 *   j1 = (47, 51), c1 = (2, -2): holds iff x >= 0.5, exactly 0 at x = 0.5;
 *   j2 = (56, 46), c2 = (-7, 3): holds iff x <= 0.3;
 *   j3 = (46, 56), c3 = (3, -7): holds iff x >= 0.7.
 * The best is j1 and j3 (x >= 0.7): best rank 1 + 0199 + j2 = 3.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let highs: MipSolver;
beforeAll(async () => {
  highs = await loadHighsSolver();
});

/** The counted rows of an LP text as [coefficient of x0, of x1, big-M] (a zero coefficient is left out of the text), and its cutoff. */
function parsed(lp: string): {rows: number[][]; cutoff: number} {
  const rows = lp
    .split("\n")
    .filter((line) => /^ r\d+: /.test(line))
    .map((line) => {
      const coef = (name: string) => {
        const m = new RegExp(`(^|[+-]) ?([\\d.e+-]+) ${name}( |$)`).exec(line.replace(/^ r\d+: /, "").replace(/ >= 2e-9$/, ""));
        return m ? (m[1] === "-" ? -1 : 1) * Number(m[2]) : 0;
      };
      return [coef("x0"), coef("x1"), coef("u\\d+")];
    });
  return {rows, cutoff: Number(/\n {2}<= (-?\d+)\n/.exec(lp)![1])};
}

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((x, k) => expect(x).toBeCloseTo(expected[i]![k]!, 9)));
}

describe("a row exactly 0 at a vertex of a region", () => {
  it("holds on the half where it is >= 0, is undecided on the half where it is 0 and < 0, and both halves go to the MIP", () => {
    // From x = 0.2 (j2 holds, j1 and j3 fail: incumbent 1 row). Root (bound 3): centroid 0.5 holds j1 only.
    // With minEdge 0.5 and no enumeration the root (edge 0.85) is split and its halves (0.42) go to the MIP.
    // Half A = {0.5, 0.2} (first): j1 is 0 and -1.2 (undecided), j2 -2 and 1 (undecided), j3 fails:
    //   2 rows, none held on all of A, cutoff 2 - (1 - 0) - 1 = 0; its MIP (both rows) is infeasible.
    // Half B = {0.8, 0.5}: j1 is 1.2 and 0 (holds on all of B), j2 fails, j3 is 1 and -2 (undecided):
    //   1 row, 1 held, cutoff 1 - (1 - 1) - 1 = 0 (j3 must hold); big-M 2 (1 + 1e-9) + 1e-8.
    // B's MIP gives a point with x >= 0.7: best rank 3. Worst ("j beats m by 1": j2 iff x >= 0.5,
    // j3 iff x <= 0.5, j1 never): both exactly 0 at the root's centroid x = 0.5, where both count:
    // worst rank 1 + 0199 + 2 = 4 at weights (1, 1), no region taken from the queue.
    const asked: string[] = [];
    const spy: MipSolver = (lp, options) => (asked.push(lp), highs(lp, options));
    const problem = prepareRankRanges(preparedByDimension({"0100": [0, 0], "0150": [50, 50], "0160": [47, 51], "0170": [56, 46], "0180": [46, 56], "0199": [100, 100]}), {
      margin: 1,
      limits: {minEdge: 0.5, leafCombinations: 0}
    });
    expect(Array.from(problem.rootSimplex)).toEqual([0.8, 0.2, 0.2, 0.8]);
    problem.points = [Float64Array.from([0.2, 0.8])];
    const r = rankRangeAt(problem, spy, 1);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([3, 4, 4, true]);
    expect(r.notes).toEqual([]);
    expect(r.stats.binaries).toEqual({best: 3, worst: 2});
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([2, 3, 0]);
    const share = r.bestWeights.a! / (r.bestWeights.a! + r.bestWeights.b!);
    expect(share).toBeGreaterThanOrEqual(0.7);
    expect(share).toBeLessThanOrEqual(0.8 + 1e-12);
    expect(r.worstWeights).toEqual({a: 1, b: 1});
    expect(asked).toHaveLength(2);
    const [a, b] = asked.map(parsed);
    expect(a!.cutoff).toBe(0);
    expectRows(a!.rows, [
      [0, -1.2, 1.2 * (1 + 1e-9) + 1e-8],
      [-2, 1, 2 * (1 + 1e-9) + 1e-8]
    ]);
    expect(b!.cutoff).toBe(0);
    expectRows(b!.rows, [[1, -2, 2 * (1 + 1e-9) + 1e-8]]);
  });
});
