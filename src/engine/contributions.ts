/**
 * The data of the "top N: contribution per dimension" chart: for the best
 * ranked municipalities, each dimension's contribution to the total, taken
 * with the same code as {@link explainMunicipality} (`dimensionParts`), so
 * the chart shows exactly what a municipality's explanation says.
 *
 * Arithmetic aggregation: contribution(d) = W(d)/ΣW × D(d, m); they add up to
 * the total. Geometric: W(d)/ΣW × log(D(d, m) + c); they add up to
 * log(total + c), which is then the bar's end (`total` below).
 */
import {dimensionParts} from "./explain.js";
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
