/**
 * Edges of the JRC winsorising rule (src/engine/winsorise.ts): the strict
 * thresholds of the rule, an outlier that is not the last entry of the column,
 * the cap on treated points for the low tail, and the exact result array.
 * Expectations are hand-computed in the comments.
 */
import {describe, expect, it} from "vitest";
import {kurtosis, needsWinsorising, skewness, winsoriseJrc} from "../../src/engine/index.ts";

describe("needsWinsorising thresholds", () => {
  it("needs both |skewness| > 2 and kurtosis > 3.5", () => {
    expect(needsWinsorising(2.5, 4)).toBe(true);
    expect(needsWinsorising(-2.5, 4)).toBe(true);
    // Only one of the two conditions holds: not flagged.
    expect(needsWinsorising(2.5, 3)).toBe(false);
    expect(needsWinsorising(-2.5, 3)).toBe(false);
    expect(needsWinsorising(1, 10)).toBe(false);
    expect(needsWinsorising(-1, 10)).toBe(false);
    // Neither holds.
    expect(needsWinsorising(0, 0)).toBe(false);
  });

  it("is strict at both boundaries: |skewness| = 2 or kurtosis = 3.5 is not enough", () => {
    expect(needsWinsorising(2, 4)).toBe(false);
    expect(needsWinsorising(-2, 4)).toBe(false);
    expect(needsWinsorising(2.5, 3.5)).toBe(false);
    expect(needsWinsorising(-2.5, 3.5)).toBe(false);
  });

  it("is false when skewness or kurtosis is undefined (NaN)", () => {
    expect(needsWinsorising(NaN, 10)).toBe(false);
    expect(needsWinsorising(3, NaN)).toBe(false);
  });

  it("leaves [0, 0, 0, 1] alone: its skewness is exactly 2, on the boundary", () => {
    // mean 1/4, s^2 = (3 * 1/16 + 9/16) / 3 = 1/4, s = 1/2; u = -1/2 (three times) and 3/2.
    // SKEW = 4 / (3 * 2) * (3 * -1/8 + 27/8) = 2/3 * 3 = 2.
    // KURT = 4 * 5 / (3 * 2 * 1) * (3/16 + 81/16) - 3 * 9 / (2 * 1) = 10/3 * 21/4 - 27/2 = 4.
    expect(skewness([0, 0, 0, 1])).toBeCloseTo(2, 12);
    expect(kurtosis([0, 0, 0, 1])).toBeCloseTo(4, 12);
    const w = winsoriseJrc([0, 0, 0, 1]);
    expect([w.high, w.low]).toEqual([0, 0]);
    expect(Array.from(w.values)).toEqual([0, 0, 0, 1]);
  });
});

describe("winsoriseJrc edges", () => {
  it("finds the outlier by value, wherever it sits in the column", () => {
    // The column of the existing high-tail test (1..19 and 100) in another order:
    // 100 first, then 19 down to 1. The top value 100 becomes the next largest, 19.
    const v = [100, ...Array.from({length: 19}, (_, i) => 19 - i)];
    const w = winsoriseJrc(v);
    expect([w.high, w.low]).toEqual([1, 0]);
    expect(w.values).toEqual(Float64Array.from([19, ...v.slice(1)]));
  });

  it("finds a low outlier in the middle of the column", () => {
    // 1..19 with -100 inserted at position 7: -100 becomes the next smallest, 1.
    const v = [...Array.from({length: 7}, (_, i) => 19 - i), -100, ...Array.from({length: 12}, (_, i) => 12 - i)];
    const w = winsoriseJrc(v);
    expect([w.high, w.low]).toEqual([0, 1]);
    const expected = v.slice();
    expected[7] = 1;
    expect(Array.from(w.values)).toEqual(expected);
  });

  it("returns exactly the treated column, NaN kept, with no other entries", () => {
    // 1..19, 100 and a missing value: 100 -> 19, as in the existing test.
    const v = [...Array.from({length: 19}, (_, i) => i + 1), 100, NaN];
    const w = winsoriseJrc(v);
    expect(w.values).toEqual(Float64Array.from([...v.slice(0, 19), 19, NaN]));
    expect(Object.keys(w.values)).toEqual(v.map((_, i) => String(i)));
  });

  it("caps the treated points of the low tail too", () => {
    // Mirror of the existing cap test: sixty values 0..9 and seven low outliers
    // -1000 .. -7000. At most 5 points: the five lowest (-7000 .. -3000) become
    // the sixth lowest, -2000; -1000 stays.
    const v = [...Array.from({length: 60}, (_, i) => i % 10), -1000, -2000, -3000, -4000, -5000, -6000, -7000];
    const w = winsoriseJrc(v);
    expect([w.high, w.low]).toEqual([0, 5]);
    expect(Array.from(w.values.slice(60))).toEqual([-1000, -2000, -2000, -2000, -2000, -2000, -2000]);
    expect(Array.from(w.values.slice(0, 60))).toEqual(v.slice(0, 60));
  });

  it("honours a smaller maxPoints on the low tail", () => {
    // Same column, at most 2 points: -7000 and -6000 become the third lowest, -5000.
    const v = [...Array.from({length: 60}, (_, i) => i % 10), -1000, -2000, -3000, -4000, -5000, -6000, -7000];
    const w = winsoriseJrc(v, 2);
    expect([w.high, w.low]).toEqual([0, 2]);
    expect(Array.from(w.values.slice(60))).toEqual([-1000, -2000, -3000, -4000, -5000, -5000, -5000]);
    // Still flagged after two points: the cap, not the rule, stopped it.
    expect(needsWinsorising(w.after.skewness, w.after.kurtosis)).toBe(true);
  });
});
