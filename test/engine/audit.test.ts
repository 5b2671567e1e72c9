/**
 * The indicator audit: hand-computed correlations and alpha, drop-one against
 * an independent re-ranking, flags on constructed data, properties.
 */
import {describe, expect, it} from "vitest";
import {
  auditIndicators,
  averageRanks,
  columnStats,
  compareRankings,
  cronbachAlpha,
  effectiveWeightShares,
  kurtosis,
  modelWithoutDimension,
  modelWithoutKpi,
  pearsonCorrelation,
  prepareImprovement,
  prepareNomination,
  score,
  skewness,
  spearmanCorrelation,
  spearmanMatrix,
  tiedShare,
  winsoriseJrc,
  type AuditFlag,
  type Model,
  type ScoreResult
} from "../../src/engine/index.ts";
import {matrixOf, model, rng, rowsForSeries, rowsForYear} from "./fixtures.ts";

const codes = (n: number) => Array.from({length: n}, (_, i) => String(1000 + i * 7).padStart(4, "0"));

describe("correlation helpers", () => {
  it("average ranks give ties the mean of their ranks and keep NaN", () => {
    expect(Array.from(averageRanks([3, 1, NaN, 3, 2]))).toEqual([3.5, 1, NaN, 3.5, 2]);
    expect(Array.from(averageRanks([5, 5, 5]))).toEqual([2, 2, 2]);
  });

  it("Spearman with ties and a missing value equals the hand calculation", () => {
    // Complete pairs: the first four. Ranks x: 1 2.5 2.5 4, ranks y: 2 1 3.5 3.5.
    // Deviations from 2.5: x -1.5 0 0 1.5, y -0.5 -1.5 1 1; sum of products 2.25,
    // sums of squares 4.5 and 4.5: r = 2.25 / 4.5 = 0.5.
    expect(spearmanCorrelation([1, 2, 2, 3, NaN], [2, 1, 3, 3, 5])).toBeCloseTo(0.5, 15);
    // Ranking is done within the complete pairs: the 100 without a partner does not shift ranks.
    expect(spearmanCorrelation([1, 2, 2, 3, 100], [2, 1, 3, 3, NaN])).toBeCloseTo(0.5, 15);
  });

  it("Spearman is 1 for any increasing relation, -1 for a decreasing one, null when undefined", () => {
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [1, 8, 27, 64, 1000])).toBe(1);
    expect(spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearmanCorrelation([1, 2, NaN, 4], [1, NaN, 3, 4])).toBeNull(); // 2 pairs
    expect(spearmanCorrelation([1, 2, 3, 4], [7, 7, 7, 7])).toBeNull();
  });

  it("Pearson equals the hand calculation", () => {
    // x 1 2 3 4, y 1 3 2 4: deviations -1.5 -0.5 0.5 1.5 and -1.5 0.5 -0.5 1.5, 4 / 5.
    expect(pearsonCorrelation([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    expect(pearsonCorrelation([1, 2, 3, NaN, 4], [1, 3, 2, 9, 4])).toBeCloseTo(0.8, 15);
  });

  it("Cronbach's alpha equals the textbook formula on a tiny table", () => {
    // Items A 1 2 3 4, B 2 1 4 3, C 1 3 2 4: each sample variance 5/3, sum 5.
    // Totals 4 6 9 11: variance 29/3. alpha = 3/2 * (1 - 5 / (29/3)) = 21/29.
    expect(cronbachAlpha([[1, 2, 3, 4], [2, 1, 4, 3], [1, 3, 2, 4]])).toBeCloseTo(21 / 29, 14);
    // Identical items: alpha 1.
    expect(cronbachAlpha([[1, 2, 3], [1, 2, 3]])).toBeCloseTo(1, 14);
    expect(cronbachAlpha([[1, 2, 3]])).toBeNull();
    expect(cronbachAlpha([[1, 2, 3], [3, 2, 1]])).toBeNull(); // constant sum
    expect(cronbachAlpha([[1], [2]])).toBeNull();
  });

  it("tied share: the share of values equal to at least one other", () => {
    expect(tiedShare([1, 1, 2, 3])).toBe(0.5);
    expect(tiedShare([1, 1, 1, NaN])).toBe(1);
    expect(tiedShare([1, 2, 3])).toBe(0);
    expect(tiedShare([NaN])).toBeNull();
    expect(tiedShare([0, -0, 5])).toBeCloseTo(2 / 3, 15);
  });

  it("the matrix is symmetric with a unit diagonal and |r| <= 1 (random columns with gaps and ties)", () => {
    const random = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(random() * 40);
      const columns = Array.from({length: 6}, (_, c) =>
        Float64Array.from({length: n}, () => (random() < 0.15 ? NaN : c === 5 ? Math.floor(random() * 3) : random() * 100))
      );
      columns.push(columns[0]!.map((x) => x * 3 - 2)); // a duplicate: r = 1 where defined
      const {r, n: counts} = spearmanMatrix(columns);
      for (let a = 0; a < columns.length; a++) {
        expect(r[a]![a]).toBe(1);
        for (let b = 0; b < columns.length; b++) {
          expect(r[a]![b]).toBe(r[b]![a]);
          expect(counts[a]![b]).toBe(counts[b]![a]);
          const v = r[a]![b]!;
          if (v !== null) expect(Math.abs(v)).toBeLessThanOrEqual(1);
        }
      }
      expect(r[0]![6]).toBeCloseTo(1, 12);
      // Invariant under an increasing transform of a column.
      expect(spearmanCorrelation(columns[1]!.map((x) => Math.exp(x / 10)), columns[2]!)).toBeCloseTo(r[1]![2]!, 12);
    }
  });
});

/** Two dimensions, five KPIs, 14 municipalities, a few missing values. */
function fixture(seed = 3) {
  const cs = codes(14);
  const random = rng(seed);
  const col = (scale: number, missing: number[] = []) => cs.map((_, i) => (missing.includes(i) ? null : Math.round(random() * scale * 10) / 10));
  const a1 = col(100, [3]);
  const table = {
    A00001: a1,
    A00002: a1.map((x, i) => (x === null ? 50 : i === 5 ? null : 120 - x + Math.round(random() * 40))),
    A00003: col(10, [11]),
    B00001: col(50),
    B00002: col(30, [0, 7])
  };
  const m = model(
    [
      ["a", 2],
      ["b", 1]
    ],
    [
      ["A00001", "a", "higher_better", 1],
      ["A00002", "a", "lower_better", 2],
      ["A00003", "a", "higher_better", 1],
      ["B00001", "b", "higher_better", 1],
      ["B00002", "b", "lower_better", 0.5]
    ]
  );
  const matrix = matrixOf(cs, rowsForYear(2022, cs, table));
  return {cs, table, model: m, matrix, prepared: prepareNomination(matrix, m, 2022)};
}

/** The drop-one figures computed from two rankings' rows, by code. */
function expectedDrop(withIt: ScoreResult, without: ScoreResult, n: number) {
  const rankA = new Map(withIt.rows.map((r) => [r.code, r.overallRank]));
  const rankB = new Map(without.rows.map((r) => [r.code, r.overallRank]));
  const shifts: number[] = [];
  for (const [code, a] of rankA) {
    const b = rankB.get(code)!;
    if (a !== null && b !== null) shifts.push(Math.abs(a - b));
  }
  const top = (m: Map<string, number | null>) => new Set([...m].filter(([, r]) => r !== null && r <= n).map(([c]) => c));
  const ta = top(rankA);
  const tb = top(rankB);
  const entered = [...tb].filter((c) => !ta.has(c)).sort();
  const left = [...ta].filter((c) => !tb.has(c)).sort();
  return {
    meanAbsRankShift: shifts.length ? shifts.reduce((s, x) => s + x, 0) / shifts.length : null,
    maxAbsRankShift: shifts.length ? Math.max(...shifts) : null,
    rankedBoth: shifts.length,
    entered,
    left,
    topNChanges: Math.max(entered.length, left.length)
  };
}

describe("auditIndicators (nomination)", () => {
  it("per KPI: coverage, stats, skew, kurtosis, outlier flag and winsorised points of the year's values", () => {
    const {table, prepared} = fixture();
    const audit = auditIndicators(prepared);
    expect(audit.kpis.map((k) => k.kpi)).toEqual(Object.keys(table));
    expect(audit.nMunicipalities).toBe(14);
    for (const k of audit.kpis) {
      const values = Float64Array.from(table[k.kpi as keyof typeof table], (x) => (x === null ? NaN : x));
      const s = columnStats(values);
      expect(k.n).toBe(s.n);
      expect(k.coverage).toBe(s.n / 14);
      expect(k.mean).toBe(s.mean);
      expect(k.sd).toBe(s.sd);
      expect(k.min).toBe(s.min);
      expect(k.max).toBe(s.max);
      expect(k.skewness).toBe(skewness(values));
      expect(k.kurtosis).toBe(kurtosis(values));
      expect(k.outlier).toBe(Math.abs(k.skewness!) > 2 && k.kurtosis! > 3.5);
      const w = winsoriseJrc(values);
      expect(k.winsorisedPoints).toBe(w.high + w.low);
    }
    expect(audit.kpis.find((k) => k.kpi === "B00002")!.coverage).toBe(12 / 14);
  });

  it("effective weight: W(d)/sum W * w(k)/sum of w in d, summing to 1", () => {
    const {prepared} = fixture();
    const audit = auditIndicators(prepared, {dropOne: false});
    const share = Object.fromEntries(audit.kpis.map((k) => [k.kpi, k.weightShare]));
    expect(share.A00001).toBeCloseTo((2 / 3) * (1 / 4), 15);
    expect(share.A00002).toBeCloseTo((2 / 3) * (2 / 4), 15);
    expect(share.B00002).toBeCloseTo((1 / 3) * (0.5 / 1.5), 15);
    expect(audit.kpis.reduce((s, k) => s + k.weightShare, 0)).toBeCloseTo(1, 14);
    // A KPI weighted 0 has share 0; the rest of its dimension takes its part.
    const zero = auditIndicators(prepared, {dropOne: false, weights: {indicators: {A00002: 0}}});
    expect(zero.kpis[1]!.weightShare).toBe(0);
    expect(zero.kpis[0]!.weightShare).toBeCloseTo((2 / 3) * (1 / 2), 15);
    expect(Array.from(effectiveWeightShares(score(prepared)))).toEqual(audit.kpis.map((k) => k.weightShare));
  });

  it("correlation with the index is Pearson over the ranked municipalities; the matrix is Spearman of the aligned values", () => {
    const {prepared} = fixture();
    const result = score(prepared);
    const audit = auditIndicators(prepared, {dropOne: false});
    const nK = prepared.nKpis;
    const total = result.rows.filter((r) => r.rank !== null);
    for (let k = 0; k < nK; k++) {
      const x = total.map((r) => prepared.normalised[r.index * nK + k]!);
      expect(audit.kpis[k]!.rTotal).toBeCloseTo(pearsonCorrelation(x, total.map((r) => r.score!))!, 14);
      const d = prepared.indicators[k]!.dimensionIndex;
      expect(audit.kpis[k]!.rDimension).toBeCloseTo(pearsonCorrelation(x, total.map((r) => r.dimensionScores[d]!))!, 14);
    }
    // A lower_better KPI is aligned: its matrix entries have the sign of the aligned values.
    const sign = (k: number) => prepared.indicators[k]!.sign;
    const raw = (k: number) => Float64Array.from({length: 14}, (_, m) => sign(k) * prepared.raw[m * nK + k]!);
    expect(audit.correlations.r[0]![1]).toBeCloseTo(spearmanCorrelation(raw(0), raw(1))!, 14);
    expect(audit.correlations.kpis).toEqual(prepared.indicators.map((i) => i.kpi));
  });

  it("Cronbach's alpha per dimension on the complete cases of the normalised values", () => {
    const {prepared, table} = fixture();
    const audit = auditIndicators(prepared, {dropOne: false});
    // z by hand: s * (x - mean) / sd over every municipality with a value.
    const z = (kpi: keyof typeof table, sign: number) => {
      const values = table[kpi].map((x) => (x === null ? NaN : x));
      const s = columnStats(values);
      return values.map((x) => (sign * (x - s.mean)) / s.sd);
    };
    const items = [z("A00001", 1), z("A00002", -1), z("A00003", 1)];
    const complete = items[0]!.map((_, m) => m).filter((m) => items.every((it) => !Number.isNaN(it[m]!)));
    expect(complete).toHaveLength(11); // rows 3, 5 and 11 lack a value
    const a = audit.dimensions.find((d) => d.id === "a")!;
    expect(a.kpis).toEqual(["A00001", "A00002", "A00003"]);
    expect(a.alphaN).toBe(11);
    expect(a.alpha).toBeCloseTo(cronbachAlpha(items.map((it) => complete.map((m) => it[m]!)))!, 12);
    // A dimension with one weighted KPI has no alpha.
    const one = auditIndicators(prepared, {dropOne: false, weights: {indicators: {B00002: 0}}});
    expect(one.dimensions.find((d) => d.id === "b")!.alpha).toBeNull();
  });

  for (const aggregation of ["arithmetic", "geometric"] as const) {
    it(`drop-one equals an independent re-ranking without each KPI and each dimension (${aggregation})`, () => {
      const {matrix, model: m} = fixture(11);
      const prepared = prepareNomination(matrix, m, 2022, {aggregation});
      const weights = {dimensions: {a: 1.5}, indicators: {A00003: 2}};
      for (const topN of [3, 10]) {
        const audit = auditIndicators(prepared, {topN, weights});
        const base = score(prepared, weights);
        for (const k of audit.kpis) {
          const reduced: Model = {...m, indicators: m.indicators.filter((i) => i.kpi !== k.kpi)};
          const without = score(prepareNomination(matrix, reduced, 2022, {aggregation}), weights);
          expect(k.drop, k.kpi).toMatchObject(expectedDrop(base, without, topN));
          expect([...k.drop!.entered].sort()).toEqual(expectedDrop(base, without, topN).entered);
        }
        for (const d of audit.dimensions) {
          const reduced: Model = {...m, dimensions: m.dimensions.filter((x) => x.id !== d.id), indicators: m.indicators.filter((i) => i.dimension !== d.id)};
          const without = score(prepareNomination(matrix, reduced, 2022, {aggregation}), weights);
          expect(d.drop, d.id).toMatchObject(expectedDrop(base, without, topN));
        }
      }
      // The fixture moves ranks: a test that only ever saw zeros would prove little.
      const audit = auditIndicators(prepared, {topN: 3, weights});
      expect(audit.kpis.some((k) => k.drop!.maxAbsRankShift! > 0)).toBe(true);
      expect(audit.kpis.some((k) => k.drop!.topNChanges > 0)).toBe(true);
    });

    it(`removing a KPI ranks exactly as weighting it 0 (${aggregation})`, () => {
      const {matrix, model: m} = fixture(5);
      const prepared = prepareNomination(matrix, m, 2022, {aggregation});
      for (const ind of m.indicators) {
        const zero = score(prepared, {indicators: {[ind.kpi]: 0}});
        const removed = score(prepareNomination(matrix, modelWithoutKpi(m, ind.kpi), 2022, {aggregation}));
        expect(Array.from(removed.ranks.overall), ind.kpi).toEqual(Array.from(zero.ranks.overall));
        expect(compareRankings(zero, removed, 10, {kind: "kpi", id: ind.kpi})).toMatchObject({meanAbsRankShift: 0, maxAbsRankShift: 0, topNChanges: 0});
      }
    });
  }

  it("a KPI weighted 0 has drop-one zero; removing a dimension's only KPI leaves nobody ranked", () => {
    const {prepared} = fixture();
    const audit = auditIndicators(prepared, {weights: {indicators: {A00003: 0}}});
    expect(audit.kpis[2]!.drop).toMatchObject({meanAbsRankShift: 0, maxAbsRankShift: 0, topNChanges: 0});
    const single = auditIndicators(prepared, {weights: {indicators: {B00002: 0}}});
    const b1 = single.kpis[3]!.drop!;
    expect(b1.rankedWithout).toBe(0);
    expect(b1.meanAbsRankShift).toBeNull();
    expect(b1.maxAbsRankShift).toBeNull();
    expect(b1.left).toHaveLength(10);
    expect(b1.topNChanges).toBe(10);
  });

  it("the model helpers remove exactly one KPI or one dimension", () => {
    const {model: m} = fixture();
    expect(modelWithoutKpi(m, "A00002").indicators.map((i) => i.kpi)).toEqual(["A00001", "A00003", "B00001", "B00002"]);
    const noB = modelWithoutDimension(m, "b");
    expect(noB.dimensions.map((d) => d.id)).toEqual(["a"]);
    expect(noB.indicators.map((i) => i.kpi)).toEqual(["A00001", "A00002", "A00003"]);
    expect(() => modelWithoutKpi(m, "X00000")).toThrow(/not in the model/);
    expect(() => auditIndicators(fixture().prepared, {topN: 0})).toThrow(/top N/);
  });
});

describe("audit flags on constructed data", () => {
  const flagsOf = (flags: AuditFlag[], code: AuditFlag["code"]) => flags.filter((f) => f.code === code).map((f) => f.kpis.join("+"));

  it("double counting, direction conflict and outliers", () => {
    const cs = codes(12);
    const base = [3, 8, 1, 9, 4, 7, 2, 6, 5, 10, 12, 11];
    const table = {
      A00001: base,
      // Marked higher_better but really the reverse of A00001 (plus noise): a conflict, and |r| > 0.9.
      A00002: base.map((x, i) => 50 - x + (i % 2) * 0.5),
      // Weakly negative against A00001 within the dimension: within sampling noise for 12 pairs (bound -2/sqrt(12) = -0.58), no flag.
      A00003: [5, 1, 9, 2, 8, 3, 7, 4, 6, 10, 1, 12],
      // B00002 = 2 B00001 + 1: double counting across nothing else.
      B00001: [10, 20, 15, 30, 25, 5, 40, 35, 45, 50, 55, 60],
      B00002: [21, 41, 31, 61, 51, 11, 81, 71, 91, 101, 111, 121],
      // One far outlier among similar values: the JRC rule fires.
      C00001: [10, 11, 10.5, 9.5, 10.2, 10.8, 9.9, 10.1, 10.3, 9.7, 10.4, 95]
    };
    const m = model(
      [
        ["a", 1],
        ["b", 1],
        ["c", 1]
      ],
      [
        ["A00001", "a", "higher_better", 1],
        ["A00002", "a", "higher_better", 1],
        ["A00003", "a", "higher_better", 1],
        ["B00001", "b", "higher_better", 1],
        ["B00002", "b", "higher_better", 1],
        ["C00001", "c", "lower_better", 1]
      ]
    );
    const prepared = prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022);
    const audit = auditIndicators(prepared, {dropOne: false});
    expect(spearmanCorrelation(base, table.A00003)).toBeLessThan(0);
    expect(flagsOf(audit.flags, "double_counting")).toEqual(["A00001+A00002", "B00001+B00002"]);
    // Every pair inside dimension a (KPIs 0-2) negative beyond noise (r < -2/sqrt(n)), and nothing else.
    const negative: string[] = [];
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) if (audit.correlations.r[i]![j]! < -2 / Math.sqrt(audit.correlations.n[i]![j]!)) negative.push(`${m.indicators[i]!.kpi}+${m.indicators[j]!.kpi}`);
    expect(flagsOf(audit.flags, "direction_conflict")).toEqual(negative);
    expect(flagsOf(audit.flags, "direction_conflict")).toContain("A00001+A00002");
    expect(audit.correlations.r[0]![2]!).toBeLessThan(0);
    expect(audit.correlations.r[0]![2]!).toBeGreaterThan(-2 / Math.sqrt(12));
    expect(flagsOf(audit.flags, "direction_conflict")).not.toContain("A00001+A00003");
    expect(flagsOf(audit.flags, "outlier")).toEqual(["C00001"]);
    const c = audit.kpis.find((k) => k.kpi === "C00001")!;
    expect(c.outlier).toBe(true);
    expect(c.winsorisedPoints).toBeGreaterThan(0);
    expect(audit.kpis.filter((k) => k.kpi !== "C00001").every((k) => k.outlier === false)).toBe(true);
    expect(audit.flags.find((f) => f.code === "double_counting")!.message).toMatch(/^troligen dubbelräkning: A00001 och A00002 har Spearman r = −(1,00|0,9\d)$/);
    // The pair across dimensions that agree perfectly is no conflict, and no pair across dimensions ever is.
    expect(audit.flags.filter((f) => f.code === "direction_conflict").every((f) => f.dimension === "a")).toBe(true);
  });

  // Orthogonal zero-mean columns (Walsh functions), so the correlations with the total are exact.
  const h1 = [1, -1, 1, -1, 1, -1, 1, -1];
  const h2 = [1, 1, -1, -1, 1, 1, -1, -1];
  const h3 = [1, 1, 1, 1, -1, -1, -1, -1];
  const h4 = [1, -1, -1, 1, 1, -1, -1, 1];

  it("a KPI that weighs less than its weight: r² share / weight share < 0.5", () => {
    // P = Q = h1, R = h2, equal weights: total ∝ 2 h1 + h2, r_P² = 4/5, r_R² = 1/5,
    // R's influence share (1/5) / (9/5) = 1/9 against a weight share of 1/3: ratio 1/3.
    const cs = codes(8);
    const m = model([["a", 1]], [
      ["P00001", "a", "higher_better", 1],
      ["Q00001", "a", "higher_better", 1],
      ["R00001", "a", "higher_better", 1]
    ]);
    const prepared = prepareNomination(matrixOf(cs, rowsForYear(2022, cs, {P00001: h1, Q00001: h1, R00001: h2})), m, 2022);
    const audit = auditIndicators(prepared, {dropOne: false});
    const [p, , r] = audit.kpis;
    expect(p!.rTotal).toBeCloseTo(2 / Math.sqrt(5), 14);
    expect(r!.rTotal).toBeCloseTo(1 / Math.sqrt(5), 14);
    expect(r!.influenceShare).toBeCloseTo(1 / 9, 14);
    expect(r!.influenceRatio).toBeCloseTo(1 / 3, 14);
    expect(p!.influenceRatio).toBeCloseTo(4 / 3, 14);
    expect(flagsOf(audit.flags, "influence_low")).toEqual(["R00001"]);
    expect(flagsOf(audit.flags, "influence_high")).toEqual([]);
  });

  it("a KPI that weighs more than its weight: ratio > 2", () => {
    // Four orthogonal KPIs and their sum S, equal weights: r_i² = 1/4, r_S² = 1;
    // S's influence share 1/2 against a weight share of 1/5: ratio 2.5.
    const cs = codes(8);
    const sum = h1.map((_, i) => h1[i]! + h2[i]! + h3[i]! + h4[i]!);
    const ids = ["H00001", "H00002", "H00003", "H00004", "S00001"];
    const m = model(
      [["a", 1]],
      ids.map((id) => [id, "a", "higher_better", 1] as [string, string, "higher_better", number])
    );
    const table = Object.fromEntries([h1, h2, h3, h4, sum].map((v, i) => [ids[i]!, v]));
    const audit = auditIndicators(prepareNomination(matrixOf(cs, rowsForYear(2022, cs, table)), m, 2022), {dropOne: false});
    expect(audit.kpis[4]!.rTotal).toBeCloseTo(1, 14);
    expect(audit.kpis[4]!.influenceRatio).toBeCloseTo(2.5, 12);
    expect(audit.kpis[0]!.influenceRatio).toBeCloseTo(0.625, 12);
    expect(flagsOf(audit.flags, "influence_high")).toEqual(["S00001"]);
    expect(flagsOf(audit.flags, "influence_low")).toEqual([]);
  });
});

describe("auditIndicators (improvement)", () => {
  it("audits an improvement ranking: slopes, the winsorised points the engine reports, drop-one", () => {
    const years = [2019, 2020, 2021, 2022];
    const cs = codes(12);
    const slopes = [1, 1.1, 0.9, 1.2, 0.8, 1, 1.05, 0.95, 1.15, 0.85, 1.02, 12];
    const series = (slope: number, i: number) => years.map((_, t) => 20 + i * 1.5 + slope * t);
    const table = {
      K00001: Object.fromEntries(cs.map((c, i) => [c, series(slopes[i]!, i)])),
      K00002: Object.fromEntries(cs.map((c, i) => [c, series((i * 7) % 5, i).map((x, t) => (i === 4 && t === 1 ? null : x))]))
    };
    const m = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ["K00001", "a", "lower_better", 1],
        ["K00002", "b", "higher_better", 1]
      ]
    );
    const matrix = matrixOf(cs, rowsForSeries(years, table));
    const prepared = prepareImprovement(matrix, m, 2022, {winsorise: true});
    const audit = auditIndicators(prepared, {topN: 3});
    expect(audit.kind).toBe("improvement");
    const k1 = audit.kpis[0]!;
    // raw is the slope per year in the KPI's unit.
    expect(k1.mean).toBeCloseTo(slopes.reduce((s, x) => s + x, 0) / 12, 12);
    expect(k1.outlier).toBe(true);
    const note = prepared.notes.find((n) => n.kpi === "K00001" && n.code === "winsorised")!;
    const [, high, low] = /(\d+) högsta och (\d+) lägsta/.exec(note.note)!;
    expect(k1.winsorisedPoints).toBe(Number(high) + Number(low));
    expect(k1.winsorisedPoints).toBeGreaterThan(0);
    const base = score(prepared);
    const without = score(prepareImprovement(matrix, modelWithoutKpi(m, "K00002"), 2022, {winsorise: true}));
    expect(audit.kpis[1]!.drop).toMatchObject(expectedDrop(base, without, 3));
  });
});
