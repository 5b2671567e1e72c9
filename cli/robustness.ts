/**
 * How robust a ranking is, on the command line (engine/uncertainty.ts):
 *
 *   npm run --silent robustness -- --model FILE --year Y [--kind nomination|improvement]
 *     [--window 3|4] [--top N] [--draws N] [--seed S] [--noise F]
 *     [--vary dimension_weights,kpi_weights,normalisation,aggregation,winsorise,window,method]
 *     [--bounds LO,HI] [--sobol N] [--format csv|json]
 *
 * Ranks with the model's own weights and the default method (as `rank` does
 * without method options: the nominal ranking), then
 * - a Monte Carlo: `--draws` rankings, each weight that varies multiplied by
 *   U(1 − f, 1 + f) (f = `--noise`), each method choice that varies drawn
 *   uniformly; per municipality the median and 5th/95th percentile rank,
 *   P(top N), P(first) and the status (säker / gränsfall / utanför);
 * - Sobol indices (JSON only): which varied input drives the mean absolute rank
 *   shift, from a Saltelli design with base sample `--sobol` (0 = skip);
 * - the best and worst achievable rank when the dimension weights take any
 *   values within `--bounds` (factors of the model's dimension weights, KPI
 *   weights fixed), exact, from a mixed-integer program (see
 *   {@link bestWorstRanks}).
 *
 * The flags' text is parsed by engine/robustness-options.ts, the parsers of the
 * Robusthet page, so both accept and reject the same text with the same message.
 * Same seed and settings give byte-identical output.
 *
 * Exit codes: 0 ok; 2 bad arguments (an unknown option, a missing or bad value,
 * a `--vary` choice the kind does not have); 1 a bad model or data problem (as
 * `rank`: a model that cannot be read or is invalid, a KPI or year the data lacks,
 * nothing ranked).
 */
import {displayLocation} from "../loaders/outputs.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {loadHighsSolver} from "../src/lib/solver/highs.ts";
import {
  buildMatrix,
  monteCarloIncumbents,
  rankRanges,
  createUncertaintyContext,
  DEFAULT_BOUNDS,
  DEFAULT_DRAWS,
  DEFAULT_NOISE,
  DEFAULT_SEED,
  DEFAULT_VARY,
  formatBounds,
  IMPROVEMENT_METHODS,
  MAX_DRAWS,
  ModelError,
  nothingRankedReason,
  parseBounds,
  parseDraws,
  parseNoise,
  parseSeed,
  parseVary,
  periodText,
  prepareImprovement,
  prepareNomination,
  runMonteCarlo,
  score,
  sobolIndices,
  UNCERTAINTY_NORMALISATIONS,
  varyForKind,
  VARY_OPTIONS,
  type Bounds,
  type Model,
  type Prepared,
  type ScoreResult,
  type SobolResult,
  type UncertaintyContext,
  type UncertaintyResult,
  type UncertaintySettings,
  type UncertaintyVary,
  type ValueMatrix,
  type VaryOption
} from "../src/engine/index.ts";
import {csvField, csvNumber, fromParsed, type Io, oneOf, parseCommandLine, parseFlags, parseInteger, parseYear, required, runIfMain, UsageError} from "./args.ts";
import {readModel} from "./rank.ts";

/** Sobol base sample N when `--sobol` is not given: N (groups + 2) rankings, ≈ 1.5–2.5 s here for the default model. */
export const DEFAULT_SOBOL = 1000;
/** P(top N) when `--top` is not given. */
export const DEFAULT_TOP = 10;
/** Bootstrap resamples of the Sobol bands. */
export const SOBOL_BOOTSTRAP = 200;
export const CREDIT = "Egen bearbetning av data från Kolada (RKA)";

export const USAGE = `usage: npm run --silent robustness -- --model FILE --year Y [options]
  --kind nomination|improvement     ranking kind (default nomination)
  --window 3|4                      improvement window in years (default 4; ignored for nomination)
  --top N                           N of P(top N) (1-290, default ${DEFAULT_TOP})
  --draws N                         Monte Carlo draws (1-${MAX_DRAWS}, default ${DEFAULT_DRAWS})
  --seed S                          seed of the draws (0-4294967295, default ${DEFAULT_SEED})
  --noise F                         each varied weight times U(1-F, 1+F) (0-1, default ${DEFAULT_NOISE})
  --vary LIST                       what the draws vary, comma-separated (default ${DEFAULT_VARY.join(",")}):
                                    ${VARY_OPTIONS.join(",")}
                                    (normalisation: nomination only; window, method: improvement only)
  --bounds LO,HI                    best/worst rank: dimension weights from LO to HI times the
                                    model's (default ${formatBounds(DEFAULT_BOUNDS)}; 0,inf = any non-negative weights)
  --sobol N                         Sobol base sample, N (groups + 2) rankings (2-${MAX_DRAWS},
                                    default ${DEFAULT_SOBOL}; 0 = no Sobol indices); JSON only
  --format csv|json                 output format (default csv)
CSV: one row per municipality. JSON: also the settings and the Sobol indices.
Data: KOLADA_SNAPSHOT_DIR (offline snapshot), else the live Kolada API.`;

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "municipality_code",
  "municipality_name",
  "nominal_rank",
  "median_rank",
  "q05_rank",
  "q95_rank",
  "p_top_n",
  "p_first",
  "best_rank",
  "worst_rank",
  "status"
] as const;

export interface RobustnessArgs {
  model: string;
  year: number;
  kind: "nomination" | "improvement";
  window: 3 | 4;
  top: number;
  draws: number;
  seed: number;
  noise: number;
  vary: VaryOption[];
  bounds: Bounds;
  /** Sobol base sample N; 0 = none. */
  sobol: number;
  format: "csv" | "json";
}

/** Parses the arguments after `--`; throws a {@link UsageError} naming the problem ("" for --help). */
export function parseRobustnessArgs(argv: readonly string[]): RobustnessArgs {
  const flags = parseFlags(argv, {
    valued: ["--model", "--year", "--kind", "--window", "--top", "--draws", "--seed", "--noise", "--vary", "--bounds", "--sobol", "--format"],
    valueless: ["--help"]
  });
  if (flags.has("--help")) throw new UsageError("");
  const model = required(flags, "--model", "FILE");
  const year = parseYear("--year", required(flags, "--year", "Y"));
  const kind = oneOf("--kind", flags.get("--kind") ?? "nomination", ["nomination", "improvement"] as const);
  const window = Number(oneOf("--window", flags.get("--window") ?? "4", ["3", "4"] as const)) as 3 | 4;
  const top = flags.has("--top") ? parseInteger("--top", flags.get("--top")!, 1, 290) : DEFAULT_TOP;
  const draws = flags.has("--draws") ? fromParsed("--draws", parseDraws(flags.get("--draws")!)) : DEFAULT_DRAWS;
  const seed = flags.has("--seed") ? fromParsed("--seed", parseSeed(flags.get("--seed")!)) : DEFAULT_SEED;
  const noise = flags.has("--noise") ? fromParsed("--noise", parseNoise(flags.get("--noise")!)) : DEFAULT_NOISE;
  const vary = flags.has("--vary") ? fromParsed("--vary", parseVary(flags.get("--vary")!)) : [...DEFAULT_VARY];
  // A choice the kind does not have is an error here (the page drops it silently).
  const applicable = varyForKind(vary, kind);
  const other = vary.find((v) => !applicable.includes(v));
  if (other !== undefined) throw new UsageError(`--vary ${other} applies to --kind ${kind === "nomination" ? "improvement" : "nomination"} only`);
  const bounds = flags.has("--bounds") ? fromParsed("--bounds", parseBounds(flags.get("--bounds")!)) : {...DEFAULT_BOUNDS};
  let sobol = DEFAULT_SOBOL;
  if (flags.has("--sobol")) {
    const text = flags.get("--sobol")!;
    sobol = Number(text);
    if (!/^\d+$/.test(text) || sobol === 1 || sobol > MAX_DRAWS) throw new UsageError(`--sobol must be 0 (no Sobol indices) or a whole number from 2 to ${MAX_DRAWS} (got "${text}")`);
  }
  const format = oneOf("--format", flags.get("--format") ?? "csv", ["csv", "json"] as const);
  return {model, year, kind, window, top, draws, seed, noise, vary, bounds, sobol, format};
}

/** What the draws vary, as the engine takes it: a varied normalisation or measure draws from all of them. */
export function engineVary(vary: readonly VaryOption[]): UncertaintyVary {
  const has = (v: VaryOption) => vary.includes(v);
  return {
    dimensionWeights: has("dimension_weights"),
    kpiWeights: has("kpi_weights"),
    normalisation: has("normalisation") ? [...UNCERTAINTY_NORMALISATIONS] : null,
    aggregation: has("aggregation"),
    winsorise: has("winsorise"),
    window: has("window"),
    method: has("method") ? [...IMPROVEMENT_METHODS] : null
  };
}

/** The engine settings of the Monte Carlo: the default method, the model's weights, no grouping. */
export function uncertaintySettings(args: RobustnessArgs): UncertaintySettings {
  return {
    kind: args.kind,
    year: args.year,
    draws: args.draws,
    seed: args.seed,
    noise: args.noise,
    topN: args.top,
    vary: engineVary(args.vary),
    nominal: args.kind === "improvement" ? {window: args.window} : {},
    // The draws' ranks, for the best/worst solver's starting points.
    keepRanks: true
  };
}

/** The nominal ranking with the default method, exactly as `rank` computes it. */
export function nominalRanking(args: RobustnessArgs, model: Model, matrix: ValueMatrix): ScoreResult {
  const prepared: Prepared = args.kind === "nomination" ? prepareNomination(matrix, model, args.year) : prepareImprovement(matrix, model, args.year, {window: args.window});
  return score(prepared);
}

/** Best and worst achievable rank of one municipality, with the dimension weights giving them. */
export interface RankExtremes {
  bestRank: number;
  worstRank: number;
  bestWeights: Record<string, number>;
  worstWeights: Record<string, number>;
  /** Both ranks proven optimal (see the optimiser); otherwise `notes` say why not. */
  exact: boolean;
  notes: string[];
}

/** Raw dimension-weight bounds per dimension id: the factors times the model's weight (a weight 0 stays 0). */
export function weightBounds(model: Model, bounds: Bounds): Record<string, [number, number]> {
  return Object.fromEntries(model.dimensions.map((d) => [d.id, [bounds.lo * d.weight, d.weight === 0 ? 0 : bounds.hi * d.weight]]));
}

/**
 * Best and worst achievable rank of every municipality ranked nominally, by
 * code (engine/optimise.ts: exact, solved with HiGHS, each answer checked with
 * score()). The dimension weights range over {@link weightBounds}; the KPI
 * weights stay the model's. The Monte Carlo draws with each municipality's
 * best and worst rank start the search (engine/incumbents.ts).
 */
export async function bestWorstRanks(prepared: Prepared, model: Model, args: RobustnessArgs, mc: UncertaintyResult): Promise<Map<string, RankExtremes>> {
  const solver = await loadHighsSolver();
  const ranges = await rankRanges(prepared, solver, {bounds: weightBounds(model, args.bounds), topN: args.top, incumbents: monteCarloIncumbents(mc)});
  return new Map(ranges.map((r) => [r.code, {bestRank: r.bestRank, worstRank: r.worstRank, bestWeights: r.bestWeights, worstWeights: r.worstWeights, exact: r.exact, notes: r.notes}]));
}

/** One output row: the CSV fields, and the weights of the best and worst rank (JSON). */
export interface RobustnessRow {
  municipality_code: string;
  municipality_name: string;
  nominal_rank: number | null;
  median_rank: number | null;
  q05_rank: number | null;
  q95_rank: number | null;
  p_top_n: number;
  p_first: number;
  best_rank: number | null;
  worst_rank: number | null;
  status: string;
  best_weights: Record<string, number> | null;
  worst_weights: Record<string, number> | null;
}

/** The status of a municipality not ranked nominally: as `rank` writes it, with every reason. */
function unrankedStatus(row: ScoreResult["rows"][number]): string {
  return row.reasons.length ? `${row.status}: ${row.reasons.map((r) => r.reason).join("; ")}` : row.status;
}

/**
 * One row per municipality: the nominally ranked first in nominal rank order,
 * then the rest by code. Status: säker / gränsfall / utanför by P(top N) for
 * the nominally ranked; for the others the nominal ranking's status and reasons
 * (as in `rank`), since "outside the top N" would hide why they have no rank.
 */
export function robustnessRows(mc: UncertaintyResult, nominal: ScoreResult, extremes: Map<string, RankExtremes> | null): RobustnessRow[] {
  const byCode = new Map(nominal.rows.map((r) => [r.code, r]));
  const rows = mc.rows.map((r): RobustnessRow => {
    const e = extremes?.get(r.code) ?? null;
    return {
      municipality_code: r.code,
      municipality_name: r.name,
      nominal_rank: r.nominalRank,
      median_rank: r.medianRank,
      q05_rank: r.q05,
      q95_rank: r.q95,
      p_top_n: r.pTopN,
      p_first: r.pFirst,
      best_rank: e?.bestRank ?? null,
      worst_rank: e?.worstRank ?? null,
      status: r.nominalRank !== null ? r.status : unrankedStatus(byCode.get(r.code)!),
      best_weights: e?.bestWeights ?? null,
      worst_weights: e?.worstWeights ?? null
    };
  });
  const ranked = rows.filter((r) => r.nominal_rank !== null).sort((a, b) => a.nominal_rank! - b.nominal_rank!);
  // mc.rows are in code order already.
  return [...ranked, ...rows.filter((r) => r.nominal_rank === null)];
}

export function toCsv(rows: readonly RobustnessRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.municipality_code,
        r.municipality_name,
        csvNumber(r.nominal_rank),
        csvNumber(r.median_rank),
        csvNumber(r.q05_rank),
        csvNumber(r.q95_rank),
        csvNumber(r.p_top_n),
        csvNumber(r.p_first),
        csvNumber(r.best_rank),
        csvNumber(r.worst_rank),
        r.status
      ]
        .map(csvField)
        .join(",")
    );
  }
  return lines.join("\n") + "\n";
}

/** The settings as the JSON reports them: enough to reproduce the run. */
export function settingsJson(args: RobustnessArgs, model: Model, context: UncertaintyContext, source: unknown, sobol: SobolResult | null, bestWorst: boolean) {
  const s = context.settings;
  return {
    model: {file: args.model, name: model.name},
    kind: args.kind,
    year: args.year,
    window: s.nominal.window,
    method: {normalisation: s.nominal.normalisation, improvement: s.nominal.method, aggregation: s.nominal.aggregation, winsorise: s.nominal.winsorise, grouping: s.grouping},
    topN: args.top,
    draws: args.draws,
    seed: args.seed,
    noise: args.noise,
    vary: args.vary,
    bounds: formatBounds(args.bounds),
    sobol:
      sobol === null
        ? null
        : {n: sobol.n, seed: sobol.seed, bootstrap: sobol.bootstrap, evaluations: sobol.evaluations, output: "mean absolute rank shift against the nominal ranking", mean: sobol.mean, variance: sobol.variance},
    bestWorst: bestWorst ? {weights: "dimension weights within the bounds, KPI weights fixed at the model's", solver: "HiGHS (mixed-integer program)"} : null,
    source,
    credit: CREDIT
  };
}

export function toJson(settings: ReturnType<typeof settingsJson>, sobol: SobolResult | null, rows: readonly RobustnessRow[]): string {
  const indices = (sobol?.indices ?? []).map((g) => ({id: g.id, label: g.label, first: g.first, total: g.total, firstBand: g.firstBand, totalBand: g.totalBand}));
  // NaN (an index of an input with zero output variance) is written as null by JSON.stringify.
  return JSON.stringify({settings, sobol: indices, municipalities: rows}, null, 2) + "\n";
}

/** Runs the command; returns the exit code (0 ok, 1 bad model or data, 2 bad arguments). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine("robustness", USAGE, parseRobustnessArgs, argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const args = parsed.args;
  try {
    const model = readModel(args.model);
    const kpis = model.indicators.map((i) => i.kpi);
    const dataset = await loadDataset({env: io.env, kpis, models: [{id: "cli", file: args.model, model}]});
    const matrix = buildMatrix({municipalities: dataset.municipalities, values: dataset.values, kpis});
    const nominal = nominalRanking(args, model, matrix);
    const nothing = nothingRankedReason(nominal);
    if (nothing !== null) {
      io.stderr(`robustness: nothing could be ranked (${periodText(nominal)}): ${nothing}\n`);
      return 1;
    }
    const context = createUncertaintyContext(matrix, model, uncertaintySettings(args));
    const mc = runMonteCarlo(context);
    const extremes = await bestWorstRanks(context.nominalPrepared, model, args, mc);
    for (const [code, e] of extremes ?? []) for (const note of e.notes) io.stderr(`robustness: note: ${code}: ${note}\n`);
    const rows = robustnessRows(mc, nominal, extremes);
    if (args.format === "csv") {
      io.stdout(toCsv(rows));
    } else {
      const sobol = args.sobol > 0 ? sobolIndices(context, {n: args.sobol, bootstrap: SOBOL_BOOTSTRAP}) : null;
      io.stdout(toJson(settingsJson(args, model, context, displayLocation(dataset.source), sobol, extremes !== null), sobol, rows));
    }
    return 0;
  } catch (error) {
    const message = error instanceof ModelError ? error.message : `${(error as Error).message}`;
    io.stderr(`robustness: ${message}\n`);
    return 1;
  }
}

await runIfMain(import.meta.url, main);
