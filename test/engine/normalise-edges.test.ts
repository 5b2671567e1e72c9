/**
 * Edges of the percentile-rank normalisation (src/engine/normalise.ts): the
 * smallest column that can be ranked, the exact shape of the result, and values
 * so far apart that their difference overflows. Expectations are hand-computed.
 */
import {describe, expect, it} from "vitest";
import {normalisePercentile} from "../../src/engine/index.ts";

describe("normalisePercentile edges", () => {
  it("ranks a column with exactly two present values: best 100, worst 0", () => {
    // Two present values: i + j over n - 1 = 1 gives 0 for the worse and 100 for the better.
    expect(Array.from(normalisePercentile([3, NaN, 1], 1))).toEqual([100, NaN, 0]);
    expect(Array.from(normalisePercentile([3, NaN, 1], -1))).toEqual([0, NaN, 100]);
    // Two equal values tie at the middle: (0 + 1) / 2 / 1 * 100 = 50.
    expect(Array.from(normalisePercentile([7, 7], 1))).toEqual([50, 50]);
  });

  it("leaves a column with fewer than two present values unranked (all NaN)", () => {
    expect(Array.from(normalisePercentile([NaN, 4, NaN], 1))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(normalisePercentile([], 1))).toEqual([]);
  });

  it("returns exactly one percentile per input position and nothing else", () => {
    // [3, 1, 2, 2, NaN]: 1 is rank 0 of 4 -> 0; the 2s share ranks 1 and 2 -> 1.5 / 3 = 50; 3 -> 100.
    const out = normalisePercentile([3, 1, 2, 2, NaN], 1);
    expect(out).toBeInstanceOf(Float64Array);
    expect(out).toEqual(Float64Array.from([100, 0, 50, 50, NaN]));
    expect(Object.keys(out)).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("orders values whose difference overflows to Infinity", () => {
    // 1.7e308 - (-1.7e308) is Infinity in doubles; the order is still -1.7e308 < 0 < 1.7e308.
    expect(Array.from(normalisePercentile([1.7e308, -1.7e308, 0], 1))).toEqual([100, 0, 50]);
    expect(Array.from(normalisePercentile([1.7e308, -1.7e308, 0], -1))).toEqual([0, 100, 50]);
  });
});
