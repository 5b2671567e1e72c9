/** Options beside the default method, each on a small hand-computed case. */
import {describe, expect, it} from "vitest";
import {buildMatrix, explainMunicipality, prepareImprovement, prepareNomination, scoreImprovement, scoreNomination} from "../../src/engine/index.ts";
import {matrixOf, model, municipalities, rowsForSeries, rowsForYear} from "./fixtures.ts";

const codes = ["0401", "0402", "0403"];
// K1 higher 0 5 10, K2 lower 0 10 5 (both in dimension a, w = 1).
const rows = [
  ...rowsForYear(2022, codes, {N00021: [0, 5, 10], N00022: [0, 10, 5]}),
  // Earlier years widen the data goalposts of N00021 to -10..20.
  ...rowsForYear(2021, codes, {N00021: [-10, 20, 5], N00022: [1, 2, 3]})
];
const M = model([["a", 1]], [
  ["N00021", "a", "higher_better", 1],
  ["N00022", "a", "lower_better", 1]
]);
const matrix = matrixOf(codes, rows);
const scores = (r: ReturnType<typeof scoreNomination>) => Object.fromEntries(r.rows.map((x) => [x.code, x.score]));

describe("nomination normalisation options", () => {
  it("min-max: 0..100 per KPI, best 100", () => {
    // K1 -> 0 50 100; K2 (lower) -> 100 0 50; means 50 25 75
    expect(scores(scoreNomination(prepareNomination(matrix, M, 2022, {normalisation: "minmax"})))).toEqual({"0401": 50, "0402": 25, "0403": 75});
  });

  it("percentile rank", () => {
    // K1 -> 0 50 100; K2 -> 100 0 50
    expect(scores(scoreNomination(prepareNomination(matrix, M, 2022, {normalisation: "percentile"})))).toEqual({"0401": 50, "0402": 25, "0403": 75});
  });

  it("goalposts: from the data's min and max over all years by default, or given", () => {
    // Default goalposts: K1 -10..20 -> 33.3 50 66.7; K2 0..10 (lower) -> 100 0 50
    const p = prepareNomination(matrix, M, 2022, {normalisation: "goalposts"});
    const s = scores(scoreNomination(p));
    expect(s["0401"]).toBeCloseTo((100 / 3 + 100) / 2, 12);
    expect(s["0402"]).toBeCloseTo(25, 12);
    expect(s["0403"]).toBeCloseTo((200 / 3 + 50) / 2, 12);
    // Given goalposts clamp: K1 2..6 -> 0 75 100
    const g = scores(scoreNomination(prepareNomination(matrix, M, 2022, {normalisation: "goalposts", goalposts: {N00021: {low: 2, high: 6}}})));
    expect(g).toEqual({"0401": 50, "0402": 37.5, "0403": 75});
    expect(() => prepareNomination(matrix, M, 2022, {normalisation: "goalposts", goalposts: {N00021: {low: 6, high: 2}}})).toThrow(/goalposts of N00021/);
  });
});

describe("geometric aggregation", () => {
  it("takes weighted geometric means of the values shifted by c = max(0, 1 - min)", () => {
    // min-max values: K1 0 50 100, K2 100 0 50; min 0 -> c = 1
    const p = prepareNomination(matrix, M, 2022, {normalisation: "minmax", aggregation: "geometric"});
    expect(scoreNomination(p).shift).toBe(1);
    const s = scores(scoreNomination(p));
    expect(s["0401"]).toBeCloseTo(Math.sqrt(1 * 101) - 1, 12);
    expect(s["0402"]).toBeCloseTo(Math.sqrt(51 * 1) - 1, 12);
    expect(s["0403"]).toBeCloseTo(Math.sqrt(101 * 51) - 1, 12);
  });

  it("works on z-scores and across dimensions; log contributions sum to log(total + c)", () => {
    const M2 = model(
      [
        ["a", 1],
        ["b", 3]
      ],
      [
        ["N00021", "a", "higher_better", 1],
        ["N00022", "b", "lower_better", 1]
      ]
    );
    const p = prepareNomination(matrix, M2, 2022, {aggregation: "geometric"});
    // z: K1 -1 0 1, K2 (lower, mean 5, sd 5) 1 -1 0; c = 2
    const r = scoreNomination(p);
    expect(r.shift).toBe(2);
    const expected = (z1: number, z2: number) => Math.exp((1 * Math.log(z1 + 2) + 3 * Math.log(z2 + 2)) / 4) - 2;
    expect(scores(r)["0401"]).toBeCloseTo(expected(-1, 1), 12);
    expect(scores(r)["0402"]).toBeCloseTo(expected(0, -1), 12);
    const e = explainMunicipality(r, "0403");
    const sum = e.indicators.reduce((s, i) => s + (i.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(Math.log(e.row.score! + 2), 12);
  });
});

describe("geometric aggregation and weight 0", () => {
  // N00023 (lower better) has the lowest z-score of all: -80 / sd for the 100, so it alone sets c when weighted.
  const five = ["0401", "0402", "0403", "0404", "0405"];
  const m5 = matrixOf(five, rowsForYear(2022, five, {N00021: [1, 2, 3, 4, 5], N00022: [3, 1, 4, 1, 5], N00023: [0, 0, 0, 0, 100]}));
  const full = model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N00021", "a", "higher_better", 1],
      ["N00022", "a", "higher_better", 2],
      ["N00023", "b", "lower_better", 1]
    ]
  );
  const withoutK3 = model([["a", 1]], [
    ["N00021", "a", "higher_better", 1],
    ["N00022", "a", "higher_better", 2]
  ]);

  it("a KPI weighted 0 changes no score: the shift is taken over the weighted KPIs only", () => {
    const p = prepareNomination(m5, full, 2022, {aggregation: "geometric"});
    const zeroKpi = scoreNomination(p, {indicators: {N00023: 0}, dimensions: {b: 0}});
    const removed = scoreNomination(prepareNomination(m5, withoutK3, 2022, {aggregation: "geometric"}));
    expect(zeroKpi.shift).toBe(removed.shift);
    expect(scores(zeroKpi)).toEqual(scores(removed));
    // With N00023 weighted, its lowest z (the 100) decides c: 1 - min z.
    const weighted = scoreNomination(p);
    const z = (100 - 20) / Math.sqrt((4 * 20 * 20 + 80 * 80) / 4);
    expect(weighted.shift).toBeCloseTo(1 + z, 12);
    expect(weighted.shift).toBeGreaterThan(removed.shift);
  });

  it("a dimension weighted 0 changes no score, and neither does a weight-0 KPI inside a weighted dimension", () => {
    const p = prepareNomination(m5, full, 2022, {aggregation: "geometric"});
    const dimZero = scoreNomination(p, {dimensions: {b: 0}});
    const removed = scoreNomination(prepareNomination(m5, withoutK3, 2022, {aggregation: "geometric"}));
    expect(scores(dimZero)).toEqual(scores(removed));
    const oneKpi = model([["a", 1]], [["N00022", "a", "higher_better", 2]]);
    const kpiZero = scoreNomination(p, {dimensions: {b: 0}, indicators: {N00021: 0}});
    expect(scores(kpiZero)).toEqual(scores(scoreNomination(prepareNomination(m5, oneKpi, 2022, {aggregation: "geometric"}))));
  });
});

describe("winsorising in the precompute", () => {
  it("caps the outlier before z-scores and notes it", () => {
    const many = Array.from({length: 20}, (_, i) => String(1001 + i));
    const v = [...Array.from({length: 19}, (_, i) => i + 1), 100];
    const m = matrixOf(many, rowsForYear(2022, many, {N00031: v}));
    const M1 = model([["a", 1]], [["N00031", "a", "higher_better", 1]]);
    const p = prepareNomination(m, M1, 2022, {winsorise: true});
    expect(p.notes.map((n) => [n.kpi, n.code])).toEqual([["N00031", "winsorised"]]);
    // After capping 100 -> 19, the two best tie and the lower code ranks first.
    const r = scoreNomination(p);
    expect(r.rows[0]!.score).toBe(r.rows[1]!.score);
    expect(r.rows.slice(0, 2).map((x) => x.code)).toEqual(["1019", "1020"]);
    expect(p.raw[19]).toBe(100); // the explanation keeps the raw value
    // Without winsorising the outlier stands alone.
    const plain = scoreNomination(prepareNomination(m, M1, 2022));
    expect(plain.rows[0]!.code).toBe("1020");
    expect(plain.rows[0]!.score).toBeGreaterThan(plain.rows[1]!.score! + 3);
  });

  describe("improvement values", () => {
    // 20 municipalities, window 2020-2022, straight-line series x_i(t) = i + s_i * (t - 2020):
    // the Theil-Sen slope is s_i and the first year's values are 0..19, so sd = sqrt(665 / 19) = sqrt(35)
    // and the improvement value is I_i = s_i / sqrt(35).
    const many = Array.from({length: 20}, (_, i) => String(1001 + i));
    const sd = Math.sqrt(35);
    const M1 = model([["a", 1]], [["N00031", "a", "higher_better", 1]]);
    const prepared = (slopes: number[], winsorise: boolean) => {
      const series = Object.fromEntries(many.map((c, i) => [c, [0, 1, 2].map((t) => i + slopes[i]! * t)]));
      const m = buildMatrix({municipalities: municipalities(many), values: rowsForSeries([2020, 2021, 2022], {N00031: series})});
      return prepareImprovement(m, M1, 2022, {window: 3, winsorise});
    };
    // One KPI (column 0): p.normalised[m] is I for municipality m.
    const values = (p: ReturnType<typeof prepared>) => Array.from(p.normalised);

    it("caps an extreme improvement at the next value inward, and only it", () => {
      // Slopes 0..18 and one of 100: skewness 3.98, kurtosis 17.0, so the rule applies; after capping
      // 100 -> 18 the column (0..18, 18 twice) has skewness -0.04 and the rule stops after one point.
      const slopes = [...Array.from({length: 19}, (_, i) => i), 100];
      const plain = prepared(slopes, false);
      expect(values(plain)[19]).toBeCloseTo(100 / sd, 12);
      const p = prepared(slopes, true);
      const v = values(p);
      expect(v[19]).toBe(v[18]); // the cap is exactly the next value inward
      expect(v[19]).toBeCloseTo(18 / sd, 12);
      for (let i = 0; i < 19; i++) expect(v[i], many[i]).toBeCloseTo(i / sd, 12);
      expect(v.slice(0, 19)).toEqual(values(plain).slice(0, 19)); // nothing else moves
      expect(p.notes).toEqual([expect.objectContaining({kpi: "N00031", code: "winsorised", note: expect.stringMatching(/^winsoriserad: 1 högsta och 0 lägsta värden ersatta/)})]);
      // The explanation keeps the raw slope (100 per year); the score uses the capped value, so 1019 and 1020 tie.
      expect(p.raw[19]).toBeCloseTo(100, 12);
      const r = scoreImprovement(p);
      expect(r.rows[0]!.score).toBeCloseTo(18 / sd, 12);
      expect(r.rows[1]!.score).toBe(r.rows[0]!.score);
      expect(r.rows.slice(0, 2).map((x) => x.code)).toEqual(["1019", "1020"]);
      expect(scoreImprovement(plain).rows[0]!.score).toBeCloseTo(100 / sd, 12);
    });

    it("caps an extreme decline at the next value inward from below", () => {
      // Slopes -100 and 1..19: skewness -4.12, kurtosis 17.9; -100 -> 1, then the rule stops.
      const slopes = [-100, ...Array.from({length: 19}, (_, i) => i + 1)];
      const v = values(prepared(slopes, true));
      expect(v[0]).toBe(v[1]);
      expect(v[0]).toBeCloseTo(1 / sd, 12);
      for (let i = 1; i < 20; i++) expect(v[i], many[i]).toBeCloseTo(i / sd, 12);
      expect(prepared(slopes, true).notes[0]!.note).toMatch(/^winsoriserad: 0 högsta och 1 lägsta värden ersatta/);
    });
  });
});

describe("ranking within groups", () => {
  const six = ["0501", "0502", "0503", "0504", "0505", "0506"];
  const groups = ["A1", "A2", "B3", "A1", "A2", "B3"];
  const m = buildMatrix({municipalities: municipalities(six, groups), values: rowsForYear(2022, six, {N00041: [1, 2, 3, 4, 5, 6]})});
  const p = prepareNomination(m, model([["a", 1]], [["N00041", "a", "higher_better", 1]]), 2022);

  it("restarts ranks within each SKR kommungrupp, keeping the overall rank", () => {
    const r = scoreNomination(p, undefined, {grouping: "kommungrupp"});
    expect(r.rows.map((x) => [x.code, x.group, x.rank, x.overallRank])).toEqual([
      ["0504", "A1", 1, 3],
      ["0501", "A1", 2, 6],
      ["0505", "A2", 1, 2],
      ["0502", "A2", 2, 5],
      ["0506", "B3", 1, 1],
      ["0503", "B3", 2, 4]
    ]);
    // Scores do not change with grouping.
    expect(r.rows.find((x) => x.code === "0506")!.score).toBe(scoreNomination(p).rows[0]!.score);
  });

  it("or within the main group", () => {
    const r = scoreNomination(p, undefined, {grouping: "mainGroup"});
    expect(r.rows.map((x) => [x.code, x.rank])).toEqual([
      ["0505", 1],
      ["0504", 2],
      ["0502", 3],
      ["0501", 4],
      ["0506", 1],
      ["0503", 2]
    ]);
  });

  it("improvement can be ranked within groups too", () => {
    const series = Object.fromEntries(six.map((c, i) => [c, [i, 2 * i, 3 * i]]));
    const mi = buildMatrix({municipalities: municipalities(six, groups), values: rowsForSeries([2020, 2021, 2022], {N00041: series})});
    const r = scoreImprovement(prepareImprovement(mi, model([["a", 1]], [["N00041", "a", "higher_better", 1]]), 2022, {window: 3}), undefined, {grouping: "kommungrupp"});
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 1, 2, 1, 2]);
  });
});
