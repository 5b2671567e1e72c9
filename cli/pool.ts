/**
 * Pools workshop proposals (weights files) into one model (engine/pool.ts):
 *
 *   npm run --silent pool -- --model FILE --proposals FILE... [--method mean|median|geomean]
 *
 * Prints the pooled model as JSON: it validates as a model and `rank --model`
 * accepts it. Needs no data. Exit codes: 0 ok; 1 a bad model or proposal file
 * (the message names the file and the field) or proposals that cannot be pooled;
 * 2 bad arguments.
 */
import path from "node:path";
import {normaliseWeights, poolProposals, POOL_METHODS, WeightsError, ModelError, type Model, type PoolMethod, type Proposal} from "../src/engine/index.ts";
import {type Io, oneOf, parseCommandLine, parseFlags, required, runIfMain, UsageError} from "./args.ts";
import {readModel} from "./rank.ts";
import {readWeights} from "./weights-file.ts";

export const USAGE = `usage: npm run --silent pool -- --model FILE --proposals FILE... [--method mean|median|geomean]
  --model FILE                      the model whose weights are pooled
  --proposals FILE...               one or more weights files {"name"?, "dimensions"?: {id: w}, "indicators"?: {kpi: w}}
  --method mean|median|geomean      how each normalised weight is pooled (default mean)
Each proposal is normalised (dimension weights sum to 1, each dimension's KPI weights sum to 1);
mean and median are taken per weight; geomean is the geometric mean, renormalised. See README "Pooling".
Prints the pooled model as JSON.`;

export interface PoolArgs {
  model: string;
  proposals: string[];
  method: PoolMethod;
}

/** Parses the arguments after `--`; `--proposals` takes every following argument up to the next option. */
export function parsePoolArgs(argv: readonly string[]): PoolArgs {
  const rest: string[] = [];
  let proposals: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--proposals" || arg.startsWith("--proposals=")) {
      if (proposals) throw new UsageError("--proposals is given twice (list every file after one --proposals)");
      proposals = arg.startsWith("--proposals=") ? [arg.slice("--proposals=".length)].filter((f) => f !== "") : [];
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) proposals.push(argv[++i]!);
      if (proposals.length === 0) throw new UsageError("--proposals needs at least one file");
      continue;
    }
    rest.push(arg);
  }
  const flags = parseFlags(rest, {valued: ["--model", "--method"], valueless: ["--help"]});
  if (flags.has("--help")) throw new UsageError("");
  const model = required(flags, "--model", "FILE");
  if (!proposals) throw new UsageError("--proposals FILE... is required");
  const method = oneOf("--method", flags.get("--method") ?? "mean", POOL_METHODS);
  return {model, proposals, method};
}

/** Reads every proposal file against the model; a proposal without a name is named by its file. */
export function readProposals(files: readonly string[], model: Model): Proposal[] {
  return files.map((file) => {
    const weights = readWeights(file, model);
    normaliseWeights(model, weights, file); // a proposal that ranks nobody is named by its file
    return {name: weights.name?.trim() ? weights.name : path.basename(file), dimensions: weights.dimensions, indicators: weights.indicators};
  });
}

/** The pooled model as the command prints it. */
export function pooledModelJson(model: Model): string {
  return JSON.stringify(model, null, 2) + "\n";
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], io: Pick<Io, "stdout" | "stderr">): number {
  const parsed = parseCommandLine("pool", USAGE, parsePoolArgs, argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const args = parsed.args;
  try {
    const model = readModel(args.model);
    const pooled = poolProposals(model, readProposals(args.proposals, model), args.method);
    io.stdout(pooledModelJson(pooled));
    return 0;
  } catch (error) {
    if (!(error instanceof ModelError || error instanceof WeightsError)) throw error;
    io.stderr(`pool: ${error.message}\n`);
    return 1;
  }
}

await runIfMain(import.meta.url, async (argv, io) => main(argv, io));
