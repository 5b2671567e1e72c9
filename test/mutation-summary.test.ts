/**
 * The mutation summary (cli/mutation-summary.ts): scores by hand, the area
 * targets, and which engine files a run must cover.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it, vi} from "vitest";
import {count, currentText, engineFiles, engineParts, printSummary, reexportsOnly, summarise, type Report} from "../cli/mutation-summary.ts";

const mutants = (...statuses: string[]) => statuses.map((status) => ({status}));

describe("count", () => {
  it("detected = killed + timeout; valid adds survived, no coverage and ignored; compile and runtime errors are not valid", () => {
    const c = count(mutants("Killed", "Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError", "RuntimeError"));
    expect(c).toMatchObject({killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, compileError: 1, runtimeError: 1, detected: 3, valid: 6});
    expect(c.score).toBe(50);
    expect(count(mutants("CompileError")).score).toBeNull();
    expect(() => count(mutants("Pending"))).toThrow(/unknown mutant status "Pending"/);
  });
});

describe("summarise", () => {
  it("checks each area against its target and names the engine files the report lacks", () => {
    const report: Report = {
      files: {
        "src/engine/a.ts": {mutants: mutants("Killed", "Killed", "Killed", "Killed", "Killed", "Killed", "Survived")}, // 85.71 %
        "src/lib/state/s.ts": {mutants: mutants("Killed", "Survived")} // 50 %
      }
    };
    const s = summarise(report, "r.json", undefined, ["src/engine/a.ts", "src/engine/b.ts"]);
    expect(s.areas.engine).toMatchObject({score: 85.71, target: 85, met: true, files: 1});
    expect(s.areas.state).toMatchObject({score: 50, target: 80, met: false});
    expect(s.areas.cli!.score).toBeNull();
    expect(s.missingEngineFiles).toEqual(["src/engine/b.ts"]);
    expect(s.folders["src/engine/"]!.valid).toBe(7);
  });
});

describe("results for an older text", () => {
  it("a file whose text changed, or that is gone, is stale; one whose text is the report's is not", () => {
    const now: Record<string, string> = {"src/engine/a.ts": "const a = 1;\n", "src/engine/b.ts": "const b = 3;\n"};
    const report: Report = {
      files: {
        "src/engine/a.ts": {source: "const a = 1;\n", mutants: mutants("Killed")},
        "src/engine/b.ts": {source: "const b = 2;\n", mutants: mutants("Killed")},
        "src/engine/gone.ts": {source: "const c = 1;\n", mutants: mutants("Killed")}
      }
    };
    const s = summarise(report, "r.json", undefined, ["src/engine/a.ts"], (f) => now[f]);
    expect(s.staleFiles).toEqual(["src/engine/b.ts", "src/engine/gone.ts"]);
    now["src/engine/b.ts"] = "const b = 2;\n";
    expect(summarise(report, "r.json", undefined, ["src/engine/a.ts"], (f) => now[f]).staleFiles).toEqual(["src/engine/gone.ts"]);
  });

  it("fail the summary and are named, though every area meets its target", () => {
    const areaFiles = ["src/lib/state/s.ts", "cli/c.ts", "loaders/kolada/k.ts"];
    const report: Report = {files: {"src/engine/a.ts": {source: "old\n", mutants: mutants("Killed")}, ...Object.fromEntries(areaFiles.map((f) => [f, {mutants: mutants("Killed")}]))}};
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const stale = summarise(report, "r.json", undefined, ["src/engine/a.ts"], () => "new\n");
      expect(Object.values(stale.areas).every((a) => a.met)).toBe(true);
      expect(printSummary(stale, "s.json")).toBe(false);
      expect(String(write.mock.calls.at(-1)![0])).toContain("Results for an older text of the file (run its chunk again): src/engine/a.ts");
      expect(printSummary(summarise(report, "r.json", undefined, ["src/engine/a.ts"], () => "old\n"), "s.json")).toBe(true);
    } finally {
      write.mockRestore();
    }
  });

  it("reads a file's text now from disk, and undefined for a file that does not exist", () => {
    expect(currentText("src/engine/index.ts")).toBe(readFileSync("src/engine/index.ts", "utf8"));
    expect(currentText("src/engine/no-such-file.ts")).toBeUndefined();
  });
});

describe("engine files split by line range", () => {
  it("must each have a mutant in every range; a range without one is named missing", () => {
    const at = (line: number) => ({status: "Killed", location: {start: {line}}});
    const parts = engineParts(["src/engine/a.ts", "src/engine/o.ts"], {"c-1": ["a", "o:1-10"], "c-2": ["o:11-20"]});
    expect(parts).toEqual(["src/engine/a.ts", "src/engine/o.ts:1-10", "src/engine/o.ts:11-20"]);
    const report: Report = {files: {"src/engine/a.ts": {mutants: [at(3)]}, "src/engine/o.ts": {mutants: [at(2), at(10)]}}};
    expect(summarise(report, "r.json", undefined, parts).missingEngineFiles).toEqual(["src/engine/o.ts:11-20"]);
    report.files["src/engine/o.ts"]!.mutants.push(at(11));
    expect(summarise(report, "r.json", undefined, parts).missingEngineFiles).toEqual([]);
  });

  it("are optimise.ts's three ranges in this repository", () => {
    expect(engineParts().filter((p) => p.startsWith("src/engine/optimise.ts")).length).toBe(3);
  });
});

describe("engine files a run must cover", () => {
  it("a module that only re-exports has nothing to mutate; one with any code does", () => {
    expect(reexportsOnly('/** The engine. */\nexport * from "./a.js";\nexport type {T} from "./t.js";\n// end\n')).toBe(true);
    expect(reexportsOnly('export * from "./a.js";\nexport const x = 1;\n')).toBe(false);
    expect(reexportsOnly("/** nothing */\n")).toBe(false);
  });

  it("are every file of src/engine/ but index.ts, which only re-exports", () => {
    expect(reexportsOnly(readFileSync("src/engine/index.ts", "utf8"))).toBe(true);
    const files = engineFiles();
    expect(files).not.toContain("src/engine/index.ts");
    expect(files).toContain("src/engine/score.ts");
    expect(files).toContain("src/engine/types.ts");
  });
});
