/**
 * The command-line front of the scoring engine:
 *
 *   npm run --silent rank -- --model FILE --year Y [--kind nomination|improvement]
 *     [--window 3|4] [--format csv|json|csv-sv|xlsx|parquet] [--out FILE] [method options]
 *
 * Reads the data through the same source selection as the loaders
 * (KOLADA_SNAPSHOT_DIR, else the live API and its cache) and prints the ranking:
 * ranked municipalities in rank order, then the unranked with the reason.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {loadDataset} from "../loaders/dataset.ts";
import {displayLocation} from "../loaders/outputs.ts";
import {type Io, oneOf, parseCommandLine, parseFlags, parseYear, required, runIfMain, UsageError} from "./args.ts";
import {EXPORT_FORMATS, rankingFile, type ExportFormat} from "./rank-export.ts";
import {readWeights} from "./weights-file.ts";
import {
  AGGREGATIONS,
  applyWeights,
  buildMatrix,
  IMPROVEMENT_METHODS,
  ModelError,
  NORMALISATIONS,
  nothingRankedReason,
  parseModelText,
  periodText,
  prepareImprovement,
  prepareNomination,
  scoreImprovement,
  scoreNomination,
  type Aggregation,
  type Grouping,
  type ImprovementMethod,
  type Model,
  type Municipality,
  type Normalisation,
  type ScoreResult,
  type ValueRow,
  WeightsError
} from "../src/engine/index.ts";

export const USAGE = `usage: npm run --silent rank -- --model FILE --year Y [options]
  --weights FILE                    weights file {"dimensions"?: {id: w}, "indicators"?: {kpi: w}}: these weights instead of the model's
  --kind nomination|improvement     ranking kind (default nomination)
  --window 3|4                      improvement window in years (default 4; ignored for nomination)
  --format csv|json|csv-sv|xlsx|parquet   output format (default csv); csv-sv: CSV for Swedish Excel
  --out FILE                        write to FILE instead of stdout (required for xlsx and parquet)
  --normalisation ${NORMALISATIONS.join("|")}   nomination only (default zscore)
  --aggregation ${AGGREGATIONS.join("|")}        (default arithmetic)
  --winsorise                       treat outliers by the JRC rule
  --group none|kommungrupp|main-group   rank within SKR groups (default none)
  --method ${IMPROVEMENT_METHODS.join("|")}   improvement only (default theil-sen)
  --min-steadiness 0..1             improvement only: minimum steadiness to be ranked
Data: KOLADA_SNAPSHOT_DIR (offline snapshot), else the live Kolada API.`;

export interface RankArgs {
  model: string;
  /** A weights file applied to the model (engine/pool.ts), or undefined. */
  weights: string | undefined;
  year: number;
  kind: "nomination" | "improvement";
  window: 3 | 4;
  format: "csv" | "json" | ExportFormat;
  out: string | undefined;
  normalisation: Normalisation;
  aggregation: Aggregation;
  winsorise: boolean;
  grouping: Grouping;
  method: ImprovementMethod;
  minSteadiness: number | undefined;
}

/** Parses the arguments after `--`; throws a {@link UsageError} naming the problem. */
export function parseArgs(argv: readonly string[]): RankArgs {
  const flags = parseFlags(argv, {
    valued: ["--model", "--weights", "--year", "--kind", "--window", "--format", "--normalisation", "--aggregation", "--group", "--method", "--min-steadiness", "--out"],
    valueless: ["--winsorise", "--help"]
  });
  if (flags.has("--help")) throw new UsageError("");

  const model = required(flags, "--model", "FILE");
  const year = parseYear("--year", required(flags, "--year", "Y"));
  const kind = oneOf("--kind", flags.get("--kind") ?? "nomination", ["nomination", "improvement"] as const);
  const window = Number(oneOf("--window", flags.get("--window") ?? "4", ["3", "4"] as const)) as 3 | 4;
  const format = oneOf("--format", flags.get("--format") ?? "csv", ["csv", "json", ...EXPORT_FORMATS] as const);
  if ((format === "xlsx" || format === "parquet") && !flags.has("--out")) throw new UsageError(`--format ${format} needs --out FILE (binary output is not written to the terminal)`);
  const normalisation = oneOf("--normalisation", flags.get("--normalisation") ?? "zscore", NORMALISATIONS);
  const aggregation = oneOf("--aggregation", flags.get("--aggregation") ?? "arithmetic", AGGREGATIONS);
  const group = oneOf("--group", flags.get("--group") ?? "none", ["none", "kommungrupp", "main-group"] as const);
  const method = oneOf("--method", flags.get("--method") ?? "theil-sen", IMPROVEMENT_METHODS);
  let minSteadiness: number | undefined;
  if (flags.has("--min-steadiness")) {
    const text = flags.get("--min-steadiness")!;
    minSteadiness = Number(text);
    if (text.trim() === "" || !(minSteadiness >= 0 && minSteadiness <= 1)) throw new UsageError(`--min-steadiness must be a number from 0 to 1 (got "${text}")`);
  }
  if (kind === "nomination") {
    if (flags.has("--method")) throw new UsageError("--method applies to --kind improvement only");
    if (flags.has("--min-steadiness")) throw new UsageError("--min-steadiness applies to --kind improvement only");
  } else if (flags.has("--normalisation")) {
    throw new UsageError("--normalisation applies to --kind nomination only");
  }
  return {
    model,
    weights: flags.get("--weights"),
    year,
    kind,
    window,
    format,
    out: flags.get("--out"),
    normalisation,
    aggregation,
    winsorise: flags.has("--winsorise"),
    grouping: group === "main-group" ? "mainGroup" : group,
    method,
    minSteadiness
  };
}

/** Reads and validates the model file; errors name the file and the field. */
export function readModel(file: string): Model {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ModelError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseModelText(text, file);
}

/** Ranks with the engine; pure given the data. */
export function rank(args: RankArgs, model: Model, municipalities: readonly Municipality[], values: readonly ValueRow[]): ScoreResult {
  const matrix = buildMatrix({municipalities, values, kpis: model.indicators.map((i) => i.kpi)});
  const options = {aggregation: args.aggregation, winsorise: args.winsorise};
  const rankOptions = {grouping: args.grouping, ...(args.minSteadiness === undefined ? {} : {minSteadiness: args.minSteadiness})};
  if (args.kind === "nomination") {
    return scoreNomination(prepareNomination(matrix, model, args.year, {...options, normalisation: args.normalisation}), undefined, rankOptions);
  }
  return scoreImprovement(prepareImprovement(matrix, model, args.year, {...options, window: args.window, method: args.method}), undefined, rankOptions);
}

const num = (x: number | null): string => (x === null || !Number.isFinite(x) ? "" : String(x));

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The status column: "rankad", or the status and every reason. */
function statusText(row: ScoreResult["rows"][number]): string {
  return row.reasons.length ? `${row.status}: ${row.reasons.map((r) => r.reason).join("; ")}` : row.status;
}

/** CSV: rank, municipality_code, municipality_name, score, dim_<id>..., coverage, [steadiness], [group, overall_rank], status. */
export function toCsv(result: ScoreResult): string {
  const p = result.prepared;
  const improvement = p.kind === "improvement";
  const grouped = result.grouping !== "none";
  const header = [
    "rank",
    "municipality_code",
    "municipality_name",
    "score",
    ...p.dimensions.map((d) => `dim_${d.id}`),
    "coverage_n",
    "coverage_of",
    ...(improvement ? ["steadiness"] : []),
    ...(grouped ? ["group", "overall_rank"] : []),
    "status"
  ];
  const lines = [header.map(csvField).join(",")];
  for (const row of result.rows) {
    lines.push(
      [
        num(row.rank),
        row.code,
        row.name,
        num(row.score),
        ...row.dimensionScores.map(num),
        String(row.coverage.has),
        String(row.coverage.of),
        ...(improvement ? [num(row.steadiness)] : []),
        ...(grouped ? [row.group ?? "", num(row.overallRank)] : []),
        statusText(row)
      ]
        .map(csvField)
        .join(",")
    );
  }
  return lines.join("\n") + "\n";
}

/** JSON: the settings, the data source, the KPIs left out and every row. */
export function toJson(result: ScoreResult, source: unknown, modelFile: string, weightsFile?: string): string {
  const p = result.prepared;
  return (
    JSON.stringify(
      {
        model: {file: modelFile, name: p.model.name, ...(weightsFile === undefined ? {} : {weights: weightsFile})},
        kind: p.kind,
        year: p.year,
        window: p.window,
        method: {
          normalisation: p.normalisation,
          improvement: p.method,
          aggregation: p.aggregation,
          winsorise: p.winsorise,
          grouping: result.grouping,
          minSteadiness: result.minSteadiness,
          geometricShift: p.aggregation === "geometric" ? result.shift : null
        },
        source,
        credit: "Egen bearbetning av data från Kolada (RKA)",
        usableKpis: result.usable,
        requiredKpis: result.required,
        leftOut: p.leftOut,
        notes: p.notes,
        rows: result.rows.map(({index: _index, dimensionScores, ...row}) => ({
          ...row,
          dimensionScores: Object.fromEntries(p.dimensions.map((d, i) => [d.id, dimensionScores[i]]))
        }))
      },
      null,
      2
    ) + "\n"
  );
}

/** Runs the command; returns the exit code (0 ok, 1 bad model or data, 2 bad arguments). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine("rank", USAGE, parseArgs, argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const args = parsed.args;
  try {
    const fileModel = readModel(args.model);
    const model = args.weights === undefined ? fileModel : applyWeights(fileModel, readWeights(args.weights, fileModel));
    const kpis = model.indicators.map((i) => i.kpi);
    const dataset = await loadDataset({env: io.env, kpis, models: [{id: "cli", file: args.model, model}]});
    const result = rank(args, model, dataset.municipalities, dataset.values);
    const nothing = nothingRankedReason(result);
    if (nothing !== null) {
      io.stderr(`rank: nothing could be ranked (${periodText(result)}): ${nothing}\n`);
      return 1;
    }
    const output =
      args.format === "csv" ? toCsv(result) : args.format === "json" ? toJson(result, displayLocation(dataset.source), args.model, args.weights) : await rankingFile(args.format, result, {modelFile: args.model, argv, source: dataset.source, titles: new Map(dataset.kpis.map((k) => [k.id, k.title]))});
    if (args.out !== undefined) writeFileSync(args.out, output);
    else io.stdout(typeof output === "string" ? output : new TextDecoder("utf-8", {ignoreBOM: true}).decode(output));
    return 0;
  } catch (error) {
    const message = error instanceof ModelError || error instanceof WeightsError ? error.message : `${(error as Error).message}`;
    io.stderr(`rank: ${message}\n`);
    return 1;
  }
}

await runIfMain(import.meta.url, main);
