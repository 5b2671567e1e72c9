/**
 * A vitest reporter that ends the run with the plain line "N passed, N failed"
 * (", N skipped" when any), which CI reads as the test count.
 *
 * "failed" counts what did not pass, not only tests whose own body threw:
 * - a test whose setup failed (a beforeAll of its suite, an enclosing suite or
 *   the file threw): vitest reports it as skipped, but it never ran, so it is
 *   counted as failed (a test skipped on purpose, with `skip` or `todo`, stays
 *   skipped);
 * - a suite or file whose hook failed with no test left to blame (an afterAll
 *   that threw after its tests passed, a file that threw while loading) counts
 *   as one failure.
 * So a run that fails never reads "0 failed".
 */
import type {Reporter, TestCase, TestModule, TestSuite} from "vitest/node";

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

/** True when the suite, an enclosing suite or the file of `test` has a hook error. */
function setupFailed(test: TestCase): boolean {
  for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === "module") return false;
  }
}

/** A test that was meant to run (not `skip` or `todo`) but was skipped because its setup failed. */
function skippedBySetup(test: TestCase): boolean {
  const mode = test.options.mode;
  return test.result().state === "skipped" && (mode === "run" || mode === "only") && setupFailed(test);
}

/** Counts the tests of a finished run (see the header for what "failed" includes). */
export function summarise(testModules: ReadonlyArray<TestModule>): Summary {
  const summary: Summary = {passed: 0, failed: 0, skipped: 0};
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") summary.passed++;
      else if (state === "failed" || skippedBySetup(test)) summary.failed++;
      else summary.skipped++;
    }
    // A hook error that no test was failed for (teardown, a file that did not load): one failure each.
    for (const suite of [module, ...module.children.allSuites()]) {
      if (suite.errors().length === 0) continue;
      let blamed = false;
      for (const test of suite.children.allTests()) if (skippedBySetup(test)) blamed = true;
      if (!blamed) summary.failed++;
    }
  }
  return summary;
}

/** The summary line. */
export function summaryLine({passed, failed, skipped}: Summary): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const line = summaryLine(summarise(testModules));
    // At exit, so it comes after the default reporter's summary.
    process.once("exit", () => process.stdout.write(`\n${line}\n`));
  }
}
