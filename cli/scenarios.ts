/**
 * Scenarios side by side on the command line (engine/compare.ts), the
 * Scenarier page's figures:
 *
 *   npm run --silent scenarios -- --models FILE... --year Y [--top N] [--format csv|json]
 *   npm run --silent scenarios -- --scenarios FILE [--pick 1,3] [--year Y] [--top N] [--format csv|json]
 *
 * `--models`: ranks every model with its own weights and the default method
 * (nomination, z-score, arithmetic, everyone together: what `rank --model
 * FILE` prints). `--scenarios`: a scenario file exported from the Scenarier
 * page; each scenario (or those `--pick`ed, by position) is ranked exactly as
 * its page ranks it (its model, weights, method and scope), in the year and
 * top N given, else the first scenario's: the page's comparison, on the
 * command line. The data is read like `rank` (KOLADA_SNAPSHOT_DIR, else the
 * live API and its cache).
 *
 * CSV: one row per municipality in any model's top N:
 *   municipality_code, municipality_name, rank_<model>…, in_top_n_count, membership
 * where `<model>` is the file name without its directory and `.json` (a second
 * file with the same name gets `_2`, a third `_3`, …; with --scenarios the
 * scenario's name), a rank is the model's
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
import {readFileSync} from "node:fs";
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
import {csvField, csvNumber, type Io, oneOf, parseCommandLine, parseFlags, parseInteger, parseYear, required, runIfMain, takeList, UsageError} from "./args.ts";
import {readModel} from "./rank.ts";
import {compareScenarios} from "../src/lib/scenarios/comparison.ts";
import {parseScenarioFile, scenarioDataProblems, scenarioLabel, type Scenario} from "../src/lib/state/scenario-codec.ts";

export const USAGE = `usage: npm run --silent scenarios -- --models FILE FILE... --year Y [options]
       npm run --silent scenarios -- --scenarios FILE [--pick 1,3] [options]
  --models FILE...                  two or more model files, compared side by side (default method)
  --scenarios FILE                  a scenario file from the Scenarier page: each scenario ranked as its page does
  --pick I,J...                     with --scenarios: the scenarios to compare, by position (default all)
  --year Y                          the nomination year (improvement scenarios: the window's end year);
                                    required with --models, else the first scenario's
  --top N                           the top N compared (1-290; default 10, or the first scenario's)
  --format csv|json                 output format (default csv)
CSV: one row per municipality in any top N: municipality_code, municipality_name,
  rank_<model>..., in_top_n_count, membership (alla/flera/en).
JSON: the same rows, and per pair of models Kendall's tau-b, Spearman's rho and the top-N Jaccard.
Data: KOLADA_SNAPSHOT_DIR (offline snapshot), else the live Kolada API.`;

/** The default top N, as on the ranking pages. */
export const DEFAULT_TOP_N = 10;

export interface ScenariosArgs {
  /** --models: model files. */
  models?: string[];
  /** --scenarios: a scenario file. */
  scenarios?: string;
  /** --pick: positions in the scenario file (0-based here, 1-based on the command line). */
  pick?: number[];
  /** Required with --models; with --scenarios the first chosen scenario's when absent. */
  year?: number;
  top?: number;
  format: "csv" | "json";
}

/** Parses the arguments after `--`; throws a {@link UsageError} naming the problem ("" for --help). */
export function parseScenariosArgs(argv: readonly string[]): ScenariosArgs {
  const {values: models, rest} = takeList(argv, "--models");
  const flags = parseFlags(rest, {valued: ["--scenarios", "--pick", "--year", "--top", "--format"], valueless: ["--help"]});
  if (flags.has("--help")) throw new UsageError("");
  const format = oneOf("--format", flags.get("--format") ?? "csv", ["csv", "json"] as const);
  const top = flags.has("--top") ? parseInteger("--top", flags.get("--top")!, 1, 290) : undefined;
  const year = flags.has("--year") ? parseYear("--year", flags.get("--year")!) : undefined;
  const scenarios = flags.get("--scenarios");
  if (scenarios !== undefined) {
    if (models !== undefined) throw new UsageError("give --models or --scenarios, not both");
    let pick: number[] | undefined;
    if (flags.has("--pick")) {
      const text = flags.get("--pick")!;
      const parts = text.split(",");
      if (!parts.every((p) => /^\d+$/.test(p) && Number(p) >= 1)) throw new UsageError(`--pick must be scenario positions 1, 2, … separated by commas (got "${text}")`);
      pick = [...new Set(parts.map((p) => Number(p) - 1))];
      if (pick.length < 2) throw new UsageError(`--pick needs at least two scenarios to compare (got ${pick.length})`);
    }
    return {scenarios, ...(pick ? {pick} : {}), ...(year !== undefined ? {year} : {}), ...(top !== undefined ? {top} : {}), format};
  }
  if (flags.has("--pick")) throw new UsageError("--pick applies to --scenarios only");
  if (models === undefined) throw new UsageError("--models FILE FILE... (or --scenarios FILE) is required");
  if (models.length < 2) throw new UsageError(`--models needs at least two files to compare (got ${models.length})`);
  if (year === undefined) throw new UsageError("--year Y is required");
  return {models, year, top: top ?? DEFAULT_TOP_N, format};
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

/** One compared model: its file, id and the engine's result (and its scenario, with --scenarios). */
export interface RankedModel {
  file: string;
  id: string;
  result: ScoreResult;
  scenario?: Scenario;
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
  args: {year: number; top: number},
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

/**
 * Ranks scenarios as their pages do and compares them as the Scenarier page
 * does (lib/scenarios/comparison.ts); pure given the data. Throws naming the
 * scenario when it cannot be ranked with this data.
 */
export function compareScenarioFile(
  file: string,
  scenarios: readonly Scenario[],
  args: {year: number; top: number},
  municipalities: Parameters<typeof buildMatrix>[0]["municipalities"],
  values: Parameters<typeof buildMatrix>[0]["values"]
): ScenarioComparison {
  // Every value loaded, as the pages' matrix holds them (the data's years decide where a window may start).
  const matrix = buildMatrix({municipalities, values});
  const ctx = {years: matrix.years, kpis: new Set(matrix.kpis), counties: new Set(municipalities.map((m) => m.code.slice(0, 2))), groups: new Set(municipalities.map((m) => m.kommungrupp))};
  const problems = scenarios.flatMap((s, i) => {
    // The year compared is the command's, not the one saved: check that one.
    const p = scenarioDataProblems({...s, settings: {...s.settings, year: args.year}} as Scenario, ctx);
    return p.length ? [`${scenarioLabel(i, s)}: ${p.join("; ")}`] : [];
  });
  if (problems.length) throw new Error(`${file}:\n  - ${problems.join("\n  - ")}`);
  const result = compareScenarios(matrix, scenarios, args);
  const ranked = scenarios.map((s, i) => ({file, id: s.name, result: result.results[i]!, scenario: s}));
  return {year: args.year, top: args.top, models: ranked, comparison: result.comparison, names: new Map(municipalities.map((m) => [m.code, m.name]))};
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
        method: c.models.some((m) => m.scenario)
          ? "each scenario's own (models[].page and models[].settings), as its page ranks it"
          : {normalisation: "zscore", aggregation: "arithmetic", winsorise: false, grouping: "none", weights: "each model's own"},
        correlations: "Kendall's tau-b and Spearman's rho over the municipalities ranked by both models (n_common), re-ranked within them",
        source,
        credit: "Egen bearbetning av data från Kolada (RKA)",
        models: c.models.map((m) => ({
          id: m.id,
          file: m.file,
          name: m.result.prepared.model.name,
          column: `rank_${m.id}`,
          ...(m.scenario ? {page: m.scenario.page, settings: m.scenario.settings} : {}),
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
  const parsed = parseCommandLine("scenarios", USAGE, parseScenariosArgs, argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const args = parsed.args;
  try {
    let comparison: ScenarioComparison;
    let source: unknown;
    if (args.scenarios !== undefined) {
      const file = args.scenarios;
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new Error(`${file}: cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const parsed = parseScenarioFile(text);
      if ("errors" in parsed) throw new Error(`${file}:\n  - ${parsed.errors.join("\n  - ")}`);
      const all = parsed.scenarios;
      const pick = args.pick ?? all.map((_, i) => i);
      const outside = pick.filter((i) => i >= all.length);
      if (outside.length) throw new Error(`${file} has ${all.length} scenarios: --pick ${outside.map((i) => i + 1).join(",")} is not among them`);
      if (pick.length < 2) throw new Error(`${file} has ${all.length} scenario${all.length === 1 ? "" : "s"}: at least two are needed to compare`);
      const scenarios = pick.map((i) => all[i]!);
      const kpis = [...new Set(scenarios.flatMap((sc) => sc.model.indicators.map((i) => i.kpi)))];
      const dataset = await loadDataset({env: io.env, kpis, models: scenarios.map((sc, i) => ({id: `scenario-${i}`, file, model: sc.model}))});
      comparison = compareScenarioFile(file, scenarios, {year: args.year ?? scenarios[0]!.settings.year, top: args.top ?? scenarios[0]!.settings.top}, dataset.municipalities, dataset.values);
      source = dataset.source;
    } else {
      const files = args.models!;
      const models = files.map((file) => readModel(file));
      const kpis = [...new Set(models.flatMap((m) => m.indicators.map((i) => i.kpi)))];
      const dataset = await loadDataset({env: io.env, kpis, models: models.map((model, i) => ({id: `cli-${i}`, file: files[i]!, model}))});
      comparison = compareModels(files, models, {year: args.year!, top: args.top ?? DEFAULT_TOP_N}, dataset.municipalities, dataset.values);
      source = dataset.source;
    }
    for (const m of comparison.models) {
      const nothing = nothingRankedReason(m.result);
      if (nothing !== null) {
        io.stderr(`scenarios: ${m.scenario ? `${m.file}: scenario ”${m.id}”` : m.file}: nothing could be ranked (${periodText(m.result)}): ${nothing}\n`);
        return 1;
      }
    }
    io.stdout(args.format === "csv" ? toCsv(comparison) : toJson(comparison, source));
    return 0;
  } catch (error) {
    io.stderr(`scenarios: ${error instanceof ModelError ? error.message : (error as Error).message}\n`);
    return 1;
  }
}

await runIfMain(import.meta.url, main);
