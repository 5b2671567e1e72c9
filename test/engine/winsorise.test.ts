import {describe, expect, it} from "vitest";
import {kurtosis, needsWinsorising, skewness, winsoriseJrc} from "../../src/engine/index.ts";

describe("winsorising (JRC rule)", () => {
  it("replaces an outlier by the next value and stops when the rule no longer holds", () => {
    const v = [...Array.from({length: 19}, (_, i) => i + 1), 100, NaN];
    expect(needsWinsorising(skewness(v), kurtosis(v))).toBe(true);
    const w = winsoriseJrc(v);
    expect([w.high, w.low]).toEqual([1, 0]);
    expect(w.values[19]).toBe(19);
    expect(w.values[20]).toBeNaN();
    expect(Array.from(w.values.slice(0, 19))).toEqual(v.slice(0, 19));
    expect(needsWinsorising(w.after.skewness, w.after.kurtosis)).toBe(false);
  });

  it("treats the low tail when the skew is negative", () => {
    const v = [-100, ...Array.from({length: 19}, (_, i) => i + 1)];
    const w = winsoriseJrc(v);
    expect([w.high, w.low]).toEqual([0, 1]);
    expect(w.values[0]).toBe(1);
  });

  it("replaces at most 5 points", () => {
    const v = [...Array.from({length: 60}, (_, i) => i % 10), 1000, 2000, 3000, 4000, 5000, 6000, 7000];
    const w = winsoriseJrc(v);
    expect(w.high).toBe(5);
    // The 5 largest now equal the 6th largest (2000).
    expect(Array.from(w.values.slice(61))).toEqual([2000, 2000, 2000, 2000, 2000, 2000]);
    expect(w.values[60]).toBe(1000);
  });

  it("leaves an unskewed column alone", () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8];
    const w = winsoriseJrc(v);
    expect(w.high + w.low).toBe(0);
    expect(Array.from(w.values)).toEqual(v);
  });
});
