/**
 * Uncertainty and sensitivity analysis of a ranking (product.md,
 * "Robustness"): a Monte Carlo over the weights and the method choices, and
 * Sobol indices telling which choice matters.
 *
 * One draw is a point u in [0, 1)^D, one coordinate per varied input:
 * - each dimension weight W(d) and each KPI weight w(k) (independently) is the
 *   base weight times 1 - f + 2 f u, i.e. multiplied by U(1 - f, 1 + f); a base
 *   weight 0 stays 0, so the coverage rule's KPI set never changes;
 * - each discrete choice (normalisation, aggregation, winsorising; for
 *   improvement the window and the measure) is set[floor(u * |set|)], uniform
 *   over the allowed set (kept in the engine's canonical order).
 * Inputs that are switched off keep the nominal setting and take no coordinate.
 *
 * Every combination of discrete choices is prepared once, on first use, and
 * cached; a draw then only recombines prepared arrays: weights ->
 * `rankWeights` (score.ts: aggregate, coverage rule, ranks) -> counts. No row
 * objects are built per draw.
 *
 * Determinism: the draws come from one seeded mulberry32 stream (random.ts),
 * D numbers per draw in coordinate order, draws in order; nothing else is
 * random, so the same seed and settings give the same output in Node and in
 * the browser, however the run is cut into chunks.
 *
 * Ranks are within the municipality's group when grouping (as on the pages),
 * else overall. A municipality unranked in a draw counts in no rank
 * percentile and is never in the top N of that draw.
 *
 * Percentiles (rank q05, median, q95, and the bootstrap bands) use the
 * nearest-rank definition: the p-th percentile of n ordered values is the
 * ceil(p n / 100)-th smallest (the first when p n / 100 < 1). It is always one
 * of the observed values (a whole rank); the median of an even count is the
 * lower of the two middle values.
 */
import {improvementWindow, prepareImprovement} from "./improvement.js";
import {yearOffset, type ValueMatrix} from "./matrix.js";
import type {Model} from "./model.js";
import {prepareNomination} from "./nomination.js";
import type {Prepared} from "./prepared.js";
import {mulberry32} from "./random.js";
import {rankGroups, rankWeights, resolveWeights, type RankGroups, type RankWeightsOptions, type ResolvedWeights, type WeightRanking} from "./score.js";
import {
  AGGREGATIONS,
  GROUPINGS,
  IMPROVEMENT_METHODS,
  NORMALISATIONS,
  type Aggregation,
  type Grouping,
  type ImprovementMethod,
  type Normalisation,
  type Weights
} from "./types.js";

/** The normalisations a Monte Carlo may draw from. */
export const UNCERTAINTY_NORMALISATIONS = ["zscore", "minmax", "percentile"] as const satisfies readonly Normalisation[];

/** Most draws of one run, and of one Sobol base sample. */
export const MAX_DRAWS = 20000;

/** Status by P(top N): "säker" P >= 0.9, "gränsfall" 0.1 < P < 0.9, "utanför" P <= 0.1. */
export const STATUS_SAFE = "säker";
export const STATUS_BORDERLINE = "gränsfall";
export const STATUS_OUTSIDE = "utanför";
export type UncertaintyStatus = typeof STATUS_SAFE | typeof STATUS_BORDERLINE | typeof STATUS_OUTSIDE;

/** The status of a municipality with probability `p` of being in the top N. */
export function uncertaintyStatus(p: number): UncertaintyStatus {
  return p >= 0.9 ? STATUS_SAFE : p > 0.1 ? STATUS_BORDERLINE : STATUS_OUTSIDE;
}

/** What varies in the draws. */
export interface UncertaintyVary {
  dimensionWeights: boolean;
  kpiWeights: boolean;
  /** Nomination: the normalisations to draw from (of {@link UNCERTAINTY_NORMALISATIONS}), or null = nominal only. */
  normalisation: readonly Normalisation[] | null;
  /** Draw arithmetic or geometric. */
  aggregation: boolean;
  /** Draw winsorising on or off. */
  winsorise: boolean;
  /** Improvement: draw a 3- or 4-year window. */
  window: boolean;
  /** Improvement: the measures to draw from, or null = nominal only. */
  method: readonly ImprovementMethod[] | null;
}

/** The method of the nominal ranking (and of every draw where that input is not varied). */
export interface UncertaintyNominal {
  normalisation?: Normalisation;
  aggregation?: Aggregation;
  winsorise?: boolean;
  window?: 3 | 4;
  method?: ImprovementMethod;
  /** Improvement: the minimum steadiness (0-1) to be ranked, in every draw. */
  minSteadiness?: number;
}

export interface UncertaintySettings {
  kind: "nomination" | "improvement";
  /** The year (nomination) or the window's end year (improvement). */
  year: number;
  /** Monte Carlo draws, 1..20000 (default 1000). */
  draws?: number;
  /** Seed of the draws, an integer 0..2^32-1 (default 1). */
  seed?: number;
  /** The weight noise f, 0..1 (default 0.25): each weight times U(1 - f, 1 + f). */
  noise?: number;
  /** Default: both kinds of weights varied, nothing else. */
  vary?: Partial<UncertaintyVary>;
  /** N of P(top N), an integer >= 1 (default 10). */
  topN?: number;
  grouping?: Grouping;
  /** The base weights (absent ids keep the model's). */
  weights?: Partial<Weights>;
  nominal?: UncertaintyNominal;
  /** Keep every draw's ranks in the result (`ranks`); default false. */
  keepRanks?: boolean;
}

export interface ResolvedUncertaintySettings {
  kind: "nomination" | "improvement";
  year: number;
  draws: number;
  seed: number;
  noise: number;
  vary: UncertaintyVary;
  topN: number;
  grouping: Grouping;
  /** The base weights, every dimension and KPI. */
  weights: Weights;
  nominal: {
    normalisation: Normalisation | null;
    aggregation: Aggregation;
    winsorise: boolean;
    window: 3 | 4 | null;
    method: ImprovementMethod | null;
    minSteadiness: number | null;
  };
  keepRanks: boolean;
}

/** The choices of one draw, enough to reproduce its ranking with prepare + score(). */
export interface DrawChoices {
  weights: Weights;
  normalisation: Normalisation | null;
  aggregation: Aggregation;
  winsorise: boolean;
  window: 3 | 4 | null;
  method: ImprovementMethod | null;
}

/** Every draw's choices, `[i * nDimensions + d]` and `[i * nKpis + k]`; -1 = not applicable. */
export interface DrawChoiceArrays {
  dimensionWeights: Float64Array;
  kpiWeights: Float64Array;
  /** Index into NORMALISATIONS, -1 for improvement. */
  normalisation: Int8Array;
  /** Index into AGGREGATIONS. */
  aggregation: Int8Array;
  /** 0 or 1. */
  winsorise: Int8Array;
  /** 3 or 4, -1 for nomination. */
  window: Int8Array;
  /** Index into IMPROVEMENT_METHODS, -1 for nomination. */
  method: Int8Array;
}

export interface UncertaintyRow {
  /** Municipality index (code order). */
  index: number;
  code: string;
  name: string;
  /** The group ranked within, null without grouping. */
  group: string | null;
  /** Rank with the nominal method and the base weights (within the group), null when not ranked. */
  nominalRank: number | null;
  /** Nearest-rank percentiles of the rank over the draws where ranked; null when never ranked. */
  medianRank: number | null;
  q05: number | null;
  q95: number | null;
  /** Share of the draws in which the municipality is ranked. */
  rankedShare: number;
  /** Share of all draws with the municipality ranked and rank <= N (within its group when grouping). */
  pTopN: number;
  /** Share of all draws with rank 1 (within its group when grouping). */
  pFirst: number;
  status: UncertaintyStatus;
}

export interface UncertaintyResult {
  settings: ResolvedUncertaintySettings;
  /** Draws done (= settings.draws). */
  draws: number;
  /** Dimension ids and KPI ids in model order (the layout of the choice arrays). */
  dimensions: string[];
  kpis: string[];
  /** Every municipality, in index (code) order. */
  rows: UncertaintyRow[];
  /** `[m * (nMunicipalities + 1) + r]`: draws with rank r (r = 0: not ranked). */
  rankCounts: Uint32Array;
  /** Per draw: mean |rank - nominal rank| over the municipalities ranked in both (0 when none). */
  rankShift: Float64Array;
  /** `[i * nMunicipalities + m]`: the rank in draw i, 0 = not ranked; null unless keepRanks. */
  ranks: Uint16Array | null;
  choices: DrawChoiceArrays;
}

/** Thrown when a run is cancelled. */
export class UncertaintyCancelled extends Error {
  override name = "AbortError";
  constructor() {
    super("osäkerhetsanalysen avbröts");
  }
}

export interface RunHooks {
  /** Called after every chunk with the work done and the total (draws, or model evaluations for Sobol). */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every chunk; true cancels the run (throws {@link UncertaintyCancelled}). */
  shouldCancel?: () => boolean;
  signal?: AbortSignal;
  /** Draws (or evaluations) per chunk, default 250. */
  chunkSize?: number;
}

function isInteger(x: unknown, min: number, max: number): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
}

function fail(field: string, rule: string, got: unknown): never {
  throw new RangeError(`${field} must be ${rule} (got ${typeof got === "string" ? `"${got}"` : Array.isArray(got) ? JSON.stringify(got) : String(got)})`);
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) fail(field, `one of ${allowed.join(", ")}`, value);
  return value as T;
}

/** A non-empty subset of `allowed`, in the order of `allowed`. */
function subset<T extends string>(field: string, value: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(value) || value.length === 0) fail(field, `null or a non-empty list of ${allowed.join(", ")}`, value);
  for (const v of value) oneOf(field, v, allowed);
  return allowed.filter((a) => value.includes(a));
}

function flag(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(field, "true or false", value);
  return value;
}

/** Checks the settings and fills in the defaults; RangeError naming the bad field. */
export function resolveUncertaintySettings(settings: UncertaintySettings, model: Model): ResolvedUncertaintySettings {
  const kind = oneOf("settings.kind", settings.kind, ["nomination", "improvement"] as const);
  const nomination = kind === "nomination";
  if (!isInteger(settings.year, 1, 9999)) fail("settings.year", "a whole year", settings.year);
  const draws = settings.draws ?? 1000;
  if (!isInteger(draws, 1, MAX_DRAWS)) fail("settings.draws", `an integer from 1 to ${MAX_DRAWS}`, draws);
  const seed = settings.seed ?? 1;
  if (!isInteger(seed, 0, 2 ** 32 - 1)) fail("settings.seed", "an integer from 0 to 4294967295", seed);
  const noise = settings.noise ?? 0.25;
  if (typeof noise !== "number" || !(noise >= 0 && noise <= 1)) fail("settings.noise", "a number from 0 to 1", noise);
  const topN = settings.topN ?? 10;
  if (!isInteger(topN, 1, Number.MAX_SAFE_INTEGER)) fail("settings.topN", "an integer >= 1", topN);
  const grouping = oneOf("settings.grouping", settings.grouping ?? "none", GROUPINGS);

  const v = settings.vary ?? {};
  const onlyFor = (field: string, value: unknown, forKind: "nomination" | "improvement") => {
    if (value !== undefined && value !== null && value !== false && kind !== forKind) throw new RangeError(`${field} applies to kind ${forKind} only`);
  };
  onlyFor("settings.vary.normalisation", v.normalisation, "nomination");
  onlyFor("settings.vary.window", v.window, "improvement");
  onlyFor("settings.vary.method", v.method, "improvement");
  const vary: UncertaintyVary = {
    dimensionWeights: flag("settings.vary.dimensionWeights", v.dimensionWeights, true),
    kpiWeights: flag("settings.vary.kpiWeights", v.kpiWeights, true),
    normalisation: nomination && v.normalisation != null ? subset("settings.vary.normalisation", v.normalisation, UNCERTAINTY_NORMALISATIONS) : null,
    aggregation: flag("settings.vary.aggregation", v.aggregation, false),
    winsorise: flag("settings.vary.winsorise", v.winsorise, false),
    window: !nomination && flag("settings.vary.window", v.window, false),
    method: !nomination && v.method != null ? subset("settings.vary.method", v.method, IMPROVEMENT_METHODS) : null
  };

  const n = settings.nominal ?? {};
  onlyFor("settings.nominal.normalisation", n.normalisation, "nomination");
  onlyFor("settings.nominal.window", n.window, "improvement");
  onlyFor("settings.nominal.method", n.method, "improvement");
  onlyFor("settings.nominal.minSteadiness", n.minSteadiness, "improvement");
  const minSteadiness = n.minSteadiness ?? null;
  if (minSteadiness !== null && (typeof minSteadiness !== "number" || !(minSteadiness >= 0 && minSteadiness <= 1))) fail("settings.nominal.minSteadiness", "a number from 0 to 1", minSteadiness);
  const nominal: ResolvedUncertaintySettings["nominal"] = {
    normalisation: nomination ? oneOf("settings.nominal.normalisation", n.normalisation ?? "zscore", NORMALISATIONS) : null,
    aggregation: oneOf("settings.nominal.aggregation", n.aggregation ?? "arithmetic", AGGREGATIONS),
    winsorise: flag("settings.nominal.winsorise", n.winsorise, false),
    window: nomination ? null : n.window === undefined ? 4 : n.window === 3 || n.window === 4 ? n.window : fail("settings.nominal.window", "3 or 4", n.window),
    method: nomination ? null : oneOf("settings.nominal.method", n.method ?? "theil-sen", IMPROVEMENT_METHODS),
    minSteadiness
  };

  const dims = settings.weights?.dimensions ?? {};
  const inds = settings.weights?.indicators ?? {};
  const weight = (field: string, x: unknown) => {
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0) fail(field, "a finite number >= 0", x);
    return x;
  };
  const weights: Weights = {
    dimensions: Object.fromEntries(model.dimensions.map((d) => [d.id, weight(`settings.weights.dimensions.${d.id}`, Object.hasOwn(dims, d.id) ? dims[d.id] : d.weight)])),
    indicators: Object.fromEntries(model.indicators.map((i) => [i.kpi, weight(`settings.weights.indicators.${i.kpi}`, Object.hasOwn(inds, i.kpi) ? inds[i.kpi] : i.weight)]))
  };
  return {kind, year: settings.year, draws, seed, noise, vary, topN, grouping, weights, nominal, keepRanks: flag("settings.keepRanks", settings.keepRanks, false)};
}

/** A Sobol input group: a set of coordinates of the draw vector u. */
export interface InputGroup {
  /** Stable id: "dimension:<id>", "kpis:<id>", "normalisation", "aggregation", "winsorise", "window", "method". */
  id: string;
  /** Swedish label for the pages. */
  label: string;
  coordinates: number[];
}

/** One discrete input: its coordinate (-1 when not varied) and its allowed values. */
interface Discrete<T> {
  coordinate: number;
  values: readonly T[];
  nominal: T;
}

function pick<T>(d: Discrete<T>, u: Float64Array): T {
  if (d.coordinate < 0) return d.nominal;
  const n = d.values.length;
  return d.values[Math.min(n - 1, Math.floor(u[d.coordinate]! * n))]!;
}

/** Buffers of one evaluation, reused across draws. */
interface Scratch {
  weights: ResolvedWeights;
  buffers: {dimensionScores: Float64Array; totals: Float64Array; has: Int32Array; steadiness: Float64Array; eligible: Uint8Array};
}

/**
 * Everything a run needs: the checked settings, the nominal ranking, the
 * layout of the draw vector, the cache of prepared method combinations.
 * Create once per (data, model, settings); the Monte Carlo and the Sobol
 * analysis both use it, and share the cache.
 */
export class UncertaintyContext {
  readonly settings: ResolvedUncertaintySettings;
  readonly matrix: ValueMatrix;
  readonly model: Model;
  /** Coordinates of a draw vector. */
  readonly dimension: number;
  /** Coordinate of each dimension weight / KPI weight, -1 when not varied. */
  readonly dimensionCoordinate: Int32Array;
  readonly kpiCoordinate: Int32Array;
  readonly groups: InputGroup[];
  readonly nominal: WeightRanking;
  readonly nominalPrepared: Prepared;
  readonly rankGroups: RankGroups | null;
  readonly nMunicipalities: number;
  readonly nDimensions: number;
  readonly nKpis: number;
  readonly baseDimensionWeights: Float64Array;
  readonly baseKpiWeights: Float64Array;
  private readonly normalisation: Discrete<Normalisation | null>;
  private readonly aggregation: Discrete<Aggregation>;
  private readonly winsorise: Discrete<boolean>;
  private readonly window: Discrete<3 | 4 | null>;
  private readonly method: Discrete<ImprovementMethod | null>;
  private readonly rankOptions: RankWeightsOptions;
  /** Prepared per combination of (normalisation or window x method) x winsorise x aggregation. */
  private readonly cache = new Map<string, Prepared>();

  constructor(matrix: ValueMatrix, model: Model, settings: UncertaintySettings) {
    const s = resolveUncertaintySettings(settings, model);
    this.settings = s;
    this.matrix = matrix;
    this.model = model;
    const nD = model.dimensions.length;
    const nK = model.indicators.length;
    this.nDimensions = nD;
    this.nKpis = nK;
    this.nMunicipalities = matrix.municipalities.length;
    this.baseDimensionWeights = Float64Array.from(model.dimensions, (d) => s.weights.dimensions[d.id]!);
    this.baseKpiWeights = Float64Array.from(model.indicators, (i) => s.weights.indicators[i.kpi]!);
    try {
      if (s.kind === "nomination") yearOffset(matrix, s.year);
      else for (const w of s.vary.window ? [3, 4] : [s.nominal.window!]) improvementWindow(matrix, s.year, w);
    } catch (error) {
      throw new RangeError(`settings.year: ${(error as Error).message}`);
    }

    // The layout of u: dimension weights, KPI weights, then the discrete choices.
    let c = 0;
    this.dimensionCoordinate = Int32Array.from(model.dimensions, () => (s.vary.dimensionWeights ? c++ : -1));
    this.kpiCoordinate = Int32Array.from(model.indicators, () => (s.vary.kpiWeights ? c++ : -1));
    const discrete = <T>(on: boolean, values: readonly T[], nominal: T): Discrete<T> => ({coordinate: on ? c++ : -1, values, nominal});
    this.normalisation = discrete<Normalisation | null>(s.vary.normalisation !== null, s.vary.normalisation ?? [], s.nominal.normalisation);
    this.aggregation = discrete<Aggregation>(s.vary.aggregation, AGGREGATIONS, s.nominal.aggregation);
    this.winsorise = discrete(s.vary.winsorise, [false, true], s.nominal.winsorise);
    this.window = discrete<3 | 4 | null>(s.vary.window, [3, 4], s.nominal.window);
    this.method = discrete<ImprovementMethod | null>(s.vary.method !== null, s.vary.method ?? [], s.nominal.method);
    this.dimension = c;

    const groups: InputGroup[] = [];
    model.dimensions.forEach((d, i) => {
      if (s.vary.dimensionWeights) groups.push({id: `dimension:${d.id}`, label: `Dimensionsvikt ${d.label}`, coordinates: [this.dimensionCoordinate[i]!]});
    });
    model.dimensions.forEach((d) => {
      const coordinates = model.indicators.flatMap((ind, k) => (ind.dimension === d.id && this.kpiCoordinate[k]! >= 0 ? [this.kpiCoordinate[k]!] : []));
      if (coordinates.length > 0) groups.push({id: `kpis:${d.id}`, label: `KPI-vikter i ${d.label}`, coordinates});
    });
    const discreteGroup = (id: string, label: string, d: Discrete<unknown>) => {
      if (d.coordinate >= 0) groups.push({id, label, coordinates: [d.coordinate]});
    };
    discreteGroup("normalisation", "Normalisering", this.normalisation);
    discreteGroup("aggregation", "Aggregering", this.aggregation);
    discreteGroup("winsorise", "Winsorisering", this.winsorise);
    discreteGroup("window", "Fönster", this.window);
    discreteGroup("method", "Förändringsmått", this.method);
    this.groups = groups;

    this.nominalPrepared = this.prepared(s.nominal.normalisation, s.nominal.aggregation, s.nominal.winsorise, s.nominal.window, s.nominal.method);
    this.rankGroups = rankGroups(this.nominalPrepared, s.grouping);
    this.rankOptions = {grouping: s.grouping, groups: this.rankGroups, ...(s.nominal.minSteadiness === null ? {} : {minSteadiness: s.nominal.minSteadiness})};
    const base = resolveWeights(this.nominalPrepared, s.weights);
    this.nominal = rankWeights(this.nominalPrepared, base, this.rankOptions);
  }

  /** The prepared ranking of one method combination (prepared on first use, then cached). */
  prepared(normalisation: Normalisation | null, aggregation: Aggregation, winsorise: boolean, window: 3 | 4 | null, method: ImprovementMethod | null): Prepared {
    const key = `${normalisation}|${window}|${method}|${winsorise}`;
    const full = `${key}|${aggregation}`;
    let p = this.cache.get(full);
    if (p) return p;
    // The aggregation does not change the prepared arrays: share them.
    const other = this.cache.get(`${key}|${aggregation === "arithmetic" ? "geometric" : "arithmetic"}`);
    const s = this.settings;
    p = other
      ? {...other, aggregation}
      : s.kind === "nomination"
        ? prepareNomination(this.matrix, this.model, s.year, {normalisation: normalisation!, aggregation, winsorise})
        : prepareImprovement(this.matrix, this.model, s.year, {window: window!, method: method!, aggregation, winsorise});
    this.cache.set(full, p);
    return p;
  }

  /** Fresh buffers for {@link evaluate}. */
  scratch(): Scratch {
    const nM = this.nMunicipalities;
    return {
      weights: {dimensions: new Float64Array(this.nDimensions), indicators: new Float64Array(this.nKpis), effective: new Float64Array(this.nKpis)},
      buffers: {
        dimensionScores: new Float64Array(nM * this.nDimensions),
        totals: new Float64Array(nM),
        has: new Int32Array(nM),
        steadiness: new Float64Array(nM),
        eligible: new Uint8Array(nM)
      }
    };
  }

  /** The discrete choices of u. */
  choices(u: Float64Array): Omit<DrawChoices, "weights"> {
    return {
      normalisation: pick(this.normalisation, u),
      aggregation: pick(this.aggregation, u),
      winsorise: pick(this.winsorise, u),
      window: pick(this.window, u),
      method: pick(this.method, u)
    };
  }

  /** Ranks the draw u; the result's arrays live in `scratch` until the next call. */
  evaluate(u: Float64Array, scratch: Scratch): WeightRanking {
    const f = this.settings.noise;
    const w = scratch.weights;
    for (let d = 0; d < this.nDimensions; d++) {
      const c = this.dimensionCoordinate[d]!;
      w.dimensions[d] = c < 0 ? this.baseDimensionWeights[d]! : this.baseDimensionWeights[d]! * (1 - f + 2 * f * u[c]!);
    }
    for (let k = 0; k < this.nKpis; k++) {
      const c = this.kpiCoordinate[k]!;
      w.indicators[k] = c < 0 ? this.baseKpiWeights[k]! : this.baseKpiWeights[k]! * (1 - f + 2 * f * u[c]!);
    }
    const ch = this.choices(u);
    const p = this.prepared(ch.normalisation, ch.aggregation, ch.winsorise, ch.window, ch.method);
    for (let k = 0; k < this.nKpis; k++) w.effective[k] = p.indicators[k]!.usable ? w.indicators[k]! : 0;
    return rankWeights(p, w, {...this.rankOptions, buffers: scratch.buffers});
  }

  /**
   * Y of the sensitivity analysis: the mean absolute rank shift against the
   * nominal ranking over the municipalities ranked in both (0 when none is).
   */
  rankShift(ranking: WeightRanking): number {
    const nominal = this.nominal.ranks.withinGroup;
    const ranks = ranking.ranks.withinGroup;
    let sum = 0;
    let n = 0;
    for (let m = 0; m < this.nMunicipalities; m++) {
      if (!this.nominal.eligible[m] || !ranking.eligible[m]) continue;
      sum += Math.abs(ranks[m]! - nominal[m]!);
      n++;
    }
    return n > 0 ? sum / n : 0;
  }
}

/** The context of an analysis: checks the settings and ranks the nominal case. */
export function createUncertaintyContext(matrix: ValueMatrix, model: Model, settings: UncertaintySettings): UncertaintyContext {
  return new UncertaintyContext(matrix, model, settings);
}

/** The nearest-rank p-th percentile (p an integer percent) of a rank histogram `counts[r]`, r >= 1; null when empty. */
function histogramPercentile(counts: Uint32Array, from: number, length: number, n: number, percent: number): number | null {
  if (n === 0) return null;
  const target = Math.max(1, Math.ceil((percent * n) / 100));
  let cum = 0;
  for (let r = 1; r < length; r++) {
    cum += counts[from + r]!;
    if (cum >= target) return r;
  }
  return null;
}

/** The nearest-rank p-th percentile (p an integer percent) of sorted values. */
function sortedPercentile(sorted: ArrayLike<number>, percent: number): number {
  const n = sorted.length;
  return sorted[Math.max(1, Math.ceil((percent * n) / 100)) - 1]!;
}

/**
 * The Monte Carlo run in chunks, for a Web Worker: call `step()` until
 * `finished`, yielding between chunks so a cancel message can arrive; then
 * `result()`. `runMonteCarlo` is the same in one synchronous call.
 */
export class MonteCarloRun {
  readonly context: UncertaintyContext;
  readonly total: number;
  done = 0;
  private readonly random: () => number;
  private readonly u: Float64Array;
  private readonly scratch: Scratch;
  private readonly counts: Uint32Array;
  private readonly topN: Uint32Array;
  private readonly first: Uint32Array;
  private readonly shift: Float64Array;
  private readonly ranks: Uint16Array | null;
  private readonly choices: DrawChoiceArrays;

  constructor(context: UncertaintyContext) {
    this.context = context;
    const s = context.settings;
    const nM = context.nMunicipalities;
    this.total = s.draws;
    this.random = mulberry32(s.seed);
    this.u = new Float64Array(context.dimension);
    this.scratch = context.scratch();
    this.counts = new Uint32Array(nM * (nM + 1));
    this.topN = new Uint32Array(nM);
    this.first = new Uint32Array(nM);
    this.shift = new Float64Array(s.draws);
    this.ranks = s.keepRanks ? new Uint16Array(s.draws * nM) : null;
    this.choices = {
      dimensionWeights: new Float64Array(s.draws * context.nDimensions),
      kpiWeights: new Float64Array(s.draws * context.nKpis),
      normalisation: new Int8Array(s.draws),
      aggregation: new Int8Array(s.draws),
      winsorise: new Int8Array(s.draws),
      window: new Int8Array(s.draws),
      method: new Int8Array(s.draws)
    };
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Runs up to `maxDraws` more draws; returns the draws done so far. */
  step(maxDraws = 250): number {
    const ctx = this.context;
    const nM = ctx.nMunicipalities;
    const nD = ctx.nDimensions;
    const nK = ctx.nKpis;
    const N = ctx.settings.topN;
    const u = this.u;
    const end = Math.min(this.total, this.done + Math.max(1, Math.floor(maxDraws)));
    for (let i = this.done; i < end; i++) {
      for (let c = 0; c < u.length; c++) u[c] = this.random();
      const ranking = ctx.evaluate(u, this.scratch);
      const ranks = ranking.ranks.withinGroup;
      const eligible = ranking.eligible;
      for (let m = 0; m < nM; m++) {
        const r = eligible[m] ? ranks[m]! : 0;
        this.counts[m * (nM + 1) + r]!++;
        if (r >= 1 && r <= N) this.topN[m]!++;
        if (r === 1) this.first[m]!++;
        if (this.ranks) this.ranks[i * nM + m] = r;
      }
      this.shift[i] = ctx.rankShift(ranking);
      const w = this.scratch.weights;
      this.choices.dimensionWeights.set(w.dimensions, i * nD);
      this.choices.kpiWeights.set(w.indicators, i * nK);
      const ch = ctx.choices(u);
      this.choices.normalisation[i] = ch.normalisation === null ? -1 : NORMALISATIONS.indexOf(ch.normalisation);
      this.choices.aggregation[i] = AGGREGATIONS.indexOf(ch.aggregation);
      this.choices.winsorise[i] = ch.winsorise ? 1 : 0;
      this.choices.window[i] = ch.window ?? -1;
      this.choices.method[i] = ch.method === null ? -1 : IMPROVEMENT_METHODS.indexOf(ch.method);
    }
    this.done = end;
    return end;
  }

  /** The result; throws before the run is finished. */
  result(): UncertaintyResult {
    if (!this.finished) throw new Error(`the Monte Carlo run is not finished (${this.done} of ${this.total} draws)`);
    const ctx = this.context;
    const nM = ctx.nMunicipalities;
    const draws = this.total;
    const nominal = ctx.nominal;
    const rows: UncertaintyRow[] = ctx.matrix.municipalities.map((mun, m) => {
      const from = m * (nM + 1);
      const ranked = draws - this.counts[from]!;
      const pTopN = this.topN[m]! / draws;
      return {
        index: m,
        code: mun.code,
        name: mun.name,
        group: ctx.rankGroups ? ctx.rankGroups.groupOf[m]! : null,
        nominalRank: nominal.eligible[m] ? nominal.ranks.withinGroup[m]! : null,
        medianRank: histogramPercentile(this.counts, from, nM + 1, ranked, 50),
        q05: histogramPercentile(this.counts, from, nM + 1, ranked, 5),
        q95: histogramPercentile(this.counts, from, nM + 1, ranked, 95),
        rankedShare: ranked / draws,
        pTopN,
        pFirst: this.first[m]! / draws,
        status: uncertaintyStatus(pTopN)
      };
    });
    return {
      settings: ctx.settings,
      draws,
      dimensions: ctx.model.dimensions.map((d) => d.id),
      kpis: ctx.model.indicators.map((i) => i.kpi),
      rows,
      rankCounts: this.counts,
      rankShift: this.shift,
      ranks: this.ranks,
      choices: this.choices
    };
  }
}

function cancelled(hooks: RunHooks): boolean {
  return hooks.signal?.aborted === true || hooks.shouldCancel?.() === true;
}

/** Runs a stepped job in chunks with progress and cancellation. */
function runChunks(job: {done: number; total: number; readonly finished: boolean; step(n: number): number}, hooks: RunHooks): void {
  const chunk = hooks.chunkSize ?? 250;
  if (!isInteger(chunk, 1, Number.MAX_SAFE_INTEGER)) fail("chunkSize", "an integer >= 1", chunk);
  while (!job.finished) {
    if (cancelled(hooks)) throw new UncertaintyCancelled();
    job.step(chunk);
    hooks.onProgress?.(job.done, job.total);
  }
}

/** The whole Monte Carlo, synchronously, in chunks (progress and cancellation between chunks). */
export function runMonteCarlo(context: UncertaintyContext, hooks: RunHooks = {}): UncertaintyResult {
  const run = new MonteCarloRun(context);
  runChunks(run, hooks);
  return run.result();
}

/** Context + Monte Carlo in one call. */
export function uncertaintyAnalysis(matrix: ValueMatrix, model: Model, settings: UncertaintySettings, hooks: RunHooks = {}): UncertaintyResult {
  return runMonteCarlo(createUncertaintyContext(matrix, model, settings), hooks);
}

/** The choices of draw i, e.g. for a Nominering link that reproduces it. */
export function drawChoices(result: UncertaintyResult, i: number): DrawChoices {
  if (!isInteger(i, 0, result.draws - 1)) fail("draw", `an integer from 0 to ${result.draws - 1}`, i);
  const c = result.choices;
  const nD = result.dimensions.length;
  const nK = result.kpis.length;
  const n = c.normalisation[i]!;
  const m = c.method[i]!;
  const w = c.window[i]!;
  return {
    weights: {
      dimensions: Object.fromEntries(result.dimensions.map((id, d) => [id, c.dimensionWeights[i * nD + d]!])),
      indicators: Object.fromEntries(result.kpis.map((kpi, k) => [kpi, c.kpiWeights[i * nK + k]!]))
    },
    normalisation: n < 0 ? null : NORMALISATIONS[n]!,
    aggregation: AGGREGATIONS[c.aggregation[i]!]!,
    winsorise: c.winsorise[i] === 1,
    window: w === 3 || w === 4 ? w : null,
    method: m < 0 ? null : IMPROVEMENT_METHODS[m]!
  };
}

// ---------------------------------------------------------------------------
// Sobol indices: Saltelli's design, Jansen's estimators, bootstrap bands.

export interface SaltelliOptions {
  /** Coordinates of the input vector u in [0, 1)^dimension. */
  dimension: number;
  /** Input groups as lists of coordinates (default: one group per coordinate). */
  groups?: readonly (readonly number[])[];
  /** Base sample size N (rows of A and B), 2..20000. */
  n: number;
  seed: number;
  /** Bootstrap resamples for the bands (default 200; 0 = none). */
  bootstrap?: number;
}

export interface SobolEstimate {
  n: number;
  /** Model evaluations: N (groups + 2). */
  evaluations: number;
  /** Mean and variance of Y over A and B together (2N values). */
  mean: number;
  variance: number;
  /** Per group: first-order S and total ST; NaN when the variance is 0. */
  first: number[];
  total: number[];
  /** 90 % bootstrap bands (nearest-rank 5th and 95th percentiles); NaN without bootstrap. */
  firstBand: [number, number][];
  totalBand: [number, number][];
}

function checkSaltelli(n: unknown, seed: unknown, bootstrap: unknown): void {
  if (!isInteger(n, 2, MAX_DRAWS)) fail("n", `an integer from 2 to ${MAX_DRAWS}`, n);
  if (!isInteger(seed, 0, 2 ** 32 - 1)) fail("seed", "an integer from 0 to 4294967295", seed);
  if (!isInteger(bootstrap, 0, 100000)) fail("bootstrap", "an integer from 0 to 100000", bootstrap);
}

/**
 * Saltelli's sampling design for grouped Sobol indices (Saltelli et al. 2010):
 * matrices A and B, N x dimension, uniform on [0, 1), drawn from one seeded
 * stream (row j of A, then row j of B); for each group g the matrix A_B^(g)
 * is A with the columns of g taken from B. Evaluation e is row
 * j = floor(e / (G + 2)) of A (slot 0), B (slot 1) or A_B^(g) (slot 2 + g).
 * Call `point(e)`, evaluate the model there, `record(e, y)`; then `estimate()`.
 *
 * Jansen's estimators, with V the variance of Y over A and B:
 *   S_g  = (V - 1/(2N) sum_j (f(B)_j - f(A_B^(g))_j)^2) / V
 *   ST_g = 1/(2N) sum_j (f(A)_j - f(A_B^(g))_j)^2 / V
 * Bands: resample the N rows with replacement (the same rows for A, B and
 * every A_B^(g)), re-estimate, take the 5th and 95th percentiles.
 * Estimates are not clipped: an input with (almost) no first-order effect can
 * come out slightly below 0, and S above ST, by sampling error; the bands show
 * how much. The error shrinks as 1/sqrt(N).
 */
export class SaltelliDesign {
  readonly dimension: number;
  readonly groups: readonly (readonly number[])[];
  readonly n: number;
  readonly evaluations: number;
  readonly seed: number;
  readonly bootstrap: number;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly y: Float64Array;
  private readonly inGroup: Int32Array;
  private readonly point_: Float64Array;

  constructor(options: SaltelliOptions) {
    const {dimension, n, seed} = options;
    if (!isInteger(dimension, 1, 1e6)) fail("dimension", "an integer >= 1", dimension);
    const bootstrap = options.bootstrap ?? 200;
    checkSaltelli(n, seed, bootstrap);
    const groups = options.groups ?? Array.from({length: dimension}, (_, i) => [i]);
    const inGroup = new Int32Array(dimension).fill(-1);
    groups.forEach((g, gi) => {
      if (g.length === 0) fail(`groups[${gi}]`, "a non-empty list of coordinates", g);
      for (const c of g) {
        if (!isInteger(c, 0, dimension - 1)) fail(`groups[${gi}]`, `coordinates from 0 to ${dimension - 1}`, g);
        if (inGroup[c]! >= 0) fail(`groups[${gi}]`, "disjoint from the other groups", g);
        inGroup[c] = gi;
      }
    });
    this.dimension = dimension;
    this.groups = groups;
    this.n = n;
    this.seed = seed;
    this.bootstrap = bootstrap;
    this.inGroup = inGroup;
    this.evaluations = n * (groups.length + 2);
    const random = mulberry32(seed);
    this.a = new Float64Array(n * dimension);
    this.b = new Float64Array(n * dimension);
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < dimension; c++) this.a[j * dimension + c] = random();
      for (let c = 0; c < dimension; c++) this.b[j * dimension + c] = random();
    }
    this.y = new Float64Array(this.evaluations).fill(NaN);
    this.point_ = new Float64Array(dimension);
  }

  /** The input of evaluation e (a buffer reused by the next call). */
  point(e: number): Float64Array {
    const G = this.groups.length;
    const D = this.dimension;
    const j = Math.floor(e / (G + 2));
    const slot = e - j * (G + 2);
    const out = this.point_;
    if (slot === 1) {
      out.set(this.b.subarray(j * D, (j + 1) * D));
    } else {
      out.set(this.a.subarray(j * D, (j + 1) * D));
      if (slot >= 2) {
        const g = slot - 2;
        for (let c = 0; c < D; c++) if (this.inGroup[c] === g) out[c] = this.b[j * D + c]!;
      }
    }
    return out;
  }

  record(e: number, y: number): void {
    if (!Number.isFinite(y)) throw new RangeError(`the model gave a non-finite value (${y}) at evaluation ${e}`);
    this.y[e] = y;
  }

  private estimateRows(rows: Int32Array | null): {mean: number; variance: number; first: number[]; total: number[]} {
    const G = this.groups.length;
    const n = this.n;
    const y = this.y;
    const row = (j: number) => (rows ? rows[j]! : j) * (G + 2);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += y[row(j)]! + y[row(j) + 1]!;
    const mean = sum / (2 * n);
    let ss = 0;
    for (let j = 0; j < n; j++) ss += (y[row(j)]! - mean) ** 2 + (y[row(j) + 1]! - mean) ** 2;
    const variance = ss / (2 * n);
    const first: number[] = [];
    const total: number[] = [];
    for (let g = 0; g < G; g++) {
      let sb = 0;
      let sa = 0;
      for (let j = 0; j < n; j++) {
        const r = row(j);
        const ab = y[r + 2 + g]!;
        sb += (y[r + 1]! - ab) ** 2;
        sa += (y[r]! - ab) ** 2;
      }
      first.push(variance > 0 ? (variance - sb / (2 * n)) / variance : NaN);
      total.push(variance > 0 ? sa / (2 * n) / variance : NaN);
    }
    return {mean, variance, first, total};
  }

  /** The indices and their bands; every evaluation must be recorded. */
  estimate(): SobolEstimate {
    for (let e = 0; e < this.evaluations; e++) if (Number.isNaN(this.y[e]!)) throw new Error(`evaluation ${e} of ${this.evaluations} is not recorded`);
    const G = this.groups.length;
    const est = this.estimateRows(null);
    const firstBand: [number, number][] = [];
    const totalBand: [number, number][] = [];
    if (this.bootstrap > 0 && est.variance > 0) {
      // A stream of its own, so the bands never change the design.
      const random = mulberry32((this.seed ^ 0x9e3779b9) >>> 0);
      const rows = new Int32Array(this.n);
      const firsts = Array.from({length: G}, () => new Float64Array(this.bootstrap));
      const totals = Array.from({length: G}, () => new Float64Array(this.bootstrap));
      for (let b = 0; b < this.bootstrap; b++) {
        for (let j = 0; j < this.n; j++) rows[j] = Math.floor(random() * this.n);
        const r = this.estimateRows(rows);
        for (let g = 0; g < G; g++) {
          firsts[g]![b] = r.first[g]!;
          totals[g]![b] = r.total[g]!;
        }
      }
      // A resample whose variance is 0 gives NaN; the bands use the finite ones.
      const band = (x: Float64Array): [number, number] => {
        const s = Float64Array.from(x.filter(Number.isFinite)).sort();
        return s.length ? [sortedPercentile(s, 5), sortedPercentile(s, 95)] : [NaN, NaN];
      };
      for (let g = 0; g < G; g++) {
        firstBand.push(band(firsts[g]!));
        totalBand.push(band(totals[g]!));
      }
    } else {
      for (let g = 0; g < G; g++) {
        firstBand.push([NaN, NaN]);
        totalBand.push([NaN, NaN]);
      }
    }
    return {n: this.n, evaluations: this.evaluations, ...est, firstBand, totalBand};
  }
}

/**
 * Grouped Sobol indices of any model f on [0, 1)^dimension (Saltelli's design,
 * Jansen's estimators; see {@link SaltelliDesign}). f may reuse nothing of
 * its argument after it returns.
 */
export function sobolJansen(f: (u: Float64Array) => number, options: SaltelliOptions): SobolEstimate {
  const design = new SaltelliDesign(options);
  for (let e = 0; e < design.evaluations; e++) design.record(e, f(design.point(e)));
  return design.estimate();
}

export interface SobolOptions {
  /** Base sample size N, 2..20000 (default 1000): N (groups + 2) rankings. */
  n?: number;
  /** Default: the settings' seed. */
  seed?: number;
  /** Bootstrap resamples (default 200). */
  bootstrap?: number;
}

export interface SobolIndex extends InputGroup {
  first: number;
  total: number;
  firstBand: [number, number];
  totalBand: [number, number];
}

export interface SobolResult {
  n: number;
  evaluations: number;
  seed: number;
  bootstrap: number;
  /** Mean and variance of Y = mean absolute rank shift against the nominal ranking. */
  mean: number;
  variance: number;
  /** One per input group that is varied, in the context's group order. */
  indices: SobolIndex[];
}

/** The Sobol analysis in chunks, for a Web Worker (as {@link MonteCarloRun}). */
export class SobolRun {
  readonly context: UncertaintyContext;
  readonly design: SaltelliDesign | null;
  readonly total: number;
  done = 0;
  private readonly scratch: Scratch;
  private readonly options: {n: number; seed: number; bootstrap: number};

  constructor(context: UncertaintyContext, options: SobolOptions = {}) {
    this.context = context;
    const n = options.n ?? 1000;
    const seed = options.seed ?? context.settings.seed;
    const bootstrap = options.bootstrap ?? 200;
    checkSaltelli(n, seed, bootstrap);
    // Nothing varied: no design, no indices.
    this.design = context.groups.length > 0 ? new SaltelliDesign({dimension: context.dimension, groups: context.groups.map((g) => g.coordinates), n, seed, bootstrap}) : null;
    this.total = this.design ? this.design.evaluations : 0;
    this.scratch = context.scratch();
    this.options = {n, seed, bootstrap};
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Runs up to `maxEvaluations` more rankings; returns the evaluations done so far. */
  step(maxEvaluations = 250): number {
    if (!this.design) return 0;
    const end = Math.min(this.total, this.done + Math.max(1, Math.floor(maxEvaluations)));
    for (let e = this.done; e < end; e++) {
      const ranking = this.context.evaluate(this.design.point(e), this.scratch);
      this.design.record(e, this.context.rankShift(ranking));
    }
    this.done = end;
    return end;
  }

  result(): SobolResult {
    if (!this.finished) throw new Error(`the Sobol run is not finished (${this.done} of ${this.total} evaluations)`);
    const base = {...this.options, evaluations: this.total};
    if (!this.design) return {...base, mean: 0, variance: 0, indices: []};
    const est = this.design.estimate();
    return {
      ...base,
      mean: est.mean,
      variance: est.variance,
      indices: this.context.groups.map((g, i) => ({...g, first: est.first[i]!, total: est.total[i]!, firstBand: est.firstBand[i]!, totalBand: est.totalBand[i]!}))
    };
  }
}

/**
 * First-order and total Sobol indices of Y = mean absolute rank shift against
 * the nominal ranking, per input group that is varied: each dimension's weight,
 * the KPI weights of each dimension, normalisation, aggregation, winsorising,
 * window, measure. Saltelli's design with base sample N (N (groups + 2)
 * rankings), Jansen's estimators, 90 % bootstrap bands.
 */
export function sobolIndices(context: UncertaintyContext, options: SobolOptions = {}, hooks: RunHooks = {}): SobolResult {
  const run = new SobolRun(context, options);
  runChunks(run, hooks);
  return run.result();
}
