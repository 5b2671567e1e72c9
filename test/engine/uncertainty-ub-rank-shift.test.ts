/**
 * The rank shift of engine/uncertainty.ts (Y of the Sobol analysis, and
 * `rankShift` of a Monte Carlo result): the mean |rank - nominal rank| over
 * the municipalities ranked in BOTH rankings, 0 when there is none.
 */
import {describe, expect, it} from "vitest";
import {createUncertaintyContext, rankWeights, uncertaintyAnalysis, type Model, type ValueMatrix} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/** One KPI per dimension, Wa = 1, Wb = 1.2 (as in uncertainty.test.ts). */
function twoDimensions(): Model {
  return model(
    [
      ["a", 1],
      ["b", 1.2]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "higher_better", 1]
    ]
  );
}

/**
 * 0501-0503 as matrix3 of uncertainty.test.ts (z-scores a: +1 -1 0, b: -1 +1 0);
 * 0504 has N00001 = 4 only and no N00002.
 */
function withHalfMissing(): ValueMatrix {
  const codes = ["0501", "0502", "0503", "0504"];
  return matrixOf(codes, rowsForYear(2022, codes, {N00001: [3, 1, 2, 4], N00002: [1, 3, 2, null]}));
}

describe("rankShift", () => {
  it("counts only the municipalities ranked in both rankings", () => {
    const ctx = createUncertaintyContext(withHalfMissing(), twoDimensions(), {kind: "nomination", year: 2022});
    // Nominal: 0504 lacks dimension b, so it is unranked. The others: z(a) over 3 1 2 4 is
    // (+0.5 -1.5 -0.5) / sd, z(b) = -1 +1 0; with sd = 1.29 the totals (Wa za + Wb zb) / 2.2 are
    // 0501 (0.39 - 1.2) / 2.2 = -0.37, 0502 (-1.16 + 1.2) / 2.2 = +0.02, 0503 -0.39 / 2.2 = -0.18:
    // 0502 1st, 0503 2nd, 0501 3rd.
    expect(Array.from(ctx.nominal.eligible)).toEqual([1, 1, 1, 0]);
    expect(Array.from(ctx.nominal.ranks.withinGroup).slice(0, 3)).toEqual([3, 1, 2]);
    // Only N00001 (dimension b and N00002 weighted 0): everyone is ranked by N00001,
    // 0504 (4) 1st, 0501 (3) 2nd, 0503 (2) 3rd, 0502 (1) 4th.
    const p = ctx.nominalPrepared;
    const onlyA = rankWeights(p, {dimensions: Float64Array.from([1, 0]), indicators: Float64Array.from([1, 0]), effective: Float64Array.from([1, 0])});
    expect(Array.from(onlyA.eligible)).toEqual([1, 1, 1, 1]);
    expect(Array.from(onlyA.ranks.withinGroup)).toEqual([2, 4, 3, 1]);
    // Ranked in both: 0501 |2 - 3|, 0502 |4 - 1|, 0503 |3 - 2|: (1 + 3 + 1) / 3. 0504 does not count.
    expect(ctx.rankShift(onlyA)).toBeCloseTo(5 / 3, 14);
    // Against itself the shift is 0.
    expect(ctx.rankShift(ctx.nominal)).toBe(0);
  });

  it("is 0 when no municipality is ranked in the other ranking", () => {
    const ctx = createUncertaintyContext(withHalfMissing(), twoDimensions(), {kind: "nomination", year: 2022});
    // All dimension weights 0: nobody is ranked.
    const none = rankWeights(ctx.nominalPrepared, {dimensions: Float64Array.from([0, 0]), indicators: Float64Array.from([1, 1]), effective: Float64Array.from([1, 1])});
    expect(Array.from(none.eligible)).toEqual([0, 0, 0, 0]);
    expect(ctx.rankShift(none)).toBe(0);
  });

  it("Monte Carlo: a municipality never ranked does not dilute the shift", () => {
    // With the z-scores above, 0501 beats 0503 and 0503 beats 0502 under the same condition,
    // 0.775 Wa > Wb: then the order reverses (0501, 0503, 0502 against the nominal 0502, 0503, 0501),
    // shift (2 + 2 + 0) / 3 = 4/3; else it is the nominal order, shift 0. 0504 is never ranked
    // (it lacks dimension b); counted, it would make the shift 4/4 = 1.
    const r = uncertaintyAnalysis(withHalfMissing(), twoDimensions(), {kind: "nomination", year: 2022, draws: 200, seed: 7, vary: {kpiWeights: false}});
    expect(r.rows[3]!.rankedShare).toBe(0);
    const shifts = new Set(Array.from(r.rankShift, (x) => Math.round(x * 1e12) / 1e12));
    expect(shifts).toEqual(new Set([0, Math.round((4 / 3) * 1e12) / 1e12]));
  });

  it("Monte Carlo: with nobody ranked (every dimension weight 0) every draw's shift is 0", () => {
    const r = uncertaintyAnalysis(withHalfMissing(), twoDimensions(), {
      kind: "nomination",
      year: 2022,
      draws: 5,
      seed: 1,
      weights: {dimensions: {a: 0, b: 0}, indicators: {}}
    });
    expect(Array.from(r.rankShift)).toEqual([0, 0, 0, 0, 0]);
    expect(r.rows.map((x) => [x.rankedShare, x.medianRank, x.q05, x.q95])).toEqual([
      [0, null, null, null],
      [0, null, null, null],
      [0, null, null, null],
      [0, null, null, null]
    ]);
  });
});
