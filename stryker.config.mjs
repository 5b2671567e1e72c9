// Mutation testing (issue 12): `npm run test:mutation`.
//
// What is mutated (the four areas of the targets, see cli/mutation-summary.ts):
// - engine: every file of src/engine/;
// - state: the URL/page-state modules, src/lib/state/*.ts;
// - cli: the argument handling: cli/args.ts and the argument parser of each
//   command (rank, robustness, audit), found by name below so that the line
//   range follows the code;
// - kolada: the Kolada API client, loaders/kolada/client.ts.
//
// Only the fast unit tests of vitest.stryker.config.ts run for the mutants.
// Incremental: the results are kept in test/mutation/stryker-incremental.json
// (committed), so a run re-tests only the mutants whose code or tests changed.
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

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: [
    "src/engine/**/*.ts",
    "src/lib/state/**/*.ts",
    "cli/args.ts",
    functionLines("cli/rank.ts", "parseArgs"),
    functionLines("cli/robustness.ts", "parseRobustnessArgs"),
    functionLines("cli/audit.ts", "parseAuditArgs"),
    "loaders/kolada/client.ts"
  ],
  testRunner: "vitest",
  vitest: {configFile: "vitest.stryker.config.ts", related: false},
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: {prioritizePerformanceOverAccuracy: true},
  coverageAnalysis: "perTest",
  // The machine has 2 cores and is shared.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: "test/mutation/stryker-incremental.json",
  reporters: ["html", "json", "progress", "clear-text"],
  htmlReporter: {fileName: "reports/mutation/mutation.html"},
  jsonReporter: {fileName: "reports/mutation/mutation.json"},
  clearTextReporter: {allowEmojis: false, logTests: false, reportMutants: false, reportScoreTable: true},
  // The area targets are checked per area by cli/mutation-summary.ts; this is the lowest of them.
  thresholds: {high: 90, low: 80, break: 75},
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", "reports", "bench/out", "test/out", "data/cache", "src/.observablehq/cache"]
};
