/** Edges of the Kommunprofil's engine (src/engine/profile.ts): the year bounds, Riket of a later KPI, ties and limits in strengths, weaknesses and the weakest KPI. */
import {describe, expect, it} from "vitest";
import {buildMatrix, kpiProfiles, medianTable, strengthsAndWeaknesses, weakestKpi} from "../../src/engine/index.ts";
import {SMALL_MODEL, smallMatrix} from "./profile-fixtures.ts";
import {model, municipalities, rowsForSeries} from "./fixtures.ts";

describe("kpiProfiles: the year must be one of the data's", () => {
  it("accepts the first and the last year (2020, 2022)", () => {
    const matrix = smallMatrix();
    const medians = medianTable(matrix, ["N00001", "N00002"]);
    expect(kpiProfiles(matrix, SMALL_MODEL, "0101", 2020, medians).map((r) => r.value)).toEqual([10, 5]);
    expect(kpiProfiles(matrix, SMALL_MODEL, "0101", 2022, medians).map((r) => r.value)).toEqual([14, 5]);
  });

  it.each([2019, 2023, 2021.5])("rejects %s with the exact message", (year) => {
    const matrix = smallMatrix();
    const medians = medianTable(matrix, ["N00001", "N00002"]);
    expect(() => kpiProfiles(matrix, SMALL_MODEL, "0101", year, medians)).toThrow(new RangeError(`year ${year} is not in the data`));
  });
});

describe("kpiProfiles: Riket", () => {
  it("is the national value of each KPI, also of the second and third KPI in the matrix", () => {
    const years = [2021, 2022];
    const rows = rowsForSeries(years, {
      N00001: {"0101": [1, 2], "0102": [3, 4], "0000": [10, 11]},
      N00002: {"0101": [5, 6], "0102": [7, 8], "0000": [20, 21]},
      N00003: {"0101": [5, 6], "0102": [7, 8], "0000": [30, 31]}
    });
    const matrix = buildMatrix({municipalities: municipalities(["0101", "0102"]), values: rows});
    const m = model(
      [["a", 1]],
      [
        ["N00001", "a", "higher_better", 1],
        ["N00002", "a", "higher_better", 1],
        ["N00003", "a", "higher_better", 1]
      ]
    );
    const profiles = kpiProfiles(matrix, m, "0101", 2022, medianTable(matrix, ["N00001", "N00002", "N00003"]));
    expect(profiles.map((p) => p.riket)).toEqual([11, 21, 31]);
    expect(profiles.map((p) => p.trend.riket)).toEqual([
      [10, 11],
      [20, 21],
      [30, 31]
    ]);
  });
});

describe("strengthsAndWeaknesses: ties and the limit", () => {
  it("keeps model order among equal percentiles even when the rows come in another order", () => {
    const rows = [
      {kpi: "c", order: 2, percentile: 90, colour: "green" as const},
      {kpi: "b", order: 1, percentile: 90, colour: "green" as const},
      {kpi: "f", order: 5, percentile: 10, colour: "red" as const},
      {kpi: "e", order: 4, percentile: 10, colour: "red" as const},
      {kpi: "a", order: 0, percentile: 95, colour: "green" as const},
      {kpi: "d", order: 3, percentile: 5, colour: "red" as const}
    ];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows);
    expect(strengths.map((r) => r.kpi)).toEqual(["a", "b", "c"]);
    expect(weaknesses.map((r) => r.kpi)).toEqual(["d", "e", "f"]);
  });

  it("cuts both lists to the limit", () => {
    const rows = [
      {order: 0, percentile: 99, colour: "green" as const},
      {order: 1, percentile: 80, colour: "green" as const},
      {order: 2, percentile: 1, colour: "red" as const},
      {order: 3, percentile: 20, colour: "red" as const}
    ];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows, 1);
    expect(strengths.map((r) => r.order)).toEqual([0]);
    expect(weaknesses.map((r) => r.order)).toEqual([2]);
  });
});

describe("weakestKpi", () => {
  it("takes the lowest percentile even when a later-in-model KPI comes first", () => {
    const rows = [
      {kpi: "late", order: 3, percentile: 10},
      {kpi: "early", order: 0, percentile: 50}
    ];
    expect(weakestKpi(rows)?.kpi).toBe("late");
  });

  it("among equal percentiles takes the first in model order", () => {
    const rows = [
      {kpi: "late", order: 3, percentile: 10},
      {kpi: "early", order: 1, percentile: 10},
      {kpi: "none", order: 0, percentile: null}
    ];
    expect(weakestKpi(rows)?.kpi).toBe("early");
  });
});
