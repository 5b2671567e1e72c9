/**
 * The indicator audit's edges, on tiny hand-made data: the RangeError guards,
 * pair completion, the correlation matrix diagonal, Cronbach's alpha, rank-shift
 * counts, effective weight shares with zero weights, flag thresholds at their
 * exact boundaries and the influence ratio when a weighted KPI has no r.
 * Every expected value is computed by hand in the comment next to it.
 */
import {describe, expect, it} from "vitest";
import {
  auditIndicators,
  averageRanks,
  compareRankings,
  cronbachAlpha,
  effectiveWeightShares,
  modelWithoutDimension,
  modelWithoutKpi,
  parseModel,
  pearsonCorrelation,
  prepareImprovement,
  prepareNomination,
  reprepare,
  spearmanCorrelation,
  spearmanMatrix,
  type ScoreResult
} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

const codes = (n: number) => Array.from({length: n}, (_, i) => String(1000 + i * 7).padStart(4, "0"));

describe("pair completion and Pearson", () => {
  it("columns of different length are a RangeError naming both lengths", () => {
    expectThrows(() => pearsonCorrelation([1, 2, 3], [1, 2]), RangeError, "columns of different length (3 and 2)");
    expectThrows(() => spearmanCorrelation([1, 2], [1, 2, 3]), RangeError, "columns of different length (2 and 3)");
    expectThrows(() => spearmanMatrix([[1, 2, 3], [1, 2]]), RangeError, "columns of different length (3 and 2)");
  });

  it("a pair with y missing is dropped even when x is present", () => {
    // Pairs (1,1) (2,3) (3,2) (4,4) after dropping (10, NaN): the hand calculation of
    // audit.test.ts, deviations -1.5 -0.5 0.5 1.5 and -1.5 0.5 -0.5 1.5: 4 / 5.
    expect(pearsonCorrelation([10, 1, 2, 3, 4], [NaN, 1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    // (2,1) (3,2) (4,3) (5,4): identical deviations, r = 5 / sqrt(5 * 5) = 1 exactly.
    expect(pearsonCorrelation([1, 2, 3, 4, 5], [NaN, 1, 2, 3, 4])).toBe(1);
  });

  it("three pairs are enough for a correlation", () => {
    // x 1 2 3, y 1 3 2: deviations -1 0 1 and -1 1 0: sxy = 1, sxx = syy = 2, r = 1/2.
    expect(pearsonCorrelation([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 15);
    expect(spearmanCorrelation([10, 20, 30], [1, 3, 2])).toBeCloseTo(0.5, 15);
  });
});

describe("averageRanks output", () => {
  it("is a plain typed array: only index keys, so it serialises as its ranks", () => {
    // 2 -> rank 2, NaN stays NaN (null in JSON), 1 -> rank 1.
    const ranks = averageRanks([2, NaN, 1]);
    expect(Object.keys(ranks)).toEqual(["0", "1", "2"]);
    expect(JSON.stringify(ranks)).toBe('{"0":2,"1":null,"2":1}');
  });
});

describe("spearmanMatrix diagonal and ties", () => {
  it("the diagonal is 1 where a KPI has a defined correlation and null where it has none", () => {
    const {r, n} = spearmanMatrix([
      [1, 2, 3, 4],
      [NaN, NaN, NaN, NaN], // no values: null
      [5, 5, 5, 5], // constant: null
      [1, 2, NaN, NaN], // 2 values < 3 pairs: null
      [1, 1, 2, 3] // ties
    ]);
    expect([0, 1, 2, 3, 4].map((i) => r[i]![i])).toEqual([1, null, null, null, 1]);
    expect([0, 1, 2, 3, 4].map((i) => n[i]![i])).toEqual([4, 0, 4, 2, 4]);
    expect(r[0]![3]).toBeNull();
    expect(n[0]![3]).toBe(2);
    // Column 0 ranks 1 2 3 4 (dev -1.5 -0.5 0.5 1.5), column 4 average ranks 1.5 1.5 3 4
    // (mean 2.5, dev -1 -1 0.5 1.5): sxy = 1.5 + 0.5 + 0.25 + 2.25 = 4.5, sxx = 5,
    // syy = 1 + 1 + 0.25 + 2.25 = 4.5: r = 4.5 / sqrt(22.5) = sqrt(0.9).
    expect(r[0]![4]).toBeCloseTo(Math.sqrt(0.9), 14);
    expect(r[4]![0]).toBe(r[0]![4]);
  });
});

describe("cronbachAlpha guards", () => {
  it("two cases are enough: hand value", () => {
    // A 1 2 (var 0.5), B 1 3 (var 2), sums 2 5 (var 4.5): alpha = 2 * (1 - 2.5/4.5) = 8/9.
    expect(cronbachAlpha([[1, 2], [1, 3]])).toBeCloseTo(8 / 9, 14);
  });

  it("fewer than 2 cases is null before the items are checked", () => {
    expect(cronbachAlpha([[1], [2, 3]])).toBeNull();
    expect(cronbachAlpha([[], []])).toBeNull();
  });

  it("items of different length and incomplete cases are RangeErrors", () => {
    expectThrows(() => cronbachAlpha([[1, 2, 3], [1, 2]]), RangeError, "items of different length");
    expectThrows(() => cronbachAlpha([[1, NaN, 3], [1, 2, 3]]), RangeError, "cronbachAlpha needs complete cases");
  });
});

describe("model helpers", () => {
  it("removing a dimension or KPI the model lacks is a RangeError naming it", () => {
    const m = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ["A00001", "a", "higher_better", 1],
        ["B00001", "b", "higher_better", 1]
      ]
    );
    expectThrows(() => modelWithoutDimension(m, "zz"), RangeError, "dimension zz is not in the model");
    expectThrows(() => modelWithoutKpi(m, "X00000"), RangeError, "KPI X00000 is not in the model");
    // A model with one dimension: removing it works (an empty model, not an error).
    const one = model([["a", 1]], [["A00001", "a", "higher_better", 1]]);
    expect(modelWithoutDimension(one, "a").dimensions).toEqual([]);
  });
});

/** A ScoreResult carrying only what compareRankings reads: overall ranks (0 = unranked) and codes. */
function ranking(overall: number[]): ScoreResult {
  return {ranks: {overall: Int32Array.from(overall)}, prepared: {municipalities: overall.map((_, i) => ({code: `c${i}`}))}} as unknown as ScoreResult;
}

describe("compareRankings by hand", () => {
  // with:    c0 1, c1 2, c2 3, c3 -, c4 4, c5 5
  // without: c0 2, c1 -, c2 1, c3 3, c4 -, c5 4
  const withIt = ranking([1, 2, 3, 0, 4, 5]);
  const without = ranking([2, 0, 1, 3, 0, 4]);
  const removed = {kind: "kpi" as const, id: "X"};

  it("counts ranked with, without and both; shifts only over those ranked both", () => {
    const d = compareRankings(withIt, without, 2, removed);
    // Ranked with: 5 (all but c3); without: 4 (all but c1, c4); both: c0 c2 c5.
    expect(d.rankedWith).toBe(5);
    expect(d.rankedWithout).toBe(4);
    expect(d.rankedBoth).toBe(3);
    // |Δ|: c0 |1-2| = 1, c2 |3-1| = 2, c5 |5-4| = 1: mean 4/3, max 2.
    expect(d.meanAbsRankShift).toBeCloseTo(4 / 3, 15);
    expect(d.maxAbsRankShift).toBe(2);
    // Top 2 with {c0, c1}, without {c2 (1), c0 (2)}: c1 leaves, c2 enters.
    expect(d).toMatchObject({topN: 2, left: ["c1"], entered: ["c2"], topNChanges: 1, removed});
  });

  it("top N of 1 and 3", () => {
    // Top 1: c0 with, c2 without.
    expect(compareRankings(withIt, without, 1, removed)).toMatchObject({left: ["c0"], entered: ["c2"], topNChanges: 1});
    // Top 3 with {c0 c1 c2}, without {c2 c0 c3}: c1 leaves, c3 enters.
    expect(compareRankings(withIt, without, 3, removed)).toMatchObject({left: ["c1"], entered: ["c3"], topNChanges: 1});
    // Top 5 with {c0 c1 c2 c4 c5}, without {c0 c2 c3 c5}: c1 and c4 leave, c3 enters: max(1, 2) = 2.
    expect(compareRankings(withIt, without, 5, removed)).toMatchObject({left: ["c1", "c4"], entered: ["c3"], topNChanges: 2});
  });

  it("nobody ranked without: no shifts (null), the whole top N leaves", () => {
    const d = compareRankings(withIt, ranking([0, 0, 0, 0, 0, 0]), 3, removed);
    expect(d).toMatchObject({rankedWith: 5, rankedWithout: 0, rankedBoth: 0, meanAbsRankShift: null, maxAbsRankShift: null, left: ["c0", "c1", "c2"], entered: [], topNChanges: 3});
  });

  it("top N must be a whole number >= 1; the rankings must have the same municipalities", () => {
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expectThrows(() => compareRankings(withIt, without, n, removed), RangeError, `top N must be a whole number >= 1 (got ${n})`);
    }
    expectThrows(() => compareRankings(withIt, ranking([1, 2, 3, 4, 5]), 2, removed), RangeError, "the rankings have different municipalities");
  });
});

/** A ScoreResult carrying only what effectiveWeightShares reads. */
function weighted(W: number[], w: number[], dimensionOf: number[]): ScoreResult {
  return {
    prepared: {dimensions: W.map((_, d) => ({id: `d${d}`})), nKpis: w.length, kpiDimension: Int32Array.from(dimensionOf), indicators: w.map((_, k) => ({kpi: `k${k}`}))},
    weights: {dimensions: Float64Array.from(W), effective: Float64Array.from(w)}
  } as unknown as ScoreResult;
}

describe("effectiveWeightShares with zero weights", () => {
  it("a dimension weighted 0 and a KPI weighted 0 get 0; the rest W/ΣW · w/Σw", () => {
    // W = 2 0 1 (ΣW = 3); d0: k0 1, k1 3 (Σ 4); d1: k2 5; d2: k3 0, k4 2 (Σ 2).
    // k0 2/3·1/4 = 1/6, k1 2/3·3/4 = 1/2, k2 0 (W 0), k3 0 (w 0), k4 1/3·2/2 = 1/3.
    const s = Array.from(effectiveWeightShares(weighted([2, 0, 1], [1, 3, 5, 0, 2], [0, 0, 1, 2, 2])));
    const expected = [1 / 6, 1 / 2, 0, 0, 1 / 3];
    s.forEach((x, k) => expect(x).toBeCloseTo(expected[k]!, 15));
    expect(s[2]).toBe(0);
    expect(s[3]).toBe(0);
  });

  it("every KPI of a weighted dimension weighted 0: shares 0, not 0/0", () => {
    // d0 (W 1) has k0, k1 both 0; d1 (W 1) has k2 1: k2 = 1/2 · 1/1.
    expect(Array.from(effectiveWeightShares(weighted([1, 1], [0, 0, 1], [0, 0, 1])))).toEqual([0, 0, 0.5]);
  });

  it("every dimension weighted 0: all shares 0", () => {
    expect(Array.from(effectiveWeightShares(weighted([0, 0], [1, 1], [0, 1])))).toEqual([0, 0]);
  });
});

describe("auditIndicators guards", () => {
  const cs = codes(5);
  const m = model([["a", 1]], [["A00001", "a", "higher_better", 1], ["A00002", "a", "higher_better", 1]]);
  const prepared = prepareNomination(matrixOf(cs, rowsForYear(2022, cs, {A00001: [1, 2, 3, 4, 5], A00002: [2, 1, 3, 5, 4]})), m, 2022);

  it("top N must be a whole number >= 1", () => {
    for (const n of [0, -3, 2.5]) {
      expectThrows(() => auditIndicators(prepared, {topN: n}), RangeError, `top N must be a whole number >= 1 (got ${n})`);
      // Also without drop-one (which would otherwise be the first to compare top N).
      expectThrows(() => auditIndicators(prepared, {topN: n, dropOne: false}), RangeError, `top N must be a whole number >= 1 (got ${n})`);
    }
    const audit = auditIndicators(prepared, {topN: 1});
    expect(audit.topN).toBe(1);
    expect(audit.kpis[0]!.drop!.topN).toBe(1);
    // Everyone has both KPIs: 5 ranked.
    expect(audit.ranked).toBe(5);
  });
});

describe("flag thresholds at their boundaries", () => {
  const flagsOf = (audit: ReturnType<typeof auditIndicators>, code: string) => audit.flags.filter((f) => f.code === code);

  it("|r| exactly 0.9 is not double counting; a pair across dimensions has dimension null and no direction conflict", () => {
    // 5 municipalities, all higher_better (z keeps the order). A1 1..5, A2 swaps the last two:
    // Spearman 1 - 6·Σd²/(n(n²-1)) = 1 - 6·2/120 = 0.9 (as Pearson of ranks: 9/10, exact).
    // B1 (dimension b) 5..1 against A1: r = -1.
    const cs = codes(5);
    const m = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ["A00001", "a", "higher_better", 1],
        ["A00002", "a", "higher_better", 1],
        ["B00001", "b", "higher_better", 1]
      ]
    );
    const table = {A00001: [1, 2, 3, 4, 5], A00002: [1, 2, 3, 5, 4], B00001: [5, 4, 3, 2, 1]};
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022), {dropOne: false});
    expect(audit.correlations.r[0]![1]).toBe(0.9);
    // A2 against B1: ranks 1 2 3 5 4 vs 5 4 3 2 1: -0.9, also not > 0.9.
    expect(flagsOf(audit, "double_counting")).toEqual([
      {code: "double_counting", kpis: ["A00001", "B00001"], dimension: null, value: -1, message: "troligen dubbelräkning: A00001 och B00001 har Spearman r = −1,00"}
    ]);
    // -1 across dimensions is no direction conflict; 0.9 inside a is positive.
    expect(flagsOf(audit, "direction_conflict")).toEqual([]);
    // Alpha over the 2 KPIs of a (z values, var 1 each, r = Pearson of raw = 0.9 as above):
    // var(sum) = 2 + 2·0.9 = 3.8, alpha = 2·(1 - 2/3.8) = 18/19. Dimension b has one KPI: no alpha, alphaN 0.
    expect(audit.dimensions[0]).toMatchObject({kpis: ["A00001", "A00002"], alphaN: 5});
    expect(audit.dimensions[0]!.alpha).toBeCloseTo(18 / 19, 12);
    expect(audit.dimensions[1]).toMatchObject({kpis: ["B00001"], alpha: null, alphaN: 0});
  });

  it("r exactly at the bound -2/√n is no direction conflict; beyond it is, with the Swedish message", () => {
    // n = 4: bound -2/√4 = -1 and a reversed pair has r = -1 (ranks dev -1.5..1.5, sxy = -5, sxx = syy = 5).
    const m = model([["a", 1]], [["A00001", "a", "higher_better", 1], ["A00002", "a", "higher_better", 1]]);
    const c4 = codes(4);
    const four = auditIndicators(prepareNomination(matrixOf(c4, rowsForYear(2022, c4, {A00001: [1, 2, 3, 4], A00002: [4, 3, 2, 1]})), m, 2022), {dropOne: false});
    expect(four.correlations.r[0]![1]).toBe(-1);
    expect(flagsOf(four, "direction_conflict")).toEqual([]);
    // n = 5: bound -2/√5 ≈ -0.894 and r = -1 is beyond it.
    const c5 = codes(5);
    const five = auditIndicators(prepareNomination(matrixOf(c5, rowsForYear(2022, c5, {A00001: [1, 2, 3, 4, 5], A00002: [5, 4, 3, 2, 1]})), m, 2022), {dropOne: false});
    expect(flagsOf(five, "direction_conflict")).toEqual([
      {code: "direction_conflict", kpis: ["A00001", "A00002"], dimension: "a", value: -1, message: "riktningskonflikt i dimensionen a: A00001 och A00002 har Spearman r = −1,00 efter riktningsjustering"}
    ]);
    // The same pair is double counting inside its dimension.
    expect(flagsOf(five, "double_counting")).toMatchObject([{kpis: ["A00001", "A00002"], dimension: "a", value: -1}]);
  });

  it("a low outlier: the message reports the points winsorising would replace (a positive count)", () => {
    // 11 values near 10 and one at -75: strongly left-skewed, the JRC rule fires and caps from below.
    const cs = codes(12);
    const values = [10, 9, 9.5, 10.5, 9.8, 9.2, 10.1, 9.9, 9.7, 10.3, 9.6, -75];
    const m = model([["a", 1]], [["A00001", "a", "higher_better", 1], ["A00002", "a", "higher_better", 1]]);
    const table = {A00001: values, A00002: values.map((_, i) => i % 5)};
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022), {dropOne: false});
    const k = audit.kpis[0]!;
    expect(k.outlier).toBe(true);
    expect(k.skewness!).toBeLessThan(-2);
    expect(k.winsorisedPoints).toBeGreaterThan(0);
    const num = (x: number) => x.toFixed(2).replace(".", ",").replace("-", "−");
    expect(flagsOf(audit, "outlier")).toEqual([
      {
        code: "outlier",
        kpis: ["A00001"],
        dimension: "a",
        value: k.skewness,
        message: `extremvärden enligt JRC-regeln: skevhet ${num(k.skewness!)}, kurtosis ${num(k.kurtosis!)}; winsorisering skulle ersätta ${k.winsorisedPoints} värden`
      }
    ]);
  });
});

describe("influence when some KPIs have no weight share or no r", () => {
  // Orthogonal zero-mean columns (Walsh functions).
  const h1 = [1, -1, 1, -1, 1, -1, 1, -1];
  const h2 = [1, 1, -1, -1, 1, 1, -1, -1];

  it("a KPI weighted 0 has no influence share and does not count in anyone else's", () => {
    // P = Q = h1, R = h2 weighted 1, Z = h1 weighted 0: total ∝ 2 h1 + h2 as in audit.test.ts:
    // r_P² = r_Z² = 4/5, r_R² = 1/5. Over the weighted KPIs Σ r² = 9/5: R's share (1/5)/(9/5) = 1/9,
    // weight share 1/3: ratio 1/3; P 4/9 / (1/3) = 4/3. Z: weight share 0, no influence.
    const cs = codes(8);
    const m = model([["a", 1]], [
      ["P00001", "a", "higher_better", 1],
      ["Q00001", "a", "higher_better", 1],
      ["R00001", "a", "higher_better", 1],
      ["Z00001", "a", "higher_better", 1]
    ]);
    const prepared = prepareNomination(matrixOf(cs, rowsForYear(2022, cs, {P00001: h1, Q00001: h1, R00001: h2, Z00001: h1})), m, 2022);
    const audit = auditIndicators(prepared, {dropOne: false, weights: {indicators: {Z00001: 0}}});
    const [p, , r, z] = audit.kpis;
    expect(z!.weightShare).toBe(0);
    expect(z!.rTotal).toBeCloseTo(2 / Math.sqrt(5), 14);
    expect(z!.influenceShare).toBeNull();
    expect(z!.influenceRatio).toBeNull();
    expect(r!.influenceShare).toBeCloseTo(1 / 9, 14);
    expect(r!.influenceRatio).toBeCloseTo(1 / 3, 14);
    expect(p!.influenceRatio).toBeCloseTo(4 / 3, 14);
    // 1/3 < 0.5: R weighs less than its weight; 1/3 to two decimals is 0,33.
    expect(audit.flags.filter((f) => f.code === "influence_low")).toEqual([
      {code: "influence_low", kpis: ["R00001"], dimension: "a", value: r!.influenceRatio, message: "R00001 väger bara 0,33 av sin viktandel i totalen (andel av r²)"}
    ]);
    expect(audit.flags.filter((f) => f.code === "influence_high")).toEqual([]);
  });

  it("an influence ratio of exactly 2 or exactly 0.5 is not flagged", () => {
    // Three identical KPIs 0 2 2 2 (mean 1.5, sample sd 1: z = -1.5 0.5 0.5 0.5, exact) weighted 1, 1, 4
    // in one dimension: the total is z itself, so every r_total is the same (1) and each influence share 1/3.
    // Weight shares 1/6, 1/6, 4/6 (sum 1): ratios (1/3)/(1/6) = 2 for A and B, (1/3)/(2/3) = 0.5 for C.
    // In doubles 1/3 is exactly twice 1/6 and half of 2/3, so the ratios are exactly 2 and 0.5.
    const cs = codes(4);
    const m = model([["a", 1]], [
      ["A00001", "a", "higher_better", 1],
      ["B00001", "a", "higher_better", 1],
      ["C00001", "a", "higher_better", 4]
    ]);
    const v = [0, 2, 2, 2];
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, {A00001: v, B00001: v, C00001: v})), m, 2022), {dropOne: false});
    expect(audit.kpis.map((k) => k.influenceRatio)).toEqual([2, 2, 0.5]);
    expect(audit.flags.filter((f) => f.code === "influence_high" || f.code === "influence_low")).toEqual([]);
  });

  it("the message of a KPI that weighs more than its weight", () => {
    // Four orthogonal KPIs and their sum S, equal weights (audit.test.ts): S's ratio (1/2) / (1/5) = 2,50.
    const h3 = [1, 1, 1, 1, -1, -1, -1, -1];
    const h4 = [1, -1, -1, 1, 1, -1, -1, 1];
    const cs = codes(8);
    const ids = ["H00001", "H00002", "H00003", "H00004", "S00001"];
    const sum = h1.map((_, i) => h1[i]! + h2[i]! + h3[i]! + h4[i]!);
    const m = model([["a", 1]], ids.map((id) => [id, "a", "higher_better", 1] as [string, string, "higher_better", number]));
    const table = Object.fromEntries([h1, h2, h3, h4, sum].map((v, i) => [ids[i]!, v]));
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022), {dropOne: false});
    expect(audit.flags.filter((f) => f.code === "influence_high")).toMatchObject([
      {kpis: ["S00001"], dimension: "a", message: "S00001 väger 2,50 gånger tyngre i totalen (andel av r²) än sin viktandel"}
    ]);
  });

  it("a weighted KPI constant over the ranked municipalities has no r and no influence; the others' ratio uses their own weight shares", () => {
    // 6 municipalities, one dimension, A = B = 1 2 3 4 - -, X = 5 5 5 5 1 9, all weighted 1.
    // Coverage: 3 usable KPIs need floor((2·3+2)/3) = 2; the last two have 1: ranked 4.
    // Over the ranked 4, X is constant (its z there is (5-5)/sd = 0): r_X null; total ∝ z_A + z_B
    // so r_A = r_B = 1. Influence shares 1/2 each; weight shares 1/3 each, Σ over A, B = 2/3:
    // ratio = (1/2) / ((1/3) / (2/3)) = 1.
    const cs = codes(6);
    const m = model([["a", 1]], [
      ["A00001", "a", "higher_better", 1],
      ["B00001", "a", "higher_better", 1],
      ["X00001", "a", "higher_better", 1]
    ]);
    const table = {A00001: [1, 2, 3, 4, null, null], B00001: [1, 2, 3, 4, null, null], X00001: [5, 5, 5, 5, 1, 9]};
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022), {dropOne: false});
    expect(audit.ranked).toBe(4);
    const [a, b, x] = audit.kpis;
    expect(x!.weightShare).toBeCloseTo(1 / 3, 15);
    expect(x!.rTotal).toBeNull();
    expect(x!.rDimension).toBeNull();
    expect(x!.influenceShare).toBeNull();
    expect(x!.influenceRatio).toBeNull();
    expect(a!.rTotal).toBeCloseTo(1, 14);
    expect(a!.influenceShare).toBeCloseTo(0.5, 15);
    expect(a!.influenceRatio).toBeCloseTo(1, 14);
    expect(b!.influenceRatio).toBeCloseTo(1, 14);
    expect(audit.flags.filter((f) => f.code === "influence_high" || f.code === "influence_low")).toEqual([]);
  });
});

describe("titles, re-prepare and options of an improvement audit", () => {
  it("a KPI's title is carried when the model has one, and absent (no key) when not", () => {
    const cs = codes(5);
    const m = parseModel({
      name: "t",
      dimensions: [{id: "a", label: "A", weight: 1}],
      indicators: [
        {kpi: "A00001", dimension: "a", direction: "higher_better", weight: 1, title: "Första"},
        {kpi: "A00002", dimension: "a", direction: "higher_better", weight: 1}
      ]
    });
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, {A00001: [1, 2, 3, 4, 5], A00002: [2, 1, 3, 5, 4]})), m, 2022), {dropOne: false});
    expect(audit.kpis[0]!.title).toBe("Första");
    expect(Object.hasOwn(audit.kpis[1]!, "title")).toBe(false);
  });

  const years = [2019, 2020, 2021, 2022];
  const cs = codes(6);
  // K rises every year for c0..c4 (slopes 1..5); c5 rises overall but dips once (changes +4 -1 +4).
  const series: Record<string, (number | null)[]> = Object.fromEntries(cs.map((c, i) => [c, years.map((_, t) => 10 + 2 * i + (i + 1) * t)]));
  series[cs[5]!] = [10, 14, 13, 17];
  const m = model([["a", 1]], [["K00001", "a", "higher_better", 1], ["K00002", "a", "higher_better", 1]]);
  const second: Record<string, (number | null)[]> = Object.fromEntries(cs.map((c, i) => [c, years.map((_, t) => 50 - i + ((i % 3) + 1) * t)]));
  const matrix = matrixOf(cs, rowsForSeries(years, {K00001: series, K00002: second}));

  it("the default re-prepare keeps the improvement kind, window, method and winsorising", () => {
    const prepared = prepareImprovement(matrix, m, 2022, {window: 3, method: "regression", winsorise: true});
    const again = reprepare(prepared)(m);
    expect(again.kind).toBe("improvement");
    expect(again.window).toEqual({from: 2020, to: 2022, length: 3});
    expect(again.method).toBe("regression");
    expect(again.winsorise).toBe(true);
  });

  it("improvement: winsorised points are counted on I = slope / sd, which has no outlier when the slopes are evenly spaced", () => {
    // 12 municipalities with exactly linear series of slopes 1, 2, ..., 12 (the Theil-Sen slope of a line is its slope).
    // Evenly spaced values are symmetric about their mean 6.5: skewness 0, so the JRC rule does not fire and nothing
    // is winsorised; I is the same column times 1/sd (a positive scale), so neither is it there.
    const c12 = codes(12);
    const lines = Object.fromEntries(c12.map((c, i) => [c, years.map((_, t) => 10 + 3 * i + (i + 1) * t)]));
    const one = model([["a", 1]], [["K00001", "a", "higher_better", 1]]);
    const prepared = prepareImprovement(matrixOf(c12, rowsForSeries(years, {K00001: lines})), one, 2022);
    const k = auditIndicators(prepared, {dropOne: false}).kpis[0]!;
    expect(k.mean).toBeCloseTo(6.5, 12);
    expect(k.skewness).toBeCloseTo(0, 12);
    expect(k.outlier).toBe(false);
    expect(k.winsorisedPoints).toBe(0);
  });

  it("minSteadiness is passed to the ranking: with 1, the municipality with a dip is not ranked", () => {
    const prepared = prepareImprovement(matrix, m, 2022);
    // Without a minimum all 6 are ranked. K00002 rises every year for everyone (slopes 1 2 3 1 2 3), K00001
    // for c0..c4; c5's K00001 changes +4 -1 +4 give it steadiness 5/6 < 1: with minimum 1, 5 ranked.
    expect(auditIndicators(prepared, {dropOne: false}).ranked).toBe(6);
    expect(auditIndicators(prepared, {dropOne: false, minSteadiness: 1}).ranked).toBe(5);
  });
});
