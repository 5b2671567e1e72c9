/**
 * A setup file of vitest.stryker.config.ts, run after Stryker's own before
 * every test file, so that static mutants (code run once when a module loads,
 * such as a constant table or a module-level regex) are really tested.
 *
 * Two things kept them from taking effect, so every static mutant of the
 * state, cli and kolada chunks "survived" whatever the tests asserted:
 * - the config keeps one worker and its modules between Stryker's runs
 *   (`isolate: false`): a module loaded, unmutated, by an earlier run is not
 *   evaluated again;
 * - with `testFiles` set, Stryker 9.6 runs a static mutant with a test filter
 *   (all tests of the chunk) and therefore as a "runtime" mutant: the
 *   mutant is switched on in beforeAll, after the test file's imports ran.
 *
 * So: in the dry run, this file records which mutants were hit while modules
 * loaded (Stryker's static coverage) in a file of the sandbox. In a mutant
 * run, when the active mutant is one of those, it is switched on before the
 * test file's imports and the module registry is reset, so the code is
 * imported afresh with the mutant on; the next run of another mutant resets
 * the registry again and imports the code clean. Runtime mutants keep the
 * shared modules (the speed `isolate: false` is for).
 *
 * A runtime mutant's run collects its test files with no mutant on (Stryker
 * leaves the previous run's mutant on until its own beforeAll).
 *
 * Outside Stryker (no "mode" provided) it does nothing.
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {afterAll, inject, vi} from "vitest";

const provided = inject as (key: string) => unknown;
const mode = provided("mode");
const STATIC_FILE = ".mutation-static-mutants.json";

interface StrykerGlobal {
  activeMutant?: string;
  mutantCoverage?: {static?: Record<string, number>};
}
const namespace = provided("globalNamespace");
const stryker = (typeof namespace === "string" ? (globalThis as Record<string, unknown>)[namespace] : undefined) as StrykerGlobal | undefined;
const memory = globalThis as {__mutationModulesLoadedFor?: string; __mutationStaticMutants?: Set<string>};

function staticMutants(): Set<string> {
  if (!memory.__mutationStaticMutants) memory.__mutationStaticMutants = new Set(existsSync(STATIC_FILE) ? (JSON.parse(readFileSync(STATIC_FILE, "utf8")) as string[]) : []);
  return memory.__mutationStaticMutants;
}

if (mode === "dry-run") {
  afterAll(() => {
    const ids = new Set([...staticMutants(), ...Object.keys(stryker?.mutantCoverage?.static ?? {})]);
    memory.__mutationStaticMutants = ids;
    writeFileSync(STATIC_FILE, JSON.stringify([...ids]));
  });
} else if (mode === "mutant" && stryker) {
  const active = String(provided("activeMutant"));
  const isStatic = staticMutants().has(active);
  const wanted = isStatic ? `static:${active}` : "clean";
  if (isStatic) stryker.activeMutant = active;
  // A runtime mutant is switched on by Stryker's beforeAll, after the test file is collected. Until then the worker
  // (kept between runs) still has the previous run's mutant on: code a test file runs while it is collected (a
  // fixture computed at module level or in a describe body) would run with that other mutant, failing or passing for
  // the wrong mutant. Collect with none.
  else if (provided("mutantActivation") !== "static") stryker.activeMutant = undefined;
  if (memory.__mutationModulesLoadedFor !== wanted) {
    vi.resetModules();
    memory.__mutationModulesLoadedFor = wanted;
  }
}
