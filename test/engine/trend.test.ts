import {describe, expect, it} from "vitest";
import {regressionResiduals, steadiness, steadinessCounts, theilSenSlope} from "../../src/engine/index.ts";

describe("Theil-Sen slope", () => {
  it("is the median of the pairwise slopes (even count: mean of the middle two)", () => {
    // 0 1 3 2: slopes 1, 1.5, 2/3, 2, 0.5, -1 -> sorted -1 .5 2/3 1 1.5 2 -> (2/3 + 1) / 2
    expect(theilSenSlope([2019, 2020, 2021, 2022], [0, 1, 3, 2])).toBeCloseTo(5 / 6, 15);
  });

  it("uses the years present only", () => {
    // 4 . 7 6: slopes 3/2, 2/3, -1 -> 2/3
    expect(theilSenSlope([2019, 2020, 2021, 2022], [4, NaN, 7, 6])).toBeCloseTo(2 / 3, 15);
    // 10 . . 16 and 12: slopes (16-10)/3 = 2, (12-10)/1 = 2, (16-12)/2 = 2
    expect(theilSenSlope([1, 2, 3, 4], [10, 12, NaN, 16])).toBe(2);
  });

  it("is robust to one outlier and exact on a line", () => {
    expect(theilSenSlope([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
    // 1 2 100 4: slopes 1, 49.5, 1, 98, 1, -96 -> sorted -96 1 1 1 49.5 98 -> 1
    expect(theilSenSlope([1, 2, 3, 4], [1, 2, 100, 4])).toBe(1);
    expect(theilSenSlope([1, 2, 3], [5, 4, 0])).toBe(-2.5);
  });

  it("is NaN with fewer than 2 points", () => {
    expect(theilSenSlope([1, 2], [NaN, 3])).toBeNaN();
  });
});

describe("steadiness", () => {
  it("counts changes between consecutive years both present", () => {
    expect(steadinessCounts([1, 2, NaN, 4, 3])).toEqual({changes: 2, positive: 1});
    expect(steadiness([1, 2, 3])).toBe(1);
    expect(steadiness([2, 2, 2])).toBe(0);
    expect(steadiness([1, NaN, 3])).toBeNaN();
  });
});

describe("regression residuals", () => {
  it("fits end on start by least squares", () => {
    const fit = regressionResiduals([0, 4, 4, NaN], [2, 6, 1, 5])!;
    expect(fit.slope).toBeCloseTo(0.375, 15);
    expect(fit.intercept).toBeCloseTo(2, 15);
    expect(Array.from(fit.residuals).map((r) => Math.round(r * 1e12) / 1e12 + 0)).toEqual([0, 2.5, -2.5, NaN]);
  });

  it("is null with fewer than 3 pairs or no spread in the start", () => {
    expect(regressionResiduals([1, 2], [1, 2])).toBeNull();
    expect(regressionResiduals([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
