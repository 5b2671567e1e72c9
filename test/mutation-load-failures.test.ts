/**
 * test/mutation/load-failures-reporter.ts: a test file that fails to load
 * reads, to Stryker's vitest runner, as one failed test, so the mutant that
 * broke it is killed instead of "Survived". Checked with a real vitest run
 * read by Stryker's own helpers, with and without the reporter.
 */
import {mkdirSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";
import {TestStatus} from "@stryker-mutator/api/test-runner";
import type {File} from "vitest";
import {createVitest} from "vitest/node";
import {describe, expect, it} from "vitest";
import {collectTestsFromSuite, convertTestToTestResult} from "../node_modules/@stryker-mutator/vitest-runner/dist/src/vitest-helpers.js";
import LoadFailuresReporter, {LOAD_FAILURE_TEST, markLoadFailures} from "./mutation/load-failures-reporter.ts";

const fakeFile = (state: "pass" | "fail", tasks: unknown[] = []) => ({type: "suite", name: "x.test.ts", id: "f1", tasks, result: {state, errors: [{message: "boom"}]}}) as unknown as File;

describe("markLoadFailures", () => {
  it("adds one failed test, with the load error, to a file that failed with no tests", () => {
    const file = fakeFile("fail");
    expect(markLoadFailures([file])).toStrictEqual([file]);
    expect(file.tasks).toHaveLength(1);
    expect(file.tasks[0]).toMatchObject({type: "test", name: LOAD_FAILURE_TEST, mode: "run", result: {state: "fail", errors: [{message: "boom"}]}});
  });

  it("leaves a file that loaded, and a failed file whose tests were collected (also inside a describe)", () => {
    const passed = fakeFile("pass");
    const withTest = fakeFile("fail", [{type: "test", name: "t"}]);
    const nested = fakeFile("fail", [{type: "suite", name: "s", tasks: [{type: "test", name: "t"}]}]);
    expect(markLoadFailures([passed, withTest, nested])).toStrictEqual([]);
    expect([passed.tasks.length, withTest.tasks.length, nested.tasks.length]).toStrictEqual([0, 1, 1]);
  });

  it("a failed file with only empty suites counts as having no tests", () => {
    const file = fakeFile("fail", [{type: "suite", name: "s", tasks: []}]);
    expect(markLoadFailures([file])).toStrictEqual([file]);
  });
});

/** Runs vitest on a file that throws while it loads; the results as Stryker's runner reads them. */
async function strykerResults(withReporter: boolean) {
  const dir = path.resolve(`test/out/load-failures-${withReporter ? "on" : "off"}`);
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, "broken.test.ts"), `import {it} from "vitest";\nthrow new Error("a mutant broke this module");\nit("never collected", () => {});\n`);
  writeFileSync(path.join(dir, "fine.test.ts"), `import {it} from "vitest";\nit("passes", () => {});\n`);
  const ctx = await createVitest("test", {root: dir, dir, watch: false, config: false, reporters: withReporter ? [new LoadFailuresReporter()] : [{}]});
  try {
    await ctx.start();
    return ctx.state
      .getFiles()
      .flatMap((file) => collectTestsFromSuite(file))
      .filter((test) => test.result)
      .map((test) => ({name: convertTestToTestResult(test).name, status: convertTestToTestResult(test).status}));
  } finally {
    await ctx.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

describe("the reporter, read by Stryker's vitest runner", () => {
  it("without it a file that fails to load has no failed test (the trap); with it, one failed test", {timeout: 60_000}, async () => {
    const without = await strykerResults(false);
    expect(without).toStrictEqual([{name: "passes", status: TestStatus.Success}]);
    const withIt = await strykerResults(true);
    expect([...withIt].sort((a, b) => a.name.localeCompare(b.name))).toStrictEqual([
      {name: LOAD_FAILURE_TEST, status: TestStatus.Failed},
      {name: "passes", status: TestStatus.Success}
    ]);
  });
});
