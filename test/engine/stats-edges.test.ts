/**
 * Edges of the descriptive statistics (src/engine/stats.ts): a column with no
 * present value, skewness and kurtosis with too few values or with zero spread
 * whose mean is not exactly representable, and the smallest column kurtosis
 * accepts. Expectations are hand-computed in the comments.
 */
import {describe, expect, it} from "vitest";
import {columnStats, kurtosis, skewness} from "../../src/engine/index.ts";

describe("columnStats with no present value", () => {
  it("is n = 0 with every statistic missing (NaN), not ±Infinity", () => {
    const missing = {n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN};
    expect(columnStats([])).toEqual(missing);
    expect(columnStats([NaN, NaN])).toEqual(missing);
    expect(columnStats(new Float64Array(3).fill(NaN))).toEqual(missing);
  });
});

describe("skewness and kurtosis edges", () => {
  it("are NaN for an empty column", () => {
    expect(skewness([])).toBeNaN();
    expect(skewness([NaN])).toBeNaN();
    expect(kurtosis([])).toBeNaN();
    expect(kurtosis([NaN, NaN])).toBeNaN();
  });

  it("skewness is NaN with two values, whatever rounding does to their deviations", () => {
    // n / ((n-1)(n-2)) divides by zero for n = 2: undefined, whatever the sum of cubes.
    // For 0.1 and 0.2 the mean is 0.15000000000000002, so the two deviations are
    // not exact opposites and the sum of cubes is not 0.
    expect(skewness([1, 2])).toBeNaN();
    expect(skewness([0.1, 0.2])).toBeNaN();
    expect(skewness([0.1, NaN, 0.7])).toBeNaN();
    expect(skewness([5])).toBeNaN();
  });

  it("kurtosis is NaN with fewer than 4 values", () => {
    expect(kurtosis([0.1, 0.2])).toBeNaN();
    expect(kurtosis([1, 2, 4])).toBeNaN();
    expect(kurtosis([0.1, 0.2, 0.7])).toBeNaN();
  });

  it("are NaN for equal values even when their mean is not exactly representable", () => {
    // Seven times 0.1: the mean is 0.09999999999999999, yet sd is exactly 0
    // (stats.test.ts); the deviations are tiny but not 0, so dividing by sd = 0
    // would give ±Infinity. Zero spread means undefined shape: NaN.
    const sevenTenths = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    expect(columnStats(sevenTenths).sd).toBe(0);
    expect(skewness(sevenTenths)).toBeNaN();
    expect(kurtosis(sevenTenths)).toBeNaN();
    // Three times 0.1: mean 0.10000000000000002.
    expect(skewness([0.1, 0.1, 0.1])).toBeNaN();
  });

  it("kurtosis is defined from exactly 4 values", () => {
    // [0, 0, 0, 1]: mean 1/4, s = 1/2, u = -1/2 (x3) and 3/2, sum u^4 = 3/16 + 81/16 = 21/4.
    // KURT = 4 * 5 / (3 * 2 * 1) * 21/4 - 3 * 3^2 / (2 * 1) = 17.5 - 13.5 = 4.
    expect(kurtosis([0, 0, 0, 1])).toBeCloseTo(4, 12);
    // [1, 2, 3, 10]: mean 4, deviations -3 -2 -1 6, s^2 = 50/3, sum d^4 = 81 + 16 + 1 + 1296 = 1394,
    // sum u^4 = 1394 / (50/3)^2 = 1394 * 9 / 2500 = 5.0184; KURT = 10/3 * 5.0184 - 13.5 = 3.228.
    expect(kurtosis([1, 2, 3, 10])).toBeCloseTo(3.228, 12);
  });
});
