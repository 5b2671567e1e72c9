/**
 * Weighted aggregation of normalised KPI values to dimension scores and a
 * total, with the coverage counts. This is the per-recompute hot loop: typed
 * arrays in, typed arrays out, nothing allocated per municipality.
 *
 * Arithmetic (default): D(d,m) = sum w(k) v(k,m) / sum w(k) over the KPIs of d
 * that m has; S(m) = sum W(d) D(d,m) / sum W(d) over dimensions with W > 0.
 *
 * Geometric: the same weighted means taken of log(v + c), then exp(.) - c, at
 * both levels. The shift c (see {@link weightedShift}) makes every shifted
 * value at least 1, so non-positive values (z-scores, 0 on a 0-100 scale) work.
 * It is taken over the KPIs that carry weight only, so a KPI or a dimension
 * weighted 0 changes no score.
 */
import type {Aggregation} from "./types.js";

export interface AggregationInput {
  nMunicipalities: number;
  nKpis: number;
  nDimensions: number;
  /** Dimension index of each KPI. */
  kpiDimension: Int32Array;
  /** `[m * nKpis + k]`: normalised values; NaN = missing. */
  normalised: Float64Array;
  /** Weight per KPI; 0 for KPIs left out or weighted 0. */
  kpiWeight: Float64Array;
  /** Weight per dimension. */
  dimensionWeight: Float64Array;
  aggregation: Aggregation;
}

export interface AggregationOutput {
  /** `[m * nDimensions + d]`, NaN when m has no weighted KPI in d. */
  dimensionScores: Float64Array;
  /** S(m); NaN when a dimension with W > 0 is missing or no W > 0. */
  totals: Float64Array;
  /** Usable weighted KPIs each municipality has. */
  has: Int32Array;
  /** Usable KPIs with w > 0 (the denominator of the coverage rule). */
  usable: number;
  /** The geometric shift c (0 for arithmetic). */
  shift: number;
  /** What was aggregated, `[m * nKpis + k]`: the normalised values, or log(v + c) for geometric. */
  values: Float64Array;
}

/** The geometric shift: c = max(0, 1 - min v) over all usable values, so v + c >= 1. */
export function geometricShift(values: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
  }
  return Number.isFinite(min) ? Math.max(0, 1 - min) : 0;
}

/**
 * The geometric shift over the values that carry weight: KPIs with w(k) > 0
 * in dimensions with W(d) > 0. A KPI weighted 0 must not move c, or it would
 * change every score (it did: one weight-0 KPI moved c from 6.2 to 12.0).
 */
export function weightedShift(input: Pick<AggregationInput, "normalised" | "nKpis" | "kpiDimension" | "kpiWeight" | "dimensionWeight">): number {
  const {normalised, nKpis: nK, kpiDimension, kpiWeight, dimensionWeight} = input;
  let min = Infinity;
  for (let k = 0; k < nK; k++) {
    if (!(kpiWeight[k]! > 0) || !(dimensionWeight[kpiDimension[k]!]! > 0)) continue;
    for (let i = k; i < normalised.length; i += nK) {
      const v = normalised[i]!;
      if (v < min) min = v;
    }
  }
  return Number.isFinite(min) ? Math.max(0, 1 - min) : 0;
}

/** log(v + c) of every value, kept per normalised array for the last shift used (c rarely changes). */
const logCache = new WeakMap<Float64Array, {shift: number; values: Float64Array}>();
export function shiftedLogs(normalised: Float64Array, shift: number): Float64Array {
  const cached = logCache.get(normalised);
  if (cached && cached.shift === shift) return cached.values;
  const values = new Float64Array(normalised.length);
  for (let i = 0; i < normalised.length; i++) values[i] = Math.log(normalised[i]! + shift);
  logCache.set(normalised, {shift, values});
  return values;
}

export function aggregate(input: AggregationInput, out?: Partial<AggregationOutput>): AggregationOutput {
  const {nMunicipalities: nM, nKpis: nK, nDimensions: nD, kpiDimension, kpiWeight, dimensionWeight} = input;
  const geometric = input.aggregation === "geometric";
  const c = geometric ? weightedShift(input) : 0;
  const values = geometric ? shiftedLogs(input.normalised, c) : input.normalised;
  const dimensionScores = out?.dimensionScores ?? new Float64Array(nM * nD);
  const totals = out?.totals ?? new Float64Array(nM);
  const has = out?.has ?? new Int32Array(nM);
  const sumWV = new Float64Array(nD);
  const sumW = new Float64Array(nD);

  let usable = 0;
  for (let k = 0; k < nK; k++) if (kpiWeight[k]! > 0) usable++;
  let sumDimW = 0;
  for (let d = 0; d < nD; d++) if (dimensionWeight[d]! > 0) sumDimW += dimensionWeight[d]!;

  for (let m = 0; m < nM; m++) {
    sumWV.fill(0);
    sumW.fill(0);
    let n = 0;
    const base = m * nK;
    for (let k = 0; k < nK; k++) {
      const w = kpiWeight[k]!;
      if (!(w > 0)) continue;
      const v = values[base + k]!;
      if (v !== v) continue;
      const d = kpiDimension[k]!;
      sumWV[d] = sumWV[d]! + w * v;
      sumW[d] = sumW[d]! + w;
      n++;
    }
    has[m] = n;
    let total = 0;
    let complete = sumDimW > 0;
    const dBase = m * nD;
    for (let d = 0; d < nD; d++) {
      const sw = sumW[d]!;
      const mean = sw > 0 ? sumWV[d]! / sw : NaN;
      const score = geometric ? Math.exp(mean) - c : mean;
      dimensionScores[dBase + d] = score;
      const W = dimensionWeight[d]!;
      if (!(W > 0)) continue;
      // Geometric: log(D + c) is the weighted log-mean itself.
      if (sw > 0) total += W * mean;
      else complete = false;
    }
    totals[m] = complete ? (geometric ? Math.exp(total / sumDimW) - c : total / sumDimW) : NaN;
  }
  return {dimensionScores, totals, has, usable, shift: c, values};
}
