/**
 * Edges of the improvement precompute (prepareImprovement) on small
 * hand-computed cases: the national series (Riket, or the municipalities'
 * median) for a KPI in any matrix row, steadiness counts around missing years,
 * the regression method's raw values and cleared counts, a KPI missing from
 * the data, winsorising that changes nothing, and the regression guard.
 */
import {describe, expect, it} from "vitest";
import {prepareImprovement} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries} from "./fixtures.ts";

const _ = null;
const codes = ["0101", "0102", "0103"];
/** normalised (or raw) per municipality for KPI k. */
function column(values: Float64Array, nKpis: number, k: number): number[] {
  return Array.from({length: values.length / nKpis}, (_, m) => values[m * nKpis + k]!);
}

describe("national method: the series minus the national series", () => {
  it("uses the municipalities' median per year when Riket is missing, also for the matrix's first KPI row", () => {
    // N00001 is row 0 of the matrix and has no Riket. Window 2020-2022 (L = 3).
    //   0101: 1 2 3, 0102: 2 4 6, 0103: 3 3 3; medians 2 3 3; first-year sd of 1 2 3 = 1
    //   0101 - median: -1 -1 0 -> slopes 0, 1/2, 1 -> 1/2
    //   0102 - median:  0  1 3 -> slopes 1, 3/2, 2 -> 3/2
    //   0103 - median:  1  0 0 -> slopes -1, -1/2, 0 -> -1/2
    const matrix = matrixOf(codes, rowsForSeries([2020, 2021, 2022], {N00001: {"0101": [1, 2, 3], "0102": [2, 4, 6], "0103": [3, 3, 3]}}));
    expect(matrix.kpiIndex.get("N00001")).toBe(0);
    const p = prepareImprovement(matrix, model([["d", 1]], [["N00001", "d", "higher_better", 1]]), 2022, {window: 3, method: "national"});
    expect(Array.from(p.normalised)).toEqual([0.5, 1.5, -0.5]);
    expect(Array.from(p.raw)).toEqual([0.5, 1.5, -0.5]);
    expect(p.notes).toEqual([{kpi: "N00001", code: "national_median", note: "riksvärde saknas i fönstret; kommunernas median används"}]);
  });

  it("uses Riket of the KPI's own row when Riket is complete, for a KPI in a later matrix row", () => {
    // N00002 is row 1 of the matrix, Riket 1 2 4 over 2020-2022 (the medians would be 2 3 3).
    //   0101: 1 2 3 - Riket:  0  0 -1 -> slopes 0, -1/2, -1 -> -1/2
    //   0102: 2 4 6 - Riket:  1  2  2 -> slopes 1, 1/2, 0   -> 1/2
    //   0103: 3 3 3 - Riket:  2  1 -1 -> slopes -1, -3/2, -2 -> -3/2
    const series = {"0101": [1, 2, 3], "0102": [2, 4, 6], "0103": [3, 3, 3]};
    const matrix = matrixOf(codes, rowsForSeries([2020, 2021, 2022], {N00001: {...series, "0000": [9, 9, 9]}, N00002: {...series, "0000": [1, 2, 4]}}));
    expect(matrix.kpiIndex.get("N00002")).toBe(1);
    const p = prepareImprovement(matrix, model([["d", 1]], [["N00002", "d", "higher_better", 1]]), 2022, {window: 3, method: "national"});
    expect(Array.from(p.normalised)).toEqual([-0.5, 0.5, -1.5]);
    expect(p.notes).toEqual([]);
  });
});

describe("steadiness counts around missing years", () => {
  it("counts only the year-over-year changes with both years present", () => {
    // Window 2019-2022, higher_better:
    //   0101: 1 . 3 2  -> one change (3 -> 2), not positive
    //   0102: 2 3 4 5  -> three changes, all positive
    //   0103: 4 5 . 7  -> one change (4 -> 5), positive
    const matrix = matrixOf(codes, rowsForSeries([2019, 2020, 2021, 2022], {N00001: {"0101": [1, _, 3, 2], "0102": [2, 3, 4, 5], "0103": [4, 5, _, 7]}}));
    const p = prepareImprovement(matrix, model([["d", 1]], [["N00001", "d", "higher_better", 1]]), 2022);
    expect(Array.from(p.changes!)).toEqual([1, 3, 1]);
    expect(Array.from(p.positive!)).toEqual([0, 3, 1]);
  });
});

describe("regression method: raw values and counts", () => {
  it("keeps s × residual / (L - 1) as the raw value and clears the counts of a municipality without a residual", () => {
    // Window 2019-2022 (L = 4); N00001 lower_better, N00002 higher_better, same values:
    //   0101: 0 1 1 2, 0102: 4 4 5 6, 0103: 4 3 3 1, 0104: 4 3 2 . (3 years, no end year: no residual)
    // First-year sd of 0 4 4 4 = 2. N00002: end on start over 0101-0103, start 0 4 4, end 2 6 1:
    //   slope 3/8, intercept 2, residuals 0, 5/2, -5/2 -> r = residual / 3 = 0, 5/6, -5/6.
    // N00001 (aligned: negated start and end): residuals negated -> r = 0, -5/6, 5/6, raw = -r.
    const series = {"0101": [0, 1, 1, 2], "0102": [4, 4, 5, 6], "0103": [4, 3, 3, 1], "0104": [4, 3, 2, _]};
    const matrix = matrixOf([...codes, "0104"], rowsForSeries([2019, 2020, 2021, 2022], {N00001: series, N00002: series}));
    const M = model([["d", 1]], [["N00001", "d", "lower_better", 1], ["N00002", "d", "higher_better", 1]]);
    const p = prepareImprovement(matrix, M, 2022, {method: "regression"});
    const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e12) / 1e12 + 0);
    expect(round(column(p.raw, 2, 0))).toEqual(round([0, 5 / 6, -5 / 6, NaN]));
    expect(round(column(p.raw, 2, 1))).toEqual(round([0, 5 / 6, -5 / 6, NaN]));
    expect(round(column(p.normalised, 2, 0))).toEqual(round([0, -5 / 12, 5 / 12, NaN]));
    expect(round(column(p.normalised, 2, 1))).toEqual(round([0, 5 / 12, -5 / 12, NaN]));
    // Changes per municipality (N00001, N00002); 0104 has 2 changes in each but no value: cleared.
    expect(Array.from(p.changes!)).toEqual([3, 3, 3, 3, 3, 3, 0, 0]);
    // Aligned N00001: 0 -1 -1 -2 | -4 -4 -5 -6 | -4 -3 -3 -1 (2 up); N00002: 0 1 1 2 (2) | 4 4 5 6 (2) | 4 3 3 1.
    expect(Array.from(p.positive!)).toEqual([0, 2, 0, 2, 2, 0, 0, 0]);
  });

  it("leaves a KPI out with no_regression when the start levels are too close for the line, and clears its counts only", () => {
    // Window 2020-2022. N00002's full series start at 1e-200, 2e-200, 3e-200: their squared deviations
    // underflow to 0, so the line is undefined although the window rule holds (0104's first-year 1 gives sd > 0).
    // N00001 and N00003 are usable; their counts stay: 0101 1 2 3 (2 up), 0102 2 2 5 (1 up), 0103 5 4 4 (0 up).
    // N00002 comes last in the model, so clearing its counts must not touch those of the KPIs before it.
    const usable = {"0101": [1, 2, 3], "0102": [2, 2, 5], "0103": [5, 4, 4], "0104": [1, _, _]};
    const tiny = {"0101": [1e-200, 2e-200, 3e-200], "0102": [2e-200, 3e-200, 4e-200], "0103": [3e-200, 4e-200, 5e-200], "0104": [1, _, _]};
    const matrix = matrixOf([...codes, "0104"], rowsForSeries([2020, 2021, 2022], {N00001: usable, N00002: tiny, N00003: usable}));
    const M = model([["d", 1]], [["N00001", "d", "higher_better", 1], ["N00003", "d", "higher_better", 1], ["N00002", "d", "higher_better", 1]]);
    const p = prepareImprovement(matrix, M, 2022, {window: 3, method: "regression"});
    expect(p.leftOut).toEqual([{kpi: "N00002", dimension: "d", year: 2020, n: 4, code: "no_regression", reason: "för få kommuner för regressionen"}]);
    expect(p.indicators.map((i) => i.usable)).toEqual([true, true, false]);
    expect(column(p.normalised, 3, 2).every((x) => Number.isNaN(x))).toBe(true);
    expect(Array.from(p.changes!)).toEqual([2, 2, 0, 2, 2, 0, 2, 2, 0, 0, 0, 0]);
    expect(Array.from(p.positive!)).toEqual([2, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("a model KPI with no values in the data", () => {
  it("is left out with too_few_values (n 0) and gets no values, whatever the other KPIs hold", () => {
    // N00009 is in the model but not in the matrix; the matrix runs one year past the window.
    const matrix = matrixOf(codes, rowsForSeries([2019, 2020, 2021, 2022], {N00001: {"0101": [1, 2, 3, 4], "0102": [2, 4, 6, 8], "0103": [3, 3, 3, 3]}}));
    const M = model([["d", 1]], [["N00001", "d", "higher_better", 1], ["N00009", "d", "higher_better", 1]]);
    const p = prepareImprovement(matrix, M, 2021, {window: 3});
    expect(p.leftOut).toEqual([{kpi: "N00009", dimension: "d", year: 2019, n: 0, code: "too_few_values", reason: "färre än 3 värden"}]);
    expect(column(p.normalised, 2, 1).every((x) => Number.isNaN(x))).toBe(true);
    // N00001 over 2019-2021: slopes 1, 2, 0 over first-year sd 1.
    expect(column(p.normalised, 2, 0)).toEqual([1, 2, 0]);
  });
});

describe("winsorising that replaces nothing", () => {
  it("adds no note and keeps the values when no value is replaced", () => {
    const matrix = matrixOf(codes, rowsForSeries([2020, 2021, 2022], {N00001: {"0101": [1, 2, 3], "0102": [2, 4, 6], "0103": [3, 3, 3]}}));
    const M = model([["d", 1]], [["N00001", "d", "higher_better", 1]]);
    const p = prepareImprovement(matrix, M, 2022, {window: 3, winsorise: true});
    expect(p.notes).toEqual([]);
    expect(Array.from(p.normalised)).toEqual([1, 2, 0]);
  });
});
