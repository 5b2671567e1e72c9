/**
 * What the best/worst-rank search does when score() does not give the rank
 * the optimisation counted (solveDirection in src/engine/optimise.ts, method
 * "mip", stub solvers): the margin is raised tenfold and the direction solved
 * again, at most twice; the rank reported is always score()'s, and the notes
 * say which margin was used or that the two disagree.
 *
 * The case: three dimensions a, b, c (one KPI each, weight 1, minmax, so a
 * score is the value itself), default bounds [0.5, 2]: scale 2, lo = 1/4,
 * hi = 1, and the weight set F keeps every ratio w_d / w_e <= 4 (each w_d in
 * [1/9, 2/3]). 0101 = 0 and 0102 = 100 everywhere (m always beats 0101 and
 * never 0102), m = 0103 = 50 everywhere, so S_m - S_j = sum_d w_d (50 - D_jd).
 *   "best" case: 0104 = (6, 86, 86), 0105 = (86, 6, 86). m beats 0104 iff
 *   44 w_a - 36 (w_b + w_c) >= ε, i.e. w_a >= 0.45 (+ ε / 80), and 0105 iff
 *   w_b >= 0.45: never both in F (w_c >= 1/9), so the best rank is 3.
 *   "worst" case: 0104 = (94, 14, 14), 0105 = (14, 94, 14): they beat m iff
 *   w_a >= 0.45 (w_b >= 0.45), never both in F: the worst rank is 4.
 * The stub's point x = (4e-9, 4e-9, 0) points at (1/2, 1/2, 0), outside F,
 * where both rows hold. It breaks the LP's row x0 + x1 + x2 = 1 (a real
 * solver meets it within 1e-9), which the engine does not check: it checks
 * the weight set's rows only, with the absolute tolerance 1e-9, and on so
 * short a point they miss by at most that (the ratio rows w_c - w_a / 4 and
 * w_c - w_b / 4 are exactly -1e-9), so it is taken as a point with 0 failing
 * rows (the rows are homogeneous: their signs do not depend on the length). Its raw weights
 * (rawWeights: k = 3 / (2 * 8e-9), W_a = W_b = 2 k 4e-9 = 1.5, W_c at its
 * lower bound 0.5) are w = (3/7, 3/7, 1/7), inside F, where neither row holds.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, rankRange, type MipSolution, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

function threeDimensions(j1: number[], j2: number[]): Prepared {
  const codes = ["0101", "0102", "0103", "0104", "0105"];
  const ids = ["a", "b", "c"];
  const kpis = ["N01001", "N02001", "N03001"];
  const M = model(ids.map((id) => [id, 1]), kpis.map((kpi, d) => [kpi, ids[d]!, "higher_better", 1]));
  const table = Object.fromEntries(kpis.map((kpi, d) => [kpi, [0, 100, 50, j1[d]!, j2[d]!]]));
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table), kpis), M, 2022, {normalisation: "minmax"});
}

const bestCase = () => threeDimensions([6, 86, 86], [86, 6, 86]);
const worstCase = () => threeDimensions([94, 14, 14], [14, 94, 14]);

const SHORT_POINT = [4e-9, 4e-9, 0];

function optimalAt(x: number[], objective: number): MipSolution {
  return {Status: "Optimal", ObjectiveValue: objective, Columns: Object.fromEntries(x.map((v, a) => [`x${a}`, {Primal: v}]))};
}

/** Answers `solution` every time and records the LP texts. */
function always(solution: MipSolution, calls: string[]): MipSolver {
  return (lp) => (calls.push(lp), solution);
}

/** The margins ε of the LPs asked: row r0 is 0104's, whose x0 coefficient is 44 - ε in both cases (50 - 6 and 94 - 50). */
function marginsOf(calls: string[]): number[] {
  return calls.map((lp) => 44 - Number(/\n r0: (\S+) x0 /.exec(lp)![1]));
}

// 1e-6 * 10 and 1e-6 * 10 * 10 are just below 1e-5 and 1e-4 in doubles; the notes show them rounded.
const TEN_TIMES = "1·10^-5";
const HUNDRED_TIMES = "1·10^-4";

describe("a best rank that score() does not reproduce (worse than counted)", () => {
  it("is solved again with the margin raised tenfold, twice, then reported as score()'s rank with a note, not exact", () => {
    const calls: string[] = [];
    const r = rankRange(bestCase(), always(optimalAt(SHORT_POINT, 0), calls), "0103", {method: "mip"})!;
    // Counted: 1 + 1 (0102) + 0 failing rows = 2; score() at W = (1.5, 1.5, 0.5): 0102, 0104 and 0105 ahead, 4.
    expect(calls).toHaveLength(3);
    const margins = marginsOf(calls);
    expect(margins[0]).toBeCloseTo(1e-6, 12);
    expect(margins[1]).toBeCloseTo(1e-5, 12);
    expect(margins[2]).toBeCloseTo(1e-4, 12);
    expect(r.bestRank).toBe(4);
    expect(r.bestWeights.a).toBeCloseTo(1.5, 12);
    expect(r.bestWeights.b).toBeCloseTo(1.5, 12);
    expect(r.bestWeights.c).toBe(0.5);
    // The worst direction needs no solve: at the centre both 0104 and 0105 beat m (fails 0), rank 4.
    expect(r.worstRank).toBe(4);
    expect(r.exact).toBe(false);
    expect(r.notes).toEqual([`Bästa placering: vikterna ger placering 4 men optimeringen 2 (jämförelser avgjorda med mindre än marginalen ${HUNDRED_TIMES}).`]);
    expect(r.stats.solves).toBe(3);
    expect(r.stats.binaries).toEqual({best: 2, worst: 2});
  });

  it("a raised margin that then agrees: the rank at that margin, exact, and a note naming both margins", () => {
    // First answer the short point (rank 4, counted 2: solve again); then "Infeasible": nothing beats the best start point,
    // the corner W = (2, 0.5, 0.5) (w_a = 2/3 >= 0.45: m beats 0104, not 0105), rank 3 counted and in score().
    let calls = 0;
    const solver: MipSolver = () => (++calls === 1 ? optimalAt(SHORT_POINT, 0) : {Status: "Infeasible", ObjectiveValue: 0, Columns: {}});
    const r = rankRange(bestCase(), solver, "0103", {method: "mip"})!;
    expect(calls).toBe(2);
    expect(r.bestRank).toBe(3);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5, c: 0.5});
    expect(r.exact).toBe(true);
    expect(r.notes).toEqual([`Bästa placering: beräknad med marginalen ${TEN_TIMES} i stället för 1·10^-6.`]);
    expect(r.stats.solves).toBe(2);
  });
});

describe("a worst rank that score() does not reproduce (better than counted)", () => {
  it("is solved again with the margin raised tenfold, twice, then reported as score()'s rank with a note, not exact", () => {
    const calls: string[] = [];
    const r = rankRange(worstCase(), always(optimalAt(SHORT_POINT, 0), calls), "0103", {method: "mip"})!;
    // Counted: 1 + 4 competitors - 1 (0101 never beats m) - 0 failing rows = 4; score() at W = (1.5, 1.5, 0.5):
    // 0104 has (94 + 14) 3/7 + 14/7 = 48.3 < 50, so only 0102 is ahead: 2.
    expect(calls).toHaveLength(3);
    const margins = marginsOf(calls);
    expect(margins[0]).toBeCloseTo(1e-6, 12);
    expect(margins[1]).toBeCloseTo(1e-5, 12);
    expect(margins[2]).toBeCloseTo(1e-4, 12);
    expect(r.worstRank).toBe(2);
    expect(r.worstWeights.a).toBeCloseTo(1.5, 12);
    expect(r.worstWeights.b).toBeCloseTo(1.5, 12);
    expect(r.worstWeights.c).toBe(0.5);
    // The best direction needs no solve: at the centre m beats both 0104 and 0105, rank 2.
    expect(r.bestRank).toBe(2);
    expect(r.exact).toBe(false);
    expect(r.notes).toEqual([`Sämsta placering: vikterna ger placering 2 men optimeringen 4 (jämförelser avgjorda med mindre än marginalen ${HUNDRED_TIMES}).`]);
    expect(r.stats.solves).toBe(3);
  });

  it("a raised margin that then agrees: the rank at that margin, exact, and a note naming both margins", () => {
    // Then "Infeasible": the best start point with one of 0104, 0105 ahead, the corner W = (2, 0.5, 0.5): rank 3.
    let calls = 0;
    const solver: MipSolver = () => (++calls === 1 ? optimalAt(SHORT_POINT, 0) : {Status: "Infeasible", ObjectiveValue: 0, Columns: {}});
    const r = rankRange(worstCase(), solver, "0103", {method: "mip"})!;
    expect(calls).toBe(2);
    expect(r.worstRank).toBe(3);
    expect(r.worstWeights).toEqual({a: 2, b: 0.5, c: 0.5});
    expect(r.exact).toBe(true);
    expect(r.notes).toEqual([`Sämsta placering: beräknad med marginalen ${TEN_TIMES} i stället för 1·10^-6.`]);
  });
});

describe("the solver's point", () => {
  it("is taken when it misses the weight set's rows by exactly the tolerance 1e-9 (above), ignored beyond it", () => {
    // Both ratio rows with w_c are exactly -1e-9 at the short point: within the tolerance, so it is taken (0 failing rows,
    // counted rank 2), which is what makes score() disagree above. One row beyond the tolerance and it is ignored:
    const beyond = [4e-9, 4.0001e-9, 0];
    const calls: string[] = [];
    const r = rankRange(bestCase(), always(optimalAt(beyond, 0), calls), "0103", {method: "mip"})!;
    // Ignored: the start point (1 failing row) stays; the solver's optimum 0 does not hold again: not proven.
    expect(calls).toHaveLength(1);
    expect(r.bestRank).toBe(3);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5, c: 0.5});
    expect(r.exact).toBe(false);
    expect(r.notes).toEqual(["Bästa placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal."]);
  });

  it("is not taken when it fails as many rows as the start point: the start's weights, rank and proof stand", () => {
    // 0105 = (80, 30, 80) instead: m beats it iff w_b >= 0.6. At the short point's direction (1/2, 1/2, 0) m beats 0104
    // (50 - 46 = 4) but not 0105 (50 - 55 = -5): 1 failing row, as at the best start point (the corner W = (2, 0.5, 0.5)).
    // Taken, its raw weights w = (3/7, 3/7, 1/7) would put both ahead (score() rank 4, counted 3).
    const calls: string[] = [];
    const r = rankRange(threeDimensions([6, 86, 86], [80, 30, 80]), always(optimalAt(SHORT_POINT, 1), calls), "0103", {method: "mip"})!;
    expect(calls).toHaveLength(1);
    expect(r.bestRank).toBe(3);
    expect(r.bestWeights).toEqual({a: 2, b: 0.5, c: 0.5});
    expect(r.exact).toBe(true);
    expect(r.notes).toEqual([]);
  });
});
