/**
 * The improvement page's trend lines: per municipality, KPI and window year,
 * the direction-aligned distance to the national value in the KPI's
 * first-year standard deviations,
 *
 *   gap = s(k) × (x − national) / sd(first year),
 *
 * so 0 is the nation and a rising line is improvement relative to the
 * country. Only KPIs with an effective weight > 0; points without a national
 * or own value are skipped (missing is never zero).
 */
import type {Prepared} from "./prepared.js";
import type {RankingRow} from "./score.js";

export interface NationalGapPoint {
  municipality: string;
  kpi: string;
  dimension: string;
  /** Index of the dimension in the model. */
  dimensionIndex: number;
  year: number;
  gap: number;
}

export function nationalGapPoints(prepared: Prepared, effective: ArrayLike<number>, rows: readonly Pick<RankingRow, "name" | "index">[]): NationalGapPoint[] {
  const {matrix, window} = prepared;
  if (!window) return [];
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  const t0 = window.from - matrix.years[0]!;
  const points: NationalGapPoint[] = [];
  for (const row of rows) {
    prepared.indicators.forEach((ind, k) => {
      if (!(effective[k]! > 0) || ind.row < 0) return;
      const sd = ind.stats.sd;
      for (let t = 0; t < window.length; t++) {
        const x = matrix.values[(ind.row * nY + t0 + t) * nM + row.index]!;
        const national = matrix.national[ind.row * nY + t0 + t]!;
        if (x === x && national === national && sd > 0) {
          points.push({
            municipality: row.name,
            kpi: ind.kpi,
            dimension: prepared.dimensions[ind.dimensionIndex]!.label,
            dimensionIndex: ind.dimensionIndex,
            year: window.from + t,
            gap: (ind.sign * (x - national)) / sd
          });
        }
      }
    });
  }
  return points;
}

/** The mean gap per year of one municipality's points (the black line), years ascending. */
export function meanGapByYear(points: readonly NationalGapPoint[]): {year: number; gap: number}[] {
  const sums = new Map<number, {sum: number; n: number}>();
  for (const p of points) {
    const s = sums.get(p.year) ?? {sum: 0, n: 0};
    s.sum += p.gap;
    s.n++;
    sums.set(p.year, s);
  }
  return [...sums].sort((a, b) => a[0] - b[0]).map(([year, s]) => ({year, gap: s.sum / s.n}));
}
