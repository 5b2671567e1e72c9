/**
 * The tests Stryker runs for the mutants (stryker.config.mjs): the fast,
 * in-process unit tests of the mutated areas. No browser, build, DuckDB,
 * real-data or child-process tests: a CLI spawned as a child process is not
 * seen by Stryker's coverage, and a test that takes seconds per mutant makes
 * the run hours long. Those still run in `npm test`.
 */
import {defineConfig} from "vitest/config";
import LoadFailuresReporter from "./test/mutation/load-failures-reporter.ts";

export default defineConfig({
  test: {
    include: [
      // engine (src/engine/)
      "test/engine/**/*.test.ts",
      "test/model.test.ts",
      "test/lib/method-text.test.ts",
      // URL/page state (src/lib/state/)
      "test/url-state.test.ts",
      "test/profile-state.test.ts",
      "test/lib/page-specs.test.ts",
      "test/lib/ranking-state.test.ts",
      "test/lib/explore.test.ts",
      "test/state/**/*.test.ts",
      "test/lib/library-state.test.ts",
      "test/lib/model-codec.test.ts",
      "test/lib/model-state.test.ts",
      "test/lib/model-edit.test.ts",
      "test/lib/proposal-codec.test.ts",
      "test/lib/workshop-state.test.ts",
      "test/lib/scenario-state.test.ts",
      // CLI argument handling (cli/args.ts and each command's parser)
      "test/cli-args.test.ts",
      // Kolada client (loaders/kolada/client.ts)
      "test/kolada-client.test.ts"
    ],
    // The dry run (with coverage counting) is several times slower than a plain run.
    testTimeout: 120_000,
    // One worker that keeps its modules between Stryker's runs: with isolation
    // every mutant re-imported the engine (~5 s a mutant on this machine).
    // Mutants are switched on at run time, so a module loaded once serves them all.
    isolate: false,
    // ...except for a static mutant, whose run re-imports the code (test/mutation/static-reload.ts).
    setupFiles: ["test/mutation/static-reload.ts"],
    // A test file that fails to load (a static mutant that breaks a module it imports) counts as a failed test.
    reporters: ["default", new LoadFailuresReporter()],
    hookTimeout: 60_000,
    env: {
      KOLADA_SNAPSHOT_DIR: process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada",
      // Lets a test leave out what means nothing on instrumented code (a timing bound).
      MUTATION_RUN: "1"
    }
  }
});
