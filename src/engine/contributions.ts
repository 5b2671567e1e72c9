/**
 * Each KPI's part of one municipality's total in a scored ranking, for the
 * Kommunprofil. The numbers are {@link explainMunicipality}'s (explain.ts):
 * this module only orders them and names the total, it computes nothing again.
 */
import {explainMunicipality, type IndicatorExplanation} from "./explain.js";
import type {ScoreResult} from "./score.js";

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

/** Each model KPI's contribution to the municipality's total (see {@link KpiContributions}). */
export function kpiContributions(result: ScoreResult, code: string): KpiContributions {
  const ex = explainMunicipality(result, code);
  const order = new Map(ex.indicators.map((k, i) => [k, i]));
  const kpis = [...ex.indicators].sort((a, b) => {
    if (a.contribution === null || b.contribution === null) {
      return a.contribution === null && b.contribution === null ? order.get(a)! - order.get(b)! : a.contribution === null ? 1 : -1;
    }
    return b.contribution - a.contribution || order.get(a)! - order.get(b)!;
  });
  return {total: ex.row.score, rank: ex.row.rank, ranked: result.ranks.order.length, reasons: ex.row.reasons.map((r) => r.reason), kpis};
}
