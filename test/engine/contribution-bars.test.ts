/**
 * engine/contributions.ts, contributionBars (the ranking pages' "Topp 30" chart): the hand-computed case of nomination.test.ts
 * (S = (D(r) + 2·D(q)) / 3), and agreement with explainMunicipality for every
 * ranked municipality under both aggregations.
 */
import {describe, expect, it} from "vitest";
import {contributionBars, displayRank, explainMunicipality, prepareNomination, score, topRows} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
const table = {
  N00001: [13, 11, 10, 9, 10, 8],
  N00002: [20, 19, 23, 18, 17, 21],
  N00003: [49, 51, 50, 51, 49, 51]
};
const M = model(
  [
    ["r", 1],
    ["q", 2]
  ],
  [
    ["N00001", "r", "higher_better", 1],
    ["N00002", "r", "lower_better", 3],
    ["N00003", "q", "higher_better", 1]
  ]
);
const matrix = matrixOf(codes, rowsForYear(2022, codes, table));

describe("contributionBars", () => {
  it("splits each total into W(d)/ΣW × D(d) per dimension, in rank order", () => {
    const result = score(prepareNomination(matrix, M, 2022));
    const bars = contributionBars(result, result.rows, 3);
    expect(bars.map((b) => b.rank)).toEqual([1, 2, 3]);
    for (const bar of bars) {
      const row = result.rows.find((r) => r.code === bar.code)!;
      const [dr, dq] = row.dimensionScores as number[];
      expect(bar.contributions[0]).toBeCloseTo(dr! / 3, 12);
      expect(bar.contributions[1]).toBeCloseTo((2 * dq!) / 3, 12);
      expect(bar.total).toBeCloseTo(row.score!, 12);
    }
  });

  it("equals explainMunicipality's dimension contributions, arithmetic and geometric", () => {
    for (const aggregation of ["arithmetic", "geometric"] as const) {
      const result = score(prepareNomination(matrix, M, 2022, {aggregation}), {dimensions: {r: 0.7, q: 2.5}, indicators: {N00002: 1.2}});
      for (const bar of contributionBars(result, result.rows, 10)) {
        const explained = explainMunicipality(result, bar.code).dimensions.map((d) => d.contribution);
        expect(bar.contributions).toEqual(explained);
      }
    }
  });

  it("gives a weight-0 dimension a zero contribution", () => {
    const result = score(prepareNomination(matrix, M, 2022), {dimensions: {r: 0, q: 1}});
    for (const bar of contributionBars(result, result.rows, 10)) expect(bar.contributions[0]).toBe(0);
  });

  it("orders by the overall rank when ranks restart within groups, and keeps only the rows given", () => {
    const result = score(prepareNomination(matrix, M, 2022), {}, {grouping: "kommungrupp"});
    const kept = result.rows.filter((r) => r.code !== "0102");
    const top = topRows(result, kept, 4);
    expect(top.map((r) => displayRank(result, r))).toEqual([...top.map((r) => r.overallRank!)].sort((a, b) => a - b));
    expect(top.some((r) => r.code === "0102")).toBe(false);
    expect(top).toHaveLength(4);
  });
});
