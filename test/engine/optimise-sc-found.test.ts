/**
 * foundRankRange (src/engine/optimise.ts): the local search for the best and
 * worst rank FOUND when KPI weights vary too ("bästa funna"), on tiny cases
 * with minmax scores (each KPI has 0 and 100 among its values, so a KPI score
 * is the value itself) and hand-computed totals. Most cases have a single
 * variable, the weight W_a of dimension a (W_b and every KPI weight fixed by
 * equal bounds), so S(m) = (W_a A + W_b B) / (W_a + W_b) and the moves the
 * search tries are easy to follow: to a bound, then halfway to each bound.
 * Checked: bad input (messages), the grouping and minimum-steadiness options,
 * municipalities not ranked now or at some weighting, the cap of an infinite
 * bound, the zero-weight floor, KPI weight bounds, the key (rank, then the
 * gap to the neighbour that decides the next rank, within the group), the
 * start points and the evaluation budget.
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, foundRankRange, prepareImprovement, prepareNomination, score, type Prepared, type ValueRow} from "../../src/engine/index.ts";
import {model, municipalities, rowsForSeries, rowsForYear} from "./fixtures.ts";

/** KPI weights fixed at 1 (equal bounds): only dimension weights move. */
const FIXED_KPIS = {N01001: [1, 1], N02001: [1, 1]} as const;

/** Dimensions a (weight `weightA`) and b (weight `weightB`), one KPI each, minmax scores equal to the values. */
function twoDimensions(codes: string[], a: number[], b: number[], options: {weightA?: number; weightB?: number; groups?: string[]} = {}): Prepared {
  const M = model(
    [
      ["a", options.weightA ?? 2],
      ["b", options.weightB ?? 1]
    ],
    [
      ["N01001", "a", "higher_better", 1],
      ["N02001", "b", "higher_better", 1]
    ]
  );
  const kpis = ["N01001", "N02001"];
  const matrix = buildMatrix({municipalities: municipalities(codes, options.groups ?? []), values: rowsForYear(2022, codes, {N01001: a, N02001: b}), kpis});
  return prepareNomination(matrix, M, 2022, {normalisation: "minmax"});
}

/**
 * 0101 j (100, 100) is always first, 0103 k (0, 0) always last, so m = 0102 (60, 40) is 2nd at every weighting.
 * With W_b = 1 and W_a in [1, 3]: S_m = (60 W_a + 40) / (W_a + 1) = 50, 53.33 (start, W_a = 2), 55.
 */
function alwaysSecond(): Prepared {
  return twoDimensions(["0101", "0102", "0103"], [100, 60, 0], [100, 40, 0]);
}

/**
 * 0101 j (100, 100) first and 0104 k (0, 0) last; m = 0103 (60, 40) and p = 0102 (50, 62) cross at W_a = 2.2 (W_b = 1):
 * S_p = (50 W_a + 62) / (W_a + 1) = 56, 54, 53 at W_a = 1, 2, 3; S_m = 50, 53.33, 55. So m is 3rd for W_a < 2.2, 2nd above.
 */
function crossing(): Prepared {
  return twoDimensions(["0101", "0102", "0103", "0104"], [100, 50, 60, 0], [100, 62, 40, 0]);
}

const ONE_TO_THREE = {a: [1, 3], b: [1, 1]} as const;

describe("foundRankRange: bad input", () => {
  it("rejects an unknown municipality code", () => {
    expect(() => foundRankRange(alwaysSecond(), "9999")).toThrow(new RangeError("unknown municipality 9999"));
  });

  it("rejects KPI bounds of an unknown KPI, a lower bound below 0 or not finite, and an upper bound below the lower", () => {
    const prepared = alwaysSecond();
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N99999: [0, 1]}})).toThrow(new RangeError('KPI weight bounds: unknown KPI "N99999"'));
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N01001: [-1, 1]}})).toThrow(new RangeError("KPI weight bounds of N01001: lower bound must be a finite number >= 0 (got -1)"));
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N02001: [Number.NaN, 1]}})).toThrow(new RangeError("KPI weight bounds of N02001: lower bound must be a finite number >= 0 (got NaN)"));
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N01001: [Infinity, Infinity]}})).toThrow(new RangeError("KPI weight bounds of N01001: lower bound must be a finite number >= 0 (got Infinity)"));
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N01001: [2, 1]}})).toThrow(new RangeError("KPI weight bounds of N01001: upper bound must be finite and >= the lower bound (got 1)"));
    expect(() => foundRankRange(prepared, "0102", {kpiBounds: {N01001: [0, Infinity]}})).toThrow(new RangeError("KPI weight bounds of N01001: upper bound must be finite and >= the lower bound (got Infinity)"));
  });

  it("accepts a lower bound of 0 and equal bounds (a fixed KPI weight)", () => {
    const found = foundRankRange(alwaysSecond(), "0102", {bounds: ONE_TO_THREE, kpiBounds: {N01001: [0, 1], N02001: [1, 1]}, evaluations: 20})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 2]);
    expect(found.bestWeights.indicators.N02001).toBe(1);
    expect(found.worstWeights.indicators.N02001).toBe(1);
  });
});

describe("foundRankRange: the key is the rank, then the gap to the neighbour that decides the next rank", () => {
  it("when the rank cannot change, the best weights bring m closest to the one ahead and the worst closest to the one behind", () => {
    // Best: gap to j = 100 - S_m, smallest (45) at W_a = 3. Worst: gap to k = S_m - 0, smallest (50) at W_a = 1.
    const found = foundRankRange(alwaysSecond(), "0102", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS})!;
    expect(found).toMatchObject({code: "0102", label: "bästa funna", exact: false, bestFoundRank: 2, worstFoundRank: 2});
    expect(found.bestWeights).toEqual({dimensions: {a: 3, b: 1}, indicators: {N01001: 1, N02001: 1}});
    expect(found.worstWeights).toEqual({dimensions: {a: 1, b: 1}, indicators: {N01001: 1, N02001: 1}});
  });

  it("with grouping, the neighbour is the next municipality of m's own group, not the next one overall", () => {
    // Overall order at every weighting: j 0101 (B3), x 0102 (A1), m 0103 (B3), y 0104 (A1), k 0105 (B3); m is 2nd in B3.
    // The A1 rows come first in the table (A1 < B3). Gaps within B3: to j (100 - S_m) smallest at W_a = 3,
    // to k (S_m) smallest at W_a = 1. The other group's neighbours would pull the other way:
    // x (100, 60): S_x - S_m = 30, 33.3, 35 at W_a = 1, 2, 3; y (50, 0): S_m - S_y = 25, 20, 17.5.
    const prepared = twoDimensions(["0101", "0102", "0103", "0104", "0105"], [100, 100, 60, 50, 0], [100, 60, 40, 0, 0], {groups: ["B3", "A1", "B3", "A1", "B3"]});
    const found = foundRankRange(prepared, "0103", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, grouping: "kommungrupp"})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 2]);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
    expect(found.worstWeights.dimensions).toEqual({a: 1, b: 1});
    // Without grouping m is 3rd overall everywhere.
    const overall = foundRankRange(prepared, "0103", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, evaluations: 20})!;
    expect([overall.bestFoundRank, overall.worstFoundRank]).toEqual([3, 3]);
  });

  it("a better rank wins over any gap: rank 2 with a gap of 45 beats rank 3 with a gap of 0.67", () => {
    // Start W_a = 2: m 3rd, 0.67 behind p. W_a = 3: m 2nd, 45 behind j. W_a = 1: 3rd, 6 behind p.
    const found = foundRankRange(crossing(), "0103", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 3]);
    expect(score(crossing(), found.bestWeights).ranks.overall[2]).toBe(2);
  });
});

describe("foundRankRange: the moves, to a bound and halfway to each bound", () => {
  /**
   * W_a in [1, 5], W_b = 1; m = 0103 (50, 50). A competitor (50 - 10, 50 + 10 t) beats m where W_a < t,
   * one at (50 + 10, 50 - 10 t) where W_a > t. With p (t = 2.99, below) and r (t = 3.01, above) m passes both only
   * in the window (2.99, 3.01), around the midpoint 3 of the bounds. 0101 (100, 100) is always first, 0199 (0, 0) last.
   */
  function window(extra: [number, number]): Prepared {
    return twoDimensions(["0101", "0102", "0103", "0104", "0105", "0199"], [100, 40, 50, 60, extra[0], 0], [100, 79.9, 50, 19.9, extra[1], 0], {weightA: 1});
  }
  const bounds = {a: [1, 5], b: [1, 1]} as const;

  it("from the lower bound, the halfway move up finds the window the upper bound misses", () => {
    // s = 0105 (60, 5) beats m where W_a > 4.5: m is 3rd at W_a = 1 (start), 4th at 5, 2nd at 3.
    // Evaluations: the start, W_a = 5 (worse), W_a = (1 + 5) / 2 = 3 (better): the budget of 3 is used up.
    const found = foundRankRange(window([60, 5]), "0103", {bounds, kpiBounds: FIXED_KPIS, weights: {dimensions: {a: 1}, indicators: {}}, evaluations: 3})!;
    expect(found.bestFoundRank).toBe(2);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
  });

  it("from the upper bound, the halfway move down finds the window the lower bound misses", () => {
    // s' = 0105 (40, 65) beats m where W_a < 1.5: m is 3rd at W_a = 5 (start), 4th at 1, 2nd at 3.
    const found = foundRankRange(window([40, 65]), "0103", {bounds, kpiBounds: FIXED_KPIS, weights: {dimensions: {a: 5}, indicators: {}}, evaluations: 3})!;
    expect(found.bestFoundRank).toBe(2);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
  });
});

describe("foundRankRange: municipalities not ranked now or at some weighting", () => {
  /**
   * Dimensions a (N01001, N01002) and b (N02001, N02002), W fixed at 1; N01001 and N01002 may weigh 0 to 1.
   * 0103 has N01001 and N02001 only: 2 of 4 KPIs, not ranked now; ranked (2 of 3) if N01002 weighed 0.
   * 0104 lacks N01002 only (3 of 4, ranked, 100 everywhere: 1st); with N01001 at 0 it has no weighted KPI in a.
   * (0105 gives N01002 a third value: a KPI with fewer than 3 is left out of the year.)
   */
  function coverage(): Prepared {
    const codes = ["0101", "0102", "0103", "0104", "0105"];
    const kpis = ["N01001", "N01002", "N02001", "N02002"];
    const M = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ["N01001", "a", "higher_better", 1],
        ["N01002", "a", "higher_better", 1],
        ["N02001", "b", "higher_better", 1],
        ["N02002", "b", "higher_better", 1]
      ]
    );
    const rows = rowsForYear(2022, codes, {N01001: [0, 50, 50, 100, 25], N01002: [0, 100, null, null, 25], N02001: [0, 50, 50, 100, 25], N02002: [0, 50, null, 100, 25]});
    return prepareNomination(buildMatrix({municipalities: municipalities(codes), values: rows, kpis}), M, 2022, {normalisation: "minmax"});
  }
  const options = {bounds: {a: [1, 1], b: [1, 1]}, kpiBounds: {N01001: [0, 1], N01002: [0, 1], N02001: [1, 1], N02002: [1, 1]}, evaluations: 30} as const;

  it("gives null for a municipality not ranked at the current weights, even if some KPI weighting would rank it", () => {
    expect(score(coverage(), {dimensions: {}, indicators: {N01002: 0}}).eligible[2]).toBe(1);
    expect(foundRankRange(coverage(), "0103", options)).toBeNull();
  });

  it("never takes a weighting at which m is not ranked", () => {
    const found = foundRankRange(coverage(), "0104", options)!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([1, 1]);
    for (const weights of [found.bestWeights, found.worstWeights]) expect(score(coverage(), weights).ranks.overall[3]).toBe(1);
  });
});

describe("foundRankRange: bounds of the weights", () => {
  it("caps an infinite upper bound at 10x the largest finite bound", () => {
    // W_b = 2 fixed, W_a in [1, ∞) capped at 20. m = 0102 (60, 0) passes q = 0103 (50, 60) where 10 W_a > 60 W_b, W_a > 12.
    const prepared = twoDimensions(["0101", "0102", "0103", "0104"], [100, 60, 50, 0], [100, 0, 60, 0], {weightB: 2});
    const found = foundRankRange(prepared, "0102", {bounds: {a: [1, Infinity], b: [2, 2]}, kpiBounds: FIXED_KPIS})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 3]);
    expect(found.bestWeights.dimensions).toEqual({a: 20, b: 2});
    expect(found.worstWeights.dimensions.a).toBeLessThanOrEqual(20);
  });

  /** q = 0101 (100, qb), m = 0102 (0, 100), z = 0103 (50, 0); W_b = 1: m passes q where 100 > 100 W_a + qb. */
  function nearZero(qb: number): Prepared {
    return twoDimensions(["0101", "0102", "0103"], [100, 0, 50], [qb, 100, 0], {weightA: 0.5});
  }

  it("keeps a dimension with lower bound 0 at least at the floor 1e-4 x its upper bound, never at 0", () => {
    // qb = 99.95: m passes q where W_a < 5e-4; the floor is 1e-4 (upper bound 1).
    const found = foundRankRange(nearZero(99.95), "0102", {bounds: {a: [0, 1], b: [1, 1]}, kpiBounds: FIXED_KPIS})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([1, 2]);
    // Rank 1 needs W_a < 5e-4; any such weight at or above the floor will do.
    expect(found.bestWeights.dimensions.a).toBeGreaterThanOrEqual(1e-4);
    expect(found.bestWeights.dimensions.a).toBeLessThan(5e-4);
    expect(found.worstWeights.dimensions.a).toBeLessThanOrEqual(1);
  });

  it("takes a lower bound > 0 as it is, even below the floor", () => {
    // qb = 99.995: m passes q where W_a < 5e-5, reached at the lower bound 1e-6 (the floor would be 1e-4).
    const found = foundRankRange(nearZero(99.995), "0102", {bounds: {a: [1e-6, 1], b: [1, 1]}, kpiBounds: FIXED_KPIS})!;
    expect(found.bestFoundRank).toBe(1);
    expect(found.bestWeights.dimensions.a).toBeGreaterThanOrEqual(1e-6);
    expect(found.bestWeights.dimensions.a).toBeLessThan(5e-5);
  });

  /**
   * Dimension a has N01001 (weight w, bounds [1, 4], now 2) and N01002 (fixed 1), b has N02001 (fixed 1); W fixed at 1.
   * j = 0101 (50, 50, 100): 75. m = 0102 (100, 0, 50): (100 w / (w + 1) + 50) / 2 = 50, 58.3, 65 at w = 1, 2, 4.
   * q = 0103 (0, 100, 60): (100 / (w + 1) + 60) / 2 = 55, 46.7, 40. z = 0104 (50, 50, 0): 25.
   * So m is 2nd for w > 11/9 and 3rd below. `unusable`: N01000 (in a, before N01001) has no values in 2022.
   */
  function kpiWeighted(unusable = false): Prepared {
    const codes = ["0101", "0102", "0103", "0104"];
    const kpis = [...(unusable ? ["N01000"] : []), "N01001", "N01002", "N02001"];
    const M = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ...(unusable ? [["N01000", "a", "higher_better", 1] as [string, string, "higher_better", number]] : []),
        ["N01001", "a", "higher_better", 2],
        ["N01002", "a", "higher_better", 1],
        ["N02001", "b", "higher_better", 1]
      ]
    );
    const rows = rowsForYear(2022, codes, {N01001: [50, 100, 0, 50], N01002: [50, 0, 100, 50], N02001: [100, 50, 60, 0]});
    return prepareNomination(buildMatrix({municipalities: municipalities(codes), values: rows, kpis}), M, 2022, {normalisation: "minmax"});
  }
  const kpiOptions = {bounds: {a: [1, 1], b: [1, 1]}, kpiBounds: {N01001: [1, 4], N01002: [1, 1], N02001: [1, 1]}} as const;

  it("moves a KPI weight within its bounds, up and down", () => {
    const found = foundRankRange(kpiWeighted(), "0102", kpiOptions)!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 3]);
    expect(found.worstWeights.indicators.N01001).toBeLessThan(11 / 9);
    for (const weights of [found.bestWeights, found.worstWeights]) {
      expect(weights.indicators.N01001).toBeGreaterThanOrEqual(1);
      expect(weights.indicators.N01001).toBeLessThanOrEqual(4);
    }
    // The first move of the worst search: N01001 to its lower bound 1 (the start and that move: 2 evaluations).
    const quick = foundRankRange(kpiWeighted(), "0102", {...kpiOptions, evaluations: 2})!;
    expect(quick.worstFoundRank).toBe(3);
    expect(quick.worstWeights.indicators.N01001).toBe(1);
  });

  it("does not spend moves on a KPI left out of the year", () => {
    const prepared = kpiWeighted(true);
    expect(prepared.indicators.map((i) => i.usable)).toEqual([false, true, true, true]);
    const quick = foundRankRange(prepared, "0102", {...kpiOptions, evaluations: 2})!;
    expect(quick.worstFoundRank).toBe(3);
    expect(quick.worstWeights.indicators.N01001).toBe(1);
  });
});

describe("foundRankRange: start points, current weights and the budget", () => {
  it("takes a start point only when it is better for that direction", () => {
    // Budget 1: the current weights (W_a = 2, 3rd) and the start point (W_a = 3, 2nd), nothing else.
    const found = foundRankRange(crossing(), "0103", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, evaluations: 1, start: {bestWeights: {a: 3, b: 1}, worstWeights: {a: 3, b: 1}}})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 3]);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
    expect(found.worstWeights.dimensions).toEqual({a: 2, b: 1});
    expect(found.evaluations).toBe(4);
  });

  it("starts from the current weights given, not the model's", () => {
    // Current W_a = 3 (2nd); the start point W_a = 1 is 3rd: better for the worst rank only.
    const found = foundRankRange(crossing(), "0103", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, weights: {dimensions: {a: 3}, indicators: {}}, evaluations: 1, start: {bestWeights: {a: 1, b: 1}, worstWeights: {a: 1, b: 1}}})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([2, 3]);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
    expect(found.worstWeights.dimensions).toEqual({a: 1, b: 1});
  });

  it("counts every score() evaluation of both directions", () => {
    // Budget 1, no start point: the current weights only, once per direction.
    expect(foundRankRange(alwaysSecond(), "0102", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, evaluations: 1})!.evaluations).toBe(2);
    // Budget 3. Best: start (W_a = 2), W_a = 1 (worse), W_a = 3 (better, the round ends): 3.
    // Worst: start, W_a = 1 (better); next round W_a = 3 (worse), the halfway moves are 1 (= now) and 2 (over budget),
    // then one random restart: 4.
    expect(foundRankRange(alwaysSecond(), "0102", {bounds: ONE_TO_THREE, kpiBounds: FIXED_KPIS, evaluations: 3})!.evaluations).toBe(7);
  });
});

describe("foundRankRange: improvement rankings with a minimum steadiness", () => {
  /**
   * Improvement 2019-2022, both KPIs with the same series per municipality. m = 0102 rises 1 a year (steadiness 1);
   * c = 0101 jumps by 30 and then falls twice (a larger Theil-Sen slope, steadiness 1/3); z = 0103 falls (steadiness 0).
   */
  function improvement(): Prepared {
    const years = [2019, 2020, 2021, 2022];
    const series: Record<string, number[]> = {"0101": [10, 40, 39, 38], "0102": [10, 11, 12, 13], "0103": [13, 12, 11, 10]};
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
    const codes = Object.keys(series);
    const rows: ValueRow[] = rowsForSeries(years, {N01001: series, N02001: series});
    return prepareImprovement(buildMatrix({municipalities: municipalities(codes), values: rows, kpis: ["N01001", "N02001"]}), M, 2022);
  }

  it("ranks only the steady municipalities when a minimum is given", () => {
    expect(score(improvement()).ranks.overall[1]).toBe(2);
    const found = foundRankRange(improvement(), "0102", {minSteadiness: 0.5, evaluations: 30})!;
    expect([found.bestFoundRank, found.worstFoundRank]).toEqual([1, 1]);
    expect(foundRankRange(improvement(), "0101", {minSteadiness: 0.5, evaluations: 30})).toBeNull();
  });
});
