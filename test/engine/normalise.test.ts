import {describe, expect, it} from "vitest";
import {columnStats, leftOutReason, normaliseGoalposts, normaliseMinMax, normalisePercentile, normaliseZScore} from "../../src/engine/index.ts";

describe("normalisation", () => {
  const x = [1, 3, NaN, 5];
  const s = columnStats(x);

  it("z-score: direction-aligned, sample sd", () => {
    expect(Array.from(normaliseZScore(x, 1, s))).toEqual([-1, 0, NaN, 1]);
    expect(Array.from(normaliseZScore(x, -1, s))).toEqual([1, -0, NaN, -1]);
  });

  it("min-max to 0..100, best = 100", () => {
    expect(Array.from(normaliseMinMax(x, 1, s))).toEqual([0, 50, NaN, 100]);
    expect(Array.from(normaliseMinMax(x, -1, s))).toEqual([100, 50, NaN, 0]);
  });

  it("percentile rank with ties counting half", () => {
    const v = [3, 1, 2, 2, NaN];
    expect(Array.from(normalisePercentile(v, 1))).toEqual([100, 0, 50, 50, NaN]);
    expect(Array.from(normalisePercentile(v, -1))).toEqual([0, 100, 50, 50, NaN]);
  });

  it("goalposts with clamping", () => {
    const v = [-10, 50, 250, NaN];
    expect(Array.from(normaliseGoalposts(v, 1, 0, 200))).toEqual([0, 25, 100, NaN]);
    expect(Array.from(normaliseGoalposts(v, -1, 0, 200))).toEqual([100, 75, 0, NaN]);
    expect(() => normaliseGoalposts(v, 1, 5, 5)).toThrow(/low < high/);
  });

  it("leaves out a KPI with fewer than 3 values or zero spread", () => {
    expect(leftOutReason(columnStats([1, 2, NaN]))).toEqual({code: "too_few_values", reason: "färre än 3 värden"});
    expect(leftOutReason(columnStats([2, 2, 2]))).toEqual({code: "no_spread", reason: "ingen spridning (sd = 0)"});
    expect(leftOutReason(columnStats([1, 2, 2]))).toBeNull();
  });
});
