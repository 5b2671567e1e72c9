/**
 * The Scenarier page's figures: every chosen scenario ranked with the engine
 * exactly as its page ranks it (its model, weights, method and scope), for
 * one year and one top N chosen on Scenarier, then compared
 * (engine/compare.ts). Pure given the value matrix.
 *
 * - The year: a nomination scenario ranks that year; an improvement scenario
 *   takes it as the window's end year (moved later, as on Utvecklingskommun,
 *   when the window would start before the data).
 * - The top N: what the scenario's page marks (rank ≤ N; with a grouped scope
 *   N per group). Kendall's τ, Spearman's ρ and the bump chart use the overall
 *   rank. County and kommungrupp filters only hide rows on the pages, so they
 *   change nothing here.
 */
import {comparableRanking, compareScenarioRankings, prepareImprovement, prepareNomination, score, type RankingComparison, type ScoreResult, type ValueMatrix} from "../../engine/index.js";
import {effectiveEndYear} from "../state/improvement-state.js";
import {SCOPE_GROUPING} from "../state/ranking-state.js";
import type {Scenario} from "../state/scenario-codec.js";

/** Most scenarios compared at once. */
export const MAX_COMPARED = 6;
export const MIN_COMPARED = 2;

/** "A", "B", … for the compared scenarios in order. */
export const scenarioLetter = (i: number): string => String.fromCharCode(65 + i);

/** The engine's result for a scenario in `year`, as its page computes it. */
export function rankScenario(matrix: ValueMatrix, s: Scenario, year: number): ScoreResult {
  const st = s.settings;
  const weights = {dimensions: st.dw, indicators: st.w};
  if (s.page === "nominering") {
    const prepared = prepareNomination(matrix, s.model, year, {normalisation: s.settings.norm, aggregation: st.agg, winsorise: st.wins});
    return score(prepared, weights, {grouping: SCOPE_GROUPING[st.scope]});
  }
  const improvement = s.settings;
  const endYear = effectiveEndYear({year, window: improvement.window}, matrix.years[0]!);
  const prepared = prepareImprovement(matrix, s.model, endYear, {window: improvement.window, method: improvement.method, aggregation: st.agg, winsorise: st.wins});
  return score(prepared, weights, {grouping: SCOPE_GROUPING[st.scope], minSteadiness: improvement.steady > 0 ? improvement.steady : undefined});
}

export interface ScenarioComparisonResult {
  year: number;
  top: number;
  scenarios: readonly Scenario[];
  results: ScoreResult[];
  comparison: RankingComparison;
  /** What the reader should know: an improvement window moved, a scenario that ranks nobody. */
  notes: string[];
}

export function compareScenarios(matrix: ValueMatrix, scenarios: readonly Scenario[], {year, top}: {year: number; top: number}): ScenarioComparisonResult {
  const results = scenarios.map((s) => rankScenario(matrix, s, year));
  const notes: string[] = [];
  scenarios.forEach((s, i) => {
    const r = results[i]!;
    if (s.page === "utveckling" && r.prepared.year !== year) notes.push(`${scenarioLetter(i)}: fönstret ${r.prepared.window!.from}–${r.prepared.window!.to} (det kan inte börja före ${matrix.years[0]}).`);
    if (!r.rows.some((row) => row.rank !== null)) notes.push(`${scenarioLetter(i)} rangordnar ingen kommun år ${year}.`);
  });
  return {year, top, scenarios, results, comparison: compareScenarioRankings(results.map((r) => comparableRanking(r, top))), notes};
}
