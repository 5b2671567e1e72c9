/**
 * The improvement score on a hand-computed case, window 2019-2022 (L = 4):
 *
 *   N00011 dimension x, higher_better, first-year values 0 4 4 4: mean 3, sd 2
 *     0201: 0 1 3 2  slopes 1, 1.5, 2/3, 2, 0.5, -1 -> median (2/3 + 1)/2 = 5/6 -> I = 5/12
 *     0202: 4 . 7 6  slopes 1.5, 2/3, -1           -> 2/3                    -> I = 1/3
 *     0203: 4 . . .  one year only                                           -> no value
 *     0204: 4 3 2 1  slope -1                                                -> I = -1/2
 *   N00012 dimension y, lower_better, first-year values 8 12 12 12: mean 11, sd 2
 *     0201: 8 7 6 5      aligned slope +1 -> I = 1/2
 *     0202: 12 12 12 12  0                -> I = 0
 *     0203: 12 11 10 9   +1               -> I = 1/2
 *     0204: 12 13 14 15  -1               -> I = -1/2
 * Totals (W = 1, 1): 0201 (5/12 + 1/2)/2, 0202 (1/3)/2, 0204 -1/2; 0203 lacks x.
 * Steadiness: 0201 (2 + 3)/6, 0202 0/4, 0204 0/6, 0203 3/3.
 */
import {describe, expect, it} from "vitest";
import {explainMunicipality, nothingRankedReason, prepareImprovement, scoreImprovement, STATUS_UNSTEADY} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries} from "./fixtures.ts";

const years = [2018, 2019, 2020, 2021, 2022];
const _ = null;
const codes = ["0201", "0202", "0203", "0204"];
const rows = [
  ...rowsForSeries(years, {
    N00011: {"0201": [9, 0, 1, 3, 2], "0202": [_, 4, _, 7, 6], "0203": [1, 4, _, _, _], "0204": [2, 4, 3, 2, 1]},
    N00012: {"0201": [_, 8, 7, 6, 5], "0202": [3, 12, 12, 12, 12], "0203": [_, 12, 11, 10, 9], "0204": [_, 12, 13, 14, 15]}
  }),
  // Riket for N00011 only: 1 2 3 4 over the window.
  ...rowsForSeries(years, {N00011: {"0000": [_, 1, 2, 3, 4]}}),
  // A region row is ignored.
  {kpi: "N00011", municipality: "0001", year: 2022, value: 1000}
];
const M = model(
  [
    ["x", 1],
    ["y", 1]
  ],
  [
    ["N00011", "x", "higher_better", 1],
    ["N00012", "y", "lower_better", 1]
  ]
);
const matrix = matrixOf(codes, rows);
const prepared = prepareImprovement(matrix, M, 2022);
const result = scoreImprovement(prepared);
const byCode = Object.fromEntries(result.rows.map((r) => [r.code, r]));
const I = (code: string, k: number) => prepared.normalised[matrix.municipalityIndex.get(code)! * prepared.nKpis + k]!;

describe("improvement score, hand-computed", () => {
  it("divides the Theil-Sen slope by the first year's sample sd", () => {
    expect(prepared.window).toEqual({from: 2019, to: 2022, length: 4});
    expect(I("0201", 0)).toBeCloseTo(5 / 12, 15);
    expect(I("0202", 0)).toBeCloseTo(1 / 3, 15);
    expect(I("0203", 0)).toBeNaN();
    expect(I("0204", 0)).toBe(-0.5);
    expect(codes.map((c) => I(c, 1))).toEqual([0.5, 0, 0.5, -0.5]);
  });

  it("ranks like the nomination score, with the coverage rule", () => {
    expect(result.rows.map((r) => [r.code, r.rank])).toEqual([
      ["0201", 1],
      ["0202", 2],
      ["0204", 3],
      ["0203", null]
    ]);
    expect(byCode["0201"]!.score).toBeCloseTo((5 / 12 + 0.5) / 2, 15);
    expect(byCode["0202"]!.score).toBeCloseTo(1 / 6, 15);
    expect(byCode["0204"]!.score).toBe(-0.5);
    expect(byCode["0203"]!.reasons.map((r) => r.reason)).toEqual([
      "har 1 av 2 användbara KPI:er (kräver minst 2)",
      "saknar värde i dimensionen x"
    ]);
  });

  it("computes steadiness over consecutive years present, for the KPIs with a value", () => {
    expect(byCode["0201"]!.steadiness).toBeCloseTo(5 / 6, 15);
    expect(byCode["0202"]!.steadiness).toBe(0);
    expect(byCode["0204"]!.steadiness).toBe(0);
    expect(byCode["0203"]!.steadiness).toBe(1);
  });

  it("filters on a minimum steadiness when asked", () => {
    const r = scoreImprovement(prepared, undefined, {minSteadiness: 0.5});
    expect(r.rows.filter((x) => x.rank !== null).map((x) => x.code)).toEqual(["0201"]);
    const row = r.rows.find((x) => x.code === "0202")!;
    expect(row.status).toBe(STATUS_UNSTEADY);
    expect(row.reasons[0]!.reason).toBe("stadighet 0 % under kravet 50 %");
  });

  it("says why nothing is ranked when a steadiness minimum removes everyone, and nothing when some are ranked", () => {
    expect(nothingRankedReason(result)).toBeNull();
    const none = scoreImprovement(prepared, undefined, {minSteadiness: 1});
    expect(none.rows.every((r) => r.rank === null)).toBe(true);
    // 0201, 0202 and 0204 fail the minimum; 0203 lacks dimension x: steadiness is the most common reason.
    expect(nothingRankedReason(none)).toMatch(/^ingen kommun uppfyller kraven; vanligast: stadighet [\d.]+ % under kravet 100 %$/);
  });

  it("uses a 3-year window when asked", () => {
    const p3 = prepareImprovement(matrix, M, 2022, {window: 3});
    // 2020-2022: N00011 first-year values 1, 2(0204) only -> fewer than 3 values.
    expect(p3.leftOut.map((l) => [l.kpi, l.code, l.year, l.n])).toEqual([["N00011", "too_few_values", 2020, 2]]);
    // N00012 first year 7 12 11 13: mean 10.75, sd sqrt(20.75/3)
    const sd = Math.sqrt((3.75 ** 2 + 1.25 ** 2 + 0.25 ** 2 + 2.25 ** 2) / 3);
    const r = scoreImprovement(p3);
    const row = r.rows.find((x) => x.code === "0201")!;
    expect(row.dimensionScores[1]).toBeCloseTo(1 / sd, 14);
    // Dimension x has no usable KPI left: nobody can be ranked, and the reason says so.
    expect(row.rank).toBeNull();
    expect(row.reasons).toEqual([{code: "empty_dimension", reason: "dimensionen x har inga användbara KPI:er", dimension: "x"}]);
  });

  it("rejects a window the data does not cover", () => {
    expect(() => prepareImprovement(matrix, M, 2020)).toThrow(/window 2017-2020 is not covered by the data \(years 2018-2022\)/);
    expect(() => prepareImprovement(matrix, M, 2022, {window: 5 as 4})).toThrow(/3 or 4/);
  });

  it("explains with the window's values and the raw slope", () => {
    const e = explainMunicipality(result, "0202");
    const x = e.indicators[0]!;
    expect(x.windowValues).toEqual([4, null, 7, 6]);
    expect(x.raw).toBeCloseTo(2 / 3, 15);
    expect(e.indicators[1]!.raw).toBe(-0);
    expect(e.indicators[1]!.contribution).toBe(0);
  });
});

describe("improvement options", () => {
  it("national: the slope of the municipality minus Riket", () => {
    const p = prepareImprovement(matrix, M, 2022, {method: "national"});
    // 0201 - Riket: -1 -1 0 -2 -> slopes 0, .5, -1/3, 1, -.5, -2 -> median (-1/3 + 0)/2
    expect(p.normalised[matrix.municipalityIndex.get("0201")! * 2]).toBeCloseTo(-1 / 6 / 2, 15);
    // N00012 lacks Riket: the municipalities' median per year (12, 11.5, 11, 10.5) is used, and noted.
    expect(p.notes).toEqual([{kpi: "N00012", code: "national_median", note: "riksvärde saknas i fönstret; kommunernas median används"}]);
    // 0201: -(8 7 6 5 - median) = 4 4.5 5 5.5 -> slope 0.5 -> I = 0.25
    expect(p.normalised[matrix.municipalityIndex.get("0201")! * 2 + 1]).toBe(0.25);
    // Steadiness on the relative series: 0201 -1 -1 0 -2: one change of three is up.
    const r = scoreImprovement(p);
    expect(r.rows.find((x) => x.code === "0201")!.steadiness).toBeCloseTo((1 + 3) / 6, 15);
  });

  it("regression: the residual of end level on start level per window year", () => {
    const p = prepareImprovement(matrix, M, 2022, {method: "regression"});
    // N00011 (start, end): 0201 (0, 2), 0202 (4, 6), 0204 (4, 1): end = 2 + 0.375 start;
    // residuals 0, 2.5, -2.5; I = residual / 3 years / sd 2.
    const v = (code: string) => p.normalised[matrix.municipalityIndex.get(code)! * 2]!;
    expect(v("0201")).toBeCloseTo(0, 14);
    expect(v("0202")).toBeCloseTo(2.5 / 6, 14);
    expect(v("0204")).toBeCloseTo(-2.5 / 6, 14);
    expect(v("0203")).toBeNaN();
  });

});

describe("which KPIs are usable in a window: one rule for every method", () => {
  const methods = ["theil-sen", "national", "regression"] as const;
  const two = model(
    [["x", 1]],
    [
      ["N00011", "x", "higher_better", 1],
      ["N00012", "x", "higher_better", 1]
    ]
  );

  it("leaves out a KPI with fewer than 3 full series (first and last year, 3+ years), whatever the method", () => {
    // N00011: only 0301 and 0304 have the last year; Theil-Sen could compute 0302 and 0303 (3 years), regression could not.
    const few = matrixOf(
      ["0301", "0302", "0303", "0304"],
      rowsForSeries([2019, 2020, 2021, 2022], {
        N00011: {"0301": [1, 2, 3, 4], "0302": [2, 2, 2, _], "0303": [3, 1, 2, _], "0304": [5, 6, 7, 9]},
        N00012: {"0301": [1, 2, 3, 4], "0302": [2, 2, 2, 3], "0303": [3, 1, 2, 5], "0304": [5, 6, 7, 9]}
      })
    );
    for (const method of methods) {
      const p = prepareImprovement(few, two, 2022, {method});
      expect(p.leftOut.map((l) => [l.kpi, l.code]), method).toEqual([["N00011", "too_few_series"]]);
      expect(p.indicators.map((i) => i.usable), method).toEqual([false, true]);
      const r = scoreImprovement(p);
      expect([r.usable, r.required], method).toEqual([1, 1]);
    }
  });

  it("a KPI with no values in the window's last year is left out for every method (the U21468 case)", () => {
    const codes4 = ["0301", "0302", "0303", "0304"];
    const noLast = matrixOf(
      codes4,
      rowsForSeries([2019, 2020, 2021], {
        N00011: {"0301": [1, 2, _], "0302": [2, 3, _], "0303": [3, 5, _], "0304": [4, 4, _]},
        N00012: {"0301": [1, 2, 3], "0302": [2, 2, 4], "0303": [3, 1, 2], "0304": [5, 6, 7]}
      })
    );
    const outcomes = methods.map((method) => {
      const r = scoreImprovement(prepareImprovement(noLast, two, 2021, {window: 3, method}));
      return {usable: r.usable, required: r.required, leftOut: r.prepared.leftOut.map((l) => l.kpi)};
    });
    for (const o of outcomes) expect(o).toEqual({usable: 1, required: 1, leftOut: ["N00011"]});
  });

  it("needs spread among the full series' first-year values", () => {
    const flat = matrixOf(
      ["0301", "0302", "0303", "0304"],
      rowsForSeries([2020, 2021, 2022], {N00011: {"0301": [2, 3, 4], "0302": [2, 2, 2], "0303": [2, 1, 2], "0304": [9, _, _]}})
    );
    for (const method of methods) {
      const p = prepareImprovement(flat, model([["x", 1]], [["N00011", "x", "higher_better", 1]]), 2022, {window: 3, method});
      expect(p.leftOut.map((l) => l.code), method).toEqual(["no_spread"]);
    }
  });
});
