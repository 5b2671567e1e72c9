/**
 * The indicator audit on the command line (engine/audit.ts):
 *
 *   npm run --silent audit -- --model FILE --year Y [--top N] [--format csv|json]
 *     [--kind nomination|improvement] [--window 3|4]
 *
 * Reads the data like the rank command (KOLADA_SNAPSHOT_DIR, else the live API
 * and its cache), ranks with the model's own weights and the default method,
 * and prints one row per KPI (CSV), or everything (JSON: also the correlation
 * matrix, Cronbach's alpha and drop-one per dimension, and the flags).
 *
 * Exit codes: 0 ok; 2 bad input (an unknown option, a missing or bad value, a
 * model file that cannot be read or is not a valid model); 1 a data problem
 * (a model KPI missing from the data, a year outside the data, a failing source).
 */
import {loadDataset} from "../loaders/dataset.ts";
import {displayLocation} from "../loaders/outputs.ts";
import {
  auditIndicators,
  buildMatrix,
  ModelError,
  prepareImprovement,
  prepareNomination,
  type IndicatorAudit,
  type Model,
  type Municipality,
  type Prepared,
  type ValueRow
} from "../src/engine/index.ts";
import {type Io, oneOf, parseCommandLine, parseFlags, parseInteger, parseYear, required, runIfMain, UsageError} from "./args.ts";
import {readModel} from "./rank.ts";

export const USAGE = `usage: npm run --silent audit -- --model FILE --year Y [options]
  --top N                           the top N whose turnover drop-one counts (1-290, default 10)
  --format csv|json                 output format (default csv)
  --kind nomination|improvement     ranking kind (default nomination)
  --window 3|4                      improvement window in years (default 4; ignored for nomination)
CSV: one row per KPI. JSON: also the correlation matrix, Cronbach's alpha and drop-one per dimension, and the flags.
Data: KOLADA_SNAPSHOT_DIR (offline snapshot), else the live Kolada API.`;

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "kpi",
  "dimension",
  "coverage",
  "mean",
  "sd",
  "skew",
  "kurtosis",
  "outlier_flag",
  "r_dimension",
  "r_total",
  "weight_share",
  "drop_mean_abs_rank_shift",
  "drop_max_abs_rank_shift",
  "drop_top_n_changes"
] as const;

export interface AuditArgs {
  model: string;
  year: number;
  top: number;
  format: "csv" | "json";
  kind: "nomination" | "improvement";
  window: 3 | 4;
}

/** Parses the arguments after `--`; throws a {@link UsageError} naming the problem ("" for --help). */
export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const flags = parseFlags(argv, {valued: ["--model", "--year", "--top", "--format", "--kind", "--window"], valueless: ["--help"]});
  if (flags.has("--help")) throw new UsageError("");
  const model = required(flags, "--model", "FILE");
  const year = parseYear("--year", required(flags, "--year", "Y"));
  const top = flags.has("--top") ? parseInteger("--top", flags.get("--top")!, 1, 290) : 10;
  const format = oneOf("--format", flags.get("--format") ?? "csv", ["csv", "json"] as const);
  const kind = oneOf("--kind", flags.get("--kind") ?? "nomination", ["nomination", "improvement"] as const);
  const window = Number(oneOf("--window", flags.get("--window") ?? "4", ["3", "4"] as const)) as 3 | 4;
  return {model, year, top, format, kind, window};
}

/** Prepares the ranking with the default method; pure given the data. */
export function prepareFor(args: AuditArgs, model: Model, municipalities: readonly Municipality[], values: readonly ValueRow[]): Prepared {
  const matrix = buildMatrix({municipalities, values, kpis: model.indicators.map((i) => i.kpi)});
  return args.kind === "nomination" ? prepareNomination(matrix, model, args.year) : prepareImprovement(matrix, model, args.year, {window: args.window});
}

const num = (x: number | null): string => (x === null || !Number.isFinite(x) ? "" : String(x));

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV: one row per KPI in model order; a missing figure is an empty field, never 0. */
export function toCsv(audit: IndicatorAudit): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const k of audit.kpis) {
    lines.push(
      [
        k.kpi,
        k.dimension,
        num(k.coverage),
        num(k.mean),
        num(k.sd),
        num(k.skewness),
        num(k.kurtosis),
        k.outlier === null ? "" : String(k.outlier),
        num(k.rDimension),
        num(k.rTotal),
        num(k.weightShare),
        num(k.drop?.meanAbsRankShift ?? null),
        num(k.drop?.maxAbsRankShift ?? null),
        num(k.drop?.topNChanges ?? null)
      ]
        .map(csvField)
        .join(",")
    );
  }
  return lines.join("\n") + "\n";
}

/** JSON: the settings, the source, every KPI's figures, the correlation matrix, the dimensions and the flags. */
export function toJson(audit: IndicatorAudit, prepared: Prepared, source: unknown, modelFile: string): string {
  return (
    JSON.stringify(
      {
        model: {file: modelFile, name: prepared.model.name},
        kind: audit.kind,
        year: audit.year,
        window: audit.window,
        topN: audit.topN,
        source,
        credit: "Egen bearbetning av data från Kolada (RKA)",
        municipalities: audit.nMunicipalities,
        ranked: audit.ranked,
        leftOut: prepared.leftOut,
        kpis: audit.kpis,
        correlations: {method: "spearman", ...audit.correlations},
        dimensions: audit.dimensions,
        flags: audit.flags
      },
      null,
      2
    ) + "\n"
  );
}

/** Runs the command; returns the exit code (0 ok, 1 data problem, 2 bad input). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine("audit", USAGE, parseAuditArgs, argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const args = parsed.args;
  let model: Model;
  try {
    model = readModel(args.model);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    // A bad model is bad data, as for `rank`: exit 1 (2 is for bad arguments).
    io.stderr(`audit: ${error.message}\n`);
    return 1;
  }
  try {
    const kpis = model.indicators.map((i) => i.kpi);
    const dataset = await loadDataset({env: io.env, kpis, models: [{id: "cli", file: args.model, model}]});
    const prepared = prepareFor(args, model, dataset.municipalities, dataset.values);
    const audit = auditIndicators(prepared, {topN: args.top});
    io.stdout(args.format === "csv" ? toCsv(audit) : toJson(audit, prepared, displayLocation(dataset.source), args.model));
    return 0;
  } catch (error) {
    io.stderr(`audit: ${(error as Error).message}\n`);
    return 1;
  }
}

await runIfMain(import.meta.url, main);
