/**
 * The engine's results as SQL tables for Utforska: `nominering` and
 * `utveckling`, one row per municipality (ranked in rank order, then the
 * unranked), with the columns of the `rank` command's CSV (cli/rank.ts) in
 * snake_case. Pure: a ScoreResult in, typed columns out (lib/data/duckdb.ts
 * turns them into Arrow).
 */
import type {ScoreResult} from "../../engine/index.js";
import type {DecodedColumns} from "./parquet.js";

const finiteOrNull = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/**
 * Columns: rank, municipality_code, municipality_name, score, dim_<id> per
 * dimension, coverage_n, coverage_of, coverage_required, [steadiness for
 * improvement], rank_group (the kommungrupp or main group ranked within, NULL
 * when ranking all together), overall_rank, kommungrupp, main_group, status
 * ("rankad" or why not) and reason (every reason, "; "-separated; NULL when
 * ranked). Missing numbers are NULL, never 0.
 */
export function rankingColumns(result: ScoreResult): DecodedColumns {
  const p = result.prepared;
  const rows = result.rows;
  const columns: Record<string, unknown[]> = {};
  const types: Record<string, string> = {};
  const add = (name: string, type: "INT32" | "DOUBLE" | "UTF8", values: unknown[]) => {
    columns[name] = values;
    types[name] = type;
  };
  add("rank", "INT32", rows.map((r) => r.rank));
  add("municipality_code", "UTF8", rows.map((r) => r.code));
  add("municipality_name", "UTF8", rows.map((r) => r.name));
  add("score", "DOUBLE", rows.map((r) => finiteOrNull(r.score)));
  p.dimensions.forEach((d, i) => add(`dim_${d.id}`, "DOUBLE", rows.map((r) => finiteOrNull(r.dimensionScores[i]))));
  add("coverage_n", "INT32", rows.map((r) => r.coverage.has));
  add("coverage_of", "INT32", rows.map((r) => r.coverage.of));
  add("coverage_required", "INT32", rows.map((r) => r.coverage.required));
  if (p.kind === "improvement") add("steadiness", "DOUBLE", rows.map((r) => finiteOrNull(r.steadiness)));
  add("rank_group", "UTF8", rows.map((r) => r.group));
  add("overall_rank", "INT32", rows.map((r) => r.overallRank));
  add("kommungrupp", "UTF8", rows.map((r) => r.kommungrupp));
  add("main_group", "UTF8", rows.map((r) => r.mainGroup));
  add("status", "UTF8", rows.map((r) => r.status));
  add("reason", "UTF8", rows.map((r) => (r.reasons.length ? r.reasons.map((x) => x.reason).join("; ") : null)));
  return {length: rows.length, columns, types};
}
