import {describe, expect, it} from "vitest";
import {columnStats, kurtosis, mean, median, sampleSd, skewness} from "../../src/engine/index.ts";

describe("stats", () => {
  it("mean and sample sd (n-1) skip missing values", () => {
    expect(mean([1, NaN, 3, 5])).toBe(3);
    expect(sampleSd([1, NaN, 3, 5])).toBe(2);
    expect(columnStats([2, 4, NaN, 4, 4, 5, 5, 7, 9])).toEqual({n: 8, mean: 5, sd: Math.sqrt(32 / 7), min: 2, max: 9});
  });

  it("zero spread is exactly 0 even when the mean is not representable", () => {
    const s = columnStats([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(s.sd).toBe(0);
    expect(columnStats([5]).sd).toBeNaN();
    expect(columnStats([NaN, NaN]).n).toBe(0);
  });

  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, NaN, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("skewness and excess kurtosis as Excel SKEW and KURT", () => {
    // 1 2 3 4 10: mean 4, deviations -3 -2 -1 0 6, s^2 = 12.5
    expect(skewness([1, 2, 3, 4, 10])).toBeCloseTo(1.2 * Math.SQRT2, 12);
    expect(kurtosis([1, 2, 3, 4, 10])).toBeCloseTo(3.152, 12);
    expect(skewness([1, 2, 3])).toBeCloseTo(0, 15);
    expect(kurtosis([1, 2, 3])).toBeNaN();
  });
});
