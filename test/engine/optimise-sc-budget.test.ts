/**
 * foundRankRange (src/engine/optimise.ts): how the search spends its budget
 * of score() evaluations (per direction), followed by hand on a case with one
 * variable: m = 0102 (60, 40) between 0101 (100, 100) and 0103 (0, 0) at every
 * weighting, W_a in [1, 3] (start 2), W_b and the KPI weights fixed, minmax
 * scores equal to the values: S_m = 50, 53.33, 55 at W_a = 1, 2, 3. The best
 * search (closest to 0101) improves at W_a = 3, the worst (closest to 0103)
 * at W_a = 1. A round of moves that improves is followed by another round; a
 * round that does not is followed by one random restart, which is evaluated
 * even when the moves used up the budget.
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, foundRankRange, prepareNomination, type Prepared} from "../../src/engine/index.ts";
import {model, municipalities, rowsForYear} from "./fixtures.ts";

function alwaysSecond(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model(
    [
      ["a", 2],
      ["b", 1]
    ],
    [
      ["N01001", "a", "higher_better", 1],
      ["N02001", "b", "higher_better", 1]
    ]
  );
  const matrix = buildMatrix({municipalities: municipalities(codes), values: rowsForYear(2022, codes, {N01001: [100, 60, 0], N02001: [100, 40, 0]}), kpis: ["N01001", "N02001"]});
  return prepareNomination(matrix, M, 2022, {normalisation: "minmax"});
}

const options = {bounds: {a: [1, 3], b: [1, 1]}, kpiBounds: {N01001: [1, 1], N02001: [1, 1]}} as const;

describe("foundRankRange: the evaluation budget", () => {
  it("with a budget of 4: 5 evaluations per direction", () => {
    // Best: start (1); round 1: W_a = 1 (2, worse), 3 (3, better); round 2 from 3: W_a = 1 (4), then 2 is over the
    // budget; no improvement, so a restart (5). Worst: start (1); round 1: W_a = 1 (2, better); round 2 from 1:
    // W_a = 3 (3), halfway to 1 is 1 itself (skipped), halfway to 3 is 2 (4); a restart (5).
    const found = foundRankRange(alwaysSecond(), "0102", {...options, evaluations: 4})!;
    expect(found.evaluations).toBe(10);
    expect(found.bestWeights.dimensions).toEqual({a: 3, b: 1});
    expect(found.worstWeights.dimensions).toEqual({a: 1, b: 1});
  });

  it("with a budget of 2: the improving round ends the best search, a restart ends the worst", () => {
    // Best: start (1), W_a = 1 (2): the budget is used, 3 is not tried; no improvement: a restart (3).
    // Worst: start (1), W_a = 1 (2, better): the round improved, no restart.
    const found = foundRankRange(alwaysSecond(), "0102", {...options, evaluations: 2})!;
    expect(found.evaluations).toBe(5);
    expect(found.worstWeights.dimensions).toEqual({a: 1, b: 1});
  });
});
