/**
 * The summary line (test/helpers/summary-reporter.ts) on fixture files run by
 * vitest in a child process: a test whose beforeAll failed counts as failed,
 * not skipped; a failed teardown or a file that does not load counts as one
 * failure; tests skipped on purpose stay skipped.
 */
import {execFile} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(ROOT, "test/fixtures/summary-reporter");
const VITEST = path.join(ROOT, "node_modules/.bin/vitest");
const REPORTER = path.join(ROOT, "test/helpers/summary-reporter.ts");

/** Runs one fixture file with the summary reporter only; the exit code and the last line of stdout. */
function runFixture(name: string): Promise<{code: number; line: string}> {
  // The child is a run of its own, not a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "TEST" && k !== "NODE_ENV"));
  return new Promise((resolve) => {
    execFile(VITEST, ["run", "--config", path.join(FIXTURES, "vitest.config.ts"), "--reporter", REPORTER, `${name}.fixture.ts`], {cwd: FIXTURES, env}, (error, stdout) => {
      const lines = stdout.trim().split("\n");
      resolve({code: error ? Number(error.code) : 0, line: lines.at(-1) ?? ""});
    });
  });
}

describe("summary reporter", () => {
  it("counts a clean run plainly: passed, and skip/todo as skipped", async () => {
    expect(await runFixture("clean")).toEqual({code: 0, line: "2 passed, 0 failed, 2 skipped"});
  });

  it("counts the tests of a suite whose beforeAll failed as failed (a skip on purpose stays skipped)", async () => {
    // Setup suite: 2 tests that never ran (failed) + 1 skip; healthy suite: 1 passed, 1 failed, 1 skip, 1 todo.
    expect(await runFixture("failing-setup")).toEqual({code: 1, line: "1 passed, 3 failed, 3 skipped"});
  });

  it("counts every test of a file whose file-level beforeAll failed as failed, nested ones too", async () => {
    expect(await runFixture("top-level-setup")).toEqual({code: 1, line: "0 passed, 2 failed"});
  });

  it("counts a failed afterAll as one failure beside the tests that passed", async () => {
    expect(await runFixture("teardown")).toEqual({code: 1, line: "1 passed, 1 failed"});
  });

  it("counts a file that throws while loading as one failure", async () => {
    expect(await runFixture("load-error")).toEqual({code: 1, line: "0 passed, 1 failed"});
  });
});
