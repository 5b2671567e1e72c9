/**
 * The largest weight a ranking takes (score.ts MAX_WEIGHT). Weights are
 * relative, so a limit loses nothing; without it, weights near the largest
 * double overflowed the weighted sums, and the ranking gave score 0 or no
 * rank with no reason (found by the mutation work on score.ts).
 */
import {expect, it} from "vitest";
import {MAX_WEIGHT, prepareNomination, resolveWeights, scoreNomination} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/** Four municipalities; N00001 in x = [1, 2, 3, 10], N00002 in y = [10, 1, 2, 3] (higher is better). */
function prepared() {
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
  const table = {N00001: [1, 2, 3, 10], N00002: [10, 1, 2, 3]};
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022);
}

it("refuses a weight above the limit, naming it, before anything is ranked", () => {
  const p = prepared();
  expect(() => scoreNomination(p, {dimensions: {x: 1.7e308, y: 1.7e308}})).toThrow(new RangeError("weight of dimension x is too large: at most 1000000000 (weights are relative; got 1.7e+308)"));
  expect(() => resolveWeights(p, {indicators: {N00002: MAX_WEIGHT * 2}})).toThrow(new RangeError("weight of KPI N00002 is too large: at most 1000000000 (weights are relative; got 2000000000)"));
});

it("takes weights up to the limit, and they rank as the same weights scaled down", () => {
  const p = prepared();
  const big = scoreNomination(p, {dimensions: {x: MAX_WEIGHT, y: MAX_WEIGHT}, indicators: {N00001: MAX_WEIGHT, N00002: MAX_WEIGHT}});
  const small = scoreNomination(p, {dimensions: {x: 1, y: 1}, indicators: {N00001: 1, N00002: 1}});
  expect(big.rows.map((r) => [r.code, r.rank, r.status])).toEqual(small.rows.map((r) => [r.code, r.rank, r.status]));
  for (const [i, row] of big.rows.entries()) expect(row.score).toBeCloseTo(small.rows[i]!.score!, 9);
  expect(big.rows.every((r) => r.rank !== null && r.score !== null)).toBe(true);
});
