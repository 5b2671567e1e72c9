/**
 * Utforska's URL state: the query (`sql`) and the settings of the two engine
 * tables, `nominering` and `utveckling`.
 *
 * Nominering and Utvecklingskommun use the same parameter names (model, year,
 * agg, wins, dw, w, scope …), some with another meaning (`year` is the end year
 * of the window on Utveckling), so one URL cannot carry both unprefixed. Here
 * each page's own parameters and values get a prefix:
 *
 *   nom.<parameter>  the `nominering` table, e.g. nom.year=2021&nom.dw=effekt:2
 *   utv.<parameter>  the `utveckling` table, e.g. utv.year=2021&utv.window=3
 *
 * A Nominering link's query therefore becomes Utforska's by putting `nom.`
 * before every name. Each prefix is parsed with that page's own spec
 * (nomination-state.ts, improvement-state.ts), so the same values are valid
 * and the same defaults apply; anything else (an unprefixed `year`, an unknown
 * name, a bad value) is ignored with the usual notice. Parameters that only
 * change what a page shows (top, lan, grupp, rader) are accepted but change
 * nothing in the tables, which hold every municipality.
 */
import {type Workbench} from "../data/workbench.js";
import {improvementSpec, type ImprovementState} from "./improvement-state.js";
import {nominationSpec, type NominationState} from "./nomination-state.js";
import {requestedModelId} from "./page-state.js";
import {parseState, type Param, type Spec} from "./url-state.js";

export const NOMINATION_PREFIX = "nom.";
export const IMPROVEMENT_PREFIX = "utv.";

/** Longest query a link may carry (characters). */
export const MAX_SQL_LENGTH = 20_000;

export interface ExploreState {
  /** The query to run when the page opens ("" = none). */
  sql: string;
  nomination: NominationState;
  improvement: ImprovementState;
  /** The specs the two states were read with (weights and default years follow the model). */
  nominationSpec: Spec<NominationState>;
  improvementSpec: Spec<ImprovementState>;
  /** One plain-text line per ignored parameter. */
  notices: string[];
}

const sqlParam: Param<string> = {
  default: "",
  parse: (raw) => (raw.length <= MAX_SQL_LENGTH ? {value: raw} : {error: `frågan får vara högst ${MAX_SQL_LENGTH} tecken`}),
  format: (v) => v
};

/** The parameters of `search` that start with `prefix`, without it. */
function withoutPrefix(search: string, prefix: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(search)) if (key.startsWith(prefix)) params.append(key.slice(prefix.length), value);
  return params.toString();
}

/** A spec whose parameter names carry `prefix`. */
function prefixed<S>(spec: Spec<S>, prefix: string): Record<string, Param<unknown>> {
  return Object.fromEntries(Object.entries(spec).map(([key, param]) => [prefix + key, param as Param<unknown>]));
}

/** The part of a prefixed state that belongs to `spec`, unprefixed. */
function unprefixed<S>(state: Record<string, unknown>, spec: Spec<S>, prefix: string): S {
  return Object.fromEntries(Object.keys(spec).map((key) => [key, state[prefix + key]])) as S;
}

/** Reads Utforska's state from a query string; anything not understood becomes a notice. */
export function parseExploreState(search: string, wb: Workbench): ExploreState {
  const nomination = nominationSpec(wb, requestedModelId(wb.models, withoutPrefix(search, NOMINATION_PREFIX)));
  const improvement = improvementSpec(wb, requestedModelId(wb.models, withoutPrefix(search, IMPROVEMENT_PREFIX)));
  const spec: Spec<Record<string, unknown>> = {
    sql: sqlParam as Param<unknown>,
    ...prefixed(nomination, NOMINATION_PREFIX),
    ...prefixed(improvement, IMPROVEMENT_PREFIX)
  };
  const {state, notices} = parseState(search, spec);
  return {
    sql: state.sql as string,
    nomination: unprefixed(state, nomination, NOMINATION_PREFIX),
    improvement: unprefixed(state, improvement, IMPROVEMENT_PREFIX),
    nominationSpec: nomination,
    improvementSpec: improvement,
    notices
  };
}

/** `search` with the query set (or removed when empty); every other parameter kept as it was. */
export function withSql(search: string, sql: string): string {
  const params = new URLSearchParams(search);
  if (sql.trim()) params.set("sql", sql);
  else params.delete("sql");
  return params.toString();
}
