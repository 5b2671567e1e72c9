/**
 * foundRankRange (src/engine/optimise.ts), the parts of its local search the
 * coordinate moves alone do not show: the random restarts around the best
 * weighting so far (each weight moves up to halfway to a random point of its
 * bounds), a move that lands on the point it started from (not an
 * improvement), and the key of a rank without a neighbour to pass. Tiny cases
 * with minmax scores (a KPI score is the value itself), W_b and the KPI
 * weights fixed by equal bounds, so S(m) = (W_a A + B) / (W_a + 1).
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, foundRankRange, prepareNomination, score, type Prepared} from "../../src/engine/index.ts";
import {model, municipalities, rowsForYear} from "./fixtures.ts";

const FIXED_KPIS = {N01001: [1, 1], N02001: [1, 1]} as const;

function twoDimensions(codes: string[], a: (number | null)[], b: (number | null)[]): Prepared {
  const M = model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N01001", "a", "higher_better", 1],
      ["N02001", "b", "higher_better", 1]
    ]
  );
  const matrix = buildMatrix({municipalities: municipalities(codes), values: rowsForYear(2022, codes, {N01001: a, N02001: b}), kpis: ["N01001", "N02001"]});
  return prepareNomination(matrix, M, 2022, {normalisation: "minmax"});
}

describe("foundRankRange: random restarts", () => {
  /**
   * m = 0103 (50, 50); p = 0102 (40, 53) beats m where W_a < 0.3, r = 0104 (60, 42) where W_a > 0.8,
   * s = 0105 (60, 35) where W_a > 1.5; 0101 (100, 100) is always first, 0199 (0, 0) last.
   * W_a in [0, 4]: m is 3rd near 0 (the floor 4e-4, where the search starts), 2nd only in (0.3, 0.8),
   * 3rd in (0.8, 1.5) and 4th above, so at W_a = 4 and at the halfway point 2.
   */
  function window(): Prepared {
    return twoDimensions(["0101", "0102", "0103", "0104", "0105", "0199"], [100, 40, 50, 60, 60, 0], [100, 53, 50, 42, 35, 0]);
  }

  it("reach a rank that no move to a bound or halfway reaches", () => {
    const prepared = window();
    const options = {bounds: {a: [0, 4], b: [1, 1]}, kpiBounds: FIXED_KPIS, weights: {dimensions: {a: 0}, indicators: {}}} as const;
    // The moves from the floor: to 0 and halfway to 0 (both back at the floor), to 4 and to 2 (4th).
    for (const a of [4e-4, 4, 2]) expect(score(prepared, {dimensions: {a, b: 1}}).ranks.overall[2]).toBe(a < 1 ? 3 : 4);
    const found = foundRankRange(prepared, "0103", options)!;
    expect(found.bestFoundRank).toBe(2);
    expect(found.bestWeights.dimensions.a).toBeGreaterThan(0.3);
    expect(found.bestWeights.dimensions.a).toBeLessThan(0.8);
    expect(score(prepared, found.bestWeights).ranks.overall[2]).toBe(2);
  });
});

describe("foundRankRange: random restarts on wide bounds", () => {
  /**
   * The same shape scaled to W_a in [0, 400]: p = 0102 (49.75, 80) beats m = 0103 (50, 50) where W_a < 120,
   * r = 0104 (50.25, 5) where W_a > 180, s = 0105 (50.25, 2.5) where W_a > 190. m is 3rd at the floor 0.04 (the
   * start), 2nd only in (120, 180), 4th at 400 and at the halfway point 200.02. A restart moves W_a up to halfway
   * to a random point of [0, 400], so steps of tens are common and the window is reached.
   */
  it("reach a window far from the start", () => {
    const codes = ["0101", "0102", "0103", "0104", "0105", "0199"];
    const prepared = twoDimensions(codes, [100, 49.75, 50, 50.25, 50.25, 0], [100, 80, 50, 5, 2.5, 0]);
    for (const [a, rank] of [[0.04, 3], [150, 2], [185, 3], [200.02, 4], [400, 4]] as const) expect(score(prepared, {dimensions: {a, b: 1}}).ranks.overall[2]).toBe(rank);
    const found = foundRankRange(prepared, "0103", {bounds: {a: [0, 400], b: [1, 1]}, kpiBounds: FIXED_KPIS, weights: {dimensions: {a: 0}, indicators: {}}})!;
    expect(found.bestFoundRank).toBe(2);
    expect(found.bestWeights.dimensions.a).toBeGreaterThan(120);
    expect(found.bestWeights.dimensions.a).toBeLessThan(180);
  });
});

describe("foundRankRange: the key without a neighbour", () => {
  it("takes rank 1 next to a municipality that is not ranked", () => {
    // q = 0101 (100, 99.95), m = 0103 (0, 100), z = 0104 (50, 0); 0102 lacks b: not ranked (no total).
    // m passes q where W_a < 5e-4: at the floor 1e-4 of W_a in [0, 1], found by the first move (to 0).
    const prepared = twoDimensions(["0101", "0102", "0103", "0104"], [100, 30, 0, 50], [99.95, null, 100, 0]);
    expect(score(prepared).eligible[1]).toBe(0);
    const found = foundRankRange(prepared, "0103", {bounds: {a: [0, 1], b: [1, 1]}, kpiBounds: FIXED_KPIS, evaluations: 20})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([1, 2]);
  });
});
