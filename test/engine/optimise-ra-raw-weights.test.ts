/**
 * The raw weights reported for a point the MIP solver returns at the edge of
 * the weight set (rawWeights in src/engine/optimise.ts): a point the solver
 * may return within its feasibility tolerance 1e-9, with a weight of exactly
 * 0 (below that dimension's tiny floor) and bound ratios missed by ~1e-10,
 * so that no single factor k puts every weight within its bounds.
 *
 * Four dimensions a, b, c, d (one KPI each, minmax, ε = 25): 0101 = 100 and
 * 0102 = 0 everywhere, m = 0104 = 50 everywhere, 0103 = (25, 75, 25, 25).
 * Bounds a [2, 2], b [0, 1e-9], c [1, 1], d [1, 3]. Best-rank row of 0103:
 * c = (m - j) - ε = (0, -50, 0, 0): it holds only where w_b = 0, outside the
 * floors, so it fails at every start point; the stub solver's point has
 * w_b = 0 and is within the tolerance of the weight set, so it is taken:
 * best rank 1 + 1 (0101) + 0 = 2, exact.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, rankRange, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

function fourDimensions(): Prepared {
  const codes = ["0101", "0102", "0103", "0104"];
  const ids = ["a", "b", "c", "d"];
  const kpis = ["N01001", "N02001", "N03001", "N04001"];
  const M = model(ids.map((id) => [id, 1]), kpis.map((kpi, d) => [kpi, ids[d]!, "higher_better", 1]));
  const j = [25, 75, 25, 25];
  const table = Object.fromEntries(kpis.map((kpi, d) => [kpi, [100, 0, j[d]!, 50]]));
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table), kpis), M, 2022, {normalisation: "minmax"});
}

const bounds = {a: [2, 2], b: [0, 1e-9], c: [1, 1], d: [1, 3]} as const;

/** Answers "Optimal, 0 failing rows" at the given point x0..x3 (a, b, c, d). */
function answering(x: number[], calls: string[] = []): MipSolver {
  return (lp) => (calls.push(lp), {Status: "Optimal", ObjectiveValue: 0, Columns: Object.fromEntries(x.map((v, a) => [`x${a}`, {Primal: v}]))});
}

describe("raw weights of a solver's point with a zero weight", () => {
  it("leave the zero weight out of the factor: W = (2, 5e-324, 1, 2)", () => {
    // x = (0.4, 0, 0.2, 0.4); scale 3, so lo = (2/3, 0, 1/3, 1/3), hi = (2/3, 1e-9/3, 1/3, 1).
    // Without b: k in [max(5/3, 5/3, 5/6), min(5/3, 5/3, 5/2)] = [5/3, 5/3], k = 5/3; W = 3 k x clamped:
    // a = 2, c = 1, d = 3 * 5/3 * 0.4 = 2; b = 0, kept at the smallest positive double so b stays weighted.
    const calls: string[] = [];
    const r = rankRange(fourDimensions(), answering([0.4, 0, 0.2, 0.4], calls), "0104", {bounds, margin: 25, method: "mip"})!;
    expect(calls).toHaveLength(1);
    expect(r.bestWeights).toEqual({a: 2, b: Number.MIN_VALUE, c: 1, d: 2});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, true]);
    expect(r.stats.binaries).toEqual({best: 1, worst: 0});
  });

  it("when the bounds give no common factor, take the middle of the two: d = 2 - 1e-9", () => {
    // x = (0.4 + 4e-10, 0, 0.2, 0.4): a/c = 2 (1 + 1e-9) misses the ratio row 1 * w_a <= 2 * w_c by 1.3e-10 (scaled).
    // a needs k = (2/3) / (0.4 + 4e-10) = (5/3) / (1 + 1e-9), c needs k = 5/3: kMin = 5/3 > kMax = (5/3) / (1 + 1e-9).
    // k = (kMin + kMax) / 2 = (5/3) (1 - 1e-9 / 2) (to 1e-18); a and c are clamped to 2 and 1, d = 3 * 0.4 * k = 2 - 1e-9.
    const r = rankRange(fourDimensions(), answering([0.4 + 4e-10, 0, 0.2, 0.4]), "0104", {bounds, margin: 25, method: "mip"})!;
    expect(r.bestWeights.a).toBe(2);
    expect(r.bestWeights.b).toBe(Number.MIN_VALUE);
    expect(r.bestWeights.c).toBe(1);
    expect(r.bestWeights.d).toBeCloseTo(2 - 1e-9, 14);
    expect([r.bestRank, r.exact]).toEqual([2, true]);
  });

  it("scale a point whose weights sum to 1 + 3e-10 (within the solver's tolerance) to the model's weight total", () => {
    // Bounds a, c, d [1, 2], b [0, 1e-9]: scale 2, lo = (1/2, 0, 1/2, 1/2), hi = (1, 5e-10, 1, 1).
    // x = (v, 0, v, v), v = (1 + 3e-10) / 3, sum s = 1 + 3e-10. The factor nearest to the total 4 (the model's
    // weights of a, b, c, d) is k = 4 / (2 s), within [ (1/2) / v, 1 / v ]; W = 2 k v = 4/3 for a, c and d.
    const v = (1 + 3e-10) / 3;
    const wide = {a: [1, 2], b: [0, 1e-9], c: [1, 2], d: [1, 2]} as const;
    const r = rankRange(fourDimensions(), answering([v, 0, v, v]), "0104", {bounds: wide, margin: 25, method: "mip"})!;
    expect(r.bestWeights.b).toBe(Number.MIN_VALUE);
    for (const id of ["a", "c", "d"]) expect(r.bestWeights[id]).toBeCloseTo(4 / 3, 14);
    expect([r.bestRank, r.exact]).toEqual([2, true]);
  });
});
