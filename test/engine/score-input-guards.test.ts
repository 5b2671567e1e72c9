/**
 * The guards of the scoring facade (score.ts) on bad input: weights that are
 * not finite numbers >= 0, a minimum steadiness outside 0..1, and a prepared
 * ranking of the wrong kind. Also the default weights and that the minimum
 * steadiness applies to improvement rankings only. Every message is checked
 * verbatim.
 */
import {describe, expect, it} from "vitest";
import {
  defaultWeights,
  prepareImprovement,
  prepareNomination,
  resolveWeights,
  score,
  scoreImprovement,
  scoreNomination,
  type Weights
} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

/** Nomination, 2022: N00001 in x (weight 2), N00002 in y (weight 3); W(x) = 1, W(y) = 4. */
function nominationCase() {
  const codes = ["0101", "0102", "0103"];
  const M = model(
    [
      ["x", 1],
      ["y", 4]
    ],
    [
      ["N00001", "x", "higher_better", 2],
      ["N00002", "y", "lower_better", 3]
    ]
  );
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3], N00002: [3, 1, 2]}));
  return {M, prepared: prepareNomination(matrix, M, 2022)};
}

/**
 * Improvement, window 2019-2022, one KPI N00001 in x:
 *   0101: 1 2 3 4  3 changes, 3 up: steadiness 1
 *   0102: 2 3 2 3  3 changes, 2 up: steadiness 2/3
 *   0103: 3 2 1 0  3 changes, 0 up: steadiness 0
 */
function improvementCase() {
  const M = model([["x", 1]], [["N00001", "x", "higher_better", 1]]);
  const matrix = matrixOf(
    ["0101", "0102", "0103"],
    rowsForSeries([2019, 2020, 2021, 2022], {N00001: {"0101": [1, 2, 3, 4], "0102": [2, 3, 2, 3], "0103": [3, 2, 1, 0]}})
  );
  return prepareImprovement(matrix, M, 2022);
}

describe("default weights", () => {
  it("are the model's dimension and KPI weights keyed by id", () => {
    const {M} = nominationCase();
    expect(defaultWeights(M)).toEqual({dimensions: {x: 1, y: 4}, indicators: {N00001: 2, N00002: 3}});
  });
});

describe("weight checks", () => {
  it("a negative KPI weight is a RangeError naming the KPI and the value", () => {
    const {prepared} = nominationCase();
    expectThrows(() => resolveWeights(prepared, {indicators: {N00001: -1}}), RangeError, "weight of KPI N00001 must be a finite number >= 0 (got -1)");
    expectThrows(() => score(prepared, {indicators: {N00002: -0.5}}), RangeError, "weight of KPI N00002 must be a finite number >= 0 (got -0.5)");
  });

  it("a dimension weight that is NaN or infinite is a RangeError", () => {
    const {prepared} = nominationCase();
    expectThrows(() => resolveWeights(prepared, {dimensions: {x: NaN}}), RangeError, "weight of dimension x must be a finite number >= 0 (got NaN)");
    expectThrows(() => resolveWeights(prepared, {dimensions: {y: Infinity}}), RangeError, "weight of dimension y must be a finite number >= 0 (got Infinity)");
  });

  it("a weight that is not a number (a string from a URL) is a RangeError even when it looks numeric", () => {
    const {prepared} = nominationCase();
    const weights = {indicators: {N00001: "1"}} as unknown as Partial<Weights>;
    expectThrows(() => resolveWeights(prepared, weights), RangeError, "weight of KPI N00001 must be a finite number >= 0 (got 1)");
  });

  it("0 is a valid weight and unknown ids are ignored", () => {
    const {prepared} = nominationCase();
    const w = resolveWeights(prepared, {dimensions: {x: 0, nope: -5}, indicators: {N00002: 0}});
    expect(Array.from(w.dimensions)).toEqual([0, 4]);
    expect(Array.from(w.indicators)).toEqual([2, 0]);
    expect(Array.from(w.effective)).toEqual([2, 0]);
  });
});

describe("minimum steadiness", () => {
  it("outside 0..1 (or NaN) is a RangeError with the value", () => {
    const prepared = improvementCase();
    expectThrows(() => scoreImprovement(prepared, undefined, {minSteadiness: -0.1}), RangeError, "minimum steadiness must be between 0 and 1 (got -0.1)");
    expectThrows(() => scoreImprovement(prepared, undefined, {minSteadiness: 1.5}), RangeError, "minimum steadiness must be between 0 and 1 (got 1.5)");
    expectThrows(() => scoreImprovement(prepared, undefined, {minSteadiness: NaN}), RangeError, "minimum steadiness must be between 0 and 1 (got NaN)");
  });

  it("0 and 1 are the inclusive bounds", () => {
    const prepared = improvementCase();
    // 0: everyone with a steadiness passes.
    const r0 = scoreImprovement(prepared, undefined, {minSteadiness: 0});
    expect(r0.minSteadiness).toBe(0);
    expect(Array.from(r0.eligible)).toEqual([1, 1, 1]);
    // 1: only 0101 (steadiness 1) passes.
    const r1 = scoreImprovement(prepared, undefined, {minSteadiness: 1});
    expect(r1.minSteadiness).toBe(1);
    expect(Array.from(r1.eligible)).toEqual([1, 0, 0]);
    expect(Array.from(r1.steadiness)).toEqual([1, 2 / 3, 0]);
  });

  it("does not apply to a nomination ranking: ignored, not checked, and nobody is left out for it", () => {
    const {prepared} = nominationCase();
    const r = scoreNomination(prepared, undefined, {minSteadiness: 0.5});
    expect(r.minSteadiness).toBeNull();
    expect(Array.from(r.eligible)).toEqual([1, 1, 1]);
    expect(r.rows.every((row) => row.steadiness === null && row.reasons.length === 0)).toBe(true);
    expect(scoreNomination(prepared, undefined, {minSteadiness: 7}).minSteadiness).toBeNull();
  });
});

describe("kind guards", () => {
  it("scoreNomination refuses an improvement ranking and scoreImprovement a nomination ranking", () => {
    const {prepared: nomination} = nominationCase();
    const improvement = improvementCase();
    expectThrows(() => scoreNomination(improvement), TypeError, "scoreNomination needs a prepared nomination ranking");
    expectThrows(() => scoreImprovement(nomination), TypeError, "scoreImprovement needs a prepared improvement ranking");
    expect(scoreNomination(nomination).prepared).toBe(nomination);
    expect(scoreImprovement(improvement).prepared).toBe(improvement);
  });
});
