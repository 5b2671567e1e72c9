/**
 * extendMatrix: KPIs appended as new rows after the existing ones, read by
 * buildMatrix's rules within the matrix's own years; KPIs already there are
 * refused; nothing to add returns the matrix itself.
 * Layout reminder: values[(k * nYears + t) * nMunicipalities + m], national[k * nYears + t].
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, extendMatrix, kpiRow, yearColumn, type ValueRow} from "../../src/engine/index.ts";
import {municipalities} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

/** One KPI (N1), municipalities 0114 and 0180, years 2020-2021. */
function baseMatrix() {
  const rows: ValueRow[] = [
    {kpi: "N1", municipality: "0114", year: 2020, value: 1},
    {kpi: "N1", municipality: "0180", year: 2021, value: 2},
    {kpi: "N1", municipality: "0000", year: 2021, value: 3}
  ];
  return buildMatrix({municipalities: municipalities(["0180", "0114"]), values: rows});
}

describe("extendMatrix", () => {
  it("appends each new KPI as a row after the existing ones, keeping the existing values", () => {
    const m = baseMatrix();
    const rows: ValueRow[] = [
      {kpi: "N8", municipality: "0114", year: 2021, value: 80},
      {kpi: "N9", municipality: "0180", year: 2020, value: 90},
      {kpi: "N9", municipality: "0000", year: 2020, value: 99}
    ];
    const x = extendMatrix(m, ["N9", "N8"], rows);
    expect(x.kpis).toEqual(["N1", "N9", "N8"]);
    expect(kpiRow(x, "N1")).toBe(0);
    expect(kpiRow(x, "N9")).toBe(1);
    expect(kpiRow(x, "N8")).toBe(2);
    expect(x.years).toEqual([2020, 2021]);
    expect(x.municipalities.map((r) => r.code)).toEqual(["0114", "0180"]);
    // N1: 2020 [1, NaN], 2021 [NaN, 2]; N9: 2020 [NaN, 90], 2021 [NaN, NaN]; N8: 2020 [NaN, NaN], 2021 [80, NaN]
    expect(Array.from(x.values)).toEqual([1, NaN, NaN, 2, NaN, 90, NaN, NaN, NaN, NaN, 80, NaN]);
    // Riket: N1 [NaN, 3], N9 [99, NaN], N8 [NaN, NaN]
    expect(Array.from(x.national)).toEqual([NaN, 3, 99, NaN, NaN, NaN]);
    expect(Array.from(yearColumn(x, kpiRow(x, "N8"), 2021))).toEqual([80, NaN]);
  });

  it("adds a KPI given twice once", () => {
    const x = extendMatrix(baseMatrix(), ["N9", "N9"], [{kpi: "N9", municipality: "0114", year: 2020, value: 5}]);
    expect(x.kpis).toEqual(["N1", "N9"]);
    expect(Array.from(x.values.subarray(4))).toEqual([5, NaN, NaN, NaN]);
  });

  it("leaves out values outside the matrix's years", () => {
    const rows: ValueRow[] = [
      {kpi: "N9", municipality: "0114", year: 2019, value: 19},
      {kpi: "N9", municipality: "0180", year: 2021, value: 21},
      {kpi: "N9", municipality: "0114", year: 2022, value: 22},
      {kpi: "N9", municipality: "0000", year: 2022, value: 23}
    ];
    const x = extendMatrix(baseMatrix(), ["N9"], rows);
    expect(x.values.length).toBe(2 * 2 * 2);
    expect(Array.from(x.values.subarray(4))).toEqual([NaN, NaN, NaN, 21]);
    expect(Array.from(x.national)).toEqual([NaN, 3, NaN, NaN]);
  });

  it("does not change the matrix it extends", () => {
    const m = baseMatrix();
    extendMatrix(m, ["N9"], [{kpi: "N9", municipality: "0114", year: 2020, value: 5}]);
    expect(m.kpis).toEqual(["N1"]);
    expect(Array.from(m.values)).toEqual([1, NaN, NaN, 2]);
    expect(m.kpiIndex.has("N9")).toBe(false);
  });

  it("keeps a matrix without years without years", () => {
    const m = buildMatrix({municipalities: municipalities(["0114"]), values: []});
    const x = extendMatrix(m, ["N9"], [{kpi: "N9", municipality: "0114", year: 0, value: 5}]);
    expect(x.kpis).toEqual(["N9"]);
    expect(x.years).toEqual([]);
    expect(x.values.length).toBe(0);
    expect(x.national.length).toBe(0);
  });

  it("returns the matrix itself when there is nothing to add", () => {
    const m = baseMatrix();
    expect(extendMatrix(m, [], [{kpi: "N9", municipality: "0114", year: 2020, value: 5}])).toBe(m);
  });

  it("refuses KPIs already in the matrix, naming each of them", () => {
    const m = extendMatrix(baseMatrix(), ["N2"], []);
    expectThrows(() => extendMatrix(m, ["N1", "N9", "N2"], []), Error, "KPI N1, N2 is already in the matrix");
  });
});
