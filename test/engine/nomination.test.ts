/**
 * The default nomination method on a hand-computed case (product.md steps 1-6).
 *
 * Eight municipalities 0101..0108, dimensions r (W=1) and q (W=2):
 *   N00001 r higher w1: 13 11 10  9 10  .  .  7   mean 10, sd 2 -> z  1.5  0.5  0 -0.5  0  .  . -1.5
 *   N00002 r lower  w3: 20 19 23  . 17 21  . 20   mean 20, sd 2 -> z  0    0.5 -1.5 . 1.5 -0.5 . 0
 *   N00003 q higher w1: 49 51 50 51 49 51 49  .   mean 50, sd 1 -> z -1    1    0  1  -1  1 -1  .
 *   N00004 q higher w1: 0.1 everywhere present -> left out, no spread
 *   N00005 q lower  w2: two values -> left out, fewer than 3 values
 *   N00006 r higher w0: weight 0, not counted
 * Usable weighted KPIs: 3, so 2 are required (3 * has >= 2 * 3).
 *   D(r): 0.375 0.5 -1.125 -0.5 1.125 -0.5 . -0.375     D(q): -1 1 0 1 -1 1 -1 .
 *   S = (D(r) + 2 D(q)) / 3: -0.5417 0.8333 -0.375 0.5 -0.2917 0.5 (0107, 0108 unranked)
 * 0104 and 0106 tie at 0.5: the lower code ranks first.
 */
import {describe, expect, it} from "vitest";
import {explainMunicipality, contributionMatrix, prepareNomination, scoreNomination, STATUS_INSUFFICIENT} from "../../src/engine/index.ts";
import {matrixOf, model, rankByCode, rowsForYear} from "./fixtures.ts";

const codes = ["0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108"];
const _ = null;
const table = {
  N00001: [13, 11, 10, 9, 10, _, _, 7],
  N00002: [20, 19, 23, _, 17, 21, _, 20],
  N00003: [49, 51, 50, 51, 49, 51, 49, _],
  N00004: [0.1, 0.1, 0.1, 0.1, _, 0.1, 0.1, 0.1],
  N00005: [1, 2, _, _, _, _, _, _],
  N00006: [1, 2, 3, 4, 5, 6, 7, 8]
};
const M = model(
  [
    ["r", 1],
    ["q", 2]
  ],
  [
    ["N00001", "r", "higher_better", 1],
    ["N00002", "r", "lower_better", 3],
    ["N00003", "q", "higher_better", 1],
    ["N00004", "q", "higher_better", 1],
    ["N00005", "q", "lower_better", 2],
    ["N00006", "r", "higher_better", 0]
  ]
);
// Municipalities given in reverse order: the matrix sorts them by code.
const matrix = matrixOf([...codes].reverse(), rowsForYear(2022, codes, table));
const prepared = prepareNomination(matrix, M, 2022);
const result = scoreNomination(prepared);
const byCode = Object.fromEntries(result.rows.map((r) => [r.code, r]));

describe("default nomination method, hand-computed", () => {
  it("computes z-scores with the sample sd and aligns direction", () => {
    const z = (code: string, k: number) => prepared.normalised[matrix.municipalityIndex.get(code)! * prepared.nKpis + k];
    expect([0, 1, 2, 3, 4, 7].map((m) => z(codes[m]!, 0))).toEqual([1.5, 0.5, 0, -0.5, 0, -1.5]);
    expect([0, 1, 2, 4, 5, 7].map((m) => z(codes[m]!, 1))).toEqual([-0, 0.5, -1.5, 1.5, -0.5, -0]);
    expect(z("0104", 1)).toBeNaN();
    expect(codes.slice(0, 7).map((c) => z(c, 2))).toEqual([-1, 1, 0, 1, -1, 1, -1]);
  });

  it("leaves out KPIs with fewer than 3 values or no spread, and reports them", () => {
    expect(prepared.leftOut).toEqual([
      {kpi: "N00004", dimension: "q", year: 2022, n: 7, code: "no_spread", reason: "ingen spridning (sd = 0)"},
      {kpi: "N00005", dimension: "q", year: 2022, n: 2, code: "too_few_values", reason: "färre än 3 värden"}
    ]);
    expect(result.usable).toBe(3);
    expect(result.required).toBe(2);
  });

  it("computes dimension scores over the KPIs a municipality has", () => {
    const dims = codes.map((c) => byCode[c]!.dimensionScores);
    expect(dims).toEqual([
      [0.375, -1],
      [0.5, 1],
      [-1.125, 0],
      [-0.5, 1],
      [1.125, -1],
      [-0.5, 1],
      [null, -1],
      [-0.375, null]
    ]);
  });

  it("computes totals and ranks with ties broken by code", () => {
    expect(result.rows.map((r) => [r.code, r.rank])).toEqual([
      ["0102", 1],
      ["0104", 2],
      ["0106", 3],
      ["0105", 4],
      ["0103", 5],
      ["0101", 6],
      ["0107", null],
      ["0108", null]
    ]);
    expect(byCode["0102"]!.score).toBeCloseTo(2.5 / 3, 14);
    expect(byCode["0104"]!.score).toBe(0.5);
    expect(byCode["0106"]!.score).toBe(0.5);
    expect(byCode["0105"]!.score).toBeCloseTo(-0.875 / 3, 14);
    expect(byCode["0103"]!.score).toBeCloseTo(-0.375, 14);
    expect(byCode["0101"]!.score).toBeCloseTo(-1.625 / 3, 14);
  });

  it("applies the 2/3 coverage rule: exactly 2 of 3 is ranked, 1 of 3 is not", () => {
    expect(byCode["0104"]!.coverage).toEqual({has: 2, of: 3, required: 2});
    expect(byCode["0104"]!.rank).toBe(2);
    expect(byCode["0107"]!.coverage).toEqual({has: 1, of: 3, required: 2});
    expect(byCode["0107"]!.status).toBe(STATUS_INSUFFICIENT);
    expect(byCode["0107"]!.reasons.map((r) => r.reason)).toEqual([
      "har 1 av 3 användbara KPI:er (kräver minst 2)",
      "saknar värde i dimensionen r"
    ]);
  });

  it("requires a value in every weighted dimension", () => {
    expect(byCode["0108"]!.coverage.has).toBe(2);
    expect(byCode["0108"]!.rank).toBeNull();
    expect(byCode["0108"]!.score).toBeNull();
    expect(byCode["0108"]!.reasons).toEqual([{code: "missing_dimension", reason: "saknar värde i dimensionen q", dimension: "q"}]);
  });

  it("recombines on a weight change without a new precompute", () => {
    // W(q) = 0: the total is D(r); 0108 no longer needs q. N00003 still counts in the 2/3 rule (w > 0).
    const r2 = scoreNomination(prepared, {dimensions: {q: 0}, indicators: {}});
    expect(r2.rows.map((r) => [r.code, r.rank])).toEqual([
      ["0105", 1],
      ["0102", 2],
      ["0101", 3],
      ["0108", 4],
      ["0104", 5],
      ["0106", 6],
      ["0103", 7],
      ["0107", null]
    ]);
    expect(r2.rows[0]!.score).toBe(1.125);
    // w(N00002) = 0: usable 2, required 2; 0106 keeps only N00003.
    const r3 = scoreNomination(prepared, {dimensions: {}, indicators: {N00002: 0}});
    expect(r3.usable).toBe(2);
    const row0106 = r3.rows.find((r) => r.code === "0106")!;
    expect(row0106.rank).toBeNull();
    expect(row0106.reasons.map((r) => r.reason)).toEqual(["har 1 av 2 användbara KPI:er (kräver minst 2)", "saknar värde i dimensionen r"]);
    expect(rankByCode(r3.rows)["0101"]).toBe(4); // S = (1.5 + 2 * -1) / 3, after 0102, 0104, 0103
  });

  it("rejects negative or non-finite weights", () => {
    expect(() => scoreNomination(prepared, {dimensions: {r: -1}, indicators: {}})).toThrow(/dimension r/);
    expect(() => scoreNomination(prepared, {dimensions: {}, indicators: {N00001: NaN}})).toThrow(/KPI N00001/);
  });

  it("lists everyone unranked when all dimension weights are 0", () => {
    const r = scoreNomination(prepared, {dimensions: {r: 0, q: 0}, indicators: {}});
    expect(r.rows.every((x) => x.rank === null)).toBe(true);
    expect(r.rows[0]!.reasons.map((x) => x.code)).toContain("no_dimension_weight");
  });
});

describe("explanations", () => {
  it("gives per-KPI contributions that sum to the total", () => {
    const e = explainMunicipality(result, "0102");
    const used = e.indicators.filter((i) => i.status === "used");
    expect(used.map((i) => [i.kpi, i.raw, i.normalised])).toEqual([
      ["N00001", 11, 0.5],
      ["N00002", 19, 0.5],
      ["N00003", 51, 1]
    ]);
    expect(used.map((i) => i.contribution)).toEqual([(1 / 3) * (1 / 4) * 0.5, (1 / 3) * (3 / 4) * 0.5, (2 / 3) * 1]);
    expect(used.reduce((s, i) => s + i.contribution!, 0)).toBeCloseTo(e.row.score!, 14);
    expect(e.indicators.find((i) => i.kpi === "N00004")!.status).toBe("left_out");
    expect(e.indicators.find((i) => i.kpi === "N00006")!.status).toBe("zero_weight");
    expect(e.dimensions.map((d) => [d.id, d.score, d.share, d.has, d.of])).toEqual([
      ["r", 0.5, 1 / 3, 2, 2],
      ["q", 1, 2 / 3, 1, 1]
    ]);
    expect(e.dimensions.reduce((s, d) => s + d.contribution!, 0)).toBeCloseTo(e.row.score!, 14);
  });

  it("renormalises within the dimension over the KPIs the municipality has", () => {
    const e = explainMunicipality(result, "0104");
    const k1 = e.indicators.find((i) => i.kpi === "N00001")!;
    expect(k1.shareOfDimension).toBe(1);
    expect(k1.contribution).toBeCloseTo(-0.5 / 3, 15);
    expect(e.indicators.find((i) => i.kpi === "N00002")!.status).toBe("missing");
  });

  it("explains an unranked municipality without contributions", () => {
    const e = explainMunicipality(result, "0108");
    expect(e.row.reasons.length).toBe(1);
    expect(e.indicators.every((i) => i.contribution === null)).toBe(true);
    expect(e.dimensions.map((d) => d.score)).toEqual([-0.375, null]);
  });

  it("builds the contribution matrix of all ranked municipalities", () => {
    const c = contributionMatrix(result);
    for (const row of result.rows) {
      let sum = 0;
      for (let k = 0; k < prepared.nKpis; k++) {
        const v = c[row.index * prepared.nKpis + k]!;
        if (!Number.isNaN(v)) sum += v;
      }
      if (row.score === null) expect(sum).toBe(0);
      else expect(sum).toBeCloseTo(row.score, 14);
    }
  });
});
