/**
 * Steadiness counts only the KPIs that carry weight, and the reasons a
 * municipality is not ranked are exactly the ones that apply: no steadiness
 * complaint on top of a missing dimension or of all dimension weights being 0.
 * Also the reason texts of coverage.ts that the rankings do not show every day.
 * Window 2019-2022 (L = 4), every series complete: 3 year-over-year changes per KPI.
 */
import {describe, expect, it} from "vitest";
import {
  noDimensionWeightReason,
  prepareImprovement,
  scoreImprovement,
  STATUS_INSUFFICIENT,
  STATUS_RANKED,
  STATUS_UNSTEADY,
  steadinessReason
} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries} from "./fixtures.ts";

const years = [2019, 2020, 2021, 2022];

/**
 * One dimension x with two KPIs, both higher_better:
 *   N00001: 0101 1 2 3 4 (3 up)   0102 2 1 0 -1 (0 up)  0103 3 3 3 3 (0 up)
 *   N00002: 0101 1 0 -1 -2 (0 up) 0102 2 3 4 5 (3 up)   0103 3 4 5 6 (3 up)
 * Steadiness over both: 3/6 for everyone; N00002 weighted 0: 3/3, 0/3, 0/3;
 * N00001 weighted 0: 0/3, 3/3, 3/3.
 */
function oneDimension() {
  const M = model(
    [["x", 1]],
    [
      ["N00001", "x", "higher_better", 1],
      ["N00002", "x", "higher_better", 1]
    ]
  );
  const matrix = matrixOf(
    ["0101", "0102", "0103"],
    rowsForSeries(years, {
      N00001: {"0101": [1, 2, 3, 4], "0102": [2, 1, 0, -1], "0103": [3, 3, 3, 3]},
      N00002: {"0101": [1, 0, -1, -2], "0102": [2, 3, 4, 5], "0103": [3, 4, 5, 6]}
    })
  );
  return prepareImprovement(matrix, M, 2022);
}

/**
 * x: N00001 and N00003; y: N00002, which 0104 lacks.
 *   N00001: 0101 1 2 3 4  0102 2 3 4 5  0103 3 2 1 0  0104 4 3 2 1
 *   N00003: 0101 1 2 3 4  0102 2 3 4 5  0103 3 2 1 0  0104 4 3 2 1
 *   N00002: 0101 1 2 3 4  0102 2 3 4 5  0103 3 2 1 0  0104 -
 * 0104: 2 of 3 KPIs (meets 3 * 2 >= 2 * 3), no value in y, steadiness 0/6.
 */
function missingDimension() {
  const M = model(
    [
      ["x", 1],
      ["y", 1]
    ],
    [
      ["N00001", "x", "higher_better", 1],
      ["N00002", "y", "higher_better", 1],
      ["N00003", "x", "higher_better", 1]
    ]
  );
  const series = {"0101": [1, 2, 3, 4], "0102": [2, 3, 4, 5], "0103": [3, 2, 1, 0]};
  const matrix = matrixOf(
    ["0101", "0102", "0103", "0104"],
    rowsForSeries(years, {N00001: {...series, "0104": [4, 3, 2, 1]}, N00002: series, N00003: {...series, "0104": [4, 3, 2, 1]}})
  );
  return prepareImprovement(matrix, M, 2022);
}

describe("steadiness follows the weights", () => {
  it("counts the changes of every KPI with weight > 0", () => {
    const r = scoreImprovement(oneDimension());
    expect(Array.from(r.steadiness)).toEqual([0.5, 0.5, 0.5]);
    expect(r.rows.map((row) => [row.code, row.steadiness])).toContainEqual(["0102", 0.5]);
  });

  it("leaves out the changes of a KPI weighted 0", () => {
    expect(Array.from(scoreImprovement(oneDimension(), {indicators: {N00002: 0}}).steadiness)).toEqual([1, 0, 0]);
    expect(Array.from(scoreImprovement(oneDimension(), {indicators: {N00001: 0}}).steadiness)).toEqual([0, 1, 1]);
  });

  it("a minimum steadiness leaves out the unsteady ones with the steadiness reason only", () => {
    const r = scoreImprovement(oneDimension(), {indicators: {N00002: 0}}, {minSteadiness: 0.75});
    const byCode = Object.fromEntries(r.rows.map((row) => [row.code, row]));
    expect(byCode["0101"]!.status).toBe(STATUS_RANKED);
    expect(byCode["0101"]!.rank).toBe(1);
    for (const code of ["0102", "0103"]) {
      expect(byCode[code]!.status).toBe(STATUS_UNSTEADY);
      expect(byCode[code]!.reasons).toEqual([{code: "steadiness", reason: "stadighet 0 % under kravet 75 %"}]);
    }
  });
});

describe("reasons are not piled up", () => {
  it("all dimension weights 0: that reason alone, no steadiness reason although everyone is below the minimum", () => {
    const r = scoreImprovement(oneDimension(), {dimensions: {x: 0}}, {minSteadiness: 1});
    expect(r.rows).toHaveLength(3);
    for (const row of r.rows) {
      expect(row.rank).toBeNull();
      expect(row.status).toBe(STATUS_INSUFFICIENT);
      expect(row.steadiness).toBe(0.5);
      expect(row.reasons).toEqual([{code: "no_dimension_weight", reason: "alla dimensionsvikter är 0"}]);
    }
  });

  it("a missing dimension: that reason alone, no steadiness reason although the steadiness is 0", () => {
    const r = scoreImprovement(missingDimension(), undefined, {minSteadiness: 0.5});
    const row = r.rows.find((x) => x.code === "0104")!;
    expect(row.coverage).toEqual({has: 2, of: 3, required: 2});
    expect(row.steadiness).toBe(0);
    expect(row.status).toBe(STATUS_INSUFFICIENT);
    expect(row.dimensionScores[1]).toBeNull();
    expect(row.reasons).toEqual([{code: "missing_dimension", reason: "saknar värde i dimensionen y", dimension: "y"}]);
  });
});

describe("reason texts", () => {
  it("no dimension weight", () => {
    expect(noDimensionWeightReason()).toEqual({code: "no_dimension_weight", reason: "alla dimensionsvikter är 0"});
  });

  it("steadiness in percent with one decimal, and 'okänd' when there is none", () => {
    expect(steadinessReason(2 / 3, 0.75)).toEqual({code: "steadiness", reason: "stadighet 66.7 % under kravet 75 %"});
    expect(steadinessReason(NaN, 0.5)).toEqual({code: "steadiness", reason: "stadighet okänd under kravet 50 %"});
  });
});
