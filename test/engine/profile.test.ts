/** The KPI profile and its strengths and weaknesses (src/engine/profile.ts), on small hand-computed cases. */
import {describe, expect, it} from "vitest";
import {
  colourClass,
  defaultWeights,
  explainMunicipality,
  kpiProfiles,
  medianTable,
  prepareNomination,
  score,
  strengthsAndWeaknesses,
  weakestKpi,
  type KpiProfile
} from "../../src/engine/index.ts";
import {SMALL_MODEL, YEARS, randomProfileData, smallMatrix} from "./profile-fixtures.ts";

describe("kpiProfiles", () => {
  it("gives value, percentile, class, place, medians, Riket and trend per model KPI, in model order", () => {
    const matrix = smallMatrix();
    const rows = kpiProfiles(matrix, SMALL_MODEL, "0101", 2022, medianTable(matrix, ["N00001", "N00002"]), (k) => `Titel ${k}`);
    expect(rows.map((r) => r.kpi)).toEqual(["N00001", "N00002"]);
    const [k1, k2] = rows as [KpiProfile, KpiProfile];
    // N00001 2022: 14 among 14, 20, 30, 40, higher better → 1 of 4 = 25 → red, place 4.
    expect(k1).toMatchObject({title: "Titel N00001", value: 14, percentile: 25, colour: "red", place: 4, n: 4, nationalMedian: 25, groupMedian: 20, riket: 27});
    expect(k1.trend).toEqual({years: YEARS, value: [10, 12, 14], nationalMedian: [25, 20, 25], groupMedian: [20, 16, 20], riket: [25, 26, 27]});
    // N00002: 5 among 1..5, lower better → at least as good as only itself → 20 → red, place 5; no Riket.
    expect(k2).toMatchObject({value: 5, percentile: 20, colour: "red", place: 5, n: 5, nationalMedian: 3, riket: null});
  });

  it("marks a missing value grey with no percentile", () => {
    const matrix = smallMatrix();
    const [k1, k2] = kpiProfiles(matrix, SMALL_MODEL, "0105", 2021, medianTable(matrix, ["N00001", "N00002"])) as [KpiProfile, KpiProfile];
    expect(k1).toMatchObject({value: null, percentile: null, colour: "grey", place: null, n: 3});
    // 0105 has the lowest N00002 (lower better): the best.
    expect(k2).toMatchObject({value: 1, percentile: 100, colour: "green", place: 1});
  });

  it("rejects an unknown municipality or year", () => {
    const matrix = smallMatrix();
    const medians = medianTable(matrix, ["N00001"]);
    expect(() => kpiProfiles(matrix, SMALL_MODEL, "9999", 2022, medians)).toThrow(/unknown municipality/);
    expect(() => kpiProfiles(matrix, SMALL_MODEL, "0101", 2030, medians)).toThrow(/not in the data/);
  });
});

describe("strengthsAndWeaknesses", () => {
  const row = (order: number, percentile: number | null) => ({order, percentile, colour: colourClass(percentile)});

  it("lists the green KPIs best first and the red KPIs worst first; ties keep model order", () => {
    const rows = [row(0, 80), row(1, 20), row(2, 99), row(3, 50), row(4, 80), row(5, 5), row(6, null), row(7, 25), row(8, 76)];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows);
    expect(strengths.map((r) => r.order)).toEqual([2, 0, 4, 8]);
    expect(weaknesses.map((r) => r.order)).toEqual([5, 1, 7]);
  });

  it("cuts each list to the limit and leaves out missing and middle values", () => {
    const rows = [row(0, 90), row(1, 95), row(2, 100), row(3, 10), row(4, 50), row(5, null)];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows, 2);
    expect(strengths.map((r) => r.order)).toEqual([2, 1]);
    expect(weaknesses.map((r) => r.order)).toEqual([3]);
    expect(strengthsAndWeaknesses([row(0, 50), row(1, null)])).toEqual({strengths: [], weaknesses: []});
  });
});

describe("weakestKpi", () => {
  const row = (order: number, percentile: number | null) => ({order, percentile});

  it("is the KPI with the lowest percentile, the first in model order on a tie, skipping missing values", () => {
    expect(weakestKpi([row(0, 60), row(1, 30), row(2, null), row(3, 40)])).toEqual(row(1, 30));
    expect(weakestKpi([row(0, 60), row(1, 30), row(2, 30)])).toEqual(row(1, 30));
    expect(weakestKpi([row(2, 30), row(1, 30)])).toEqual(row(1, 30));
  });

  it("is undefined when no KPI has a value", () => {
    expect(weakestKpi([row(0, null)])).toBeUndefined();
    expect(weakestKpi([])).toBeUndefined();
  });
});

describe("kpiProfiles and the ranking's explanation", () => {
  it("show the same value for every KPI the ranking uses (the profile table and the contribution table agree)", () => {
    const {matrix, model} = randomProfileData();
    const medians = medianTable(
      matrix,
      model.indicators.map((i) => i.kpi)
    );
    const result = score(prepareNomination(matrix, model, 2021), defaultWeights(model));
    let compared = 0;
    for (const m of matrix.municipalities) {
      const profile = new Map(kpiProfiles(matrix, model, m.code, 2021, medians).map((p) => [p.kpi, p]));
      for (const i of explainMunicipality(result, m.code).indicators) {
        if (i.status === "left_out") continue;
        expect(profile.get(i.kpi)!.value, `${m.code} ${i.kpi}`).toBe(i.raw);
        compared++;
      }
    }
    expect(compared).toBe(40 * 6);
  });
});
