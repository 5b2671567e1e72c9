/**
 * The matrix's lookups at their edges: a year just past the last one, a
 * matrix without years, a KPI that is not there, and latestYear when the
 * model's KPI is the matrix's last row.
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, kpiRow, latestYear, yearOffset, type ValueRow} from "../../src/engine/index.ts";
import {municipalities} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

function twoYears() {
  const rows: ValueRow[] = [
    {kpi: "N1", municipality: "0114", year: 2020, value: 1},
    {kpi: "N1", municipality: "0114", year: 2021, value: 2}
  ];
  return buildMatrix({municipalities: municipalities(["0114"]), values: rows});
}

describe("yearOffset", () => {
  it("is the year's offset from the first year, up to the last year", () => {
    const m = twoYears();
    expect(yearOffset(m, 2020)).toBe(0);
    expect(yearOffset(m, 2021)).toBe(1);
  });

  it("refuses the year just after the last one", () => {
    expectThrows(() => yearOffset(twoYears(), 2022), RangeError, "year 2022 is not in the data (years 2020-2021)");
  });

  it("says there are no years when the matrix has none", () => {
    const m = buildMatrix({municipalities: municipalities(["0114"]), values: []});
    expectThrows(() => yearOffset(m, 2020), RangeError, "year 2020 is not in the data (years none)");
  });
});

describe("kpiRow", () => {
  it("is the KPI's row, and refuses a KPI the matrix lacks", () => {
    const m = twoYears();
    expect(kpiRow(m, "N1")).toBe(0);
    expectThrows(() => kpiRow(m, "N9"), RangeError, "KPI N9 is not in the matrix");
  });
});

describe("latestYear: the model's KPI is the matrix's last row", () => {
  it("skips the years in which that KPI has no municipality's value", () => {
    const rows: ValueRow[] = [
      {kpi: "N1", municipality: "0114", year: 2022, value: 1},
      {kpi: "N2", municipality: "0180", year: 2020, value: 5}
    ];
    const m = buildMatrix({municipalities: municipalities(["0114", "0180"]), values: rows});
    expect(m.kpis).toEqual(["N1", "N2"]);
    expect(latestYear(m, {indicators: [{kpi: "N2"}]})).toBe(2020);
  });

  it("does not take the next KPI's first cell for a value of the model's KPI in its last year", () => {
    // N1 has a value in 2020 only; N2 (row 1) in 2020 for the first municipality, which is
    // the cell right after N1's last year.
    const rows: ValueRow[] = [
      {kpi: "N1", municipality: "0180", year: 2020, value: 1},
      {kpi: "N2", municipality: "0114", year: 2020, value: 5},
      {kpi: "N2", municipality: "0114", year: 2021, value: 6}
    ];
    const m = buildMatrix({municipalities: municipalities(["0114", "0180"]), values: rows});
    expect(latestYear(m, {indicators: [{kpi: "N1"}]})).toBe(2020);
  });
});
