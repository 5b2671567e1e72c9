/** Each KPI's contribution to the total (src/engine/contributions.ts), and that it is explain.ts's. */
import {describe, expect, it} from "vitest";
import {contributionMatrix, defaultWeights, explainMunicipality, kpiContributions, prepareNomination, score} from "../../src/engine/index.ts";
import {SMALL_MODEL, randomProfileData, smallMatrix} from "./profile-fixtures.ts";

describe("kpiContributions", () => {
  it("sums to the total, sorted by contribution descending, with the rank", () => {
    const matrix = smallMatrix();
    const result = score(prepareNomination(matrix, SMALL_MODEL, 2022), defaultWeights(SMALL_MODEL));
    const c = kpiContributions(result, "0104");
    expect(c.total).not.toBeNull();
    const sum = c.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(c.total!, 12);
    const values = c.kpis.map((k) => k.contribution!);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(c.rank).toBe(result.rows.find((r) => r.code === "0104")!.rank);
    // 0104: N00001 = 40 (best), N00002 = 2 (second best, lower better): both positive.
    expect(values.every((v) => v > 0)).toBe(true);
  });

  it("gives the reasons and no contributions for an unranked municipality", () => {
    const matrix = smallMatrix();
    const result = score(prepareNomination(matrix, SMALL_MODEL, 2022), defaultWeights(SMALL_MODEL));
    const c = kpiContributions(result, "0105");
    expect(c.total).toBeNull();
    expect(c.reasons.length).toBeGreaterThan(0);
    expect(c.kpis.every((k) => k.contribution === null)).toBe(true);
    expect(c.kpis.map((k) => k.kpi)).toEqual(["N00001", "N00002"]);
  });

  it("is explainMunicipality's explanation, reordered: every KPI's numbers agree with it and with contributionMatrix", () => {
    const {matrix, model} = randomProfileData();
    const result = score(prepareNomination(matrix, model, 2022), defaultWeights(model));
    const matrixContributions = contributionMatrix(result);
    const nK = result.prepared.nKpis;
    let ranked = 0;
    for (const m of matrix.municipalities) {
      const c = kpiContributions(result, m.code);
      const ex = explainMunicipality(result, m.code);
      // The same KPIs with the same numbers, only the order differs.
      const byKpi = (list: {kpi: string}[]) => [...list].sort((a, b) => a.kpi.localeCompare(b.kpi));
      expect(byKpi(c.kpis)).toEqual(byKpi(ex.indicators));
      expect(c.total).toBe(ex.row.score);
      expect(c.rank).toBe(ex.row.rank);
      expect(c.reasons).toEqual(ex.row.reasons.map((r) => r.reason));
      if (c.total === null) continue;
      ranked++;
      const index = matrix.municipalityIndex.get(m.code)!;
      for (const k of c.kpis) {
        const fromMatrix = matrixContributions[index * nK + result.prepared.indicators.findIndex((i) => i.kpi === k.kpi)]!;
        if (k.contribution === null) expect(fromMatrix).toBeNaN();
        else expect(k.contribution).toBeCloseTo(fromMatrix, 12);
      }
      expect(c.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0)).toBeCloseTo(c.total, 12);
    }
    expect(ranked).toBeGreaterThan(20);
    // The data set has each kind of KPI without a contribution.
    const statuses = new Set(matrix.municipalities.flatMap((m) => kpiContributions(result, m.code).kpis.map((k) => k.status)));
    expect([...statuses].sort()).toEqual(["left_out", "missing", "used", "zero_weight"]);
  });
});
