/**
 * The mutation-test summary (issue 12): the score per file, per folder and
 * per area of a Stryker report, checked against the area targets. Written by
 * `npm run test:mutation` (cli/mutation.ts) to reports/mutation/summary.json;
 * on its own:
 *
 *   npm run --silent test:mutation:summary [-- REPORT [SUMMARY]]
 *
 * (default: the committed baseline test/mutation/stryker-incremental.json,
 * which holds every chunk's latest results).
 *
 * Score = detected ÷ valid, in percent. Killed and timed-out mutants are
 * detected. Survived and uncovered ones are not, and neither are ignored ones
 * (static mutants of the engine chunks, which Stryker leaves untested: they
 * count against the score rather than being left out). Compile errors (found
 * by the TypeScript checker) and runtime errors are not valid mutants.
 *
 * Exit code 1 when an area is below its target, when an engine file (or a
 * line range of one split over chunks) is missing from the report (the run
 * must cover every file of src/engine/), or when a file's results belong to an
 * older text of it (the file changed after its chunk last ran: its scores say
 * nothing about the code as it is).
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync} from "node:fs";
import path from "node:path";
import {pathToFileURL} from "node:url";
// @ts-expect-error: a plain ES module without types
import {ENGINE_CHUNK_FILES} from "../stryker.config.mjs";

export interface Area {
  id: string;
  label: string;
  /** Path prefixes (relative to the repository, "/" separators). */
  prefixes: readonly string[];
  /** Target score in percent. */
  target: number;
}

export const AREAS: readonly Area[] = [
  {id: "engine", label: "engine (src/engine/)", prefixes: ["src/engine/"], target: 85},
  {id: "state", label: "URL/page state (src/lib/state/)", prefixes: ["src/lib/state/"], target: 80},
  {id: "cli", label: "CLI arguments (cli/)", prefixes: ["cli/"], target: 75},
  {id: "kolada", label: "Kolada client (loaders/kolada/client.ts)", prefixes: ["loaders/kolada/"], target: 75}
];

export interface Counts {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  compileError: number;
  runtimeError: number;
  ignored: number;
  /** killed + timeout */
  detected: number;
  /** detected + survived + noCoverage + ignored */
  valid: number;
  /** detected ÷ valid in percent, rounded to 2 decimals; null without valid mutants. */
  score: number | null;
}

interface ReportMutant {
  status: string;
  location?: {start: {line: number}};
}
export interface Report {
  /** Per file: its mutants, and the text they were made from (Stryker's `source`). */
  files: Record<string, {source?: string; mutants: ReportMutant[]}>;
}

const STATUS: Record<string, keyof Omit<Counts, "detected" | "valid" | "score">> = {
  Killed: "killed",
  Timeout: "timeout",
  Survived: "survived",
  NoCoverage: "noCoverage",
  CompileError: "compileError",
  RuntimeError: "runtimeError",
  Ignored: "ignored"
};

export function count(mutants: readonly ReportMutant[]): Counts {
  const c = {killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileError: 0, runtimeError: 0, ignored: 0};
  for (const m of mutants) {
    const key = STATUS[m.status];
    if (key === undefined) throw new Error(`unknown mutant status ${JSON.stringify(m.status)} (a run that did not finish?)`);
    c[key]++;
  }
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage + c.ignored;
  return {...c, detected, valid, score: valid === 0 ? null : Math.round((10000 * detected) / valid) / 100};
}

/** Every folder of a path, outermost first: "src/engine/x.ts" → ["src/", "src/engine/"]. */
function folders(file: string): string[] {
  const parts = file.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/") + "/");
}

export interface Summary {
  report: string;
  /** Per chunk run by cli/mutation.ts: wall-clock seconds, Stryker's exit code, and whether it started from the baseline. */
  runs?: Record<string, {seconds: number; exitCode: number | null; fromBaseline: boolean}>;
  areas: Record<string, Counts & {label: string; target: number; met: boolean; files: number}>;
  folders: Record<string, Counts>;
  files: Record<string, Counts>;
  /**
   * Engine files (src/engine/*.ts, but for re-export-only modules such as
   * index.ts) that the report lacks, and line ranges ("file:FROM-TO") of a file
   * split over several chunks that have no mutant in the report (their chunk
   * has not run).
   */
  missingEngineFiles: string[];
  /**
   * Files whose results were made from another text than the file has now
   * (edited after their chunk last ran, or deleted): their chunk must run again.
   */
  staleFiles: string[];
}

/**
 * Whether a module only re-exports others (`export * from "./x.js";`, with
 * comments): Stryker makes no mutant in it, so no report lists it.
 */
export function reexportsOnly(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const statements = code.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return statements.length > 0 && statements.every((l) => /^export (type )?(\*|\{[^}]*\}) from "[^"]+";$/.test(l));
}

/** The engine's files that have code to mutate, as the report names them. */
export function engineFiles(): string[] {
  return readdirSync("src/engine")
    .filter((f) => f.endsWith(".ts") && !reexportsOnly(readFileSync(`src/engine/${f}`, "utf8")))
    .map((f) => `src/engine/${f}`)
    .sort();
}

/**
 * What a run must cover in the engine: each file, or for a file the chunks
 * split by line range (ENGINE_CHUNK_FILES entries "name:FROM-TO"), each range.
 */
export function engineParts(files: readonly string[] = engineFiles(), chunkFiles: Record<string, readonly string[]> = ENGINE_CHUNK_FILES): string[] {
  const ranges = Object.values(chunkFiles)
    .flat()
    .filter((e) => e.includes(":"));
  return files.flatMap((f) => {
    const own = ranges.filter((e) => `src/engine/${e.split(":")[0]}.ts` === f).map((e) => `${f}:${e.split(":")[1]}`);
    return own.length ? own : [f];
  });
}

/** Whether the report has the engine part: the file, or a mutant in the file's line range. */
function covers(byFile: Map<string, ReportMutant[]>, part: string): boolean {
  const range = /:(\d+)-(\d+)$/.exec(part);
  const mutants = byFile.get(range ? part.slice(0, range.index) : part);
  if (!mutants || !range) return mutants !== undefined;
  const [from, to] = [Number(range[1]), Number(range[2])];
  return mutants.some((m) => m.location !== undefined && m.location.start.line >= from && m.location.start.line <= to);
}

/** A file's text now, or undefined when it does not exist. */
export function currentText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

export function summarise(report: Report, reportPath: string, runs?: Summary["runs"], engine: readonly string[] = engineParts(), textNow: (file: string) => string | undefined = currentText): Summary {
  const byFile = new Map<string, ReportMutant[]>();
  const staleFiles: string[] = [];
  for (const [name, file] of Object.entries(report.files)) {
    const rel = (path.isAbsolute(name) ? path.relative(process.cwd(), name) : name).split(path.sep).join("/");
    byFile.set(rel, file.mutants);
    if (file.source !== undefined && file.source !== textNow(rel)) staleFiles.push(rel);
  }
  const files = [...byFile.keys()].sort();
  const folderNames = [...new Set(files.flatMap(folders))].sort();
  const of = (keep: (f: string) => boolean) => files.filter(keep).flatMap((f) => byFile.get(f)!);
  return {
    report: reportPath,
    ...(runs && {runs}),
    areas: Object.fromEntries(
      AREAS.map((a) => {
        const inArea = (f: string) => a.prefixes.some((p) => f.startsWith(p));
        const c = count(of(inArea));
        return [a.id, {label: a.label, target: a.target, ...c, met: c.score !== null && c.score >= a.target, files: files.filter(inArea).length}];
      })
    ),
    folders: Object.fromEntries(folderNames.map((d) => [d, count(of((f) => f.startsWith(d)))])),
    files: Object.fromEntries(files.map((f) => [f, count(byFile.get(f)!)])),
    missingEngineFiles: engine.filter((part) => !covers(byFile, part)),
    staleFiles: staleFiles.sort()
  };
}

/** Prints the summary; true when every area meets its target, no engine file is missing and no result is stale. */
export function printSummary(summary: Summary, written: string): boolean {
  const pct = (s: number | null) => (s === null ? "   n/a" : s.toFixed(2).padStart(6));
  const line = (name: string, c: Counts, extra = "") =>
    `${name.padEnd(44)} ${pct(c.score)} %  ${String(c.detected).padStart(5)} / ${String(c.valid).padEnd(5)} survived ${String(c.survived).padStart(4)}  no coverage ${String(c.noCoverage).padStart(4)}  ignored ${String(c.ignored).padStart(4)}${extra}`;
  const print: string[] = ["Mutation score per file (detected / valid):"];
  for (const [f, c] of Object.entries(summary.files)) print.push(line(f, c));
  print.push("", "Per folder:");
  for (const [d, c] of Object.entries(summary.folders)) print.push(line(d, c));
  print.push("", "Per area:");
  for (const a of Object.values(summary.areas)) print.push(line(a.label, a, `  target ${a.target} %: ${a.met ? "met" : "NOT MET"}`));
  if (summary.runs) print.push("", "Run times:", ...Object.entries(summary.runs).map(([c, r]) => `${c.padEnd(24)} ${String(r.seconds).padStart(6)} s  ${r.fromBaseline ? "incremental" : "full"}  exit ${r.exitCode}`));
  if (summary.missingEngineFiles.length) print.push("", `Engine files missing from the report: ${summary.missingEngineFiles.join(", ")}`);
  if (summary.staleFiles.length) print.push("", `Results for an older text of the file (run its chunk again): ${summary.staleFiles.join(", ")}`);
  print.push("", `Written: ${written}`);
  process.stdout.write(print.join("\n") + "\n");
  return Object.values(summary.areas).every((a) => a.met) && summary.missingEngineFiles.length === 0 && summary.staleFiles.length === 0;
}

function main(argv: readonly string[]): number {
  const reportPath = argv[0] ?? "test/mutation/stryker-incremental.json";
  const out = argv[1] ?? "reports/mutation/summary.json";
  const summary = summarise(JSON.parse(readFileSync(reportPath, "utf8")) as Report, reportPath);
  mkdirSync(path.dirname(out), {recursive: true});
  writeFileSync(out, JSON.stringify(summary, null, 2) + "\n");
  return printSummary(summary, out) ? 0 : 1;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) process.exitCode = main(process.argv.slice(2));
