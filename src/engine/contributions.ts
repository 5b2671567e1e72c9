/**
 * Contributions to a municipality's total, as the pages show them. Both come
 * from the explanation code (explain.ts) and compute nothing again:
 *
 * - `contributionBars`: per dimension, for the best ranked municipalities (the
 *   ranking pages' "Topp 30" chart). Arithmetic aggregation: W(d)/ΣW × D(d, m),
 *   adding up to the total; geometric: W(d)/ΣW × log(D(d, m) + c), adding up to
 *   log(total + c), which is then the bar's end (`total`).
 * - `kpiContributions`: per KPI, for one municipality (the Kommunprofil),
 *   explainMunicipality's own indicator objects in contribution order.
 */
import {dimensionParts, explainMunicipality, type IndicatorExplanation} from "./explain.js";
import type {RankingRow, ScoreResult} from "./score.js";

export interface ContributionBar {
  code: string;
  name: string;
  /** The rank shown: the overall rank when ranks restart within groups. */
  rank: number;
  /** Per dimension in model order; 0 for a dimension with weight 0. */
  contributions: number[];
  /** The sum of the contributions: the total (arithmetic) or log(total + c) (geometric). */
  total: number;
}

/** The rank a chart orders by: within groups ranks repeat, so the overall rank. */
export function displayRank(result: ScoreResult, row: RankingRow): number {
  return result.grouping === "none" ? row.rank! : row.overallRank!;
}

/** The first `n` ranked rows of `rows` (e.g. those the filters keep), ordered by {@link displayRank}. */
export function topRows(result: ScoreResult, rows: readonly RankingRow[], n: number): RankingRow[] {
  return rows
    .filter((r) => r.rank !== null)
    .sort((a, b) => displayRank(result, a) - displayRank(result, b))
    .slice(0, n);
}

/** Bars for the {@link topRows}. */
export function contributionBars(result: ScoreResult, rows: readonly RankingRow[], n: number): ContributionBar[] {
  return topRows(result, rows, n).map((row) => {
    const contributions = dimensionParts(result, row.index, true).dimensions.map((d) => d.contribution ?? 0);
    return {code: row.code, name: row.name, rank: displayRank(result, row), contributions, total: contributions.reduce((a, b) => a + b, 0)};
  });
}

export interface KpiContributions {
  /** The municipality's total score, null when not ranked. */
  total: number | null;
  rank: number | null;
  /** Municipalities ranked. */
  ranked: number;
  /** Why the municipality is not ranked (empty when ranked). */
  reasons: string[];
  /**
   * explainMunicipality's indicators (the same objects), sorted by
   * contribution descending; KPIs without a contribution last, in model order.
   */
  kpis: IndicatorExplanation[];
}

/**
 * Sort comparator of KPIs: the larger contribution first, KPIs without one
 * last, ties in model order (`position`). Tested in both argument orders.
 */
export function byContribution<K extends {contribution: number | null}>(position: (kpi: K) => number): (a: K, b: K) => number {
  return (a, b) => {
    if (a.contribution === null || b.contribution === null) {
      return a.contribution === null && b.contribution === null ? position(a) - position(b) : a.contribution === null ? 1 : -1;
    }
    return b.contribution - a.contribution || position(a) - position(b);
  };
}

/** Each model KPI's contribution to the municipality's total (see {@link KpiContributions}). */
export function kpiContributions(result: ScoreResult, code: string): KpiContributions {
  const ex = explainMunicipality(result, code);
  const order = new Map(ex.indicators.map((k, i) => [k, i]));
  const kpis = [...ex.indicators].sort(byContribution((k) => order.get(k)!));
  return {total: ex.row.score, rank: ex.row.rank, ranked: result.ranks.order.length, reasons: ex.row.reasons.map((r) => r.reason), kpis};
}
