/**
 * The mutation run's configuration (stryker.config.mjs, cli/mutation.ts):
 * every file of the four areas is mutated by exactly one chunk, and the
 * runner knows every chunk. A new engine file left out of the chunks would
 * otherwise never be mutated, and the summary would not show it missing.
 */
import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CHUNK_ORDER, chunkFileMatcher, mergeReports, parseMutationArgs, withoutUncoveredSurvivors} from "../cli/mutation.ts";
// @ts-expect-error: a plain ES module without types
import {CHUNKS, ENGINE_CHUNK_FILES} from "../stryker.config.mjs";

const chunks = CHUNKS as Record<string, {mutate: string[]; testFiles: string[]; break: number}>;

describe("mutation chunks", () => {
  it("the runner's chunk order names every chunk of the config once", () => {
    expect([...CHUNK_ORDER].sort()).toStrictEqual(Object.keys(chunks).sort());
  });

  it("every file of src/engine/ is in exactly one engine chunk, and every chunk's files exist", () => {
    const files = readdirSync("src/engine").filter((f) => f.endsWith(".ts"));
    const inChunks = Object.values(ENGINE_CHUNK_FILES as Record<string, string[]>).flat().map((f) => `${f}.ts`);
    expect([...inChunks].sort()).toStrictEqual([...files].sort());
    expect(new Set(inChunks).size).toBe(inChunks.length);
  });

  it("each area's chunks break at its target", () => {
    const engine = Object.entries(chunks).filter(([name]) => name.startsWith("engine-"));
    expect(engine.length).toBe(7);
    for (const [, chunk] of engine) expect(chunk.break).toBe(85);
    expect(chunks.state!.break).toBe(80);
    expect(chunks.cli!.break).toBe(75);
    expect(chunks.kolada!.break).toBe(75);
  });

  it("the cli chunk mutates every command's argument parser (line ranges found by name)", () => {
    const ranges = chunks.cli!.mutate.filter((m) => m.includes(":"));
    expect(ranges.map((r) => r.split(":")[0])).toStrictEqual(["cli/rank.ts", "cli/robustness.ts", "cli/audit.ts", "cli/pool.ts", "cli/scenarios.ts"]);
    for (const r of ranges) {
      const [from, to] = r.split(":")[1]!.split("-").map(Number);
      expect(to! - from!).toBeGreaterThan(5);
    }
  });
});

describe("the TypeScript checker's project (tsconfig.stryker.json)", () => {
  it("includes every file a chunk mutates (else the checker stops the run: no watcher for the file)", () => {
    const include: string[] = JSON.parse(readFileSync("tsconfig.stryker.json", "utf8").replace(/^\s*\/\/.*$/gm, "")).include;
    const covered = (file: string) => include.some((pattern) => (pattern.includes("**") ? file.startsWith(pattern.slice(0, pattern.indexOf("**"))) : pattern === file));
    const files = Object.values(chunks).flatMap((c) => c.mutate.filter((m) => !m.startsWith("!")).map((m) => m.split(":")[0]!));
    expect(files.filter((f) => !covered(f.replace(/\*\*\/\*\.ts$/, "x.ts")))).toStrictEqual([]);
  });
});

describe("the baseline handed to Stryker", () => {
  const mutant = (id: string, status: string, coveredBy?: string[]) => ({id, status, ...(coveredBy ? {coveredBy} : {})});
  const report = (mutants: ReturnType<typeof mutant>[]) =>
    ({schemaVersion: "2", thresholds: {high: 80, low: 60}, files: {"src/a.ts": {language: "typescript", source: "x", mutants}}, testFiles: {"test/a.test.ts": {tests: [{id: "0", name: "t"}]}}}) as unknown as Parameters<typeof withoutUncoveredSurvivors>[0];

  it("forgets a not-killed result that no test covers (a static mutant: Stryker would reuse it for ever), keeps every other", () => {
    const before = report([
      mutant("1", "Survived"),
      mutant("2", "NoCoverage", []),
      mutant("3", "Survived", ["0"]),
      mutant("4", "NoCoverage", ["0"]),
      mutant("5", "Killed"),
      mutant("6", "Timeout", []),
      mutant("7", "Killed", ["0"])
    ]);
    const after = withoutUncoveredSurvivors(before);
    expect(after.files["src/a.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["3", "4", "5", "6", "7"]);
    expect(after.testFiles).toBe(before.testFiles);
    expect(before.files["src/a.ts"]!.mutants).toHaveLength(7);
  });

  it("thins only the chunk's own files: another chunk's uncovered survivors stay recorded", () => {
    const before = report([mutant("1", "Survived"), mutant("2", "Killed")]);
    expect(withoutUncoveredSurvivors(before, (f) => f === "src/other.ts").files["src/a.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["1", "2"]);
    expect(withoutUncoveredSurvivors(before, (f) => f === "src/a.ts").files["src/a.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["2"]);
  });

  it("mergeReports: a file outside the chunk keeps the baseline's result, though the chunk's report carries it too", () => {
    const base = {files: {"src/a.ts": {language: "typescript", source: "a", mutants: [mutant("1", "Survived"), mutant("2", "Killed")]}, "src/c.ts": {language: "typescript", source: "c", mutants: [mutant("3", "Survived")]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[0];
    const part = {files: {"src/a.ts": {language: "typescript", source: "a", mutants: [mutant("2", "Killed")]}, "src/c.ts": {language: "typescript", source: "c", mutants: [mutant("3", "Killed")]}, "src/d.ts": {language: "typescript", source: "d", mutants: [mutant("4", "Killed")]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[1];
    const merged = mergeReports(base, part, () => true, (f) => f === "src/c.ts");
    expect(merged.files["src/a.ts"]!.mutants.map((m) => [m.id, m.status])).toStrictEqual([["1", "Survived"], ["2", "Killed"]]);
    expect(merged.files["src/c.ts"]!.mutants.map((m) => [m.id, m.status])).toStrictEqual([["3", "Killed"]]);
    // A file the baseline lacks is taken from the chunk's report whatever chunk it belongs to.
    expect(Object.keys(merged.files)).toStrictEqual(["src/a.ts", "src/c.ts", "src/d.ts"]);
  });

  it("chunkFileMatcher: paths, line ranges and globs of stryker.config.mjs", () => {
    const state = chunkFileMatcher(chunks.state!.mutate);
    expect(state("src/lib/state/url-state.ts")).toBe(true);
    expect(state("src/lib/state/sub/x.ts")).toBe(true);
    expect(state("src/lib/stateful.ts")).toBe(false);
    expect(state("src/engine/score.ts")).toBe(false);
    const cli = chunkFileMatcher(chunks.cli!.mutate);
    expect(["cli/args.ts", "cli/rank.ts", "cli/pool.ts"].map(cli)).toStrictEqual([true, true, true]);
    expect(cli("cli/mutation.ts")).toBe(false);
    const score = chunkFileMatcher(chunks["engine-score"]!.mutate);
    expect(["src/engine/score.ts", "src/engine/stats.ts", "src/engine/audit.ts", "src/engine/scoreX.ts"].map(score)).toStrictEqual([true, true, false, false]);
  });

  it("mergeReports: a chunk's files replace the baseline's, test ids are renumbered, files gone from disk are dropped", () => {
    const base = {
      files: {"src/a.ts": {language: "typescript", source: "old", mutants: [mutant("1", "Survived", ["9"])]}, "src/gone.ts": {language: "typescript", source: "", mutants: []}, "src/b.ts": {language: "typescript", source: "b", mutants: [mutant("2", "Killed", ["9"])]}},
      testFiles: {"test/b.test.ts": {tests: [{id: "9", name: "b works"}]}}
    } as unknown as Parameters<typeof mergeReports>[0];
    const part = {
      files: {"src/a.ts": {language: "typescript", source: "new", mutants: [mutant("1", "Killed", ["0"])]}},
      testFiles: {"test/a.test.ts": {tests: [{id: "0", name: "a works"}]}}
    } as unknown as Parameters<typeof mergeReports>[1];
    const merged = mergeReports(base, part, (file) => file !== "src/gone.ts");
    expect(Object.keys(merged.files)).toStrictEqual(["src/a.ts", "src/b.ts"]);
    expect(merged.files["src/a.ts"]!.source).toBe("new");
    expect(merged.testFiles).toStrictEqual({"test/a.test.ts": {tests: [{id: "0", name: "a works"}]}, "test/b.test.ts": {tests: [{id: "1", name: "b works"}]}});
    expect(merged.files["src/b.ts"]!.mutants[0]!.coveredBy).toStrictEqual(["1"]);
    expect(merged.files["src/a.ts"]!.mutants[0]!.coveredBy).toStrictEqual(["0"]);
  });
});

describe("the command line of npm run test:mutation", () => {
  it("runs every chunk in CHUNK_ORDER when none is named, and the named ones in that order otherwise", () => {
    expect(parseMutationArgs([])).toStrictEqual({chunks: [...CHUNK_ORDER], force: false});
    expect(parseMutationArgs(["engine-optimise", "cli"])).toStrictEqual({chunks: ["cli", "engine-optimise"], force: false});
  });

  it("takes --force, before or after the chunks, to re-test every mutant", () => {
    expect(parseMutationArgs(["--force", "state"])).toStrictEqual({chunks: ["state"], force: true});
    expect(parseMutationArgs(["kolada", "--force"])).toStrictEqual({chunks: ["kolada"], force: true});
  });

  it("names an unknown chunk or option, with the ones it knows", () => {
    expect(parseMutationArgs(["engine", "cli"])).toStrictEqual({error: `unknown chunk engine (chunks: ${CHUNK_ORDER.join(", ")})`});
    expect(parseMutationArgs(["--full", "cli"])).toStrictEqual({error: "unknown option --full (options: --force)"});
  });
});
