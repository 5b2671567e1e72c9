/**
 * Normalisation of one KPI column (all municipalities, one year), direction
 * aligned so that higher is always better. NaN in, NaN out.
 */
import type {ColumnStats} from "./stats.js";

/** Why a KPI is left out of a year (or window); `reason` is the text shown. */
export interface LeftOutReason {
  code: "too_few_values" | "no_spread" | "too_few_series" | "no_regression";
  reason: string;
}

/** A KPI needs at least this many values in the year to be usable. */
export const MIN_VALUES = 3;

/**
 * The default method's rule (product.md step 2): fewer than 3 values or zero
 * spread leaves the KPI out. Zero spread means every value is equal.
 */
export function leftOutReason(stats: ColumnStats): LeftOutReason | null {
  if (stats.n < MIN_VALUES) return {code: "too_few_values", reason: "färre än 3 värden"};
  if (!(stats.sd > 0)) return {code: "no_spread", reason: "ingen spridning (sd = 0)"};
  return null;
}

/** z = sign * (x - mean) / sd: the default. */
export function normaliseZScore(values: ArrayLike<number>, sign: 1 | -1, stats: ColumnStats): Float64Array {
  const out = new Float64Array(values.length);
  const {mean, sd} = stats;
  for (let i = 0; i < values.length; i++) out[i] = (sign * (values[i]! - mean)) / sd;
  return out;
}

/** Min-max to 0..100: 100 for the best value in the column, 0 for the worst. */
export function normaliseMinMax(values: ArrayLike<number>, sign: 1 | -1, stats: ColumnStats): Float64Array {
  const out = new Float64Array(values.length);
  const {min, max} = stats;
  const range = max - min;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    out[i] = ((sign > 0 ? x - min : max - x) / range) * 100;
  }
  return out;
}

/**
 * Percentile rank 0..100 among the municipalities with a value: the share of
 * the others that are worse, ties counting half. Best 100, worst 0.
 */
export function normalisePercentile(values: ArrayLike<number>, sign: 1 | -1): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) idx.push(i);
  const n = idx.length;
  if (n < 2) return out;
  idx.sort((a, b) => sign * (values[a]! - values[b]!));
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const p = ((i + j) / 2 / (n - 1)) * 100;
    for (let r = i; r <= j; r++) out[idx[r]!] = p;
    i = j + 1;
  }
  return out;
}

/**
 * Goalposts to 0..100: low and high in the KPI's unit; 100 at the good
 * goalpost, 0 at the bad one, values beyond them clamped.
 */
export function normaliseGoalposts(values: ArrayLike<number>, sign: 1 | -1, low: number, high: number): Float64Array {
  if (!(high > low)) throw new RangeError(`goalposts need low < high (got ${low} and ${high})`);
  const out = new Float64Array(values.length);
  const range = high - low;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const v = ((sign > 0 ? x - low : high - x) / range) * 100;
    out[i] = v < 0 ? 0 : v > 100 ? 100 : v;
  }
  return out;
}
