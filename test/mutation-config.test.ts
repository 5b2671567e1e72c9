/**
 * The mutation run's configuration (stryker.config.mjs, cli/mutation.ts):
 * every file of the four areas is mutated by exactly one chunk, and the
 * runner knows every chunk. A new engine file left out of the chunks would
 * otherwise never be mutated, and the summary would not show it missing.
 */
import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CHUNK_ORDER, chunkCounts, chunkFileMatcher, incrementalFor, mergeReports, parseMutationArgs, withoutUncoveredSurvivors} from "../cli/mutation.ts";
// @ts-expect-error: a plain ES module without types
import {CHUNKS, ENGINE_CHUNK_FILES} from "../stryker.config.mjs";

const chunks = CHUNKS as Record<string, {mutate: string[]; testFiles: string[]; break: number}>;

describe("mutation chunks", () => {
  it("the runner's chunk order names every chunk of the config once", () => {
    expect([...CHUNK_ORDER].sort()).toStrictEqual(Object.keys(chunks).sort());
  });

  it("every file of src/engine/ is in exactly one engine chunk, or its lines in contiguous ranges of several, and every chunk's files exist", () => {
    const files = readdirSync("src/engine").filter((f) => f.endsWith(".ts"));
    const entries = Object.values(ENGINE_CHUNK_FILES as Record<string, string[]>).flat();
    const whole = entries.filter((e) => !e.includes(":")).map((f) => `${f}.ts`);
    const ranges = new Map<string, [number, number][]>();
    for (const e of entries.filter((e) => e.includes(":"))) {
      const [name, range] = e.split(":") as [string, string];
      const [from, to] = range.split("-").map(Number) as [number, number];
      ranges.set(`${name}.ts`, [...(ranges.get(`${name}.ts`) ?? []), [from, to]]);
    }
    expect([...whole, ...ranges.keys()].sort()).toStrictEqual([...files].sort());
    expect(new Set(whole).size).toBe(whole.length);
    for (const [file, parts] of ranges) {
      // From line 1 to the file's last line, each range starting where the previous ended.
      const lines = readFileSync(`src/engine/${file}`, "utf8").replace(/\n$/, "").split("\n").length;
      const sorted = [...parts].sort((a, b) => a[0] - b[0]);
      expect(sorted[0]![0]).toBe(1);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0]).toBe(sorted[i - 1]![1] + 1);
      expect(sorted.at(-1)![1]).toBe(lines);
      expect(parts.length).toBeGreaterThan(1);
    }
  });

  it("splits optimise.ts at top-level declarations: each range starts at line 1 or at a line that begins a declaration at column 0", () => {
    const lines = readFileSync("src/engine/optimise.ts", "utf8").split("\n");
    const parts = ["engine-optimise-prepare", "engine-optimise-rows", "engine-optimise-search"].map((c) => chunks[c]!.mutate);
    expect(parts.every((m) => m.length === 1 && m[0]!.startsWith("src/engine/optimise.ts:"))).toBe(true);
    const starts = parts.map((m) => Number(m[0]!.split(":")[1]!.split("-")[0]));
    expect(starts[0]).toBe(1);
    for (const start of starts.slice(1)) {
      expect(lines[start - 1]).toMatch(/^(export )?(async )?function \w+\(/);
      // The line before ends the previous declaration or the new one's doc comment.
      expect(["", " */"]).toContain(lines[start - 2]);
    }
  });

  it("each area's chunks break at its target", () => {
    const engine = Object.entries(chunks).filter(([name]) => name.startsWith("engine-"));
    expect(engine.length).toBe(9);
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
  const mutant = (id: string, status: string, coveredBy?: string[], line = 1) => ({id, status, location: {start: {line, column: 1}, end: {line, column: 2}}, ...(coveredBy ? {coveredBy} : {})});
  /** A merged report's older texts of a file: mergeReports always writes a list, newest first. */
  const texts = (merged: ReturnType<typeof mergeReports>, file: string) => {
    const stored = merged.previousTexts![file]!;
    expect(Array.isArray(stored)).toBe(true);
    return stored as Exclude<typeof stored, {source: string}>;
  };
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

  it("chunkFileMatcher: with a line, whether the chunk mutates that line of the file", () => {
    const part = chunkFileMatcher(["src/engine/optimise.ts:574-938"]);
    expect(part("src/engine/optimise.ts")).toBe(true);
    expect([573, 574, 938, 939].map((l) => part("src/engine/optimise.ts", l))).toStrictEqual([false, true, true, false]);
    expect(part("src/engine/score.ts", 600)).toBe(false);
    const whole = chunkFileMatcher(["src/engine/score.ts"]);
    expect([1, 10_000].map((l) => whole("src/engine/score.ts", l))).toStrictEqual([true, true]);
  });

  it("mergeReports: a chunk over a line range replaces only its lines' results and keeps the base's others, unless the source changed", () => {
    const at = (id: string, status: string, line: number) => mutant(id, status, undefined, line);
    const base = {files: {"src/o.ts": {language: "typescript", source: "v1", mutants: [at("1", "Survived", 5), at("2", "Survived", 20), at("3", "Killed", 40)]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[0];
    const inRows = chunkFileMatcher(["src/o.ts:10-30"]);
    const part = {files: {"src/o.ts": {language: "typescript", source: "v1", mutants: [at("2", "Killed", 20)]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[1];
    const merged = mergeReports(base, part, () => true, inRows);
    expect(merged.files["src/o.ts"]!.mutants.map((m) => [m.id, m.status])).toStrictEqual([["1", "Survived"], ["3", "Killed"], ["2", "Killed"]]);
    // The file changed since the base's results: those outside the range are another text's, so
    // they leave the file's results and are kept with that text for their chunks' next runs.
    const changed = {...part, files: {"src/o.ts": {...part.files["src/o.ts"]!, source: "v2"}}} as Parameters<typeof mergeReports>[1];
    const afterEdit = mergeReports(base, changed, () => true, inRows);
    expect(afterEdit.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["2"]);
    expect(afterEdit.previousTexts!["src/o.ts"]).toHaveLength(1);
    expect(texts(afterEdit, "src/o.ts")[0]!.source).toBe("v1");
    expect(texts(afterEdit, "src/o.ts")[0]!.mutants.map((m) => [m.id, m.location.start.line])).toStrictEqual([["1", 5], ["3", 40]]);
  });

  it("previousTexts: a run of another range takes its results out, with test ids renumbered like the files'; an emptied entry, or a file gone, leaves", () => {
    const at = (id: string, status: string, line: number, killedBy?: string[]) => ({...mutant(id, status, killedBy, line), ...(killedBy && {killedBy})});
    const base = {
      files: {"src/o.ts": {language: "typescript", source: "v2", mutants: [at("2", "Killed", 20)]}},
      previousTexts: {"src/o.ts": {source: "v1", mutants: [at("1", "Killed", 5, ["7"]), at("3", "Survived", 40)]}, "src/gone.ts": {source: "g", mutants: [at("4", "Killed", 1)]}},
      testFiles: {"test/o.test.ts": {tests: [{id: "7", name: "o works"}]}}
    } as unknown as Parameters<typeof mergeReports>[0];
    const head = {files: {"src/o.ts": {language: "typescript", source: "v2", mutants: [at("1", "Killed", 5)]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[1];
    const afterHead = mergeReports(base, head, (f) => f !== "src/gone.ts", chunkFileMatcher(["src/o.ts:1-9"]));
    expect(afterHead.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["2", "1"]);
    expect(Object.keys(afterHead.previousTexts!)).toStrictEqual(["src/o.ts"]);
    expect(texts(afterHead, "src/o.ts").map((t) => [t.source, t.mutants.map((m) => m.id)])).toStrictEqual([["v1", ["3"]]]);
    const tail = {files: {"src/o.ts": {language: "typescript", source: "v2", mutants: [at("3", "Killed", 40)]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[1];
    const done = mergeReports(afterHead, tail, () => true, chunkFileMatcher(["src/o.ts:31-50"]));
    expect(done.previousTexts).toBeUndefined();
    expect(done.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["2", "1", "3"]);
    // Test ids in previousTexts follow the renumbering (the base's "7" becomes the merged report's id for the same test).
    const withTests = mergeReports(base, {...head, testFiles: {"test/n.test.ts": {tests: [{id: "0", name: "new"}]}}} as unknown as Parameters<typeof mergeReports>[1], () => true, chunkFileMatcher(["src/o.ts:30-50"]));
    const seven = withTests.testFiles!["test/o.test.ts"]!.tests[0]!.id;
    expect(seven).not.toBe("7");
    expect(texts(withTests, "src/o.ts")[0]!.mutants[0]!.killedBy).toStrictEqual([seven]);
  });

  it("previousTexts: a file edited twice before every range ran again keeps both older texts, each with its ranges, for their chunks", () => {
    const at = (id: string, status: string, line: number) => mutant(id, status, ["0"], line);
    // Ranges 1-9 (head), 10-30 (rows), 31-50 (tail). The head last ran on v1; then the file became
    // v2 and the tail ran (the rows' results are still v1's); then v3, and the head runs.
    const base = {
      files: {"src/o.ts": {language: "typescript", source: "v2", mutants: [at("3", "Killed", 40)]}},
      previousTexts: {"src/o.ts": {source: "v1", mutants: [at("1", "Killed", 5), at("2", "Survived", 20)]}},
      testFiles: {"test/o.test.ts": {tests: [{id: "0", name: "o works"}]}}
    } as unknown as Parameters<typeof mergeReports>[0];
    const head = {files: {"src/o.ts": {language: "typescript", source: "v3", mutants: [at("1", "Killed", 5)]}}, testFiles: {"test/o.test.ts": {tests: [{id: "0", name: "o works"}]}}} as unknown as Parameters<typeof mergeReports>[1];
    const merged = mergeReports(base, head, () => true, chunkFileMatcher(["src/o.ts:1-9"]));
    expect(merged.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["1"]);
    expect(texts(merged, "src/o.ts").map((t) => [t.source, t.mutants.map((m) => m.id)])).toStrictEqual([
      ["v2", ["3"]],
      ["v1", ["2"]]
    ]);
    // Each range's chunk then gets the text its results were made on.
    const forRows = incrementalFor(merged, chunkFileMatcher(["src/o.ts:10-30"])).files["src/o.ts"]!;
    expect([forRows.source, forRows.mutants.map((m) => m.id)]).toStrictEqual(["v1", ["2"]]);
    const forTail = incrementalFor(merged, chunkFileMatcher(["src/o.ts:31-50"])).files["src/o.ts"]!;
    expect([forTail.source, forTail.mutants.map((m) => m.id)]).toStrictEqual(["v2", ["3"]]);
    // Once the rows run, v1 leaves and v2 stays for the tail.
    const rows = {files: {"src/o.ts": {language: "typescript", source: "v3", mutants: [at("2", "Killed", 20)]}}, testFiles: {}} as unknown as Parameters<typeof mergeReports>[1];
    const afterRows = mergeReports(merged, rows, () => true, chunkFileMatcher(["src/o.ts:10-30"]));
    expect(texts(afterRows, "src/o.ts").map((t) => t.source)).toStrictEqual(["v2"]);
    expect(afterRows.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["1", "2"]);
  });

  it("incrementalFor: a chunk whose lines have results only for an older text gets that text and those results; otherwise the baseline as it is", () => {
    const at = (id: string, status: string, line: number) => mutant(id, status, ["0"], line);
    const baseline = {
      files: {"src/o.ts": {language: "typescript", source: "v2", mutants: [at("2", "Killed", 20)]}, "src/p.ts": {language: "typescript", source: "p", mutants: [at("5", "Killed", 3)]}},
      previousTexts: {"src/o.ts": {source: "v1", mutants: [at("1", "Killed", 5), at("6", "Survived", 25), at("3", "Survived", 40)]}},
      testFiles: {"test/o.test.ts": {tests: [{id: "0", name: "o works"}]}}
    } as unknown as Parameters<typeof incrementalFor>[0];
    const forTail = incrementalFor(baseline, chunkFileMatcher(["src/o.ts:31-50"]));
    expect(forTail.files["src/o.ts"]).toMatchObject({source: "v1"});
    expect(forTail.files["src/o.ts"]!.mutants.map((m) => m.id)).toStrictEqual(["3"]);
    expect(forTail.files["src/p.ts"]).toBe(baseline.files["src/p.ts"]);
    // The range has results for the text as it is: nothing older is used.
    const forMiddle = incrementalFor(baseline, chunkFileMatcher(["src/o.ts:10-30"])).files["src/o.ts"]!;
    expect([forMiddle.source, forMiddle.mutants.map((m) => m.id)]).toStrictEqual(["v2", ["2"]]);
    // Another file's chunk: o.ts is left as it is.
    expect(incrementalFor(baseline, chunkFileMatcher(["src/p.ts"])).files["src/o.ts"]).toMatchObject({source: "v2"});
  });

  it("chunkCounts: scores only the chunk's own mutants, not the other files the report carries", () => {
    const at = (id: string, status: string, line: number) => mutant(id, status, undefined, line);
    const report = {
      files: {
        "src/o.ts": {language: "typescript", source: "o", mutants: [at("1", "Killed", 5), at("2", "Survived", 12), at("3", "Timeout", 15), at("4", "CompileError", 16), at("5", "Survived", 40)]},
        "src/other.ts": {language: "typescript", source: "x", mutants: [at("6", "Killed", 1), at("7", "Killed", 2)]}
      },
      testFiles: {}
    } as unknown as Parameters<typeof chunkCounts>[0];
    // Lines 10-30 of src/o.ts: 2 and 3 are valid (one survived, one timed out), 4 is not valid.
    const c = chunkCounts(report, chunkFileMatcher(["src/o.ts:10-30"]));
    expect([c.detected, c.valid, c.score]).toStrictEqual([1, 2, 50]);
    expect(chunkCounts(report, chunkFileMatcher(["src/o.ts"])).score).toBe(50);
    expect(chunkCounts(report, chunkFileMatcher(["src/none.ts"])).score).toBeNull();
  });

  it("chunkFileMatcher: paths, line ranges and globs of stryker.config.mjs", () => {
    const state = chunkFileMatcher(chunks.state!.mutate);
    expect(state("src/lib/state/url-state.ts")).toBe(true);
    expect(state("src/lib/state/sub/x.ts")).toBe(true);
    expect(state("src/lib/stateful.ts")).toBe(false);
    expect(state("src/engine/score.ts")).toBe(false);
    const cli = chunkFileMatcher(chunks.cli!.mutate);
    expect(["cli/args.ts", "cli/rank.ts", "cli/pool.ts"].map((f) => cli(f))).toStrictEqual([true, true, true]);
    expect(cli("cli/mutation.ts")).toBe(false);
    const score = chunkFileMatcher(chunks["engine-score"]!.mutate);
    expect(["src/engine/score.ts", "src/engine/stats.ts", "src/engine/audit.ts", "src/engine/scoreX.ts"].map((f) => score(f))).toStrictEqual([true, true, false, false]);
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
    expect(parseMutationArgs(["engine-optimise-search", "cli"])).toStrictEqual({chunks: ["cli", "engine-optimise-search"], force: false});
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
