/**
 * A starting weighting whose active weights are all 0 is not in the weight
 * set (every active dimension has a lower bound > 0 here), so the search must
 * ignore it: the result is the one without it, with finite weights. Its
 * normalisation divides by a sum of 0 and must leave the zeros as they are
 * (src/engine/optimise.ts, normalise), so the floors reject it.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareNomination, rankRange, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** Three municipalities, dimensions a and b (weight 1 each, default bounds [0.5, 2]), one KPI each. */
function twoDimensions(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: [3, 1, 2], N02001: [1, 3, 2]});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "percentile"});
}

describe("an all-zero incumbent weighting", () => {
  it("is ignored: best and worst rank and their weights are those found without it", () => {
    const prepared = twoDimensions();
    const plain = rankRange(prepared, solver, "0101")!;
    const zero = rankRange(prepared, solver, "0101", {incumbents: {best: {a: 0, b: 0}, worst: {a: 0, b: 0}}})!;
    // 0101 (a = 100, b = 0) is first when W_a > W_b and last (third) when W_b > W_a; 0103 is always 50/50.
    expect(plain.bestRank).toBe(1);
    expect(plain.worstRank).toBe(3);
    expect(zero.bestRank).toBe(1);
    expect(zero.worstRank).toBe(3);
    expect(zero.bestWeights).toEqual(plain.bestWeights);
    expect(zero.worstWeights).toEqual(plain.worstWeights);
    for (const w of [...Object.values(zero.bestWeights), ...Object.values(zero.worstWeights)]) expect(Number.isFinite(w) && w > 0).toBe(true);
    expect(zero.exact).toBe(true);
  });
});
