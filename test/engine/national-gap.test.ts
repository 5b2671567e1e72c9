/**
 * The improvement page's trend lines on a hand-computed case: three
 * municipalities, one higher-better and one lower-better KPI over 2019–2022.
 *
 *   N00001 (higher): 0101: 10 11 12 13, 0102: 12 12 12 12, 0103: 14 13 12 11, Riket: 12 12 12 12
 *     first-year (2019) sd of 10, 12, 14 = 2 -> 0101's gaps (x − 12)/2 = −1 −0.5 0 0.5
 *   N00002 (lower):  0101: 5 . 3 2, 0102: 4 4 4 4, 0103: 3 3 3 3, Riket: 4 4 . 4
 *     first-year sd of 5, 4, 3 = 1 -> 0101's gaps −(x − 4)/1 = −1 (2019), skipped (2020: own value
 *     missing), skipped (2021: national missing), 2 (2022)
 */
import {describe, expect, it} from "vitest";
import {meanGapByYear, nationalGapPoints, prepareImprovement, score} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries} from "./fixtures.ts";

const years = [2019, 2020, 2021, 2022];
const _ = null;
const rows = rowsForSeries(years, {
  N00001: {"0101": [10, 11, 12, 13], "0102": [12, 12, 12, 12], "0103": [14, 13, 12, 11], "0000": [12, 12, 12, 12]},
  N00002: {"0101": [5, _, 3, 2], "0102": [4, 4, 4, 4], "0103": [3, 3, 3, 3], "0000": [4, 4, _, 4]}
});
const M = model([["d", 1]], [["N00001", "d", "higher_better", 1], ["N00002", "d", "lower_better", 1]]);
const prepared = prepareImprovement(matrixOf(["0101", "0102", "0103"], rows), M, 2022, {window: 4});
const result = score(prepared);
const row0101 = result.rows.find((r) => r.code === "0101")!;

describe("nationalGapPoints", () => {
  it("is the direction-aligned distance to Riket in first-year sds, skipping missing own or national values", () => {
    const points = nationalGapPoints(prepared, result.weights.effective, [row0101]);
    const k1 = points.filter((p) => p.kpi === "N00001").map((p) => [p.year, p.gap]);
    const k2 = points.filter((p) => p.kpi === "N00002").map((p) => [p.year, p.gap]);
    expect(k1).toEqual([[2019, -1], [2020, -0.5], [2021, 0], [2022, 0.5]]);
    expect(k2).toEqual([[2019, -1], [2022, 2]]);
    expect(points.every((p) => p.dimension === "D" && p.dimensionIndex === 0 && p.municipality === "Kommun 0101")).toBe(true);
  });

  it("leaves out KPIs whose effective weight is 0", () => {
    const effective = Float64Array.from(result.weights.effective);
    effective[1] = 0;
    expect(nationalGapPoints(prepared, effective, [row0101]).map((p) => p.kpi)).not.toContain("N00002");
  });

  it("averages the gaps per year for the black line", () => {
    const mean = meanGapByYear(nationalGapPoints(prepared, result.weights.effective, [row0101]));
    expect(mean).toEqual([
      {year: 2019, gap: -1},
      {year: 2020, gap: -0.5},
      {year: 2021, gap: 0},
      {year: 2022, gap: 1.25}
    ]);
  });
});
