/**
 * One municipality's KPI profile, as pure functions (no DOM, no I/O): per
 * model KPI its value, percentile, place and colour class in the chosen year,
 * the medians and its series over the years ({@link kpiProfiles}); and the
 * strengths and weaknesses among them ({@link strengthsAndWeaknesses}).
 * The percentile rule is in percentile.ts, the medians in medians.ts, the rank
 * over the years in rank-history.ts and the contributions in contributions.ts.
 */
import type {ValueMatrix} from "./matrix.js";
import type {MedianTable} from "./medians.js";
import type {Direction, Model} from "./model.js";
import {colourClass, percentileOf, placeOf, type ColourClass} from "./percentile.js";

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

/**
 * The KPI with the lowest percentile (equal percentiles: model order), or
 * undefined when no KPI has a value: what the profile names when there is no
 * weakness in the worst quarter.
 */
export function weakestKpi<T extends Pick<KpiProfile, "percentile" | "order">>(rows: readonly T[]): T | undefined {
  let weakest: T | undefined;
  for (const r of rows) {
    if (r.percentile === null) continue;
    if (weakest === undefined || r.percentile < weakest.percentile! || (r.percentile === weakest.percentile && r.order < weakest.order)) weakest = r;
  }
  return weakest;
}
