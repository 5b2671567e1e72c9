/**
 * resolveWeightBounds (src/engine/optimise.ts): the exact messages for an
 * unknown dimension and for a bound that is not a pair [lower, upper].
 * Fixtures are built inside each test.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, resolveWeightBounds, type Prepared, type WeightBounds} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

/** Three dimensions a (weight 1), b (2), c (4), one KPI each, three municipalities. */
function threeDimensions(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model(
    [["a", 1], ["b", 2], ["c", 4]],
    [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1], ["N03001", "c", "higher_better", 1]]
  );
  const rows = rowsForYear(2022, codes, {N01001: [1, 2, 3], N02001: [3, 1, 2], N03001: [2, 3, 1]});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "percentile"});
}

describe("resolveWeightBounds messages", () => {
  it("names the unknown dimension and lists the known ones in model order", () => {
    const prepared = threeDimensions();
    expectThrows(() => resolveWeightBounds(prepared, {x: [0, 1]}), RangeError, 'weight bounds: unknown dimension "x" (known: a, b, c)');
  });

  it("rejects a bound that is not an array, with the dimension named", () => {
    const prepared = threeDimensions();
    const bounds = {b: 5} as unknown as WeightBounds;
    expectThrows(() => resolveWeightBounds(prepared, bounds), RangeError, "weight bounds of dimension b: must be [lower, upper]");
  });

  it("rejects an array of three numbers even though its first two would be valid bounds", () => {
    const prepared = threeDimensions();
    const bounds = {c: [1, 2, 3]} as unknown as WeightBounds;
    expectThrows(() => resolveWeightBounds(prepared, bounds), RangeError, "weight bounds of dimension c: must be [lower, upper]");
  });

  it("rejects a one-element array as not a pair (not as a bad upper bound)", () => {
    const prepared = threeDimensions();
    const bounds = {a: [1]} as unknown as WeightBounds;
    expectThrows(() => resolveWeightBounds(prepared, bounds), RangeError, "weight bounds of dimension a: must be [lower, upper]");
  });

  it("rejects an array-like object with two entries: only a real array is a pair", () => {
    const prepared = threeDimensions();
    const bounds = {a: {0: 1, 1: 2, length: 2}} as unknown as WeightBounds;
    expectThrows(() => resolveWeightBounds(prepared, bounds), RangeError, "weight bounds of dimension a: must be [lower, upper]");
  });

  it("accepts valid pairs as given and fills the others with 0.5x-2x the model weight", () => {
    const prepared = threeDimensions();
    expect(resolveWeightBounds(prepared, {b: [0, Infinity]})).toEqual({a: [0.5, 2], b: [0, Infinity], c: [2, 8]});
  });
});
