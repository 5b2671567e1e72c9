/**
 * Edges of the improvement page's trend lines: a window that starts after the
 * data's first year, a KPI in a later matrix row, municipalities other than
 * the first, a KPI without spread in its first year, and the years' order.
 *
 *   Data 2018-2022, window 2020-2022 (t0 = 2). N00002 (matrix row 1, higher_better):
 *     0101: 50 60 | 1 2 3,  0102: 70 80 | 3 3 3,  0103: 90 95 | 5 4 3,  Riket: 40 45 | 3 3 4
 *     first-year (2020) values 1 3 5: sd 2 -> gaps (x - Riket) / 2:
 *     0102: 0 0 -0.5,  0103: 1 0.5 -0.5
 *   N00001 (row 0) is 5 for everyone in 2020: sd 0, no gap is defined.
 */
import {describe, expect, it} from "vitest";
import {meanGapByYear, nationalGapPoints, prepareImprovement, type NationalGapPoint} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries} from "./fixtures.ts";

function prepared() {
  const rows = rowsForSeries([2018, 2019, 2020, 2021, 2022], {
    N00001: {"0101": [1, 2, 5, 6, 7], "0102": [3, 4, 5, 5, 5], "0103": [5, 6, 5, 4, 3], "0000": [3, 3, 4, 4, 4]},
    N00002: {"0101": [50, 60, 1, 2, 3], "0102": [70, 80, 3, 3, 3], "0103": [90, 95, 5, 4, 3], "0000": [40, 45, 3, 3, 4]}
  });
  const matrix = matrixOf(["0101", "0102", "0103"], rows);
  const M = model([["d", 1]], [["N00001", "d", "higher_better", 1], ["N00002", "d", "higher_better", 1]]);
  return prepareImprovement(matrix, M, 2022, {window: 3});
}
const gaps = (points: NationalGapPoint[]) => points.map((p) => [p.municipality, p.kpi, p.year, p.gap]);

describe("nationalGapPoints edges", () => {
  it("reads the window's years of the KPI's own row for each municipality, not the data's first years", () => {
    const p = prepared();
    expect(p.window).toEqual({from: 2020, to: 2022, length: 3});
    const points = nationalGapPoints(p, [0, 1], [{name: "Kommun 0102", index: 1}, {name: "Kommun 0103", index: 2}]);
    expect(gaps(points)).toEqual([
      ["Kommun 0102", "N00002", 2020, 0],
      ["Kommun 0102", "N00002", 2021, 0],
      ["Kommun 0102", "N00002", 2022, -0.5],
      ["Kommun 0103", "N00002", 2020, 1],
      ["Kommun 0103", "N00002", 2021, 0.5],
      ["Kommun 0103", "N00002", 2022, -0.5]
    ]);
  });

  it("gives no points for a KPI with no spread in the window's first year, even with a weight", () => {
    const p = prepared();
    expect(p.indicators[0]!.stats.sd).toBe(0);
    const points = nationalGapPoints(p, [1, 1], [{name: "Kommun 0103", index: 2}]);
    expect(points.map((q) => q.kpi)).toEqual(["N00002", "N00002", "N00002"]);
    expect(points.every((q) => Number.isFinite(q.gap))).toBe(true);
  });
});

describe("meanGapByYear edges", () => {
  it("returns the years ascending whatever the points' order", () => {
    const point = (year: number, gap: number): NationalGapPoint => ({municipality: "K", kpi: "N00001", dimension: "D", dimensionIndex: 0, year, gap});
    expect(meanGapByYear([point(2022, 1), point(2020, 3), point(2021, 2), point(2020, 1), point(2019, -1)])).toEqual([
      {year: 2019, gap: -1},
      {year: 2020, gap: 2},
      {year: 2021, gap: 2},
      {year: 2022, gap: 1}
    ]);
  });
});
