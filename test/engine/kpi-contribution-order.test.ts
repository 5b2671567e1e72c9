/** The order of kpiContributions and topRows (src/engine/contributions.ts) on hand-made data: descending, ties and KPIs without a contribution in model order, unranked rows left out. */
import {describe, expect, it} from "vitest";
import {defaultWeights, kpiContributions, prepareNomination, score, topRows} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

const CODES = ["0101", "0102", "0103", "0104"];

/**
 * One dimension; model order N00005, N00001 (weight 0), N00002, N00003, N00004 (weight 0).
 * N00002 and N00003 have the same values, so the same contribution for every municipality.
 * 0104 is best on N00002 and N00003 and worst on N00005.
 */
function scored() {
  const m = model(
    [["a", 1]],
    [
      ["N00005", "a", "higher_better", 1],
      ["N00001", "a", "higher_better", 0],
      ["N00002", "a", "higher_better", 1],
      ["N00003", "a", "higher_better", 1],
      ["N00004", "a", "higher_better", 0]
    ]
  );
  const rows = rowsForYear(2022, CODES, {
    N00005: [4, 3, 2, 1],
    N00001: [1, 2, 3, 4],
    N00002: [1, 2, 3, 4],
    N00003: [1, 2, 3, 4],
    N00004: [4, 3, 2, 1]
  });
  const matrix = matrixOf(CODES, rows);
  return score(prepareNomination(matrix, m, 2022), defaultWeights(m));
}

describe("kpiContributions order", () => {
  it("puts the larger contributions first, equal ones in model order, KPIs without a contribution last in model order", () => {
    const result = scored();
    const c = kpiContributions(result, "0104");
    expect(c.kpis.map((k) => k.kpi)).toEqual(["N00002", "N00003", "N00005", "N00001", "N00004"]);
    const [k2, k3, k5, k1, k4] = c.kpis;
    expect(k2!.contribution).toBe(k3!.contribution);
    expect(k2!.contribution!).toBeGreaterThan(k5!.contribution!);
    expect(k1!.contribution).toBeNull();
    expect(k4!.contribution).toBeNull();
    expect(k1!.status).toBe("zero_weight");
  });

  it("for the municipality best on N00005 and worst on N00002, N00003: N00005 first, then the tied N00002, N00003, then the KPIs without a contribution", () => {
    const c = kpiContributions(scored(), "0101");
    expect(c.kpis.map((k) => k.kpi)).toEqual(["N00005", "N00002", "N00003", "N00001", "N00004"]);
  });
});

describe("topRows", () => {
  it("leaves out unranked rows and orders the rest by rank", () => {
    const result = scored();
    // Put an unranked row first: a copy of row 0102 marked unranked.
    const unranked = {...result.rows.find((r) => r.code === "0102")!, rank: null, overallRank: null};
    const rows = [unranked, ...[...result.rows].reverse()];
    const top = topRows(result, rows, 2);
    expect(top.map((r) => r.rank)).toEqual([1, 2]);
    expect(top.every((r) => r.rank !== null)).toBe(true);
    expect(topRows(result, rows, 10)).toHaveLength(4);
  });
});

describe("kpiContributions order with many KPIs", () => {
  it("with 80 KPIs, half of them weight 0: non-null contributions descending (ties in model order), then the weight-0 KPIs in model order", () => {
    const kpis = Array.from({length: 80}, (_, i) => `N${String(i + 1).padStart(5, "0")}`);
    // Weight 0 for every other KPI, in runs that interleave with the weighted ones.
    const zero = (i: number) => i % 4 === 1 || i % 4 === 2;
    const m = model(
      [["a", 1]],
      kpis.map((kpi, i) => [kpi, "a", "higher_better", zero(i) ? 0 : 1] as [string, string, "higher_better", number])
    );
    // Values of 0101..0104: a few distinct patterns, so many KPIs tie.
    const patterns = [
      [1, 2, 3, 4],
      [4, 3, 2, 1],
      [2, 1, 4, 3],
      [1, 2, 4, 3]
    ];
    const table = Object.fromEntries(kpis.map((kpi, i) => [kpi, patterns[(i * 7) % 4]!]));
    const result = score(prepareNomination(matrixOf(CODES, rowsForYear(2022, CODES, table)), m, 2022), defaultWeights(m));
    for (const code of CODES) {
      const c = kpiContributions(result, code);
      const modelOrder = (kpi: string) => kpis.indexOf(kpi);
      const withValue = c.kpis.filter((k) => k.contribution !== null);
      const without = c.kpis.filter((k) => k.contribution === null);
      expect(without.map((k) => k.kpi)).toEqual(kpis.filter((_, i) => zero(i)));
      expect(c.kpis.slice(0, withValue.length)).toEqual(withValue);
      const expected = [...withValue].sort((a, b) => b.contribution! - a.contribution! || modelOrder(a.kpi) - modelOrder(b.kpi));
      expect(withValue.map((k) => k.kpi)).toEqual(expected.map((k) => k.kpi));
    }
  });
});
