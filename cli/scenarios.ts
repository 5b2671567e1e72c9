/**
 * Scenarios side by side on the command line (engine/compare.ts), the
 * Scenarier page's figures:
 *
 *   npm run --silent scenarios -- --models FILE... --year Y [--top N] [--format csv|json]
 *
 * Ranks every model with its own weights and the default method (nomination,
 * z-score, arithmetic, everyone together: what `rank --model FILE` prints),
 * reading the data like `rank` (KOLADA_SNAPSHOT_DIR, else the live API and
 * its cache).
 *
 * CSV: one row per municipality in any model's top N:
 *   municipality_code, municipality_name, rank_<model>…, in_top_n_count, membership
 * where `<model>` is the file name without its directory and `.json` (a second
 * file with the same name gets `_2`, a third `_3`, …), a rank is the model's
 * overall rank (empty when the model does not rank the municipality), and
 * membership is "alla" (in every model's top N), "flera" or "en". Rows: most
 * top-N memberships first, then the best rank in any model, then the code.
 * The dialect is `rank`'s CSV: comma, LF, RFC 4180 quoting, no BOM, numbers
 * as plain digits.
 *
 * JSON: the same rows (`ranks` by model id), the models, and for every pair
 * of models Kendall's τ-b and Spearman's ρ over the municipalities both rank
 * (`n_common`), and the Jaccard overlap of their top N.
 *
 * Exit codes: 0 ok; 2 bad arguments (with the usage); 1 a model file that
 * cannot be read or is not a valid model, a KPI missing from the data, or a
 * model that ranks nobody in the year — each naming the file.
 */
import path from "node:path";
import {loadDataset} from "../loaders/dataset.ts";
import {
  buildMatrix,
  comparableRanking,
  compareScenarioRankings,
  ModelError,
  nothingRankedReason,
  periodText,
  prepareNomination,
  scoreNomination,
  type Model,
  type RankingComparison,
  type ScoreResult
} from "../src/engine/index.ts";
import {csvField, csvNumber, isMainModule, oneOf, parseFlags, parseInteger, parseYear, required, takeList, UsageError} from "./args.ts";
import {readModel, type Io} from "./rank.ts";

export const USAGE = `usage: npm run --silent scenarios -- --models FILE FILE... --year Y [options]
  --models FILE...                  two or more model files, compared side by side
  --year Y                          the nomination year
  --top N                           the top N compared (1-290, default 10)
  --format csv|json                 output format (default csv)
CSV: one row per municipality in any top N: municipality_code, municipality_name,
  rank_<model>..., in_top_n_count, membership (alla/flera/en).
JSON: the same rows, and per pair of models Kendall's tau-b, Spearman's rho and the top-N Jaccard.
Data: KOLADA_SNAPSHOT_DIR (offline snapshot), else the live Kolada API.`;

/** The default top N, as on the ranking pages. */
export const DEFAULT_TOP_N = 10;

export interface ScenariosArgs {
  models: string[];
  year: number;
  top: number;
  format: "csv" | "json";
}

/** Parses the arguments after `--`; throws a {@link UsageError} naming the problem ("" for --help). */
export function parseScenariosArgs(argv: readonly string[]): ScenariosArgs {
  const {values: models, rest} = takeList(argv, "--models");
  const flags = parseFlags(rest, {valued: ["--year", "--top", "--format"], valueless: ["--help"]});
  if (flags.has("--help")) throw new UsageError("");
  if (models === undefined) throw new UsageError("--models FILE FILE... is required");
  if (models.length < 2) throw new UsageError(`--models needs at least two files to compare (got ${models.length})`);
  const year = parseYear("--year", required(flags, "--year", "Y"));
  const top = flags.has("--top") ? parseInteger("--top", flags.get("--top")!, 1, 290) : DEFAULT_TOP_N;
  const format = oneOf("--format", flags.get("--format") ?? "csv", ["csv", "json"] as const);
  return {models, year, top, format};
}

/**
 * A short id per model file: its name without directory and `.json`; the
 * second file of the same name gets `_2`, the third `_3`, and so on.
 */
export function modelIds(files: readonly string[]): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const stem = path.basename(file).replace(/\.json$/i, "");
    let id = stem;
    for (let k = 2; used.has(id); k++) id = `${stem}_${k}`;
    used.add(id);
    return id;
  });
}

/** One compared model: its file, id and the engine's result. */
export interface RankedModel {
  file: string;
  id: string;
  result: ScoreResult;
}

export interface ScenarioComparison {
  year: number;
  top: number;
  models: RankedModel[];
  comparison: RankingComparison;
  names: ReadonlyMap<string, string>;
}

/** Ranks every model (default method, own weights) and compares them; pure given the data. */
export function compareModels(
  files: readonly string[],
  models: readonly Model[],
  args: Pick<ScenariosArgs, "year" | "top">,
  municipalities: Parameters<typeof buildMatrix>[0]["municipalities"],
  values: Parameters<typeof buildMatrix>[0]["values"]
): ScenarioComparison {
  const kpis = [...new Set(models.flatMap((m) => m.indicators.map((i) => i.kpi)))];
  const matrix = buildMatrix({municipalities, values, kpis});
  const ids = modelIds(files);
  const ranked = models.map((model, i) => ({file: files[i]!, id: ids[i]!, result: scoreNomination(prepareNomination(matrix, model, args.year))}));
  const comparison = compareScenarioRankings(ranked.map((r) => comparableRanking(r.result, args.top)));
  return {year: args.year, top: args.top, models: ranked, comparison, names: new Map(municipalities.map((m) => [m.code, m.name]))};
}

/** The CSV columns: the municipality, one rank per model, the count and the membership. */
export function csvColumns(ids: readonly string[]): string[] {
  return ["municipality_code", "municipality_name", ...ids.map((id) => `rank_${id}`), "in_top_n_count", "membership"];
}

export function toCsv(c: ScenarioComparison): string {
  const lines = [csvColumns(c.models.map((m) => m.id)).map(csvField).join(",")];
  for (const row of c.comparison.membership) {
    lines.push([row.code, c.names.get(row.code) ?? "", ...row.ranks.map(csvNumber), String(row.count), row.membership].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

export function toJson(c: ScenarioComparison, source: unknown): string {
  const ids = c.models.map((m) => m.id);
  return (
    JSON.stringify(
      {
        kind: "nomination",
        year: c.year,
        top_n: c.top,
        method: {normalisation: "zscore", aggregation: "arithmetic", winsorise: false, grouping: "none", weights: "each model's own"},
        correlations: "Kendall's tau-b and Spearman's rho over the municipalities ranked by both models (n_common), re-ranked within them",
        source,
        credit: "Egen bearbetning av data från Kolada (RKA)",
        models: c.models.map((m) => ({
          id: m.id,
          file: m.file,
          name: m.result.prepared.model.name,
          column: `rank_${m.id}`,
          ranked: m.result.rows.filter((r) => r.rank !== null).length,
          left_out: m.result.prepared.leftOut
        })),
        municipalities: c.comparison.membership.map((row) => ({
          municipality_code: row.code,
          municipality_name: c.names.get(row.code) ?? "",
          ranks: Object.fromEntries(ids.map((id, i) => [id, row.ranks[i]])),
          in_top_n: Object.fromEntries(ids.map((id, i) => [id, row.inTop[i]])),
          in_top_n_count: row.count,
          membership: row.membership
        })),
        pairs: c.comparison.pairs.map((p) => ({
          a: ids[p.a],
          b: ids[p.b],
          kendall_tau_b: p.kendallTauB.value,
          spearman_rho: p.spearmanRho.value,
          n_common: p.kendallTauB.n,
          jaccard_top_n: p.jaccard,
          top_n_both: p.topBoth,
          top_n_either: p.topEither
        }))
      },
      null,
      2
    ) + "\n"
  );
}

/** Runs the command; returns the exit code (0 ok, 1 bad model file or data, 2 bad arguments). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: ScenariosArgs;
  try {
    args = parseScenariosArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.stderr(`scenarios: ${error.message}\n`);
    io.stderr(`${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  try {
    const models = args.models.map((file) => readModel(file));
    const kpis = [...new Set(models.flatMap((m) => m.indicators.map((i) => i.kpi)))];
    const dataset = await loadDataset({env: io.env, kpis, models: models.map((model, i) => ({id: `cli-${i}`, file: args.models[i]!, model}))});
    const comparison = compareModels(args.models, models, args, dataset.municipalities, dataset.values);
    for (const m of comparison.models) {
      const nothing = nothingRankedReason(m.result);
      if (nothing !== null) {
        io.stderr(`scenarios: ${m.file}: nothing could be ranked (${periodText(m.result)}): ${nothing}\n`);
        return 1;
      }
    }
    io.stdout(args.format === "csv" ? toCsv(comparison) : toJson(comparison, dataset.source));
    return 0;
  } catch (error) {
    io.stderr(`scenarios: ${error instanceof ModelError ? error.message : (error as Error).message}\n`);
    return 1;
  }
}

if (isMainModule(import.meta.url)) {
  // `scenarios ... | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), {
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s)
  });
}
