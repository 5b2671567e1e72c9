/**
 * What the branch-and-bound (branchAndBound in src/engine/optimise.ts) hands
 * to the MIP and how it reads the answers: one MIP over the whole weight set
 * when limits.maxRegions is used up, one MIP per region (in the region's own
 * coordinates) for a region shorter than limits.minEdge. Stub solvers answer,
 * so every status and every kind of answer is reached.
 *
 * The case (as in optimise-ra-run-mip.test.ts): dimension scores (min-max)
 * 0101 = (100, 0), 0102 = (0, 100), m = 0103 = (50, 50), dimension weights 1
 * and 1 with the default bounds [0.5, 2], so the normalised w_a lies in
 * [0.2, 0.8]. With the margin ε = 1e-6:
 *   best:  m beats 0101 iff 50 - 100 w_a >= ε (w_a <= 0.5 - 1e-8), m beats 0102
 *          iff 100 w_a - 50 >= ε (w_a >= 0.5 + 1e-8): never both, so best rank 2;
 *   worst: 0101 beats m iff w_a >= 0.5 + 1e-8, 0102 iff w_a <= 0.5 - 1e-8: worst rank 2.
 * Two uncertain rows per direction, none fixed. The start points are the
 * centre (0.5, 0.5), where both rows fail (every score is 50), then the
 * corners (0.8, 0.2) and (0.2, 0.8), where one holds: the search starts from
 * (0.8, 0.2) with one failing row and has nothing to beat it; the reported raw
 * weights are then (2, 0.5) both ways ((0.2, 0.8) would give (0.5, 2)).
 *
 * The root region is the weight set itself: vertices v0 = (0.8, 0.2) and
 * v1 = (0.2, 0.8), edge length 0.6 * sqrt(2) ≈ 0.85, no hard row undecided
 * (the ratio rows w_a - 0.25 w_b and w_b - 0.25 w_a are (0.75, 0) and (0, 0.75)
 * at its vertices, the floors far above 0). The best-direction row "m beats
 * 0101", c = (50 - 100 - ε, 50 - 0 - ε), is -30.000001 at v0 and 29.999999
 * at v1, so its big-M is 30.000001 (1 + 1e-9) + 1e-8 = 30.00000104; the row
 * "m beats 0102" is the mirror image.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRange, rankRangeAt, type MipSolution, type MipSolver, type Prepared, type RankRange, type RankRangeOptions} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

function case3(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: [100, 0, 50], N02001: [0, 100, 50]});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "minmax"});
}

/** A solver that records the LP texts it is given and always answers `solution`. */
function stub(solution: MipSolution, asked: string[] = []): MipSolver {
  return (lp) => (asked.push(lp), solution);
}

const INFEASIBLE: MipSolution = {Status: "Infeasible", ObjectiveValue: 0, Columns: {}};

function optimal(x0: number, x1: number, objective: number): MipSolution {
  return {Status: "Optimal", ObjectiveValue: objective, Columns: {x0: {Primal: x0}, x1: {Primal: x1}}};
}

function run(solver: MipSolver, options: RankRangeOptions): RankRange {
  return rankRange(case3(), solver, "0103", options)!;
}

/** m = 0103 searched from the centre (0.5, 0.5) only, where both rows fail in both directions. */
function fromCentre(solver: MipSolver, options: RankRangeOptions): RankRange {
  const problem = prepareRankRanges(case3(), options);
  problem.points = [problem.points[0]!];
  expect(Array.from(problem.points[0]!)).toEqual([0.5, 0.5]);
  return rankRangeAt(problem, solver, 2);
}

const LIMIT_NOTES = [
  "Bästa placering: lösaren nådde tidsgränsen; placeringen är den bästa funna, inte bevisat optimal.",
  "Sämsta placering: lösaren nådde tidsgränsen; placeringen är den bästa funna, inte bevisat optimal."
];
const ROUNDING_NOTES = [
  "Bästa placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal.",
  "Sämsta placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal."
];

/** The counted rows of an LP text: [coefficient of x0, of x1, big-M], and its cutoff. */
function parsed(lp: string): {hard: string[]; rows: number[][]; cutoff: number; bounds: string[]} {
  const hard = lp.split("\n").filter((line) => /^ h\d+:/.test(line));
  const rows = [...lp.matchAll(/^ r\d+: (-?) ?([\d.e+-]+) x0 ([+-]) ([\d.e+-]+) x1 \+ ([\d.e+-]+) u\d+ >= 2e-9$/gm)].map((m) => [
    (m[1] === "-" ? -1 : 1) * Number(m[2]),
    (m[3] === "-" ? -1 : 1) * Number(m[4]),
    Number(m[5])
  ]);
  const cutoff = Number(/\n k:\n {2}u0 \+ u1\n {2}<= (-?\d+)\n/.exec(lp)![1]);
  const bounds = lp.split("\n").filter((line) => / <= x\d <= /.test(line));
  return {hard, rows, cutoff, bounds};
}

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((x, k) => expect(x).toBeCloseTo(expected[i]![k]!, 7)));
}

describe("the whole problem as one MIP when limits.maxRegions is used up", () => {
  it("with maxRegions 0: the root is not split or enumerated, one MIP per direction with the cutoff 2 - 1 - 1 = 0", () => {
    const asked: string[] = [];
    const r = run(stub(INFEASIBLE, asked), {limits: {maxRegions: 0}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    // Regions are reported up to the limit (0), though the root was taken from the queue.
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([2, 0, 0]);
    expect(asked).toHaveLength(2);
    for (const lp of asked) {
      const {hard, cutoff, bounds} = parsed(lp);
      expect(cutoff).toBe(0);
      // The global model: the floors as bounds, the two ratio rows as hard rows.
      expect(hard).toEqual([" h0: 1 x0 - 0.25 x1 >= 0", " h1: - 0.25 x0 + 1 x1 >= 0"]);
      expect(bounds).toEqual([" 0.0001 <= x0 <= 1", " 0.0001 <= x1 <= 1"]);
    }
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
  });

  it("the cutoff is one below the incumbent's failing rows: from the centre (2 failing) it is 1, and a better optimum is taken", () => {
    const asked: string[] = [];
    // The solver's optimum (0.8, 0.2): one row fails there in each direction.
    const r = fromCentre(stub(optimal(0.8, 0.2, 1), asked), {limits: {maxRegions: 0}});
    expect(asked.map((lp) => parsed(lp).cutoff)).toEqual([1, 1]);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });

  it("an optimum no better than the incumbent is not taken, even one as good (the other corner)", () => {
    const r = run(stub(optimal(0.2, 0.8, 1)), {limits: {maxRegions: 0}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });

  it("an optimum worse than the incumbent is not taken, and its count (2) against the incumbent's (1) leaves the result unproven", () => {
    const r = run(stub(optimal(0.5, 0.5, 2)), {limits: {maxRegions: 0}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(ROUNDING_NOTES);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
  });

  it("a claimed optimum of 0 failing rows that fails 1 again in floating point is not a proof", () => {
    const r = run(stub(optimal(0.2, 0.8, 0)), {limits: {maxRegions: 0}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(ROUNDING_NOTES);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
  });

  it("a time limit leaves the incumbent, not proven, with the time-limit note", () => {
    const r = run(stub({Status: "Time limit reached", ObjectiveValue: 0, Columns: {}}), {limits: {maxRegions: 0}});
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([2, 2, false, 2]);
    expect(r.notes).toEqual(LIMIT_NOTES);
  });

  it("with maxRegions 1 the root is enumerated and nothing is left: no MIP at all", () => {
    const asked: string[] = [];
    const r = run(stub(INFEASIBLE, asked), {limits: {maxRegions: 1}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 2]);
    expect(asked).toEqual([]);
    // The enumerated vertex holds one row, as the start (0.8, 0.2) does: the start stays.
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });

  it("with maxRegions 1 and no enumeration the root is split, and its halves (one row at most each, no better than the incumbent) are dropped: no MIP", () => {
    // Half [0.5, 0.8] of w_a: "m beats 0101" fails on all of it, half [0.2, 0.5]: "m beats 0102" does.
    const asked: string[] = [];
    const r = run(stub(INFEASIBLE, asked), {limits: {maxRegions: 1, leafCombinations: 0}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 0]);
    expect(asked).toEqual([]);
  });
});

describe("one MIP per region shorter than limits.minEdge", () => {
  it("writes the root region in its own coordinates: rows at its vertices, big-M from their minimum, no hard row, cutoff 2 - (1 - 0) - 1 = 0", () => {
    const asked: string[] = [];
    const r = run(stub(INFEASIBLE, asked), {limits: {minEdge: 10}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([2, 2, 0]);
    expect(asked).toHaveLength(2);
    const best = parsed(asked[0]!);
    expect(best.hard).toEqual([]);
    expect(best.bounds).toEqual([" 0 <= x0 <= 1", " 0 <= x1 <= 1"]);
    expect(best.cutoff).toBe(0);
    expectRows(best.rows, [
      [-30.000001, 29.999999, 30.00000104],
      [29.999999, -30.000001, 30.00000104]
    ]);
    // Worst: "0101 beats m" is "m beats 0102" with the margin on the other side.
    const worst = parsed(asked[1]!);
    expect([worst.hard, worst.cutoff]).toEqual([[], 0]);
    expectRows(worst.rows, [
      [29.999999, -30.000001, 30.00000104],
      [-30.000001, 29.999999, 30.00000104]
    ]);
  });

  it("a region whose longest edge equals minEdge is not handed to the MIP (only a shorter one is)", () => {
    const problem = prepareRankRanges(case3());
    const v = problem.rootSimplex;
    const edge = Math.sqrt((v[0]! - v[2]!) ** 2 + (v[1]! - v[3]!) ** 2);
    expect(edge).toBeCloseTo(0.6 * Math.SQRT2, 12);
    const asked: string[] = [];
    const r = run(stub(INFEASIBLE, asked), {limits: {minEdge: edge}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 2]);
    const shorter = run(stub(INFEASIBLE), {limits: {minEdge: edge * (1 + 1e-12)}});
    expect([shorter.stats.solves, shorter.stats.regions, shorter.stats.leaves]).toEqual([2, 2, 0]);
  });

  it("a better point from the region's MIP is taken: x = (1, 0) is the vertex (0.8, 0.2); the cutoff from the centre is 2 - (0 - 0) - 1 = 1", () => {
    const asked: string[] = [];
    const r = fromCentre(stub(optimal(1, 0, 1), asked), {limits: {minEdge: 10}});
    expect(asked.map((lp) => parsed(lp).cutoff)).toEqual([1, 1]);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });

  it("a point as good as the incumbent is not taken: x = (0, 1) is the vertex (0.2, 0.8), one failing row like the start", () => {
    const r = run(stub(optimal(0, 1, 1)), {limits: {minEdge: 10}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.notes).toEqual([]);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });

  it("a claimed region optimum of 0 failing rows whose point fails 1 again is not a proof", () => {
    const r = run(stub(optimal(0, 1, 0)), {limits: {minEdge: 10}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(ROUNDING_NOTES);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
  });

  it("a point outside the weight set is neither taken nor a proof", () => {
    // x = (1.5, -0.5): 1.5 v0 - 0.5 v1 = (1.1, -0.1), a negative weight. "m beats 0101" fails there and
    // "m beats 0102" holds: one failing row, as good as the incumbent, but outside.
    const r = run(stub(optimal(1.5, -0.5, 1)), {limits: {minEdge: 10}});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(ROUNDING_NOTES);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5});
  });

  it("a time limit in a region leaves the incumbent, not proven, with the time-limit note", () => {
    const r = run(stub({Status: "Time limit reached", ObjectiveValue: 0, Columns: {}}), {limits: {minEdge: 10}});
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([2, 2, false, 2]);
    expect(r.notes).toEqual(LIMIT_NOTES);
  });
});
