import {defineConfig} from "vitest/config";

/**
 * Tests that measure time on this machine (`*.isolated.test.ts`), run after the
 * rest of `npm test` (vitest.config.ts excludes them), one file at a time, so
 * no other test competes for the 2 cores.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.isolated.test.ts"],
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    minWorkers: 1,
    fileParallelism: false,
    env: {KOLADA_SNAPSHOT_DIR: process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada"}
  }
});
