/**
 * Descriptive statistics over the present values of a column (NaN = missing,
 * skipped). Summation is in index order, so results are reproducible.
 */

/** Count, mean, sample sd (n-1), min and max of the present values. */
export interface ColumnStats {
  n: number;
  mean: number;
  /** Sample standard deviation (n-1); 0 when every value is equal, NaN when n < 2. */
  sd: number;
  min: number;
  max: number;
}

/** Stats of the present values; two passes (mean, then squared deviations). */
export function columnStats(values: ArrayLike<number>): ColumnStats {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    n++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return {n, mean: NaN, sd: NaN, min: NaN, max: NaN};
  const mean = sum / n;
  // Equal values have sd 0 exactly, even when their mean is not representable.
  if (min === max) return {n, mean, sd: n > 1 ? 0 : NaN, min, max};
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    const d = x - mean;
    ss += d * d;
  }
  return {n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, min, max};
}

/** Mean of the present values (NaN if none). */
export function mean(values: ArrayLike<number>): number {
  return columnStats(values).mean;
}

/** Sample standard deviation (n-1) of the present values. */
export function sampleSd(values: ArrayLike<number>): number {
  return columnStats(values).sd;
}

/** The present values, sorted ascending. */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x === x) out[j++] = x;
  }
  return out.sort();
}

/** Median of the present values; the mean of the two middle ones for an even count. */
export function median(values: ArrayLike<number>): number {
  const s = sortedPresent(values);
  return medianOfSorted(s, s.length);
}

/** Median of the first `n` entries of an ascending array. */
export function medianOfSorted(sorted: ArrayLike<number>, n: number): number {
  if (n === 0) return NaN;
  const h = n >> 1;
  return n & 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/**
 * Sample skewness, adjusted Fisher-Pearson (Excel SKEW, as in the JRC COIN
 * tool): n / ((n-1)(n-2)) * sum(((x - mean) / sd)^3). NaN when n < 3 or sd = 0.
 */
export function skewness(values: ArrayLike<number>): number {
  const {n, mean, sd} = columnStats(values);
  if (n < 3 || !(sd > 0)) return NaN;
  let s3 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    const u = (x - mean) / sd;
    s3 += u * u * u;
  }
  return (n / ((n - 1) * (n - 2))) * s3;
}

/**
 * Sample excess kurtosis (Excel KURT, as in the JRC COIN tool; 0 for a normal
 * distribution): n(n+1) / ((n-1)(n-2)(n-3)) * sum(u^4) - 3(n-1)^2 / ((n-2)(n-3)).
 * NaN when n < 4 or sd = 0.
 */
export function kurtosis(values: ArrayLike<number>): number {
  const {n, mean, sd} = columnStats(values);
  if (n < 4 || !(sd > 0)) return NaN;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    const u = (x - mean) / sd;
    s4 += u * u * u * u;
  }
  return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * s4 - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
}
