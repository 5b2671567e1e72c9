/**
 * Details of explainMunicipality / contributionMatrix (explain.ts) the main
 * nomination test does not reach: the geometric aggregation's log terms, the
 * shares when every dimension weight is 0, KPI titles, the window's values of
 * an improvement ranking, a zero-weight KPI in the contribution matrix, and
 * the message for an unknown code.
 */
import {describe, expect, it} from "vitest";
import {contributionMatrix, explainMunicipality, parseModel, prepareImprovement, prepareNomination, scoreImprovement, scoreNomination} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries, rowsForYear} from "./fixtures.ts";

const codes = ["0101", "0102", "0103", "0104"];

/** r (W 1): N00001 (w 1, titled), N00002 (w 3); q (W 3): N00003 (w 1), N00004 (w 0). All values present. */
function nomination(aggregation: "arithmetic" | "geometric") {
  const M = parseModel({
    name: "test",
    dimensions: [
      {id: "r", label: "R", weight: 1},
      {id: "q", label: "Q", weight: 3}
    ],
    indicators: [
      {kpi: "N00001", dimension: "r", direction: "higher_better", weight: 1, title: "Titel ett"},
      {kpi: "N00002", dimension: "r", direction: "higher_better", weight: 3},
      {kpi: "N00003", dimension: "q", direction: "higher_better", weight: 1},
      {kpi: "N00004", dimension: "q", direction: "higher_better", weight: 0}
    ]
  });
  const table = {N00001: [1, 2, 3, 4], N00002: [4, 1, 3, 2], N00003: [2, 4, 1, 3], N00004: [1, 2, 4, 3]};
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022, {aggregation});
}

describe("explainMunicipality, geometric aggregation", () => {
  it("gives each dimension share * log(score + c) and each KPI weight share * log(z + c)", () => {
    const result = scoreNomination(nomination("geometric"));
    const e = explainMunicipality(result, "0103");
    expect(e.shift).toBe(result.shift);
    expect(e.shift).toBeGreaterThan(0);
    const [r, q] = e.dimensions;
    expect([r!.share, q!.share]).toEqual([1 / 4, 3 / 4]);
    expect(r!.contribution).toBeCloseTo((1 / 4) * Math.log(r!.score! + e.shift), 14);
    expect(q!.contribution).toBeCloseTo((3 / 4) * Math.log(q!.score! + e.shift), 14);
    const used = e.indicators.filter((i) => i.status === "used");
    expect(used.map((i) => i.kpi)).toEqual(["N00001", "N00002", "N00003"]);
    expect(used.map((i) => i.weightShare)).toEqual([(1 / 4) * (1 / 4), (1 / 4) * (3 / 4), 3 / 4]);
    for (const i of used) expect(i.contribution).toBeCloseTo(i.weightShare! * Math.log(i.normalised! + e.shift), 14);
    // Both sets of contributions sum to log(total + c).
    const logTotal = Math.log(e.row.score! + e.shift);
    expect(r!.contribution! + q!.contribution!).toBeCloseTo(logTotal, 12);
    expect(used.reduce((s, i) => s + i.contribution!, 0)).toBeCloseTo(logTotal, 12);
  });

  it("reads the log terms of the explained municipality, for every municipality", () => {
    const result = scoreNomination(nomination("geometric"));
    for (const code of codes) {
      const e = explainMunicipality(result, code);
      const n3 = e.indicators.find((i) => i.kpi === "N00003")!;
      expect(n3.contribution).toBeCloseTo((3 / 4) * Math.log(n3.normalised! + e.shift), 14);
    }
  });
});

describe("explainMunicipality, weights and titles", () => {
  it("gives every dimension share 0 (not NaN) when all dimension weights are 0", () => {
    const result = scoreNomination(nomination("arithmetic"), {dimensions: {r: 0, q: 0}, indicators: {}});
    const e = explainMunicipality(result, "0101");
    expect(e.row.rank).toBeNull();
    expect(e.dimensions.map((d) => [d.id, d.weight, d.share, d.contribution])).toEqual([
      ["r", 0, 0, null],
      ["q", 0, 0, null]
    ]);
  });

  it("gives a dimension of weight 0 share 0 and contribution 0 when the others carry the weight", () => {
    const result = scoreNomination(nomination("arithmetic"), {dimensions: {r: 0}, indicators: {}});
    const e = explainMunicipality(result, "0101");
    expect(e.dimensions.map((d) => [d.id, d.share])).toEqual([
      ["r", 0],
      ["q", 1]
    ]);
    expect(e.dimensions[0]!.contribution).toBe(0);
  });

  it("carries a KPI's title when the model gives one and has no title key otherwise", () => {
    const e = explainMunicipality(scoreNomination(nomination("arithmetic")), "0102");
    expect(e.indicators[0]!.title).toBe("Titel ett");
    expect("title" in e.indicators[1]!).toBe(false);
    expect(e.indicators[1]).not.toHaveProperty("title");
  });

  it("throws a RangeError naming an unknown code", () => {
    const result = scoreNomination(nomination("arithmetic"));
    expect(() => explainMunicipality(result, "9999")).toThrow(new RangeError("unknown municipality 9999"));
  });
});

describe("contributionMatrix", () => {
  it("leaves a zero-weight KPI NaN although its dimension has a weighted KPI", () => {
    const prepared = nomination("arithmetic");
    const result = scoreNomination(prepared);
    const c = contributionMatrix(result);
    const nK = prepared.nKpis;
    for (let m = 0; m < codes.length; m++) {
      expect(c[m * nK + 3]).toBeNaN();
      expect(c[m * nK + 2]).toBeCloseTo((3 / 4) * prepared.normalised[m * nK + 2]!, 14);
      expect(c[m * nK + 0]).toBeCloseTo((1 / 4) * (1 / 4) * prepared.normalised[m * nK + 0]!, 14);
    }
  });
});

describe("explainMunicipality, improvement window", () => {
  it("lists the window's raw values per KPI, null for a missing year and for a KPI without data", () => {
    const years = [2018, 2019, 2020, 2021];
    const table = {
      N00001: {"0101": [1, 2, 3, 4], "0102": [2, 2, 3, 3], "0103": [4, 3, 2, 1], "0104": [1, 3, 2, 5]},
      N00002: {"0101": [10, 12, null, 15], "0102": [9, 9, 9, 8], "0103": [5, 6, 7, 9], "0104": [7, 7, 8, 8]}
    };
    const M = model(
      [["r", 1]],
      [
        ["N00001", "r", "higher_better", 1],
        ["N00002", "r", "higher_better", 1],
        ["N00009", "r", "higher_better", 1]
      ]
    );
    const prepared = prepareImprovement(matrixOf(codes, rowsForSeries(years, table)), M, 2021);
    expect(prepared.window).toEqual({from: 2018, to: 2021, length: 4});
    const e = explainMunicipality(scoreImprovement(prepared), "0101");
    expect(e.indicators.map((i) => i.windowValues)).toStrictEqual([
      [1, 2, 3, 4],
      [10, 12, null, 15],
      [null, null, null, null]
    ]);
    const e4 = explainMunicipality(scoreImprovement(prepared), "0104");
    expect(e4.indicators[1]!.windowValues).toStrictEqual([7, 7, 8, 8]);
  });

  it("has no window values for a nomination", () => {
    const e = explainMunicipality(scoreNomination(nomination("arithmetic")), "0101");
    expect(e.indicators.every((i) => i.windowValues === null)).toBe(true);
  });
});
