/**
 * The window rule of every improvement method (windowLeftOutReason) and the
 * window's years (improvementWindow), on small hand-made columns: which
 * municipalities count as having a full series, the exact reasons, and the
 * errors when the data do not cover the window.
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, improvementWindow, windowLeftOutReason} from "../../src/engine/index.ts";
import {matrixOf, rowsForSeries} from "./fixtures.ts";

const N = NaN;
/** Columns per year from one series per municipality (rows = municipalities). */
function columnsOf(series: number[][]): Float64Array[] {
  const L = series[0]!.length;
  return Array.from({length: L}, (_, t) => Float64Array.from(series.map((s) => s[t]!)));
}

describe("windowLeftOutReason: a full series needs the first and last year and 3 years in all", () => {
  it("does not count a municipality that lacks the window's last year, even with 3 years present", () => {
    // 0..2 have the first year with spread (sd > 0); only 0 and 1 have the last year.
    // 2 has 3 of 4 years but no last year, 3 has only a last year: 2 full series.
    const columns = columnsOf([
      [1, 2, 3, 4],
      [2, 3, 4, 5],
      [4, 5, 6, N],
      [N, N, N, 7]
    ]);
    expect(windowLeftOutReason(columns)).toEqual({code: "too_few_series", reason: "färre än 3 kommuner med värden i fönstrets första och sista år"});
  });

  it("does not count a municipality that lacks the window's first year, even with the last and 3 years present", () => {
    // 0..2 have the first year with spread; 2 lacks the last year; 3 has 2020-2022 but not 2019: 2 full series.
    const columns = columnsOf([
      [1, 2, 3, 4],
      [2, 3, 4, 5],
      [4, 5, 6, N],
      [N, 5, 6, 7]
    ]);
    expect(windowLeftOutReason(columns)).toEqual({code: "too_few_series", reason: "färre än 3 kommuner med värden i fönstrets första och sista år"});
  });

  it("does not count a municipality with the first and last year but only 2 years in all", () => {
    // 2 has 2019 and 2022 only (2 of 4 years): 2 full series.
    const columns = columnsOf([
      [1, 2, 3, 4],
      [2, 3, 4, 5],
      [4, N, N, 6]
    ]);
    expect(windowLeftOutReason(columns)).toEqual({code: "too_few_series", reason: "färre än 3 kommuner med värden i fönstrets första och sista år"});
  });

  it("accepts 3 full series, one of them with a gap year", () => {
    const columns = columnsOf([
      [1, 2, 3, 4],
      [2, 3, 4, 5],
      [4, N, 6, 7]
    ]);
    expect(windowLeftOutReason(columns)).toBeNull();
  });

  it("needs spread in the first year among the full series, not only among all first-year values", () => {
    // First year 5 5 5 9 has sd > 0, but the full series (0..2) all start at 5.
    const columns = columnsOf([
      [5, 2, 3, 4],
      [5, 3, 4, 5],
      [5, 4, 6, 7],
      [9, N, N, N]
    ]);
    expect(windowLeftOutReason(columns)).toEqual({code: "no_spread", reason: "ingen spridning i första året bland kommunerna med hela fönstret"});
  });
});

describe("improvementWindow: the window must lie inside the data's years", () => {
  it("throws when the window's last year is after the data's last year", () => {
    const matrix = matrixOf(["0101"], rowsForSeries([2019, 2020, 2021, 2022], {N00001: {"0101": [1, 2, 3, 4]}}));
    expect(improvementWindow(matrix, 2022, 3)).toEqual({from: 2020, to: 2022, length: 3});
    // 2021-2023 starts inside the data but ends after it.
    expect(() => improvementWindow(matrix, 2023, 3)).toThrow(new RangeError("the window 2021-2023 is not covered by the data (years 2019-2022)"));
  });

  it("names the data's years as none when the matrix has no years", () => {
    const matrix = buildMatrix({municipalities: [], values: []});
    expect(matrix.years).toEqual([]);
    expect(() => improvementWindow(matrix, 2022, 4)).toThrow(new RangeError("the window 2019-2022 is not covered by the data (years none)"));
  });
});
