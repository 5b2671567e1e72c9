/**
 * A vitest reporter of vitest.stryker.config.ts: a test file that fails to
 * load gets one failed test, "(the test file failed to load)", so that Stryker
 * counts the mutant that broke it as killed.
 *
 * Why: Stryker's vitest runner (9.6) reads the results of the tests it finds
 * in each file. A mutant that makes a test file throw while vitest collects it
 * (a module-level table that no longer builds, a fixture computed in a
 * `describe` body, a module that needs a `window` it no longer checks for)
 * leaves that file with no tests and no failed test, and the mutant was
 * recorded as Survived although `npm test` fails on it. Found with
 * `page-state.ts:61` and `scenario-codec.ts:112`, both reported Survived.
 *
 * It changes nothing for a file that loaded, or one that failed with its tests
 * collected (their own results say it).
 */
import type {File, Reporter, Test} from "vitest";

export const LOAD_FAILURE_TEST = "(the test file failed to load)";

function hasTests(task: {tasks?: readonly unknown[]}): boolean {
  return (task.tasks ?? []).some((t) => {
    const child = t as {type: string; tasks?: readonly unknown[]};
    return child.type === "test" || (child.type === "suite" && hasTests(child));
  });
}

/** Adds the failed test to every file that failed with no tests collected; returns the files it changed. */
export function markLoadFailures(files: readonly File[]): File[] {
  const marked: File[] = [];
  for (const file of files) {
    if (file.result?.state !== "fail" || hasTests(file)) continue;
    const test = {
      type: "test",
      id: `${file.id}_load`,
      name: LOAD_FAILURE_TEST,
      fullName: `${file.name} > ${LOAD_FAILURE_TEST}`,
      mode: "run",
      file,
      meta: {},
      annotations: [],
      timeout: 0,
      context: undefined,
      result: {state: "fail", errors: file.result.errors ?? [{name: "Error", message: "the test file failed to load", stack: ""}], duration: 0}
    } as unknown as Test;
    file.tasks.push(test);
    marked.push(file);
  }
  return marked;
}

export default class LoadFailuresReporter implements Reporter {
  onFinished(files: File[]): void {
    markLoadFailures(files);
  }
}
