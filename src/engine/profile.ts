/**
 * The Kommunprofil's numbers, as pure functions (no DOM, no I/O): percentiles
 * and Kolada-style colour classes per KPI, national and kommungrupp medians
 * per year, strengths and weaknesses, the nomination and improvement rank over
 * the years, and each KPI's contribution to the total. The view
 * (profile-view.ts) only draws what these return.
 */
import {
  defaultWeights,
  explainMunicipality,
  median,
  prepareImprovement,
  prepareNomination,
  score,
  type Direction,
  type IndicatorStatus,
  type Model,
  type ScoreResult,
  type ValueMatrix
} from "../engine/index.js";

// Percentiles and colour classes ------------------------------------------------------------

/**
 * The percentile of `value` among `values` (one KPI, one year, every
 * municipality; NaN = missing, skipped), direction-aligned, 0-100:
 *
 *   P = 100 × #{j with a value : value is at least as good as x_j} / n
 *
 * where "at least as good as" is `value >= x_j` for higher_better and
 * `value <= x_j` for lower_better, and n is the number of municipalities with a
 * value. `values` normally contains `value` itself, so the best municipality
 * has P = 100 and the worst P = 100/n (never 0).
 *
 * Ties: tied municipalities count as "at least as good as" each other, so they
 * all get the same percentile, the highest of their group (e.g. [1, 2, 2, 3],
 * higher better: the two 2s both get 75).
 *
 * Returns null when `value` is missing or nobody has a value.
 */
export function percentileOf(values: ArrayLike<number>, value: number | null | undefined, direction: Direction): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let n = 0;
  let atLeastAsGood = 0;
  const higher = direction === "higher_better";
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    n++;
    if (higher ? value >= x : value <= x) atLeastAsGood++;
  }
  return n === 0 ? null : (100 * atLeastAsGood) / n;
}

export const COLOUR_CLASSES = ["green", "yellow", "red", "grey"] as const;
export type ColourClass = (typeof COLOUR_CLASSES)[number];

/** The text shown with each colour (the colour is never the only signal). */
export const COLOUR_LABELS: Record<ColourClass, string> = {
  green: "Bästa kvartilen",
  yellow: "Mellersta hälften",
  red: "Sämsta kvartilen",
  grey: "Uppgift saknas"
};

/**
 * Kolada-style colour class of a percentile from {@link percentileOf}:
 * green (best quarter) when P > 75, red (worst quarter) when P <= 25, yellow
 * (middle half) otherwise, grey when missing.
 *
 * Boundary rule: P counts the municipality itself, so it lies in (0, 100] and
 * the best quarter is exactly P > 75 and the worst quarter exactly P <= 25
 * (with n = 4 and no ties: 100 green, 75 and 50 yellow, 25 red; with n = 8 two
 * green and two red). The variant "P >= 75 green, P < 25 red" would put two of
 * four municipalities in the best quarter and none in the worst. For n = 290
 * (n/4 = 72.5 not whole) both rules give the same classes: 73 green, 72 red
 * without ties. Ties all take the tie group's (highest) percentile, so a tie
 * across a boundary puts the whole group in the better class.
 */
export function colourClass(percentile: number | null | undefined): ColourClass {
  if (percentile === null || percentile === undefined || !Number.isFinite(percentile)) return "grey";
  if (percentile > 75) return "green";
  if (percentile <= 25) return "red";
  return "yellow";
}

/**
 * Place among the municipalities with a value (1 = best): 1 + the number with a
 * strictly better value (ties share the better place). Null when missing.
 */
export function placeOf(values: ArrayLike<number>, value: number | null | undefined, direction: Direction): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let better = 0;
  const higher = direction === "higher_better";
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    if (higher ? x > value : x < value) better++;
  }
  return better + 1;
}

// Medians per year --------------------------------------------------------------------------

/** Per KPI and year, the median across all municipalities and across each kommungrupp. */
export interface MedianTable {
  years: readonly number[];
  /** KPI → median per year (NaN = nobody has a value). */
  national: Map<string, Float64Array>;
  /** KPI → kommungrupp → median per year. */
  byGroup: Map<string, Map<string, Float64Array>>;
}

/**
 * Medians of each KPI per year over the municipalities with a value (Riket,
 * '0000', is not a municipality and is not included; the matrix keeps it
 * apart). A kommungrupp median includes every member, the profiled
 * municipality too. Even counts take the mean of the two middle values.
 */
export function medianTable(matrix: ValueMatrix, kpis: readonly string[]): MedianTable {
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  const members = new Map<string, number[]>();
  matrix.municipalities.forEach((m, i) => {
    const list = members.get(m.kommungrupp);
    if (list) list.push(i);
    else members.set(m.kommungrupp, [i]);
  });
  const national = new Map<string, Float64Array>();
  const byGroup = new Map<string, Map<string, Float64Array>>();
  const scratch = new Float64Array(nM);
  for (const kpi of kpis) {
    const k = matrix.kpiIndex.get(kpi);
    const nat = new Float64Array(nY).fill(NaN);
    const groups = new Map<string, Float64Array>();
    for (const g of members.keys()) groups.set(g, new Float64Array(nY).fill(NaN));
    if (k !== undefined) {
      for (let t = 0; t < nY; t++) {
        const column = matrix.values.subarray((k * nY + t) * nM, (k * nY + t + 1) * nM);
        nat[t] = median(column);
        for (const [g, idx] of members) {
          for (let j = 0; j < idx.length; j++) scratch[j] = column[idx[j]!]!;
          groups.get(g)![t] = median(scratch.subarray(0, idx.length));
        }
      }
    }
    national.set(kpi, nat);
    byGroup.set(kpi, groups);
  }
  return {years: matrix.years, national, byGroup};
}

// The KPI profile ---------------------------------------------------------------------------

/** A KPI's series over the matrix years (null = missing). */
export interface KpiTrend {
  years: readonly number[];
  value: (number | null)[];
  nationalMedian: (number | null)[];
  groupMedian: (number | null)[];
  /** Kolada's national value (Riket, '0000'). */
  riket: (number | null)[];
}

/** One row of the profile's KPI table. */
export interface KpiProfile {
  kpi: string;
  /** Position in the model (the table's order within a dimension). */
  order: number;
  title: string;
  dimension: string;
  direction: Direction;
  weight: number;
  /** The value in the chosen year (gender T). */
  value: number | null;
  percentile: number | null;
  colour: ColourClass;
  /** Place among the `n` municipalities with a value (1 = best). */
  place: number | null;
  n: number;
  nationalMedian: number | null;
  groupMedian: number | null;
  riket: number | null;
  trend: KpiTrend;
}

const orNull = (x: number | undefined): number | null => (x === undefined || x !== x ? null : x);

/**
 * Every KPI of the model for municipality `code` in `year`, in model order.
 * `titleOf` gives the display title (e.g. from kpis.parquet); default: the
 * model's title, else the id.
 */
export function kpiProfiles(
  matrix: ValueMatrix,
  model: Model,
  code: string,
  year: number,
  medians: MedianTable,
  titleOf: (kpi: string) => string | undefined = () => undefined
): KpiProfile[] {
  const m = matrix.municipalityIndex.get(code);
  if (m === undefined) throw new RangeError(`unknown municipality ${code}`);
  const t = year - matrix.years[0]!;
  if (!Number.isInteger(year) || t < 0 || t >= matrix.years.length) throw new RangeError(`year ${year} is not in the data`);
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  const group = matrix.municipalities[m]!.kommungrupp;
  return model.indicators.map((ind, order) => {
    const k = matrix.kpiIndex.get(ind.kpi);
    const nat = medians.national.get(ind.kpi);
    const grp = medians.byGroup.get(ind.kpi)?.get(group);
    const series = (f: (tt: number) => number | undefined) => matrix.years.map((_, tt) => orNull(f(tt)));
    const trend: KpiTrend = {
      years: matrix.years,
      value: series((tt) => (k === undefined ? undefined : matrix.values[(k * nY + tt) * nM + m])),
      nationalMedian: series((tt) => nat?.[tt]),
      groupMedian: series((tt) => grp?.[tt]),
      riket: series((tt) => (k === undefined ? undefined : matrix.national[k * nY + tt]))
    };
    const column = k === undefined ? new Float64Array(0) : matrix.values.subarray((k * nY + t) * nM, (k * nY + t + 1) * nM);
    let n = 0;
    for (let i = 0; i < column.length; i++) if (column[i] === column[i]) n++;
    const value = trend.value[t]!;
    const percentile = percentileOf(column, value, ind.direction);
    return {
      kpi: ind.kpi,
      order,
      title: titleOf(ind.kpi) ?? ind.title ?? ind.kpi,
      dimension: ind.dimension,
      direction: ind.direction,
      weight: ind.weight,
      value,
      percentile,
      colour: colourClass(percentile),
      place: placeOf(column, value, ind.direction),
      n,
      nationalMedian: trend.nationalMedian[t]!,
      groupMedian: trend.groupMedian[t]!,
      riket: trend.riket[t]!,
      trend
    };
  });
}

// Strengths and weaknesses ------------------------------------------------------------------

export interface StrengthsAndWeaknesses<T> {
  /** KPIs in the best quarter (green), best first. */
  strengths: T[];
  /** KPIs in the worst quarter (red), worst first. */
  weaknesses: T[];
}

/**
 * Strengths are the KPIs in the best quarter (colour green), ordered by
 * percentile descending; weaknesses the KPIs in the worst quarter (red),
 * ordered by percentile ascending. Equal percentiles keep model order. Each
 * list is cut to `limit` (default: all). Missing values are neither.
 */
export function strengthsAndWeaknesses<T extends Pick<KpiProfile, "percentile" | "colour" | "order">>(
  rows: readonly T[],
  limit = Infinity
): StrengthsAndWeaknesses<T> {
  const strengths = rows.filter((r) => r.colour === "green").sort((a, b) => b.percentile! - a.percentile! || a.order - b.order);
  const weaknesses = rows.filter((r) => r.colour === "red").sort((a, b) => a.percentile! - b.percentile! || a.order - b.order);
  return {strengths: strengths.slice(0, limit), weaknesses: weaknesses.slice(0, limit)};
}

// Rank over the years -----------------------------------------------------------------------

/** One year's ranking with the model's default weights, ranked among all municipalities. */
export interface YearRanking {
  kind: "nomination" | "improvement";
  /** The year (improvement: the window's last year). */
  year: number;
  /** The window's first year (= year for nomination). */
  from: number;
  /** Municipalities ranked. */
  ranked: number;
  /** Overall rank per municipality index, 0 when not ranked. */
  rank: Int32Array;
  result: ScoreResult;
}

export interface RankHistories {
  nomination: YearRanking[];
  improvement: YearRanking[];
  /** Improvement window length. */
  window: number;
}

/**
 * The nomination ranking of every year of the matrix, and the improvement
 * ranking of every window of `window` years (default 4) that the matrix
 * covers, each with the model's default weights, default methods and no
 * grouping. Years in which nobody is ranked (no data) are left out. Does not
 * depend on the municipality: compute once per model, then read any
 * municipality with {@link rankHistoryFor}.
 */
export function rankHistories(matrix: ValueMatrix, model: Model, options: {window?: 3 | 4} = {}): RankHistories {
  const steps = rankHistorySteps(matrix, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, computed one year per task: the page stays responsive while the
 * 13 years × 2 kinds are ranked (~60-100 ms in all in a browser).
 */
export async function rankHistoriesInSteps(matrix: ValueMatrix, model: Model, options: {window?: 3 | 4} = {}, pause: () => Promise<void>): Promise<RankHistories> {
  const steps = rankHistorySteps(matrix, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** Ranks year after year, yielding after each year. */
function* rankHistorySteps(matrix: ValueMatrix, model: Model, {window = 4}: {window?: 3 | 4}): Generator<void, RankHistories> {
  const weights = defaultWeights(model);
  const collect = (kind: YearRanking["kind"], year: number, result: ScoreResult): YearRanking | null => {
    const rank = Int32Array.from(result.ranks.overall);
    const ranked = result.ranks.order.length;
    if (ranked === 0) return null;
    return {kind, year, from: result.prepared.window?.from ?? year, ranked, rank, result};
  };
  const nomination: YearRanking[] = [];
  const improvement: YearRanking[] = [];
  const first = matrix.years[0];
  for (const year of matrix.years) {
    const n = collect("nomination", year, score(prepareNomination(matrix, model, year), weights));
    if (n) nomination.push(n);
    if (first !== undefined && year - window + 1 >= first) {
      const i = collect("improvement", year, score(prepareImprovement(matrix, model, year, {window}), weights));
      if (i) improvement.push(i);
    }
    yield;
  }
  return {nomination, improvement, window};
}

/** One point of a municipality's rank history. */
export interface RankPoint {
  kind: "nomination" | "improvement";
  year: number;
  from: number;
  /** Overall rank (1 = best), null when not ranked that year. */
  rank: number | null;
  /** Municipalities ranked that year. */
  of: number;
}

/** The municipality's rank in each year of the histories (index = matrix index, code order). */
export function rankHistoryFor(histories: RankHistories, index: number): {nomination: RankPoint[]; improvement: RankPoint[]} {
  const point = (r: YearRanking): RankPoint => ({kind: r.kind, year: r.year, from: r.from, rank: r.rank[index]! > 0 ? r.rank[index]! : null, of: r.ranked});
  return {nomination: histories.nomination.map(point), improvement: histories.improvement.map(point)};
}

// Contributions -----------------------------------------------------------------------------

/** A KPI's part of the municipality's total in a scored ranking. */
export interface KpiContribution {
  kpi: string;
  dimension: string;
  status: IndicatorStatus;
  /** The year's value. */
  raw: number | null;
  /** z (or the chosen normalisation). */
  normalised: number | null;
  /** The KPI's effective share of the total weight (null when not ranked or not used). */
  weightShare: number | null;
  /** weightShare × normalised; the contributions of a ranked municipality sum to its total. */
  contribution: number | null;
}

/**
 * Each model KPI's contribution to the municipality's total, sorted by
 * contribution descending (KPIs without a contribution last, in model order).
 */
export function kpiContributions(result: ScoreResult, code: string): {total: number | null; rank: number | null; ranked: number; reasons: string[]; kpis: KpiContribution[]} {
  const ex = explainMunicipality(result, code);
  const kpis: KpiContribution[] = ex.indicators.map((i) => ({
    kpi: i.kpi,
    dimension: i.dimension,
    status: i.status,
    raw: i.raw,
    normalised: i.normalised,
    weightShare: i.weightShare,
    contribution: i.contribution
  }));
  const order = new Map(kpis.map((k, i) => [k.kpi, i]));
  kpis.sort((a, b) => {
    if (a.contribution === null || b.contribution === null) {
      return a.contribution === null && b.contribution === null ? order.get(a.kpi)! - order.get(b.kpi)! : a.contribution === null ? 1 : -1;
    }
    return b.contribution - a.contribution || order.get(a.kpi)! - order.get(b.kpi)!;
  });
  return {total: ex.row.score, rank: ex.row.rank, ranked: result.ranks.order.length, reasons: ex.row.reasons.map((r) => r.reason), kpis};
}

// Formatting and URL parameter --------------------------------------------------------------

const oneDecimal = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 1});
const twoDecimals = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 2});

/**
 * A KPI value in Swedish: at most one decimal (67.19686 → "67,2"; 12 → "12";
 * 4523.4 → "4 523,4" with a no-break space), two decimals below 1 in absolute
 * value (0.456 → "0,46"); missing → "–". The unit, when known, follows after
 * a no-break space ("67,2 %").
 */
export function formatValue(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const text = (Math.abs(value) < 1 ? twoDecimals : oneDecimal).format(value);
  return unit ? `${text}\u00a0${unit}` : text;
}
