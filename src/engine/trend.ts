/**
 * Trends over a window of years: the Theil-Sen slope, steadiness counts and
 * the regression-to-the-mean residual.
 */
import {medianOfSorted} from "./stats.js";

/**
 * Theil-Sen slope: the median of the pairwise slopes (v[j] - v[i]) / (t[j] - t[i]),
 * i < j, over the points present (NaN values are skipped). NaN with fewer than
 * 2 points. `scratch` (length >= n(n-1)/2) avoids an allocation in hot loops.
 */
export function theilSenSlope(times: ArrayLike<number>, values: ArrayLike<number>, scratch?: Float64Array): number {
  const n = values.length;
  const pairs = (n * (n - 1)) / 2;
  const slopes = scratch && scratch.length >= pairs ? scratch : new Float64Array(pairs);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const vi = values[i]!;
    if (vi !== vi) continue;
    for (let j = i + 1; j < n; j++) {
      const vj = values[j]!;
      if (vj !== vj) continue;
      slopes[c++] = (vj - vi) / (times[j]! - times[i]!);
    }
  }
  if (c === 0) return NaN;
  // Insertion sort: c is at most 6 in a 4-year window.
  for (let i = 1; i < c; i++) {
    const s = slopes[i]!;
    let j = i - 1;
    while (j >= 0 && slopes[j]! > s) {
      slopes[j + 1] = slopes[j]!;
      j--;
    }
    slopes[j + 1] = s;
  }
  return medianOfSorted(slopes, c);
}

/**
 * Year-over-year changes of a series over consecutive years (NaN = missing):
 * how many changes have both years present, and how many of them are > 0.
 * Pass a direction-aligned series so that > 0 means "in the good direction".
 */
export function steadinessCounts(values: ArrayLike<number>): {changes: number; positive: number} {
  let changes = 0;
  let positive = 0;
  for (let t = 0; t + 1 < values.length; t++) {
    const a = values[t]!;
    const b = values[t + 1]!;
    if (a !== a || b !== b) continue;
    changes++;
    if (b - a > 0) positive++;
  }
  return {changes, positive};
}

/** Share of changes in the good direction; NaN when there are no changes. */
export function steadiness(values: ArrayLike<number>): number {
  const {changes, positive} = steadinessCounts(values);
  return changes ? positive / changes : NaN;
}

/**
 * Residuals of the least-squares line end = a + b * start, fitted over the
 * entries where both are present; NaN elsewhere. Null when fewer than 3 pairs
 * or no spread in `start` (the line is not defined).
 */
export function regressionResiduals(start: ArrayLike<number>, end: ArrayLike<number>): {residuals: Float64Array; intercept: number; slope: number; n: number} | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < start.length; i++) {
    const x = start[i]!;
    const y = end[i]!;
    if (x !== x || y !== y) continue;
    n++;
    sx += x;
    sy += y;
  }
  if (n < 3) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < start.length; i++) {
    const x = start[i]!;
    const y = end[i]!;
    if (x !== x || y !== y) continue;
    sxx += (x - mx) * (x - mx);
    sxy += (x - mx) * (y - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = new Float64Array(start.length);
  for (let i = 0; i < start.length; i++) residuals[i] = end[i]! - (intercept + slope * start[i]!);
  return {residuals, intercept, slope, n};
}
