import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Timing tests run alone afterwards (vitest.isolated.config.ts).
    exclude: ["test/**/*.isolated.test.ts", "**/node_modules/**"],
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The machine has 2 cores; browser tests and DuckDB are heavy.
    maxWorkers: 2,
    env: {KOLADA_SNAPSHOT_DIR: process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada"}
  }
});
