/**
 * A ranking (the engine's ScoreResult) as an export table: the same rows and
 * numbers as `rank --format csv` (ranked rows in rank order, then the
 * unranked with the reason), the columns named like its header, plus what
 * the page's table shows besides (kommungrupp; on the pages the change
 * against the model's weights and the top-N mark). Used by the command line's
 * `--format csv-sv|xlsx|parquet` and by the Nominering and Utveckling pages.
 */
import type {RankingRow, ScoreResult} from "../../engine/index.js";
import {finiteOrNull, type ExportColumn, type ExportTable} from "./table.js";

export interface RankingExportOptions {
  /** Rank with the model's own weights (same scope), by code: adds the change column. */
  baselineRank?: ReadonlyMap<string, number>;
  /** Adds a column marking the top N (within the group when grouping). */
  topN?: number;
  /** Keep only these rows (the page's county and kommungrupp filters; ranks are not recomputed). */
  filter?: (row: RankingRow) => boolean;
}

/** The status column, as `rank --format csv` writes it: "rankad", or the status and every reason. */
export function statusText(row: RankingRow): string {
  return row.reasons.length ? `${row.status}: ${row.reasons.map((r) => r.reason).join("; ")}` : row.status;
}

/** Decimals the ranking table shows for scores. */
export const SCORE_DECIMALS = 2;

export function rankingExportTable(result: ScoreResult, title: string, options: RankingExportOptions = {}): ExportTable {
  const p = result.prepared;
  const rows = options.filter ? result.rows.filter(options.filter) : result.rows;
  const improvement = p.kind === "improvement";
  const grouped = result.grouping !== "none";
  const col = (key: string, label: string, type: ExportColumn["type"], value: (row: RankingRow) => string | number | null, extra: Partial<ExportColumn> = {}): ExportColumn => ({
    key,
    label,
    type,
    values: rows.map((r) => {
      const v = value(r);
      return typeof v === "number" ? finiteOrNull(v) : v;
    }),
    ...extra
  });
  const columns: ExportColumn[] = [
    col("rank", "Rang", "integer", (r) => r.rank),
    col("municipality_code", "Kommunkod", "code", (r) => r.code),
    col("municipality_name", "Kommun", "text", (r) => r.name),
    col("kommungrupp", "Kommungrupp", "text", (r) => r.kommungrupp),
    col("score", "Totalpoäng", "number", (r) => r.score, {decimals: SCORE_DECIMALS, fullLabel: "Totalpoäng (alla decimaler)"}),
    ...p.dimensions.map((d, i) => col(`dim_${d.id}`, d.label, "number", (r) => r.dimensionScores[i] ?? null, {decimals: SCORE_DECIMALS})),
    col("coverage_n", "Nyckeltal med värde", "integer", (r) => r.coverage.has),
    col("coverage_of", "Användbara nyckeltal", "integer", (r) => r.coverage.of),
    ...(improvement ? [col("steadiness", "Stadighet (andel)", "number", (r) => r.steadiness, {decimals: 2})] : []),
    ...(grouped ? [col("group", "Grupp", "text", (r) => r.group), col("overall_rank", "Rang bland alla", "integer", (r) => r.overallRank)] : []),
    ...(options.baselineRank
      ? [
          col("rank_change", "Ändring mot modellens vikter", "integer", (r) => {
            const base = r.rank === null ? undefined : options.baselineRank!.get(r.code);
            return base === undefined || r.rank === null ? null : base - r.rank;
          })
        ]
      : []),
    ...(options.topN !== undefined ? [col("top_n", `Topp ${options.topN}`, "text", (r) => (r.rank !== null && r.rank <= options.topN! ? "ja" : "nej"))] : []),
    col("status", "Status", "text", statusText)
  ];
  return {title, columns};
}
