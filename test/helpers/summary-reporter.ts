/**
 * A vitest reporter that ends the run with the plain line "N passed, N failed"
 * (", N skipped" when any), which CI reads as the test count.
 */
import type {Reporter, TestModule} from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    // At exit, so it comes after the default reporter's summary.
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    process.once("exit", () => process.stdout.write(`\n${line}\n`));
  }
}
