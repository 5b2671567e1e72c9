/**
 * Who is nominated under how many of a set of weightings (workshop proposals):
 * the top N of each ranking, counted per municipality.
 *
 * A municipality is in a ranking's top N when its rank (overall, no grouping)
 * is at most N; ties cannot occur (ranks break them by code). Levels:
 * "alla" = in the top N under every proposal; "majoritet" = under more than
 * half of them (but not all); "minst ett" = under at least one (but not a
 * majority). Each municipality has its highest level only, so the three lists
 * never overlap; "under a majority" in the wide sense is "alla" + "majoritet".
 */
import {compareCodes} from "./matrix.js";
import type {ScoreResult} from "./score.js";

export const AGREEMENT_LEVELS = ["alla", "majoritet", "minst ett"] as const;
export type AgreementLevel = (typeof AGREEMENT_LEVELS)[number];

/** The codes of the top N of a scored ranking, in rank order. */
export function topNCodes(result: Pick<ScoreResult, "rows">, top: number): string[] {
  return result.rows.filter((r) => r.rank !== null && r.rank <= top).map((r) => r.code);
}

export interface AgreementRow {
  code: string;
  /** In how many of the rankings' top N. */
  count: number;
  /** Of how many rankings. */
  of: number;
  level: AgreementLevel;
}

/** The level of a municipality in `count` of `of` top-N lists (count ≥ 1). */
export function agreementLevel(count: number, of: number): AgreementLevel {
  return count === of ? "alla" : 2 * count > of ? "majoritet" : "minst ett";
}

/**
 * Every municipality in at least one of the top-N lists, with its count and
 * level, most often nominated first (then by code).
 */
export function nominationAgreement(topLists: readonly (readonly string[])[]): AgreementRow[] {
  const of = topLists.length;
  const counts = new Map<string, number>();
  for (const list of topLists) for (const code of new Set(list)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts]
    .map(([code, count]) => ({code, count, of, level: agreementLevel(count, of)}))
    .sort((a, b) => b.count - a.count || compareCodes(a.code, b.code));
}
