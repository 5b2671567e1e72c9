/**
 * The engine's facade: prepare once per (model, year, method), then score on
 * every weight change. Scoring only recombines the precomputed arrays
 * (product.md steps 3-6 and steadiness).
 */
import {aggregate, type AggregationOutput} from "./aggregate.js";
import {
  coverageReason,
  emptyDimensionReason,
  meetsCoverage,
  missingDimensionReason,
  noDimensionWeightReason,
  requiredKpis,
  steadinessReason,
  STATUS_INSUFFICIENT,
  STATUS_RANKED,
  STATUS_UNSTEADY,
  type UnrankedReason
} from "./coverage.js";
import {compareCodes} from "./matrix.js";
import type {Model} from "./model.js";
import type {Prepared} from "./prepared.js";
import {rankMunicipalities, type Ranks} from "./rank.js";
import type {Grouping, Municipality, RankOptions, Weights} from "./types.js";

export {prepareNomination} from "./nomination.js";
export {prepareImprovement} from "./improvement.js";

/** Weights in model order, checked. */
export interface ResolvedWeights {
  /** W(d) per dimension. */
  dimensions: Float64Array;
  /** w(k) per indicator, as given. */
  indicators: Float64Array;
  /** w(k), or 0 for KPIs left out: what the aggregation uses. */
  effective: Float64Array;
}

/** One row of a ranking table: the municipality and its result. */
export interface RankingRow extends Municipality {
  /** Municipality index in the matrix (code order). */
  index: number;
  /** The group ranked within, or null when ranking everyone together. */
  group: string | null;
  /** Rank (within the group when grouping), null when not ranked. */
  rank: number | null;
  /** Rank among all municipalities, null when not ranked. */
  overallRank: number | null;
  /** Total S(m), null when not ranked. */
  score: number | null;
  /** D(d,m) in model dimension order, null when m has no weighted KPI in d. */
  dimensionScores: (number | null)[];
  /** Usable weighted KPIs m has, of how many, and how many the rule requires. */
  coverage: {has: number; of: number; required: number};
  /** Improvement only: share of year-over-year changes in the good direction (0-1). */
  steadiness: number | null;
  status: typeof STATUS_RANKED | typeof STATUS_INSUFFICIENT | typeof STATUS_UNSTEADY;
  /** Why m is not ranked (empty when ranked). */
  reasons: UnrankedReason[];
}

export interface ScoreResult {
  prepared: Prepared;
  weights: ResolvedWeights;
  grouping: Grouping;
  minSteadiness: number | null;
  /** Usable KPIs with w > 0, and the coverage rule's minimum. */
  usable: number;
  required: number;
  /** Geometric shift c over the weighted KPIs (0 for arithmetic). */
  shift: number;
  /** What was aggregated, `[m * nKpis + k]`: normalised values, or log(v + c) for geometric. */
  aggregationValues: Float64Array;
  /** `[m * nDimensions + d]`. */
  dimensionScores: Float64Array;
  /** S(m) before the coverage rule; NaN when a weighted dimension is missing. */
  totals: Float64Array;
  has: Int32Array;
  /** Per municipality, NaN without changes (improvement; all NaN for nomination). */
  steadiness: Float64Array;
  eligible: Uint8Array;
  ranks: Ranks;
  /** Ranked municipalities in rank order (by group, then rank, when grouping), then the unranked by code. */
  rows: RankingRow[];
}

/** The model's weights as a {@link Weights} object (the default of a recompute). */
export function defaultWeights(model: Model): Weights {
  return {
    dimensions: Object.fromEntries(model.dimensions.map((d) => [d.id, d.weight])),
    indicators: Object.fromEntries(model.indicators.map((i) => [i.kpi, i.weight]))
  };
}

/**
 * The largest weight a ranking takes. Weights are relative (scaling them all
 * changes nothing), and far larger ones overflow the weighted sums to Infinity:
 * with two dimension weights of 1.7e308 every score was 0 or missing, with no
 * reason given.
 */
export const MAX_WEIGHT = 1e9;

function checkWeight(kind: string, id: string, w: number): number {
  if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new RangeError(`weight of ${kind} ${id} must be a finite number >= 0 (got ${w})`);
  if (w > MAX_WEIGHT) throw new RangeError(`weight of ${kind} ${id} is too large: at most ${MAX_WEIGHT} (weights are relative; got ${w})`);
  return w;
}

/** Resolves weights against the prepared model; absent ids keep the model's weight, unknown ids are ignored. */
export function resolveWeights(prepared: Prepared, weights?: Partial<Weights>): ResolvedWeights {
  const dims = weights?.dimensions ?? {};
  const inds = weights?.indicators ?? {};
  const dimensions = Float64Array.from(prepared.dimensions, (d) => checkWeight("dimension", d.id, Object.hasOwn(dims, d.id) ? dims[d.id]! : d.weight));
  const indicators = Float64Array.from(prepared.indicators, (i) => checkWeight("KPI", i.kpi, Object.hasOwn(inds, i.kpi) ? inds[i.kpi]! : i.weight));
  const effective = Float64Array.from(prepared.indicators, (ind, k) => (ind.usable ? indicators[k]! : 0));
  return {dimensions, indicators, effective};
}

/** The group each municipality is ranked within, and a sort key per group (its smallest kommungrupp code). */
export interface RankGroups {
  groupOf: string[];
  sortKey: Map<string, string>;
}

/**
 * The grouped table's order as a sort comparator of ranked municipality
 * indices: groups by their sort key, then rank within the group (tested in
 * both argument orders).
 */
export function byGroupThenRank(g: RankGroups, withinGroup: ArrayLike<number>): (a: number, b: number) => number {
  const key = (m: number) => g.sortKey.get(g.groupOf[m]!)!;
  return (a, b) => compareCodes(key(a), key(b)) || withinGroup[a]! - withinGroup[b]!;
}

/** The groups of a grouping, or null for "none". */
export function rankGroups(prepared: Prepared, grouping: Grouping): RankGroups | null {
  if (grouping === "none") return null;
  const groupOf = prepared.municipalities.map((m) => (grouping === "kommungrupp" ? m.kommungrupp : m.mainGroup));
  const sortKey = new Map<string, string>();
  prepared.municipalities.forEach((m, i) => {
    const g = groupOf[i]!;
    const key = sortKey.get(g);
    if (key === undefined || m.kommungrupp < key) sortKey.set(g, m.kommungrupp);
  });
  return {groupOf, sortKey};
}

/** The minimum steadiness that applies (improvement only), checked. */
function minSteadinessOf(prepared: Prepared, options: RankOptions): number | null {
  const minSteadiness = prepared.kind === "improvement" && options.minSteadiness !== undefined ? options.minSteadiness : null;
  if (minSteadiness !== null && !(minSteadiness >= 0 && minSteadiness <= 1)) throw new RangeError(`minimum steadiness must be between 0 and 1 (got ${minSteadiness})`);
  return minSteadiness;
}

export interface RankWeightsOptions extends RankOptions {
  /** Collect why each unranked municipality is not ranked (score() does; the Monte Carlo does not). */
  reasons?: boolean;
  /** The groups of `grouping`, when the caller already has them (see {@link rankGroups}). */
  groups?: RankGroups | null;
  /** Arrays to write into instead of allocating (each of the right length). */
  buffers?: Partial<AggregationOutput> & {steadiness?: Float64Array; eligible?: Uint8Array};
}

/** The lean result of a recompute: no row objects. */
export interface WeightRanking {
  grouping: Grouping;
  minSteadiness: number | null;
  groups: RankGroups | null;
  aggregation: AggregationOutput;
  /** Per municipality, NaN without changes (improvement; all NaN for nomination). */
  steadiness: Float64Array;
  /** 1 when ranked: the coverage rule, every weighted dimension present, the minimum steadiness, a finite total. */
  eligible: Uint8Array;
  /** Why each municipality is not ranked (empty when ranked); null unless `reasons` was asked for. */
  reasons: UnrankedReason[][] | null;
  ranks: Ranks;
}

/**
 * The recompute without row objects: aggregation, steadiness, the coverage
 * rule and the ranks. {@link score} is this plus the rows; the Monte Carlo
 * (uncertainty.ts) calls it directly, thousands of times.
 */
export function rankWeights(prepared: Prepared, w: ResolvedWeights, options: RankWeightsOptions = {}): WeightRanking {
  const grouping = options.grouping ?? "none";
  const minSteadiness = minSteadinessOf(prepared, options);
  const collect = options.reasons === true;
  const buffers = options.buffers ?? {};
  const nM = prepared.nMunicipalities;
  const nK = prepared.nKpis;
  const nD = prepared.dimensions.length;
  const agg = aggregate(
    {
      nMunicipalities: nM,
      nKpis: nK,
      nDimensions: nD,
      kpiDimension: prepared.kpiDimension,
      normalised: prepared.normalised,
      kpiWeight: w.effective,
      dimensionWeight: w.dimensions,
      aggregation: prepared.aggregation
    },
    buffers
  );
  const steadiness = buffers.steadiness ?? new Float64Array(nM);
  steadiness.fill(NaN);
  if (prepared.changes && prepared.positive) {
    for (let m = 0; m < nM; m++) {
      let c = 0;
      let p = 0;
      for (let k = 0; k < nK; k++) {
        if (!(w.effective[k]! > 0)) continue;
        c += prepared.changes[m * nK + k]!;
        p += prepared.positive[m * nK + k]!;
      }
      if (c > 0) steadiness[m] = p / c;
    }
  }

  let anyDimWeight = false;
  for (let d = 0; d < nD; d++) if (w.dimensions[d]! > 0) anyDimWeight = true;
  const dimUsable = new Int32Array(nD);
  for (let k = 0; k < nK; k++) if (w.effective[k]! > 0) dimUsable[prepared.kpiDimension[k]!] = 1;
  const eligible = buffers.eligible ?? new Uint8Array(nM);
  const reasons: UnrankedReason[][] | null = collect ? new Array(nM) : null;
  for (let m = 0; m < nM; m++) {
    const r: UnrankedReason[] | null = collect ? [] : null;
    let ok = true;
    if (!meetsCoverage(agg.has[m]!, agg.usable)) {
      ok = false;
      r?.push(coverageReason(agg.has[m]!, agg.usable));
    }
    if (!anyDimWeight) {
      ok = false;
      r?.push(noDimensionWeightReason());
    }
    for (let d = 0; d < nD && (ok || r); d++) {
      if (!(w.dimensions[d]! > 0) || !Number.isNaN(agg.dimensionScores[m * nD + d]!)) continue;
      ok = false;
      if (r) {
        const id = prepared.dimensions[d]!.id;
        r.push(dimUsable[d] ? missingDimensionReason(id) : emptyDimensionReason(id));
      }
    }
    if (ok && minSteadiness !== null && !(steadiness[m]! >= minSteadiness)) {
      ok = false;
      r?.push(steadinessReason(steadiness[m]!, minSteadiness));
    }
    eligible[m] = ok && Number.isFinite(agg.totals[m]!) ? 1 : 0;
    if (reasons) reasons[m] = r!;
  }
  const groups = options.groups !== undefined ? options.groups : rankGroups(prepared, grouping);
  const ranks = rankMunicipalities(agg.totals, eligible, groups?.groupOf);
  return {grouping, minSteadiness, groups, aggregation: agg, steadiness, eligible, reasons, ranks};
}

/** Recombines a prepared ranking with the given weights (default: the model's). */
export function score(prepared: Prepared, weights?: Partial<Weights>, options: RankOptions = {}): ScoreResult {
  minSteadinessOf(prepared, options);
  const w = resolveWeights(prepared, weights);
  const nM = prepared.nMunicipalities;
  const nD = prepared.dimensions.length;
  const lean = rankWeights(prepared, w, {...options, reasons: true});
  const {grouping, minSteadiness, steadiness, eligible, ranks} = lean;
  const agg = lean.aggregation;
  const reasons = lean.reasons!;
  const g = lean.groups;

  const row = (m: number): RankingRow => {
    const mun = prepared.municipalities[m]!;
    const ranked = eligible[m] === 1;
    const r = reasons[m]!;
    const dimensionScores: (number | null)[] = new Array(nD);
    for (let d = 0; d < nD; d++) {
      const v = agg.dimensionScores[m * nD + d]!;
      dimensionScores[d] = v === v ? v : null;
    }
    const st = steadiness[m]!;
    return {
      index: m,
      code: mun.code,
      name: mun.name,
      county: mun.county,
      kommungrupp: mun.kommungrupp,
      kommungruppName: mun.kommungruppName,
      mainGroup: mun.mainGroup,
      group: g ? g.groupOf[m]! : null,
      rank: ranked ? ranks.withinGroup[m]! : null,
      overallRank: ranked ? ranks.overall[m]! : null,
      score: ranked ? agg.totals[m]! : null,
      dimensionScores,
      coverage: {has: agg.has[m]!, of: agg.usable, required: requiredKpis(agg.usable)},
      steadiness: st === st ? st : null,
      status: ranked ? STATUS_RANKED : r.some((x) => x.code !== "steadiness") ? STATUS_INSUFFICIENT : STATUS_UNSTEADY,
      reasons: r
    };
  };
  let order = Array.from(ranks.order);
  if (g) order.sort(byGroupThenRank(g, ranks.withinGroup));
  const rows = order.map(row);
  for (let m = 0; m < nM; m++) if (!eligible[m]) rows.push(row(m));

  return {
    prepared,
    weights: w,
    grouping,
    minSteadiness,
    usable: agg.usable,
    required: requiredKpis(agg.usable),
    shift: agg.shift,
    aggregationValues: agg.values,
    dimensionScores: agg.dimensionScores,
    totals: agg.totals,
    has: agg.has,
    steadiness,
    eligible,
    ranks,
    rows
  };
}

/** Scores a prepared nomination ranking. */
export function scoreNomination(prepared: Prepared, weights?: Partial<Weights>, options: RankOptions = {}): ScoreResult {
  if (prepared.kind !== "nomination") throw new TypeError("scoreNomination needs a prepared nomination ranking");
  return score(prepared, weights, options);
}

/** Scores a prepared improvement ranking (steadiness beside the score, optional minimum). */
export function scoreImprovement(prepared: Prepared, weights?: Partial<Weights>, options: RankOptions = {}): ScoreResult {
  if (prepared.kind !== "improvement") throw new TypeError("scoreImprovement needs a prepared improvement ranking");
  return score(prepared, weights, options);
}
