/**
 * The indicator audit of one prepared ranking (a model, a year and a method;
 * nomination, or improvement where the same questions make sense): is every
 * KPI fit to enter the index, do KPIs double count or pull against each other,
 * does each KPI weigh in the index as much as its weight says, and how much
 * does the ranking depend on each KPI and each dimension. Pure: no DOM, no I/O.
 *
 * Definitions (each is tested in test/engine/audit.test.ts):
 *
 * - The KPI's column is `prepared.raw`: the value in the year (nomination) or
 *   the slope per year in the KPI's unit (improvement), before winsorising and
 *   not direction-aligned. Coverage, mean, sample sd (n-1), min, max, the tied
 *   share, skewness and excess kurtosis (stats.ts, as Excel SKEW/KURT) are taken
 *   over its present values. Coverage = municipalities with a value / all
 *   municipalities of the matrix.
 * - Tied share = the share of the present values that equal at least one other
 *   present value (exact equality): 1 1 2 3 → 0.5. Null without values.
 * - Outlier flag = the JRC rule of winsorise.ts (|skew| > 2 and kurtosis > 3.5);
 *   null when skewness or kurtosis is undefined (n < 4 or no spread).
 *   Winsorised points = how many values winsoriseJrc caps (top + bottom) on the
 *   column the engine would winsorise: the year's values (nomination), or
 *   I = slope / sd of the first year (improvement, rebuilt exactly from raw).
 *   It is what the `winsorise` option does or would do, whether it is on or not.
 * - Correlations between KPIs are Spearman rank correlations of the values that
 *   enter the index (`prepared.normalised`: direction-aligned, after winsorising
 *   and goalpost clamping; a KPI left out of the year has none), over the
 *   municipalities that have both values (pairwise complete), with average
 *   ranks for ties (Pearson correlation of the ranks). Null for fewer than
 *   {@link MIN_CORRELATION_PAIRS} pairs or when either side is constant. The
 *   diagonal is exactly 1 for every KPI with a defined correlation.
 *   Flags: |r| > 0.9 "likely double counting" (any two KPIs); r below
 *   −2/√n (negative beyond sampling noise, {@link directionConflictBound})
 *   between two KPIs of the same dimension "direction conflict" (after
 *   alignment, the two should agree).
 * - Correlation with the index: Pearson correlation of the KPI's normalised
 *   value with its dimension score D(d,m) and with the total S(m) of score()
 *   with the given weights, over the ranked municipalities that have the KPI.
 *   Pearson, because the index is a weighted (linear) mean of the normalised
 *   values, so r² reads as the share of the index's variance the KPI goes with
 *   (the first-order "main effect" of Paruolo, Saisana and Saltelli 2013).
 * - Weight share (effective weight) = W(d)/ΣW · w(k)/Σ w(k') with ΣW over the
 *   dimensions with W > 0 and Σ w(k') over the usable KPIs with w > 0 of d;
 *   0 for a KPI left out, weighted 0 or in a dimension weighted 0.
 * - Influence: over the KPIs with weight share > 0 and a defined r_total,
 *   influence share = r_total² / Σ r_total²; ratio = influence share / weight
 *   share (the weight shares renormalised over the same KPIs). Flagged when the
 *   ratio is < 0.5 ("weighs less than its weight") or > 2 ("more").
 * - Cronbach's alpha per dimension over its usable KPIs with w > 0, on their
 *   normalised (direction-aligned) values as they are (not re-standardised),
 *   over the complete cases (municipalities with every one of those KPIs):
 *   α = k/(k-1) · (1 - Σ var(item) / var(sum of items)), sample variances.
 *   Null with fewer than 2 KPIs, fewer than 2 complete cases or no spread of
 *   the sum.
 * - Drop-one: the KPI (or the dimension with all its KPIs) is removed from the
 *   model, the model re-prepared with the same year and method and scored with
 *   the same weights (an id the reduced model lacks is ignored). Removing a
 *   KPI ranks exactly as weighting it 0 (the coverage rule only counts KPIs
 *   with w > 0, the geometric shift only weighted ones); removing a dimension
 *   is not the same as weighting it 0, since the 2/3 rule counts the weighted
 *   KPIs of a dimension weighted 0. Removing the only KPI of a weighted
 *   dimension leaves nobody ranked, as weight 0 would. Rank shifts compare the
 *   overall (national) ranks of the municipalities ranked both with and
 *   without; their mean and max of |Δrank| are null when there are none.
 *   Top-N changes = max(entered, left): with N ranked both times that is the
 *   number of municipalities replaced in the top N.
 */
import type {Direction, Model} from "./model.js";
import {prepareImprovement} from "./improvement.js";
import {prepareNomination} from "./nomination.js";
import type {Prepared} from "./prepared.js";
import {score, type ScoreResult} from "./score.js";
import {columnStats, kurtosis, skewness} from "./stats.js";
import type {RankOptions, Weights} from "./types.js";
import {byValueThenIndex, needsWinsorising, winsoriseJrc} from "./winsorise.js";

/** The pages' default top N (the `top` URL parameter of lib/state/ranking-state.ts). */
export const DEFAULT_AUDIT_TOP_N = 10;
/** A correlation needs at least this many complete pairs. */
export const MIN_CORRELATION_PAIRS = 3;
/** |Spearman r| above this: likely double counting. */
export const DOUBLE_COUNTING_R = 0.9;
/**
 * A negative correlation inside a dimension is flagged as a direction conflict
 * only when it is beyond sampling noise: r < −2/√n over the n complete pairs
 * (about the 95 % bound for r = 0). The literal "any r < 0" flagged 17 pairs
 * of skk-standard 2022, most of them between −0.00 and −0.1.
 */
export function directionConflictBound(pairs: number): number {
  return -2 / Math.sqrt(pairs);
}
/** Influence ratio (influence share / weight share) outside [low, high] is flagged. */
export const INFLUENCE_RATIO_LOW = 0.5;
export const INFLUENCE_RATIO_HIGH = 2;

export interface AuditOptions {
  /** Weights of the recompute (absent ids keep the model's); default the model's. */
  weights?: Partial<Weights>;
  /** N of the top-N comparison; default {@link DEFAULT_AUDIT_TOP_N}. */
  topN?: number;
  /** Improvement only: the minimum steadiness of score(). */
  minSteadiness?: number;
  /** Run drop-one (one re-prepare per KPI and per dimension); default true. */
  dropOne?: boolean;
  /**
   * Re-prepares a reduced model for drop-one. Default: prepareNomination or
   * prepareImprovement with the prepared ranking's year and method settings.
   * Custom goalposts are not kept in a Prepared: pass this to reuse them.
   */
  prepare?: (model: Model) => Prepared;
}

/** The ranking without one KPI or one dimension, against the ranking with it. */
export interface DropOneResult {
  removed: {kind: "kpi" | "dimension"; id: string};
  /** Municipalities ranked with it, without it, and both. */
  rankedWith: number;
  rankedWithout: number;
  rankedBoth: number;
  /** Mean and max |overall rank with − without| over the municipalities ranked both; null when none. */
  meanAbsRankShift: number | null;
  maxAbsRankShift: number | null;
  topN: number;
  /** Codes that enter / leave the top N (overall rank ≤ N) when it is removed. */
  entered: string[];
  left: string[];
  /** max(entered, left). */
  topNChanges: number;
}

export interface KpiAudit {
  kpi: string;
  title?: string;
  dimension: string;
  direction: Direction;
  /** w(k) of this recompute. */
  weight: number;
  /** Usable in the year (window): not left out. */
  usable: boolean;
  /** Municipalities with a value, and that as a share of all. */
  n: number;
  coverage: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  tiedShare: number | null;
  skewness: number | null;
  kurtosis: number | null;
  outlier: boolean | null;
  winsorisedPoints: number;
  /** Pearson r with the KPI's dimension score and with the total, over the ranked municipalities. */
  rDimension: number | null;
  rTotal: number | null;
  weightShare: number;
  /** r_total² / Σ r_total² over the weighted KPIs; null when the KPI has no weight share or no r_total. */
  influenceShare: number | null;
  influenceRatio: number | null;
  drop: DropOneResult | null;
}

export interface DimensionAudit {
  id: string;
  label: string;
  weight: number;
  /** The KPIs alpha is taken over (usable, w > 0). */
  kpis: string[];
  alpha: number | null;
  /** Complete cases behind alpha. */
  alphaN: number;
  drop: DropOneResult | null;
}

export interface CorrelationMatrix {
  /** KPI ids in model order (rows and columns). */
  kpis: string[];
  /** Spearman r, null when undefined. */
  r: (number | null)[][];
  /** Pairwise complete observations. */
  n: number[][];
}

export type AuditFlagCode = "double_counting" | "direction_conflict" | "outlier" | "influence_high" | "influence_low";

export interface AuditFlag {
  code: AuditFlagCode;
  /** The KPI, or the pair of KPIs. */
  kpis: string[];
  dimension: string | null;
  /** r, the influence ratio, or the skewness. */
  value: number;
  /** Swedish text for the user. */
  message: string;
}

export interface IndicatorAudit {
  kind: Prepared["kind"];
  year: number;
  window: Prepared["window"];
  topN: number;
  nMunicipalities: number;
  /** Municipalities ranked with the given weights. */
  ranked: number;
  kpis: KpiAudit[];
  dimensions: DimensionAudit[];
  correlations: CorrelationMatrix;
  flags: AuditFlag[];
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Ranks 1..n of the present values, ties getting the mean of their ranks; NaN stays NaN. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) idx.push(i);
  idx.sort(byValueThenIndex(values));
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let p = i; p <= j; p++) out[idx[p]!] = r;
    i = j + 1;
  }
  return out;
}

/** The complete pairs of two columns of equal length. */
function completePairs(x: ArrayLike<number>, y: ArrayLike<number>): {xs: Float64Array; ys: Float64Array} {
  if (x.length !== y.length) throw new RangeError(`columns of different length (${x.length} and ${y.length})`);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i] && y[i] === y[i]) n++;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === x[i] && y[i] === y[i]) {
      xs[j] = x[i]!;
      ys[j++] = y[i]!;
    }
  }
  return {xs, ys};
}

/** Pearson r of complete columns; null below the minimum count or for a constant column; clamped to [-1, 1]. */
function pearsonComplete(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = xs.length;
  if (n < MIN_CORRELATION_PAIRS) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Pearson correlation over the pairwise complete observations (NaN = missing). */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const {xs, ys} = completePairs(x, y);
  return pearsonComplete(xs, ys);
}

/**
 * Spearman rank correlation over the pairwise complete observations: the
 * pairs where both are present are ranked (average ranks for ties) and the
 * Pearson correlation of the ranks is returned.
 */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const {xs, ys} = completePairs(x, y);
  return pearsonComplete(averageRanks(xs), averageRanks(ys));
}

/** Spearman matrix of columns (pairwise complete); symmetric, diagonal exactly 1 where defined. */
export function spearmanMatrix(columns: readonly ArrayLike<number>[]): {r: (number | null)[][]; n: number[][]} {
  const K = columns.length;
  const r: (number | null)[][] = Array.from({length: K}, () => new Array<number | null>(K).fill(null));
  const n: number[][] = Array.from({length: K}, () => new Array<number>(K).fill(0));
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      const {xs, ys} = completePairs(columns[a]!, columns[b]!);
      let v = pearsonComplete(averageRanks(xs), averageRanks(ys));
      if (a === b && v !== null) v = 1;
      r[a]![b] = r[b]![a] = v;
      n[a]![b] = n[b]![a] = xs.length;
    }
  }
  return {r, n};
}

/**
 * Cronbach's alpha of complete items (each column one item, same length, no
 * NaN): k/(k-1) · (1 - Σ var(item) / var(sum)), sample variances. Null with
 * fewer than 2 items, fewer than 2 cases or a constant sum.
 */
export function cronbachAlpha(items: readonly ArrayLike<number>[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  const n = items[0]!.length;
  if (n < 2) return null;
  const sum = new Float64Array(n);
  let itemVar = 0;
  for (const item of items) {
    if (item.length !== n) throw new RangeError("items of different length");
    for (let i = 0; i < n; i++) {
      if (item[i] !== item[i]) throw new RangeError("cronbachAlpha needs complete cases");
      sum[i] = sum[i]! + item[i]!;
    }
    itemVar += columnStats(item).sd ** 2;
  }
  const total = columnStats(sum).sd ** 2;
  if (!(total > 0)) return null;
  return (k / (k - 1)) * (1 - itemVar / total);
}

/** Share of the present values equal to at least one other present value; null without values. */
export function tiedShare(values: ArrayLike<number>): number | null {
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    n++;
    // Map keys use SameValueZero: -0 and 0 are one key, as they are equal.
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  if (n === 0) return null;
  let tied = 0;
  for (const c of counts.values()) if (c > 1) tied += c;
  return tied / n;
}

/** The model without one KPI (dimensions unchanged). */
export function modelWithoutKpi(model: Model, kpi: string): Model {
  if (!model.indicators.some((i) => i.kpi === kpi)) throw new RangeError(`KPI ${kpi} is not in the model`);
  return {...model, indicators: model.indicators.filter((i) => i.kpi !== kpi)};
}

/** The model without one dimension and all its KPIs. */
export function modelWithoutDimension(model: Model, dimension: string): Model {
  if (!model.dimensions.some((d) => d.id === dimension)) throw new RangeError(`dimension ${dimension} is not in the model`);
  return {...model, dimensions: model.dimensions.filter((d) => d.id !== dimension), indicators: model.indicators.filter((i) => i.dimension !== dimension)};
}

/** The default re-prepare for drop-one: the same kind, year and method settings as `prepared`. */
export function reprepare(prepared: Prepared): (model: Model) => Prepared {
  const common = {aggregation: prepared.aggregation, winsorise: prepared.winsorise};
  if (prepared.kind === "nomination") {
    return (model) => prepareNomination(prepared.matrix, model, prepared.year, {...common, normalisation: prepared.normalisation ?? "zscore"});
  }
  const window = prepared.window!.length as 3 | 4;
  return (model) => prepareImprovement(prepared.matrix, model, prepared.year, {...common, window, method: prepared.method ?? "theil-sen"});
}

/**
 * Compares two scored rankings of the same municipalities (by matrix index):
 * |Δ overall rank| over those ranked in both, and the top-N turnover.
 */
export function compareRankings(withIt: ScoreResult, without: ScoreResult, topN: number, removed: DropOneResult["removed"]): DropOneResult {
  if (!(Number.isInteger(topN) && topN >= 1)) throw new RangeError(`top N must be a whole number >= 1 (got ${topN})`);
  const a = withIt.ranks.overall;
  const b = without.ranks.overall;
  if (a.length !== b.length) throw new RangeError("the rankings have different municipalities");
  const codes = withIt.prepared.municipalities;
  let rankedWith = 0;
  let rankedWithout = 0;
  let both = 0;
  let sum = 0;
  let max = 0;
  const entered: string[] = [];
  const left: string[] = [];
  for (let m = 0; m < a.length; m++) {
    const ra = a[m]!;
    const rb = b[m]!;
    if (ra > 0) rankedWith++;
    if (rb > 0) rankedWithout++;
    if (ra > 0 && rb > 0) {
      both++;
      const d = Math.abs(ra - rb);
      sum += d;
      if (d > max) max = d;
    }
    const inA = ra > 0 && ra <= topN;
    const inB = rb > 0 && rb <= topN;
    if (inA && !inB) left.push(codes[m]!.code);
    if (inB && !inA) entered.push(codes[m]!.code);
  }
  return {
    removed,
    rankedWith,
    rankedWithout,
    rankedBoth: both,
    meanAbsRankShift: both ? sum / both : null,
    maxAbsRankShift: both ? max : null,
    topN,
    entered,
    left,
    topNChanges: Math.max(entered.length, left.length)
  };
}

/** Each KPI's share of the total weight (see the module comment), in model order. */
export function effectiveWeightShares(result: ScoreResult): Float64Array {
  const p = result.prepared;
  const W = result.weights.dimensions;
  const w = result.weights.effective;
  const nD = p.dimensions.length;
  let sumW = 0;
  for (let d = 0; d < nD; d++) if (W[d]! > 0) sumW += W[d]!;
  const dimSum = new Float64Array(nD);
  for (let k = 0; k < p.nKpis; k++) {
    const d = p.kpiDimension[k]!;
    if (w[k]! > 0) dimSum[d] = dimSum[d]! + w[k]!;
  }
  return Float64Array.from(p.indicators, (_, k) => {
    const d = p.kpiDimension[k]!;
    return w[k]! > 0 && W[d]! > 0 && sumW > 0 ? (W[d]! / sumW) * (w[k]! / dimSum[d]!) : 0;
  });
}

/** Column k of a `[m * nKpis + k]` array. */
function kpiColumn(values: Float64Array, nKpis: number, nM: number, k: number): Float64Array {
  const out = new Float64Array(nM);
  for (let m = 0; m < nM; m++) out[m] = values[m * nKpis + k]!;
  return out;
}

/** A number in a flag's Swedish message: two decimals, decimal comma, minus sign (−0,13). */
const fmt = (x: number) => x.toFixed(2).replace(".", ",").replace(/^-/, "−");

/** Audits every KPI and dimension of a prepared ranking (see the module comment for every definition). */
export function auditIndicators(prepared: Prepared, options: AuditOptions = {}): IndicatorAudit {
  const topN = options.topN ?? DEFAULT_AUDIT_TOP_N;
  if (!(Number.isInteger(topN) && topN >= 1)) throw new RangeError(`top N must be a whole number >= 1 (got ${topN})`);
  const rankOptions: RankOptions = options.minSteadiness === undefined ? {} : {minSteadiness: options.minSteadiness};
  const base = score(prepared, options.weights, rankOptions);
  const nM = prepared.nMunicipalities;
  const nK = prepared.nKpis;
  const nD = prepared.dimensions.length;
  const flags: AuditFlag[] = [];

  const normalisedColumns = prepared.indicators.map((_, k) => kpiColumn(prepared.normalised, nK, nM, k));
  const rawColumns = prepared.indicators.map((_, k) => kpiColumn(prepared.raw, nK, nM, k));

  // Correlations between KPIs.
  const matrix = spearmanMatrix(normalisedColumns);
  const kpiIds = prepared.indicators.map((i) => i.kpi);
  for (let a = 0; a < nK; a++) {
    for (let b = a + 1; b < nK; b++) {
      const r = matrix.r[a]![b]!;
      if (r === null) continue;
      const ia = prepared.indicators[a]!;
      const ib = prepared.indicators[b]!;
      const same = ia.dimensionIndex === ib.dimensionIndex;
      if (Math.abs(r) > DOUBLE_COUNTING_R) {
        flags.push({code: "double_counting", kpis: [ia.kpi, ib.kpi], dimension: same ? ia.dimension : null, value: r, message: `troligen dubbelräkning: ${ia.kpi} och ${ib.kpi} har Spearman r = ${fmt(r)}`});
      }
      if (same && r < directionConflictBound(matrix.n[a]![b]!)) {
        flags.push({code: "direction_conflict", kpis: [ia.kpi, ib.kpi], dimension: ia.dimension, value: r, message: `riktningskonflikt i dimensionen ${ia.dimension}: ${ia.kpi} och ${ib.kpi} har Spearman r = ${fmt(r)} efter riktningsjustering`});
      }
    }
  }

  // Correlation with the index, over the ranked municipalities.
  const total = new Float64Array(nM).fill(NaN);
  for (let m = 0; m < nM; m++) if (base.eligible[m]) total[m] = base.totals[m]!;
  const dimensionColumns = Array.from({length: nD}, (_, d) => {
    const col = new Float64Array(nM).fill(NaN);
    for (let m = 0; m < nM; m++) if (base.eligible[m]) col[m] = base.dimensionScores[m * nD + d]!;
    return col;
  });
  const rTotal = normalisedColumns.map((col) => pearsonCorrelation(col, total));
  const rDimension = normalisedColumns.map((col, k) => pearsonCorrelation(col, dimensionColumns[prepared.kpiDimension[k]!]!));
  const shares = effectiveWeightShares(base);
  let sumR2 = 0;
  let sumShare = 0;
  for (let k = 0; k < nK; k++) {
    const r = rTotal[k]!;
    if (shares[k]! > 0 && r !== null) {
      sumR2 += r * r;
      sumShare += shares[k]!;
    }
  }

  // Drop-one.
  const runDrop = options.dropOne ?? true;
  const prepare = options.prepare ?? reprepare(prepared);
  const dropOne = (model: Model, removed: DropOneResult["removed"]) => compareRankings(base, score(prepare(model), options.weights, rankOptions), topN, removed);

  const kpis: KpiAudit[] = prepared.indicators.map((ind, k) => {
    const raw = rawColumns[k]!;
    const stats = columnStats(raw);
    const skew = orNull(skewness(raw));
    const kurt = orNull(kurtosis(raw));
    // The column the engine's winsorising tests: the year's values, or I = slope / sd (exactly as improvement.ts computes it).
    const tested = prepared.kind === "nomination" ? raw : raw.map((x) => (ind.sign * x) / ind.stats.sd);
    const w = winsoriseJrc(tested);
    const r = rTotal[k]!;
    const share = shares[k]!;
    // sumR2 is 0 only when every weighted r is 0: then r² / sumR2 is 0 / 0, and the share is missing.
    const influenceShare = share > 0 && r !== null ? orNull((r * r) / sumR2) : null;
    const influenceRatio = influenceShare === null ? null : influenceShare / (share / sumShare);
    const outlier = skew === null || kurt === null ? null : needsWinsorising(skew, kurt);
    if (outlier) {
      flags.push({code: "outlier", kpis: [ind.kpi], dimension: ind.dimension, value: skew!, message: `extremvärden enligt JRC-regeln: skevhet ${fmt(skew!)}, kurtosis ${fmt(kurt!)}; winsorisering skulle ersätta ${w.high + w.low} värden`});
    }
    if (influenceRatio !== null && influenceRatio > INFLUENCE_RATIO_HIGH) {
      flags.push({code: "influence_high", kpis: [ind.kpi], dimension: ind.dimension, value: influenceRatio, message: `${ind.kpi} väger ${fmt(influenceRatio)} gånger tyngre i totalen (andel av r²) än sin viktandel`});
    }
    if (influenceRatio !== null && influenceRatio < INFLUENCE_RATIO_LOW) {
      flags.push({code: "influence_low", kpis: [ind.kpi], dimension: ind.dimension, value: influenceRatio, message: `${ind.kpi} väger bara ${fmt(influenceRatio)} av sin viktandel i totalen (andel av r²)`});
    }
    return {
      kpi: ind.kpi,
      ...(ind.title === undefined ? {} : {title: ind.title}),
      dimension: ind.dimension,
      direction: ind.direction,
      weight: base.weights.indicators[k]!,
      usable: ind.usable,
      n: stats.n,
      coverage: nM ? stats.n / nM : 0,
      mean: orNull(stats.mean),
      sd: orNull(stats.sd),
      min: orNull(stats.min),
      max: orNull(stats.max),
      tiedShare: tiedShare(raw),
      skewness: skew,
      kurtosis: kurt,
      outlier,
      winsorisedPoints: w.high + w.low,
      rDimension: rDimension[k]!,
      rTotal: r,
      weightShare: share,
      influenceShare,
      influenceRatio,
      drop: runDrop ? dropOne(modelWithoutKpi(prepared.model, ind.kpi), {kind: "kpi", id: ind.kpi}) : null
    };
  });

  const dimensions: DimensionAudit[] = prepared.dimensions.map((dim, d) => {
    const members: number[] = [];
    for (let k = 0; k < nK; k++) if (prepared.kpiDimension[k] === d && base.weights.effective[k]! > 0) members.push(k);
    const complete: number[] = [];
    for (let m = 0; m < nM; m++) if (members.every((k) => prepared.normalised[m * nK + k] === prepared.normalised[m * nK + k])) complete.push(m);
    const items = members.map((k) => Float64Array.from(complete, (m) => prepared.normalised[m * nK + k]!));
    return {
      id: dim.id,
      label: dim.label,
      weight: base.weights.dimensions[d]!,
      kpis: members.map((k) => kpiIds[k]!),
      alpha: members.length >= 2 ? cronbachAlpha(items) : null,
      alphaN: members.length >= 2 ? complete.length : 0,
      drop: runDrop ? dropOne(modelWithoutDimension(prepared.model, dim.id), {kind: "dimension", id: dim.id}) : null
    };
  });

  let ranked = 0;
  for (let m = 0; m < nM; m++) ranked += base.eligible[m]!;
  return {
    kind: prepared.kind,
    year: prepared.year,
    window: prepared.window,
    topN,
    nMunicipalities: nM,
    ranked,
    kpis,
    dimensions,
    correlations: {kpis: kpiIds, r: matrix.r, n: matrix.n},
    flags
  };
}
