// Mutation testing (issue 12). Run it with `npm run test:mutation` (cli/mutation.ts),
// which runs Stryker once per chunk below and merges the results.
//
// What is mutated, in four areas (the targets are in cli/mutation-summary.ts):
// - engine: every file of src/engine/, in nine chunks (ENGINE_CHUNK_FILES; optimise.ts in three line ranges);
// - state: the URL/page-state modules, src/lib/state/*.ts;
// - cli: the argument handling: cli/args.ts and the argument parser of each
//   command (rank, robustness, audit, pool, scenarios), found by name below so that the line
//   range follows the code;
// - kolada: the Kolada API client, loaders/kolada/client.ts.
//
// Each chunk runs only its own fast unit tests (`testFiles`; all of them are
// in vitest.stryker.config.ts). The chunk is chosen with MUTATION_CHUNK.
import {readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// The test runners run in a sandbox below .stryker-tmp/: an absolute snapshot path keeps working there.
process.env.KOLADA_SNAPSHOT_DIR = path.resolve(ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");

/** "file:FROM-TO": the lines of the top-level function `name` (its `export function` line to the first `}` at column 0). */
function functionLines(file, name) {
  const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith(`export function ${name}(`));
  if (start < 0) throw new Error(`stryker.config.mjs: no "export function ${name}(" in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === "}");
  if (end < 0) throw new Error(`stryker.config.mjs: no end of ${name} in ${file}`);
  return `${file}:${start + 1}-${end + 1}`;
}

/**
 * Line ranges that split `src/engine/NAME.ts` at top-level declarations found
 * by how their line starts (so the ranges follow the code), as "NAME:FROM-TO"
 * entries of ENGINE_CHUNK_FILES: the first from line 1, each next one from its
 * declaration's line, the last to the end of the file. A split at a top-level
 * boundary leaves no mutant across two ranges.
 */
function engineFileParts(name, starts) {
  const lines = readFileSync(path.join(ROOT, `src/engine/${name}.ts`), "utf8").split("\n");
  const from = [1, ...starts.map((start) => {
    const i = lines.findIndex((l) => l.startsWith(start));
    if (i < 0) throw new Error(`stryker.config.mjs: no line starting "${start}" in src/engine/${name}.ts`);
    return i + 1;
  })];
  const last = lines.at(-1) === "" ? lines.length - 1 : lines.length;
  return from.map((f, i) => `${name}:${f}-${i + 1 < from.length ? from[i + 1] - 1 : last}`);
}
const OPTIMISE_PARTS = engineFileParts("optimise", ["function buildRows(", "function branchAndBound("]);

/** The unit tests of the state modules that live in test/lib/ (codecs, model editing, scenarios, workshop). */
const STATE_LIB_TESTS = ["library-state", "model-codec", "model-state", "model-edit", "proposal-codec", "workshop-state", "scenario-state"].map((t) => `test/lib/${t}.test.ts`);
const ENGINE_TESTS = ["test/engine/**/*.test.ts", "test/model.test.ts", "test/lib/method-text.test.ts"];
/**
 * The engine in chunks of roughly 1 000 lines each, so that a stopped run
 * keeps what it finished (a chunk's results are saved when it completes):
 * the largest files alone, the rest in three groups by concern. A test in
 * test/mutation-config.test.ts checks that every engine file is in exactly one.
 */
export const ENGINE_CHUNK_FILES = {
  "engine-score": ["score", "aggregate", "normalise", "winsorise", "rank", "prepared", "matrix", "nomination", "coverage", "percentile", "stats"],
  "engine-trend": ["improvement", "trend", "level-change", "rank-history", "national-gap", "incumbents", "medians", "classify", "random"],
  // Files whose checks are built when the module loads (zod schemas, option tables, regexes): their
  // mutants are static, so this chunk tests them (ignoreStatic false, below) with every engine test.
  "engine-static": ["model", "robustness-options"],
  "engine-explain": ["explain", "contributions", "profile", "compare", "consensus", "pool", "types", "index"],
  "engine-audit": ["audit"],
  "engine-uncertainty": ["uncertainty"],
  // optimise.ts (about 2 000 mutants, 1.5-2 hours) in three parts at top-level declarations, each
  // saved when it completes: preparing the problem; the rows, MIP text and leaf solver; the search.
  "engine-optimise-prepare": [OPTIMISE_PARTS[0]],
  "engine-optimise-rows": [OPTIMISE_PARTS[1]],
  "engine-optimise-search": [OPTIMISE_PARTS[2]]
};
/** "name" → src/engine/name.ts; "name:FROM-TO" → src/engine/name.ts:FROM-TO (lines FROM to TO only). */
const enginePath = (entry) => {
  const [name, range] = entry.split(":");
  return `src/engine/${name}.ts${range ? `:${range}` : ""}`;
};
const engineChunk = (name) => ({mutate: ENGINE_CHUNK_FILES[name].map(enginePath), testFiles: ENGINE_TESTS, break: 85, ignoreStatic: name !== "engine-static"});

/**
 * The chunks: what each mutates, its tests, its break threshold (the area's
 * target), and whether static mutants (run once when a module loads) are
 * tested: they need every test of the chunk for each mutant, affordable where
 * the chunk's tests take a second or two. Ignored static mutants count as not
 * detected in the summary.
 */
export const CHUNKS = {
  state: {mutate: ["src/lib/state/**/*.ts"], testFiles: ["test/url-state.test.ts", "test/profile-state.test.ts", "test/lib/page-specs.test.ts", "test/lib/ranking-state.test.ts", "test/lib/explore.test.ts", "test/state/**/*.test.ts", ...STATE_LIB_TESTS], break: 80, ignoreStatic: false},
  cli: {
    mutate: ["cli/args.ts", functionLines("cli/rank.ts", "parseArgs"), functionLines("cli/robustness.ts", "parseRobustnessArgs"), functionLines("cli/audit.ts", "parseAuditArgs"), functionLines("cli/pool.ts", "parsePoolArgs"), functionLines("cli/scenarios.ts", "parseScenariosArgs")],
    testFiles: ["test/cli-args.test.ts"],
    break: 75,
    ignoreStatic: false
  },
  kolada: {mutate: ["loaders/kolada/client.ts"], testFiles: ["test/kolada-client.test.ts"], break: 75, ignoreStatic: false},
  ...Object.fromEntries(Object.keys(ENGINE_CHUNK_FILES).map((name) => [name, engineChunk(name)]))
};

const chunkName = process.env.MUTATION_CHUNK ?? "state";
const chunk = CHUNKS[chunkName];
if (!chunk) throw new Error(`stryker.config.mjs: MUTATION_CHUNK must be one of ${Object.keys(CHUNKS).join(", ")} (got "${chunkName}")`);
const out = `reports/mutation/chunks/${chunkName}`;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: chunk.mutate,
  testFiles: chunk.testFiles,
  ignoreStatic: chunk.ignoreStatic,
  testRunner: "vitest",
  vitest: {configFile: "vitest.stryker.config.ts", related: false},
  checkers: ["typescript"],
  // The mutated code and the tests of vitest.stryker.config.ts only: the checker type-checks each mutant, in less time the smaller the program.
  tsconfigFile: "tsconfig.stryker.json",
  typescriptChecker: {prioritizePerformanceOverAccuracy: true},
  coverageAnalysis: "perTest",
  // The machine has 2 cores and is shared.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  // cli/mutation.ts copies the committed baseline here first and merges the result back.
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ["html", "json", "progress", "clear-text"],
  htmlReporter: {fileName: `${out}/mutation.html`},
  jsonReporter: {fileName: `${out}/mutation.json`},
  clearTextReporter: {allowEmojis: false, logTests: false, reportMutants: false, reportScoreTable: true},
  // No Stryker break: it would score the whole report, which carries the other chunks' files from the
  // incremental file; cli/mutation.ts checks the chunk's own mutants against chunk.break (chunkCounts).
  thresholds: {high: 90, low: chunk.break, break: null},
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", "reports", "bench/out", "test/out", "data/cache", "src/.observablehq/cache"]
};
