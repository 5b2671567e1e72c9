import {describe, expect, it} from "vitest";
import {buildMatrix, kpiRow, latestYear, yearColumn} from "../../src/engine/index.ts";
import {municipalities} from "./fixtures.ts";

describe("value matrix", () => {
  const muns = municipalities(["0180", "0114"]);
  const rows = [
    {kpi: "N1", municipality: "0114", year: 2020, value: 1},
    {kpi: "N1", municipality: "0180", year: 2022, value: 2},
    {kpi: "N1", municipality: "0000", year: 2022, value: 3},
    {kpi: "N1", municipality: "0001", year: 2022, value: 99},
    {kpi: "N2", municipality: "0114", year: 2021, value: 0},
    {kpi: "N2", municipality: "0180", year: 2021, value: NaN}
  ];

  it("sorts municipalities by code, keeps Riket apart, ignores regions, NaN for missing", () => {
    const m = buildMatrix({municipalities: muns, values: rows});
    expect(m.municipalities.map((x) => x.code)).toEqual(["0114", "0180"]);
    expect(m.kpis).toEqual(["N1", "N2"]);
    expect(m.years).toEqual([2020, 2021, 2022]);
    expect(Array.from(yearColumn(m, kpiRow(m, "N1"), 2022))).toEqual([NaN, 2]);
    expect(Array.from(yearColumn(m, kpiRow(m, "N2"), 2021))).toEqual([0, NaN]);
    expect(m.national[0 * 3 + 2]).toBe(3);
    expect(() => yearColumn(m, 0, 2019)).toThrow(/year 2019 is not in the data \(years 2020-2022\)/);
  });

  it("accepts columns and a KPI list and year range", () => {
    const m = buildMatrix({
      municipalities: muns,
      kpis: ["N2", "N9"],
      fromYear: 2021,
      toYear: 2022,
      values: {kpi: rows.map((r) => r.kpi), municipality: rows.map((r) => r.municipality), year: rows.map((r) => r.year), value: rows.map((r) => r.value)}
    });
    expect(m.kpis).toEqual(["N2", "N9"]);
    expect(Array.from(m.values)).toEqual([0, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
  });

  it("refuses two values for the same KPI, area and year", () => {
    expect(() => buildMatrix({municipalities: muns, values: [...rows, {kpi: "N1", municipality: "0114", year: 2020, value: 5}]})).toThrow(
      /two values for KPI N1, area 0114, year 2020/
    );
  });
});

describe("latestYear", () => {
  const muns = municipalities(["0114", "0180"]);
  const rows = [
    {kpi: "N1", municipality: "0114", year: 2020, value: 1},
    {kpi: "N2", municipality: "0180", year: 2021, value: 5},
    {kpi: "N3", municipality: "0180", year: 2023, value: 5},
    {kpi: "N1", municipality: "0000", year: 2022, value: 3}
  ];
  const m = buildMatrix({municipalities: muns, values: rows});

  it("is the last year in which one of the model's KPIs has a municipality's value (Riket does not count)", () => {
    expect(latestYear(m, {indicators: [{kpi: "N1"}, {kpi: "N2"}]})).toBe(2021);
    expect(latestYear(m, {indicators: [{kpi: "N1"}]})).toBe(2020);
    expect(latestYear(m, {indicators: [{kpi: "N3"}, {kpi: "N1"}]})).toBe(2023);
  });

  it("falls back to the matrix's last year when no KPI of the model has a value", () => {
    expect(latestYear(m, {indicators: [{kpi: "N9"}]})).toBe(2023);
  });
});
