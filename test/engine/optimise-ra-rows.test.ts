/**
 * The comparison rows of the best/worst-rank search (buildRows, bigMOf and
 * failures in src/engine/optimise.ts), seen through rankRange on tiny cases
 * with minmax scores (each KPI has 0 and 100 among its values, so a score is
 * the value itself) and a margin ε chosen so that row coefficients are exact:
 *   - a row that holds (fails) on the whole weight set is counted directly and
 *     gets no binary, also when its minimum (maximum) is exactly 0; a row
 *     whose maximum is exactly 0 is uncertain (stats.binaries counts them);
 *   - a competitor that m beats by exactly ε at the start point counts as
 *     beaten there (a row value of exactly 0 holds);
 *   - the big-M of an uncertain row is -min (1 + 1e-9) + 1e-8, min being the
 *     row's minimum over the weight set, as the LP text shows.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, rankRange, RANK_MARGIN, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** Two dimensions a and b, one KPI each (weight 1), minmax scores equal to the values given. */
function twoDimensions(codes: string[], a: number[], b: number[]): Prepared {
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, {N01001: a, N02001: b})), M, 2022, {normalisation: "minmax"});
}

describe("rows counted directly and uncertain rows", () => {
  /**
   * m = 0104 at (50, 50); bounds a [1, 1], b [0, 1] (w_b in (0, 1/2] with the floor, [0, 1/2] in the closure); ε = 25.
   * Best-rank rows "m beats j by ε": c = (m - j) - ε.
   *   0101 (100, 100): c = (-75, -75), fails everywhere: counted (one ahead of m for sure).
   *   0102 (25, 0): c = (0, 25), minimum exactly 0 (at w_b = 0): holds everywhere, counted, no binary.
   *   0103 (25, 75): c = (0, -50), maximum exactly 0 (at w_b = 0, outside the floors): uncertain, a binary.
   *   0105 (50, 50): identical to m, the lower code (m) wins the tie: counted.
   *   0106 (0, 0): c = (25, 25), holds everywhere: counted.
   *   0107 (0, 100): c = (25, -75), holds where w_b <= 1/4: uncertain, a binary.
   * Worst-rank rows "j beats m by ε": c = (j - m) - ε. 0101: (25, 25), holds everywhere; 0102 (-50, -75),
   * 0103 (-50, 0) (maximum -25 at w_b = 1/2), 0106 (-75, -75), 0107 (-75, 25) (maximum -25): fail everywhere;
   * 0105 ties and loses on code. No binary.
   */
  function sevenMunicipalities(): Prepared {
    return twoDimensions(["0101", "0102", "0103", "0104", "0105", "0106", "0107"], [100, 25, 25, 50, 50, 0, 0], [100, 0, 75, 50, 50, 0, 100]);
  }
  const options = {bounds: {a: [1, 1], b: [0, 1]} as const, margin: 25};

  it("gives a binary only to the rows that can both hold and fail, and counts the others", () => {
    const r = rankRange(sevenMunicipalities(), solver, "0104", options)!;
    expect(r.stats.binaries).toEqual({best: 2, worst: 0});
    // Worst: 1 + 6 competitors - 5 that never beat m by ε = 2 (only 0101 is ahead).
    expect(r.worstRank).toBe(2);
    // Best: the optimum counts 0101 and 0103 ahead (0103 is never beaten by ε = 25), so 3 with the margin;
    // at the weights found, W = (1, 1/3) (w = (3/4, 1/4), the centre, where 0107's row is exactly 0 and holds),
    // score() puts only 0101 ahead: 0103 has 25 * 3/4 + 75 * 1/4 = 37.5 < 50. The rank is score()'s, with a note.
    expect(r.bestRank).toBe(2);
    expect(r.bestWeights).toEqual({a: 1, b: 1 / 3});
    expect(r.notes).toEqual(["Bästa placering: vikterna ger placering 2 men optimeringen 3 (jämförelser avgjorda med mindre än marginalen 2.5·10^+1)."]);
    expect(r.exact).toBe(false);
  });
});

describe("a competitor beaten by exactly the margin at the start point", () => {
  /**
   * m = 0202 at (50, 75), 0201 at (100, 0), 0203 at (0, 100); default bounds [0.5, 2] (w_a in [1/5, 4/5]),
   * so the first start point is the centre (1/2, 1/2); ε = 12.5.
   * Best rows: 0201: c = (-62.5, 62.5), 0203: c = (37.5, -37.5); both are exactly 0 at the centre and hold there
   * (S_m - S_j = 62.5 - 50 = ε), and at no other weighting do both hold (one needs w_b >= w_a, the other w_a >= w_b).
   */
  function threeMunicipalities(): Prepared {
    return twoDimensions(["0201", "0202", "0203"], [100, 50, 0], [0, 75, 100]);
  }

  it("counts as beaten: best rank 1 at the centre, found without a search", () => {
    const prepared = threeMunicipalities();
    expect(Array.from(prepareRankRanges(prepared, {margin: 12.5}).points[0]!)).toEqual([0.5, 0.5]);
    const r = rankRange(prepared, solver, "0202", {margin: 12.5})!;
    expect(r.stats.binaries).toEqual({best: 2, worst: 1});
    expect([r.bestRank, r.exact]).toEqual([1, true]);
    // The centre as raw weights: k w * scale with scale 2 and k = referenceSum / scale = 1: (1, 1).
    expect(r.bestWeights).toEqual({a: 1, b: 1});
    expect([r.stats.regions, r.stats.leaves, r.stats.solves]).toEqual([0, 0, 0]);
    expect(r.notes).toEqual([]);
  });

  it("and the worst rank is 2: 0201 beats m by ε where w_a >= 0.7, e.g. at the corner W = (2, 0.5)", () => {
    // Worst row of 0201: (37.5, -87.5) >= 0 iff w_a >= 0.7; 0203's row (-62.5, 12.5) fails everywhere (max -2.5 at w_a = 1/5).
    const r = rankRange(threeMunicipalities(), solver, "0202", {margin: 12.5})!;
    expect([r.worstRank, r.exact]).toEqual([2, true]);
    expect(r.worstWeights).toEqual({a: 2, b: 0.5});
  });
});

describe("the big-M of an uncertain row", () => {
  it("is -min (1 + 1e-9) + 1e-8 with min the row's minimum over the weight set", () => {
    // 0103 at (50, 50) between 0101 (100, 0) and 0102 (0, 100), default bounds (w_a in [1/5, 4/5]), ε = RANK_MARGIN.
    // Best rows: 0101: (-50 - ε, 50 - ε), minimum at w = (4/5, 1/5): -40 + 10 - ε = -30 - ε; 0102 likewise at (1/5, 4/5).
    // Worst rows: 0101: (50 - ε, -50 - ε), 0102: (-50 - ε, 50 - ε): the same minima. Each direction: one MIP, two binaries.
    const prepared = twoDimensions(["0101", "0102", "0103"], [100, 0, 50], [0, 100, 50]);
    const texts: string[] = [];
    const spy: MipSolver = (lp, o) => (texts.push(lp), solver(lp, o));
    const r = rankRange(prepared, spy, "0103", {method: "mip"})!;
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(texts).toHaveLength(2);
    const expected = (30 + RANK_MARGIN) * (1 + 1e-9) + 1e-8;
    for (const lp of texts) {
      for (const i of [0, 1]) {
        const match = new RegExp(` r${i}: .* \\+ (\\S+) u${i} >= 2e-9\\n`).exec(lp);
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBeCloseTo(expected, 12);
      }
    }
  });
});
