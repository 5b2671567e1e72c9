/**
 * The result of one municipality's best/worst-rank search and the errors on
 * bad input (rankRangeAt and rankRange in src/engine/optimise.ts).
 *
 * The case: dimensions a and b (one KPI each, weight 1, minmax, default
 * bounds [0.5, 2], so w_a in [1/5, 4/5]); 0101 = (100, 0), 0102 = (0, 100),
 * 0103 = (50, 50), and 0104 = (30, missing), which has no value in b and is
 * ranked at no weighting. 0103 beats 0101 where w_a < 1/2 and 0102 where
 * w_a > 1/2, never both: it is second at every weighting.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRange, rankRangeAt, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function fourMunicipalities(): Prepared {
  const codes = ["0101", "0102", "0103", "0104"];
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: [100, 0, 50, 30], N02001: [0, 100, 50, null]});
  return prepareNomination(matrixOf(codes, rows, ["N01001", "N02001"]), M, 2022, {normalisation: "minmax"});
}

describe("a municipality that is not ranked", () => {
  it("rankRangeAt refuses it by code with a RangeError", () => {
    const problem = prepareRankRanges(fourMunicipalities());
    expect(Array.from(problem.candidate)).toEqual([1, 1, 1, 0]);
    expectThrows(() => rankRangeAt(problem, solver, 3), RangeError, "municipality 0104 is not ranked");
  });

  it("rankRangeAt refuses an index with no municipality, naming the index", () => {
    const problem = prepareRankRanges(fourMunicipalities());
    expectThrows(() => rankRangeAt(problem, solver, 4), RangeError, "municipality 4 is not ranked");
    expectThrows(() => rankRangeAt(problem, solver, -1), RangeError, "municipality -1 is not ranked");
  });

  it("rankRange gives null for it, and a RangeError for a code that is not in the data", () => {
    const prepared = fourMunicipalities();
    expect(rankRange(prepared, solver, "0104")).toBeNull();
    expectThrows(() => rankRange(prepared, solver, "0105"), RangeError, "unknown municipality 0105");
    expectThrows(() => rankRange(prepared, solver, ""), RangeError, "unknown municipality ");
  });
});

describe("whether the top N is reachable", () => {
  it("is true when the best rank equals N and false when it is N + 1", () => {
    const prepared = fourMunicipalities();
    const atTwo = rankRange(prepared, solver, "0103", {topN: 2})!;
    expect([atTwo.bestRank, atTwo.worstRank, atTwo.exact, atTwo.canReachTopN]).toEqual([2, 2, true, true]);
    const atOne = rankRange(prepared, solver, "0103", {topN: 1})!;
    expect([atOne.bestRank, atOne.canReachTopN]).toEqual([2, false]);
    // 0101 is first where w_a > 1/2 (it beats both), third where w_a < 1/2.
    const first = rankRange(prepared, solver, "0101", {topN: 1})!;
    expect([first.bestRank, first.worstRank, first.canReachTopN]).toEqual([1, 3, true]);
  });
});

describe("the time taken", () => {
  it("is the call's own duration: between 0 and the time measured around the call", () => {
    const problem = prepareRankRanges(fourMunicipalities());
    const before = performance.now();
    const r = rankRangeAt(problem, solver, 2);
    const after = performance.now();
    expect(r.stats.ms).toBeGreaterThanOrEqual(0);
    expect(r.stats.ms).toBeLessThanOrEqual(after - before);
  });
});
