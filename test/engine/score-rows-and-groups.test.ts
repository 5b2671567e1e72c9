/**
 * The rows of a score result: their order when ranking within groups (groups
 * by their smallest kommungrupp code, then rank), the per-row dimension scores
 * (one per model dimension, null when missing), steadiness null for a
 * nomination, and the lean recompute's reasons (one list per municipality).
 * Expected values are worked out by hand in the comments.
 */
import {describe, expect, it} from "vitest";
import {
  buildMatrix,
  prepareNomination,
  rankGroups,
  rankWeights,
  resolveWeights,
  scoreNomination,
  STATUS_INSUFFICIENT,
  type Municipality
} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/**
 * Six municipalities, one higher_better KPI; kommungrupp cycles A1 B3 C8 (fixtures.ts):
 *   code  0101 0102 0103 0104 0105 0106
 *   group  A1   B3   C8   A1   B3   C8
 *   value  2    3    1    4    5    6
 * Overall order: 0106 0105 0104 0102 0101 0103.
 */
function sixCase() {
  const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
  const M = model([["x", 1]], [["N00001", "x", "higher_better", 1]]);
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [2, 3, 1, 4, 5, 6]}));
  return prepareNomination(matrix, M, 2022);
}

function municipality(code: string, kommungrupp: string, mainGroup: string): Municipality {
  return {code, name: `Kommun ${code}`, county: "Län", kommungrupp, kommungruppName: `Grupp ${kommungrupp}`, mainGroup};
}

describe("row order when ranking within groups", () => {
  it("kommungrupp: groups in code order, each by its rank, interleaved overall ranks kept", () => {
    const r = scoreNomination(sixCase(), undefined, {grouping: "kommungrupp"});
    // A1: 0104 (4) then 0101 (2); B3: 0105 (5) then 0102 (3); C8: 0106 (6) then 0103 (1).
    expect(r.rows.map((row) => row.code)).toEqual(["0104", "0101", "0105", "0102", "0106", "0103"]);
    expect(r.rows.map((row) => row.group)).toEqual(["A1", "A1", "B3", "B3", "C8", "C8"]);
    expect(r.rows.map((row) => row.rank)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(r.rows.map((row) => row.overallRank)).toEqual([3, 5, 2, 4, 1, 6]);
  });

  it("a group whose members all rank below another group's second member still comes after it", () => {
    // 0101 A1 3, 0102 B3 1, 0103 C8 0, 0104 A1 2: overall 0101 0104 0102 0103;
    // A1 holds overall ranks 1 and 2, B3 and C8 one each (within-group rank 1).
    const codes = ["0101", "0102", "0103", "0104"];
    const M = model([["x", 1]], [["N00001", "x", "higher_better", 1]]);
    const prepared = prepareNomination(matrixOf(codes, rowsForYear(2022, codes, {N00001: [3, 1, 0, 2]})), M, 2022);
    const r = scoreNomination(prepared, undefined, {grouping: "kommungrupp"});
    expect(r.rows.map((row) => row.code)).toEqual(["0101", "0104", "0102", "0103"]);
    expect(r.rows.map((row) => row.rank)).toEqual([1, 2, 1, 1]);
  });

  it("without grouping the rows are in overall rank order", () => {
    const r = scoreNomination(sixCase());
    expect(r.rows.map((row) => row.code)).toEqual(["0106", "0105", "0104", "0102", "0101", "0103"]);
    expect(r.rows.map((row) => row.group)).toEqual([null, null, null, null, null, null]);
  });

  it("main groups are ordered by their smallest kommungrupp code, not by the first one met", () => {
    // G1 holds 0101 (C8) and 0103 (A1): key A1. G2 holds 0102 (B3): key B3.
    // Met first in code order: G1 with C8, which would put G2 (B3) first.
    const codes = ["0101", "0102", "0103"];
    const matrix = buildMatrix({
      municipalities: [municipality("0101", "C8", "G1"), municipality("0102", "B3", "G2"), municipality("0103", "A1", "G1")],
      values: rowsForYear(2022, codes, {N00001: [1, 3, 2]})
    });
    const prepared = prepareNomination(matrix, model([["x", 1]], [["N00001", "x", "higher_better", 1]]), 2022);
    const g = rankGroups(prepared, "mainGroup")!;
    expect(g.groupOf).toEqual(["G1", "G2", "G1"]);
    expect([...g.sortKey.entries()]).toEqual([
      ["G1", "A1"],
      ["G2", "B3"]
    ]);
    const r = scoreNomination(prepared, undefined, {grouping: "mainGroup"});
    // G1: 0103 (2) before 0101 (1); then G2: 0102.
    expect(r.rows.map((row) => row.code)).toEqual(["0103", "0101", "0102"]);
    expect(r.rows.map((row) => row.rank)).toEqual([1, 2, 1]);
  });

  it("the sort key is the smallest code of the group wherever it appears in code order", () => {
    // Main group from the first letter: B holds B5, B3, B4 (smallest B3, first B5, last B4); A holds A1, A2.
    const ms = [
      municipality("0101", "B5", "B"),
      municipality("0102", "A1", "A"),
      municipality("0103", "B3", "B"),
      municipality("0104", "A2", "A"),
      municipality("0105", "B4", "B")
    ];
    const codes = ms.map((m) => m.code);
    const matrix = buildMatrix({municipalities: ms, values: rowsForYear(2022, codes, {N00001: [1, 2, 3, 4, 5]})});
    const prepared = prepareNomination(matrix, model([["x", 1]], [["N00001", "x", "higher_better", 1]]), 2022);
    expect(Object.fromEntries(rankGroups(prepared, "mainGroup")!.sortKey)).toEqual({B: "B3", A: "A1"});
    expect(Object.fromEntries(rankGroups(prepared, "kommungrupp")!.sortKey)).toEqual({B5: "B5", A1: "A1", B3: "B3", A2: "A2", B4: "B4"});
    expect(rankGroups(prepared, "none")).toBeNull();
  });
});

/**
 * Two dimensions, z-scores, 2022:
 *   N00001 (x): 1 2 3 .   mean 2, sd 1: z -1 0 1, 0104 missing
 *   N00002 (y): 2 4 6 8   mean 5, sd sqrt(20/3)
 * 0104 has no x value: D(x) null, not ranked (1 of 2 KPIs meets ceil(4/3) = 2? no: 3 * 1 < 4).
 */
function twoDimCase() {
  const codes = ["0101", "0102", "0103", "0104"];
  const M = model(
    [
      ["x", 1],
      ["y", 1]
    ],
    [
      ["N00001", "x", "higher_better", 1],
      ["N00002", "y", "higher_better", 1]
    ]
  );
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3, null], N00002: [2, 4, 6, 8]}));
  return prepareNomination(matrix, M, 2022);
}

describe("row contents", () => {
  it("has one dimension score per model dimension, null where the municipality has none", () => {
    const r = scoreNomination(twoDimCase());
    const sd = Math.sqrt(20 / 3);
    const byCode = Object.fromEntries(r.rows.map((row) => [row.code, row]));
    for (const row of r.rows) expect(row.dimensionScores).toHaveLength(2);
    expect(byCode["0101"]!.dimensionScores[0]).toBe(-1);
    expect(byCode["0101"]!.dimensionScores[1]).toBeCloseTo(-3 / sd, 14);
    expect(byCode["0102"]!.dimensionScores[0]).toBe(0);
    expect(byCode["0104"]!.dimensionScores[0]).toBeNull();
    expect(byCode["0104"]!.dimensionScores[1]).toBeCloseTo(3 / sd, 14);
  });

  it("a nomination row has steadiness null; an unranked one says why and counts as insufficient data", () => {
    const r = scoreNomination(twoDimCase());
    expect(r.rows.map((row) => row.steadiness)).toEqual([null, null, null, null]);
    const last = r.rows[3]!;
    expect(last.code).toBe("0104");
    expect(last.rank).toBeNull();
    expect(last.score).toBeNull();
    expect(last.status).toBe(STATUS_INSUFFICIENT);
    expect(last.coverage).toEqual({has: 1, of: 2, required: 2});
    expect(last.reasons).toEqual([
      {code: "coverage", reason: "har 1 av 2 användbara KPI:er (kräver minst 2)"},
      {code: "missing_dimension", reason: "saknar värde i dimensionen x", dimension: "x"}
    ]);
  });
});

describe("the lean recompute's reasons", () => {
  it("has exactly one list per municipality when asked for, and none otherwise", () => {
    const prepared = twoDimCase();
    const w = resolveWeights(prepared);
    const lean = rankWeights(prepared, w, {reasons: true});
    expect(lean.reasons).toHaveLength(4);
    expect(lean.reasons!.slice(0, 3)).toEqual([[], [], []]);
    expect(lean.reasons![3]!.map((x) => x.code)).toEqual(["coverage", "missing_dimension"]);
    expect(rankWeights(prepared, w).reasons).toBeNull();
    expect(Array.from(rankWeights(prepared, w).eligible)).toEqual([1, 1, 1, 0]);
  });
});
