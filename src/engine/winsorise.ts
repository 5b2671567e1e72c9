/**
 * Outlier treatment by winsorising, the JRC/COIN rule: a column with
 * |skewness| > 2 and kurtosis > 3.5 (sample skewness and excess kurtosis, as
 * Excel SKEW/KURT) has its most extreme value, on the side the skew points to,
 * replaced by the next value inward; repeated until the rule no longer holds,
 * at most 5 points.
 */
import {kurtosis, skewness} from "./stats.js";

export const WINSORISE_MAX_POINTS = 5;

/** True when the JRC rule flags the distribution as distorted by outliers. */
export function needsWinsorising(skew: number, kurt: number): boolean {
  return Math.abs(skew) > 2 && kurt > 3.5;
}

export interface WinsoriseResult {
  /** The column after treatment (a copy; NaN stays NaN). */
  values: Float64Array;
  /** Values replaced: at the top and at the bottom. */
  high: number;
  low: number;
  /** Skewness and kurtosis before and after. */
  before: {skewness: number; kurtosis: number};
  after: {skewness: number; kurtosis: number};
}

/** Sort comparator of indices into `values`: smaller value first, equal values by index (tested in both argument orders). */
export function byValueThenIndex(values: ArrayLike<number>): (a: number, b: number) => number {
  return (a, b) => values[a]! - values[b]! || a - b;
}

/** Applies the JRC rule to one column (present values only). */
export function winsoriseJrc(values: ArrayLike<number>, maxPoints = WINSORISE_MAX_POINTS): WinsoriseResult {
  const out = Float64Array.from(values as ArrayLike<number>);
  const idx: number[] = [];
  for (let i = 0; i < out.length; i++) if (out[i] === out[i]) idx.push(i);
  idx.sort(byValueThenIndex(out));
  const orig = Float64Array.from(out);
  const n = idx.length;
  let skew = skewness(out);
  let kurt = kurtosis(out);
  const before = {skewness: skew, kurtosis: kurt};
  let high = 0;
  let low = 0;
  while (high + low < maxPoints && needsWinsorising(skew, kurt) && high + low + 2 < n) {
    if (skew > 0) {
      high++;
      const v = orig[idx[n - 1 - high]!]!;
      for (let p = n - high; p < n; p++) out[idx[p]!] = v;
    } else {
      low++;
      const v = orig[idx[low]!]!;
      for (let p = 0; p < low; p++) out[idx[p]!] = v;
    }
    skew = skewness(out);
    kurt = kurtosis(out);
  }
  return {values: out, high, low, before, after: {skewness: skew, kurtosis: kurt}};
}
