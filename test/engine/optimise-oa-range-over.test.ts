/**
 * rangeOver (src/engine/optimise.ts): the exact minimum and maximum of c.w
 * over the normalised weightings reachable from a box lo <= W <= hi, with
 * hand-computed values. For two dimensions, w_0 / w_1 ranges over
 * [lo_0 / hi_1, hi_0 / lo_1], so the extremes are at the box's corners
 * (or, with an infinite upper bound, at the unit vector it allows).
 */
import {describe, expect, it} from "vitest";
import {rangeOver} from "../../src/engine/optimise.ts";

describe("rangeOver with finite bounds", () => {
  it("puts the smaller coefficient's dimension at its upper bound for the minimum, at its lower for the maximum", () => {
    // c = (1, 3), 1 <= W <= 2 each: min at W = (2, 1): (2 + 3) / 3 = 5/3; max at W = (1, 2): (1 + 6) / 3 = 7/3.
    const r = rangeOver([1, 3], [1, 1], [2, 2]);
    expect(r.min).toBeCloseTo(5 / 3, 14);
    expect(r.max).toBeCloseTo(7 / 3, 14);
  });

  it("finds the minimum at an intermediate split, not at the last one", () => {
    // c = (0, 1, 4), 1 <= W <= 3 each. Splits in order of c: all low (0+1+4)/3 = 5/3;
    // W0 up: (1+4)/5 = 1; W0, W1 up: (3+4)/7 = 1; all up: 15/9 = 5/3. The minimum is 1.
    // Maximum, by -c: W2 up: (0+1+12)/5 = 13/5; W2, W1 up: (3+12)/7 = 15/7; all up 5/3. The maximum is 13/5.
    const r = rangeOver([0, 1, 4], [1, 1, 1], [3, 3, 3]);
    expect(r.min).toBeCloseTo(1, 14);
    expect(r.max).toBeCloseTo(13 / 5, 14);
  });

  it("uses the width hi - lo of each dimension, not hi alone or hi + lo", () => {
    // c = (0, 10), W0 in [2, 4], W1 in [1, 1]: min at W = (4, 1): 10/5 = 2; max at W = (2, 1): 10/3.
    const r = rangeOver([0, 10], [2, 1], [4, 1]);
    expect(r.min).toBeCloseTo(2, 14);
    expect(r.max).toBeCloseTo(10 / 3, 14);
  });

  it("gives min = max for a fixed box (every bound lower = upper)", () => {
    // W = (1, 3) only: (2*1 + 6*3) / 4 = 5.
    const r = rangeOver([2, 6], [1, 3], [1, 3]);
    expect(r.min).toBeCloseTo(5, 14);
    expect(r.max).toBeCloseTo(5, 14);
  });
});

describe("rangeOver with an infinite upper bound", () => {
  it("lets the ratio approach the coefficient of the unbounded dimension when that is the extreme side", () => {
    // W0 in [1, Infinity), W1 in [1, 2], c = (1, 3): w0 -> 1 gives c.w -> 1 (min);
    // max at W = (1, 2): (1 + 6) / 3 = 7/3 (the unbounded dimension cannot raise it).
    const r = rangeOver([1, 3], [1, 1], [Infinity, 2]);
    expect(r.min).toBe(1);
    expect(r.max).toBeCloseTo(7 / 3, 14);
  });

  it("with every lower bound 0, ranges over the whole simplex: min and max of c", () => {
    const r = rangeOver([2, -1, 5], [0, 0, 0], [Infinity, Infinity, Infinity]);
    expect(r).toEqual({min: -1, max: 5});
  });
});
