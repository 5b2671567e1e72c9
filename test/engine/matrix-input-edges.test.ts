/**
 * buildMatrix's input rules on tiny hand-made data: municipalities listed
 * twice, the default KPI list and year range (also when there are no values),
 * values outside a given year range, columns and one-shot iterables, and the
 * Riket series of a KPI other than the first.
 * Layout reminder: values[(k * nYears + t) * nMunicipalities + m], national[k * nYears + t].
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, type ValueRow} from "../../src/engine/index.ts";
import {municipalities} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

describe("buildMatrix: municipalities", () => {
  it("refuses a municipality listed twice, naming its code", () => {
    const muns = [...municipalities(["0180", "0114"]), ...municipalities(["0114"])];
    expectThrows(() => buildMatrix({municipalities: muns, values: []}), Error, "municipality 0114 is listed twice");
  });
});

describe("buildMatrix: default KPIs and years", () => {
  it("sorts the KPIs it finds by id, whatever order the values come in", () => {
    const rows: ValueRow[] = [
      {kpi: "N3", municipality: "0114", year: 2021, value: 3},
      {kpi: "N1", municipality: "0114", year: 2021, value: 1},
      {kpi: "N2", municipality: "0114", year: 2021, value: 2}
    ];
    const m = buildMatrix({municipalities: municipalities(["0114"]), values: rows});
    expect(m.kpis).toEqual(["N1", "N2", "N3"]);
    expect(Array.from(m.values)).toEqual([1, 2, 3]);
  });

  it("finds exactly the KPIs and years of columns (no entry past the last row)", () => {
    const m = buildMatrix({
      municipalities: municipalities(["0114", "0180"]),
      values: {kpi: ["N2", "N1", "N2"], municipality: ["0114", "0180", "0180"], year: [2021, 2020, 2020], value: [5, 6, 7]}
    });
    expect(m.kpis).toEqual(["N1", "N2"]);
    expect(m.years).toEqual([2020, 2021]);
    // N1: 2020 [NaN, 6], 2021 [NaN, NaN]; N2: 2020 [NaN, 7], 2021 [5, NaN]
    expect(Array.from(m.values)).toEqual([NaN, 6, NaN, NaN, NaN, 7, 5, NaN]);
  });

  it("has no years and no KPIs when there are no values", () => {
    const m = buildMatrix({municipalities: municipalities(["0114", "0180"]), values: []});
    expect(m.kpis).toEqual([]);
    expect(m.years).toEqual([]);
    expect(m.values.length).toBe(0);
    expect(m.national.length).toBe(0);
  });

  it("has no years when only the first year is given and there are no values", () => {
    const m = buildMatrix({municipalities: municipalities(["0114"]), kpis: ["N1"], fromYear: 2020, values: []});
    expect(m.years).toEqual([]);
    expect(m.values.length).toBe(0);
  });

  it("takes the last year from the values when only the first is given", () => {
    const rows: ValueRow[] = [
      {kpi: "N1", municipality: "0114", year: 2019, value: 1},
      {kpi: "N1", municipality: "0114", year: 2022, value: 4}
    ];
    const m = buildMatrix({municipalities: municipalities(["0114"]), kpis: ["N1"], fromYear: 2021, values: rows});
    expect(m.years).toEqual([2021, 2022]);
    expect(Array.from(m.values)).toEqual([NaN, 4]);
  });
});

describe("buildMatrix: a given year range", () => {
  it("leaves out values before the first and after the last year, for every KPI row", () => {
    const muns = municipalities(["0114", "0180"]);
    const rows: ValueRow[] = [
      {kpi: "N1", municipality: "0114", year: 2020, value: 10},
      {kpi: "N1", municipality: "0180", year: 2021, value: 11},
      {kpi: "N1", municipality: "0114", year: 2022, value: 12},
      {kpi: "N1", municipality: "0180", year: 2023, value: 13},
      {kpi: "N2", municipality: "0114", year: 2020, value: 20},
      {kpi: "N2", municipality: "0180", year: 2022, value: 22},
      {kpi: "N2", municipality: "0114", year: 2023, value: 23},
      {kpi: "N2", municipality: "0000", year: 2020, value: 30},
      {kpi: "N2", municipality: "0000", year: 2023, value: 33}
    ];
    const m = buildMatrix({municipalities: muns, kpis: ["N1", "N2"], fromYear: 2021, toYear: 2022, values: rows});
    expect(m.years).toEqual([2021, 2022]);
    // N1: 2021 [NaN, 11], 2022 [12, NaN]; N2: 2021 [NaN, NaN], 2022 [NaN, 22]
    expect(Array.from(m.values)).toEqual([NaN, 11, 12, NaN, NaN, NaN, NaN, 22]);
    expect(Array.from(m.national)).toEqual([NaN, NaN, NaN, NaN]);
  });

  it("reads the values once when the KPIs and both years are given, so a one-shot iterable works", () => {
    function* rows(): Generator<ValueRow> {
      yield {kpi: "N1", municipality: "0180", year: 2021, value: 4};
      yield {kpi: "N1", municipality: "0114", year: 2020, value: 3};
    }
    const m = buildMatrix({municipalities: municipalities(["0114", "0180"]), kpis: ["N1"], fromYear: 2020, toYear: 2021, values: rows()});
    expect(Array.from(m.values)).toEqual([3, NaN, NaN, 4]);
  });
});

describe("buildMatrix: value sources", () => {
  it("reads any iterable as rows, even one that also carries a `kpi` field", () => {
    const rows = Object.assign([{kpi: "N1", municipality: "0114", year: 2020, value: 7}] as ValueRow[], {kpi: "metadata"});
    const m = buildMatrix({municipalities: municipalities(["0114"]), values: rows});
    expect(m.kpis).toEqual(["N1"]);
    expect(Array.from(m.values)).toEqual([7]);
  });

  it("puts Riket's values of the second KPI in that KPI's national series", () => {
    const rows: ValueRow[] = [
      {kpi: "N1", municipality: "0000", year: 2020, value: 1},
      {kpi: "N1", municipality: "0000", year: 2021, value: 2},
      {kpi: "N2", municipality: "0000", year: 2020, value: 3},
      {kpi: "N2", municipality: "0000", year: 2021, value: 4}
    ];
    const m = buildMatrix({municipalities: municipalities(["0114"]), values: rows});
    // national[k * 2 + t]
    expect(Array.from(m.national)).toEqual([1, 2, 3, 4]);
    expect(Array.from(m.values)).toEqual([NaN, NaN, NaN, NaN]);
  });
});
