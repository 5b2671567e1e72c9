/**
 * A leftover region whose MIP the solver refuses (throws) in the best/worst
 * rank search (branchAndBound in src/engine/optimise.ts): the region stays
 * unsettled, so the rank found is reported as the best found, not proven,
 * with a note saying why; the search does not throw. An unknown status is
 * still an error (the solver answered, but not in a way the engine reads).
 *
 * Found by a random scan (mutation helper sd): with two dimension weights
 * fixed the weight set is lower-dimensional, the search narrows a region
 * below its minimum edge, and HiGHS refuses that region's MIP ("Unable to
 * solve the problem. HiGHS error -1", hard-row coefficients near 1e-18).
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRange, rankRangeAt, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, preparedByDimension, rowsForYear} from "./fixtures.ts";

let highs: MipSolver;
beforeAll(async () => {
  highs = await loadHighsSolver();
});

const REFUSED = (label: string) => `${label} placering: lösaren kunde inte lösa ett delområde av viktmängden; placeringen är den bästa funna, inte bevisat optimal.`;

/**
 * Three municipalities, dimension scores (minmax) 0101 = (100, 0), 0102 =
 * (0, 100), 0103 = (50, 50), weights 1 and 1 in [0.5, 2]: 0103 beats 0101
 * where w_a < 1/2 and 0102 where w_a > 1/2, never both, so it is second at
 * every weighting but w_a = 1/2, and the best start point of each direction leaves one row
 * failing, so the search must settle the root region.
 */
function case3(): Prepared {
  return preparedByDimension({"0101": [100, 0], "0102": [0, 100], "0103": [50, 50]});
}

/** No vertex enumeration, and every region is below the minimum edge: the root goes to the MIP at once. */
const STRAIGHT_TO_MIP = {limits: {leafCombinations: 0, minEdge: 10}};

describe("a region the solver refuses", () => {
  it("leaves the start point's rank, not proven, with a note per direction naming the refusal", () => {
    const calls: string[] = [];
    const refusing: MipSolver = (lp) => {
      calls.push(lp);
      throw new Error("Unable to solve the problem. HiGHS error -1");
    };
    const r = rankRange(case3(), refusing, "0103", STRAIGHT_TO_MIP)!;
    // Now (w_a = 1/2 exactly) all three total 50 and the lower codes win the tie: third.
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 2, 3, false]);
    expect(calls.length).toBe(2);
    expect(r.stats.solves).toBe(2);
    expect(r.notes).toEqual([REFUSED("Bästa"), REFUSED("Sämsta")]);
  });

  it("is not confused with an answer the engine cannot read: an unknown status is still an error", () => {
    const odd: MipSolver = () => ({Status: "Weird", ObjectiveValue: 0, Columns: {}});
    expect(() => rankRange(case3(), odd, "0103", STRAIGHT_TO_MIP)).toThrow("MIP solver failed (0103 best): Weird");
  });

  it("is an error when the solver throws on the whole problem (method mip, or once the region budget is spent): no rank is reported", () => {
    // Only a leftover region may be refused (its rank stays the best found); a throw on the one
    // global MIP leaves nothing settled, so it propagates rather than read as "nothing better".
    const calls: string[] = [];
    const refusing: MipSolver = (lp) => {
      calls.push(lp);
      throw new Error("Unable to solve the problem. HiGHS error -1");
    };
    expect(() => rankRange(case3(), refusing, "0103", {method: "mip"})).toThrow("Unable to solve the problem. HiGHS error -1");
    expect(calls).toHaveLength(1);
    expect(() => rankRange(case3(), refusing, "0103", {limits: {maxRegions: 0}})).toThrow("Unable to solve the problem. HiGHS error -1");
    expect(calls).toHaveLength(2);
    // The same problem with a solver that answers: both ways give the proven ranks.
    for (const options of [{method: "mip" as const}, {limits: {maxRegions: 0}}]) {
      const r = rankRange(case3(), highs, "0103", options)!;
      expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    }
  });

  it("HiGHS on a weight set with two fixed dimensions: the best found, not proven, instead of an error", () => {
    // The case of the scan: four dimensions, a and d fixed, eight municipalities, margin 1.
    const codes = ["0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108"];
    const kpis = ["N01001", "N02001", "N03001", "N04001"];
    const M = model(
      [["a", 1], ["b", 1], ["c", 1], ["d", 1]],
      kpis.map((kpi, d) => [kpi, "abcd"[d]!, "higher_better", 1] as [string, string, "higher_better", number])
    );
    const table = {
      N01001: [25, 25, 100, 25, 0, 50, 75, 75],
      N02001: [25, 100, 50, 100, 0, 100, 25, 25],
      N03001: [50, 0, 0, 50, 75, 100, 0, 0],
      N04001: [100, 75, 0, 75, 75, 0, 25, 100]
    };
    const prepared = prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022, {normalisation: "minmax"});
    const problem = prepareRankRanges(prepared, {bounds: {a: [0.25, 0.25], b: [0.25, 0.75], c: [0.5, 1.5], d: [0.5, 0.5]}, margin: 1, limits: {leafCombinations: 100, maxRegions: 2000}});
    const r = rankRangeAt(problem, highs, 7);
    expect(r.exact).toBe(false);
    expect(r.notes.some((n) => n.includes("lösaren kunde inte lösa ett delområde"))).toBe(true);
    expect(r.bestRank).toBeLessThanOrEqual(r.currentRank);
    expect(r.worstRank).toBeGreaterThanOrEqual(r.currentRank);
  });
});
