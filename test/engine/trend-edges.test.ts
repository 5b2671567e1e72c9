/**
 * Edges of the trend helpers: the Theil-Sen scratch buffer (used only when
 * long enough), least squares when only the end level is missing, and
 * least squares on levels far from zero (centred sums, no cancellation).
 */
import {describe, expect, it} from "vitest";
import {regressionResiduals, theilSenSlope} from "../../src/engine/index.ts";

describe("Theil-Sen slope with a scratch buffer", () => {
  it("ignores a scratch shorter than n(n-1)/2 and still takes the median of all pairwise slopes", () => {
    // 0 1 3 2: slopes 1, 1.5, 2/3, 2, 0.5, -1 -> (2/3 + 1) / 2 = 5/6; a 1-slot scratch cannot hold them.
    const scratch = new Float64Array(1);
    expect(theilSenSlope([2019, 2020, 2021, 2022], [0, 1, 3, 2], scratch)).toBeCloseTo(5 / 6, 15);
    expect(Array.from(scratch)).toEqual([0]);
  });

  it("sorts the pairwise slopes into a scratch of exactly n(n-1)/2 instead of allocating", () => {
    const scratch = new Float64Array(6);
    expect(theilSenSlope([2019, 2020, 2021, 2022], [0, 1, 3, 2], scratch)).toBeCloseTo(5 / 6, 15);
    expect(Array.from(scratch)).toEqual([-1, 0.5, 2 / 3, 1, 1.5, 2]);
  });
});

describe("regression residuals with missing values", () => {
  it("leaves out a pair whose end level is missing, from the fit and from the residuals", () => {
    // Pairs (0, 2), (4, 6), (4, 1) as in the hand-computed fit; (1, NaN) has no end level.
    const fit = regressionResiduals([0, 4, 4, 1], [2, 6, 1, NaN])!;
    expect(fit.n).toBe(3);
    expect(fit.slope).toBeCloseTo(0.375, 15);
    expect(fit.intercept).toBeCloseTo(2, 15);
    expect(Array.from(fit.residuals).map((r) => Math.round(r * 1e12) / 1e12 + 0)).toEqual([0, 2.5, -2.5, NaN]);
  });
});

describe("regression residuals on levels far from zero", () => {
  it("fits end = start exactly (slope 1, residuals 0) when every level is kept", () => {
    const start = [1000.1, 1000.2, 1000.4];
    const fit = regressionResiduals(start, start)!;
    expect(fit.slope).toBeCloseTo(1, 12);
    expect(fit.intercept).toBeCloseTo(0, 8);
    expect(Array.from(fit.residuals).every((r) => Math.abs(r) < 1e-9)).toBe(true);
  });

  it("fits a doubling exactly at levels around 1e8", () => {
    const start = [1e8, 1e8 + 0.5, 1e8 + 1.5];
    const fit = regressionResiduals(start, start.map((x) => 2 * x))!;
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(Array.from(fit.residuals).every((r) => Math.abs(r) < 1e-6)).toBe(true);
  });
});
