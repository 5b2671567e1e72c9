/**
 * Mutation testing (issue 12): `npm run test:mutation [-- [--force] CHUNK...]`.
 *
 * Runs Stryker once per chunk of stryker.config.mjs (all chunks when none is
 * named), each incrementally from the committed baseline
 * test/mutation/stryker-incremental.json: a mutant is tested again only when
 * its code or the tests that covered it changed (`--force`: every mutant of
 * the named chunks, after a change to the setup). Each finished chunk is merged
 * into the baseline at once, so a long run that is stopped keeps what it did.
 * Then writes, in reports/mutation/ (git-ignored):
 * - mutation.json and mutation.html: the merged report of every chunk;
 * - summary.json: the score per file, folder and area, and the run times
 *   (cli/mutation-summary.ts).
 * Commit the updated baseline with the change it belongs to.
 *
 * Exit code 1 when a chunk failed, or its own mutants (chunkCounts) score
 * under its break threshold (its area's target), or the summary fails (an area
 * misses its target, an engine part has no results, a file's results belong to
 * an older text of it).
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {count, printSummary, summarise, type Counts, type Report} from "./mutation-summary.ts";
// @ts-expect-error: a plain ES module without types
import {CHUNKS} from "../stryker.config.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BASELINE = "test/mutation/stryker-incremental.json";
const OUT = "reports/mutation";

/** The chunks in run order (cheapest first); the names of stryker.config.mjs. */
export const CHUNK_ORDER = ["cli", "state", "kolada", "engine-score", "engine-trend", "engine-static", "engine-explain", "engine-audit", "engine-uncertainty", "engine-optimise-prepare", "engine-optimise-rows", "engine-optimise-search"] as const;

interface ReportTest {
  id: string;
  name: string;
  location?: unknown;
}
interface ReportMutant {
  id: string;
  status: string;
  location: {start: {line: number; column: number}; end: {line: number; column: number}};
  coveredBy?: string[];
  killedBy?: string[];
  [key: string]: unknown;
}

/** Results of some line ranges of a file, made on an older text of it. */
interface PreviousText {
  source: string;
  mutants: ReportMutant[];
}

/** A file's older texts, newest first (one object in a baseline from before there could be more). */
const olderTexts = (stored: PreviousText[] | PreviousText): PreviousText[] => (Array.isArray(stored) ? stored : [stored]);

interface FullReport extends Report {
  files: Record<string, {language: string; source: string; mutants: ReportMutant[]}>;
  testFiles?: Record<string, {source?: string; tests: ReportTest[]}>;
  /**
   * Ours, not Stryker's: for a file split over chunks by line range, the
   * results of the ranges not yet re-run since the file's text changed, with
   * that older text, newest first ({@link mergeReports}, {@link incrementalFor}).
   * A baseline written before there could be several holds one object.
   */
  previousTexts?: Record<string, PreviousText[] | PreviousText>;
  [key: string]: unknown;
}

/**
 * Whether a file, or a line of it, is mutated by a chunk, from the chunk's
 * `mutate` entries: paths, globs with `*` and `**`, and a path with a line
 * range ("file:FROM-TO"). Without `line`: whether the chunk mutates any of the
 * file; with it: whether it mutates that line.
 */
export function chunkFileMatcher(mutate: readonly string[]): (file: string, line?: number) => boolean {
  const patterns = mutate.map((entry) => {
    const range = /:(\d+)-(\d+)$/.exec(entry);
    const glob = range ? entry.slice(0, range.index) : entry;
    const source = glob
      .split(/(\*\*\/|\*)/)
      .map((part) => (part === "**/" ? "(?:.*/)?" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    return {file: new RegExp(`^${source}$`), from: range ? Number(range[1]) : 1, to: range ? Number(range[2]) : Infinity};
  });
  return (file, line) => patterns.some((p) => p.file.test(file) && (line === undefined || (line >= p.from && line <= p.to)));
}

/**
 * `part` (one chunk's report) over `base`: the part's files of the chunk
 * (`inChunk`) replace the base's, every other file keeps the base's result
 * (Stryker's report of a chunk also carries the other chunks' files, as the
 * incremental file handed to it had them, possibly thinned by
 * {@link withoutUncoveredSurvivors}); test ids (numbers local to each run) are renumbered over both by
 * file and name; files that no longer exist are dropped.
 *
 * A file the chunk mutates only in part (a line range) keeps the base's
 * mutants outside the chunk's lines, as long as its source is unchanged. If it
 * changed, those results belong to another text: they leave the file's
 * results (the summary names their ranges missing until their chunks run) and
 * are kept, with that text, in `previousTexts`, which {@link incrementalFor}
 * hands to Stryker when their chunk runs, so that Stryker's differ maps them
 * to the new text instead of testing every mutant again. A range's entries
 * leave `previousTexts` once its chunk has run. A file edited twice before
 * all its ranges ran again has two older texts, each with the ranges last
 * run on it (newest first): keeping only the newest once cost the rows range
 * of `optimise.ts` a full re-run (2026-11-29).
 */
export function mergeReports(base: FullReport | undefined, part: FullReport, exists: (file: string) => boolean = existsSync, inChunk: (file: string, line?: number) => boolean = () => true): FullReport {
  const testFiles: Record<string, {source?: string; tests: ReportTest[]}> = {};
  const idOf = new Map<string, string>();
  let next = 0;
  const key = (file: string, name: string) => `${file}\u0000${name}`;
  const addTests = (files: FullReport["testFiles"], override: boolean) => {
    for (const [file, tf] of Object.entries(files ?? {})) {
      if (!exists(file) && file !== "") continue;
      if (testFiles[file] && !override) continue;
      testFiles[file] = {...tf, tests: tf.tests.map((t) => ({...t, id: idOf.get(key(file, t.name)) ?? String(next++)}))};
      for (const t of testFiles[file]!.tests) idOf.set(key(file, t.name), t.id);
    }
  };
  addTests(part.testFiles, true);
  addTests(base?.testFiles, false);
  const remap = (report: FullReport) => {
    const old = new Map<string, string>();
    for (const [file, tf] of Object.entries(report.testFiles ?? {})) for (const t of tf.tests) old.set(t.id, key(file, t.name));
    const ids = (list: string[] | undefined) => list && list.map((id) => idOf.get(old.get(id) ?? "")).filter((id): id is string => id !== undefined);
    return (m: ReportMutant): ReportMutant => ({...m, ...(m.coveredBy && {coveredBy: ids(m.coveredBy)}), ...(m.killedBy && {killedBy: ids(m.killedBy)})});
  };
  const files: FullReport["files"] = {};
  const outside: Record<string, ReportMutant[]> = {};
  const previousTexts: Record<string, PreviousText[]> = {};
  if (base) {
    const fromBase = remap(base);
    for (const [name, stored] of Object.entries(base.previousTexts ?? {})) {
      if (!exists(name)) continue;
      for (const previous of olderTexts(stored)) {
        const left = previous.mutants.filter((m) => !(name in part.files && inChunk(name, m.location.start.line)));
        if (left.length) (previousTexts[name] ??= []).push({source: previous.source, mutants: left.map(fromBase)});
      }
    }
    for (const [name, file] of Object.entries(base.files)) {
      if (!exists(name)) continue;
      if (!(name in part.files && inChunk(name))) files[name] = {...file, mutants: file.mutants.map(fromBase)};
      else {
        const others = file.mutants.filter((m) => !inChunk(name, m.location.start.line)).map(fromBase);
        if (file.source === part.files[name]!.source) outside[name] = others;
        else if (others.length) (previousTexts[name] ??= []).unshift({source: file.source, mutants: others});
      }
    }
  }
  const fromPart = remap(part);
  for (const [name, file] of Object.entries(part.files)) {
    if (inChunk(name)) files[name] = {...file, mutants: [...(outside[name] ?? []), ...file.mutants.filter((m) => inChunk(name, m.location.start.line)).map(fromPart)]};
    else if (!(name in files)) files[name] = {...file, mutants: file.mutants.map(fromPart)};
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const {previousTexts: _fromPart, ...rest} = part;
  return {...rest, files: sorted, testFiles, ...(Object.keys(previousTexts).length && {previousTexts})};
}

/**
 * The baseline as a chunk's incremental file: {@link withoutUncoveredSurvivors},
 * and for a file whose results in the chunk's lines exist only for an older
 * text (`previousTexts`, after the file was edited), that text with those
 * results, so that Stryker's differ maps them to the file as it is now.
 */
export function incrementalFor(baseline: FullReport, inChunk: (file: string, line?: number) => boolean): FullReport {
  const files = {...baseline.files};
  for (const [name, stored] of Object.entries(baseline.previousTexts ?? {})) {
    const file = files[name];
    if (!file || !inChunk(name) || file.mutants.some((m) => inChunk(name, m.location.start.line))) continue;
    for (const previous of olderTexts(stored)) {
      const mine = previous.mutants.filter((m) => inChunk(name, m.location.start.line));
      if (mine.length) {
        files[name] = {...file, source: previous.source, mutants: mine};
        break;
      }
    }
  }
  return withoutUncoveredSurvivors({...baseline, files}, inChunk);
}

/**
 * The baseline as the next run's incremental file, without the results that
 * Stryker would reuse wrongly: a mutant that was not killed (Survived,
 * NoCoverage) and that no test covers. Stryker 9.6 re-tests a mutant that was
 * not killed only when some test now covers it; a static mutant (code run
 * while a module loads) never has per-test coverage, so its old result would
 * be kept for ever, also after a fix or a new test kills it (found when the
 * state chunk kept 230 results from before test/mutation/static-reload.ts).
 * Those mutants are tested again in every run of their chunk; only the
 * chunk's own files (`inChunk`) are thinned, the others' results are kept
 * (thinning them too lost 32 state results in a run of engine-score).
 */
export function withoutUncoveredSurvivors(report: FullReport, inChunk: (file: string) => boolean = () => true): FullReport {
  const stale = (m: ReportMutant) => (m.status === "Survived" || m.status === "NoCoverage") && !m.coveredBy?.length;
  return {...report, files: Object.fromEntries(Object.entries(report.files).map(([name, file]) => [name, inChunk(name) ? {...file, mutants: file.mutants.filter((m) => !stale(m))} : file]))};
}

/**
 * The score of a chunk's own mutants (its files, within its line ranges) in a
 * report. Stryker's own `thresholds.break` cannot serve: it scores the whole
 * report, which also carries every other chunk's files from the incremental
 * file (engine-optimise-prepare: 64.73 % for its lines, 93.18 % for "all files").
 */
export function chunkCounts(report: FullReport, inChunk: (file: string, line?: number) => boolean): Counts {
  return count(Object.entries(report.files).flatMap(([name, file]) => (inChunk(name) ? file.mutants.filter((m) => inChunk(name, m.location.start.line)) : [])));
}

/** The HTML report of a merged report, as Stryker's html reporter writes it. */
export function reportHtml(report: FullReport): string {
  const script = readFileSync(createRequire(path.join(ROOT, "node_modules/@stryker-mutator/core/package.json")).resolve("mutation-testing-elements/dist/mutation-test-elements.js"), "utf8");
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Mutation testing: Kvalitetskommun workbench</title><script>${script}</script></head>
<body>
<mutation-test-report-app titlePostfix="Stryker"></mutation-test-report-app>
<script>
const app = document.querySelector("mutation-test-report-app");
app.report = ${JSON.stringify(report).replace(/</g, '<"+"')};
</script>
</body>
</html>
`;
}

function readReport(file: string): FullReport | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as FullReport) : undefined;
}

/**
 * The command line: chunk names (all chunks, in CHUNK_ORDER, when none is
 * named) and `--force`, which re-tests every mutant of the chosen chunks
 * instead of reusing the baseline's results (Stryker's own `--force`; the
 * results still go into the baseline). Needed after a change to the mutation
 * setup itself, which incremental mode cannot see. An error names what is wrong.
 */
export function parseMutationArgs(argv: readonly string[]): {chunks: string[]; force: boolean} | {error: string} {
  const options = argv.filter((a) => a.startsWith("-"));
  const badOption = options.filter((o) => o !== "--force");
  if (badOption.length) return {error: `unknown option ${badOption.join(", ")} (options: --force)`};
  const names = argv.filter((a) => !a.startsWith("-"));
  const unknown = names.filter((c) => !(CHUNK_ORDER as readonly string[]).includes(c));
  if (unknown.length) return {error: `unknown chunk ${unknown.join(", ")} (chunks: ${CHUNK_ORDER.join(", ")})`};
  return {chunks: names.length ? CHUNK_ORDER.filter((c) => names.includes(c)) : [...CHUNK_ORDER], force: options.length > 0};
}

function main(argv: readonly string[]): number {
  const args = parseMutationArgs(argv);
  if ("error" in args) {
    process.stderr.write(`test:mutation: ${args.error}\n`);
    return 2;
  }
  const {chunks, force} = args;
  const times: Record<string, {seconds: number; exitCode: number | null; fromBaseline: boolean}> = {};
  let failed = false;
  for (const chunk of chunks) {
    const dir = `${OUT}/chunks/${chunk}`;
    mkdirSync(dir, {recursive: true});
    const incremental = `${dir}/incremental.json`;
    rmSync(incremental, {force: true});
    const fromBaseline = existsSync(BASELINE);
    const inChunk = chunkFileMatcher((CHUNKS as Record<string, {mutate: string[]}>)[chunk]!.mutate);
    if (fromBaseline) writeFileSync(incremental, JSON.stringify(incrementalFor(readReport(BASELINE)!, inChunk)));
    const started = Date.now();
    process.stdout.write(`\n== test:mutation: chunk ${chunk} (${force ? "full, --force" : fromBaseline ? "incremental from the baseline" : "full"}) ==\n`);
    const run = spawnSync("npx", ["stryker", "run", ...(force ? ["--force"] : [])], {stdio: "inherit", env: {...process.env, MUTATION_CHUNK: chunk}});
    const seconds = Math.round((Date.now() - started) / 1000);
    times[chunk] = {seconds, exitCode: run.status, fromBaseline: fromBaseline && !force};
    process.stdout.write(`== chunk ${chunk}: ${seconds} s, exit code ${run.status} ==\n`);
    if (run.status !== 0) failed = true;
    // Stryker writes the incremental file when the run completes.
    if (existsSync(incremental) && statSync(incremental).mtimeMs >= started) {
      const part = readReport(incremental)!;
      const own = chunkCounts(part, inChunk);
      const target = (CHUNKS as Record<string, {break: number}>)[chunk]!.break;
      process.stdout.write(`== chunk ${chunk}: ${own.score ?? "n/a"} % of its own ${own.valid} valid mutants (break threshold ${target} %) ==\n`);
      if (own.score === null || own.score < target) failed = true;
      const merged = mergeReports(readReport(BASELINE), part, existsSync, inChunk);
      mkdirSync(path.dirname(BASELINE), {recursive: true});
      writeFileSync(BASELINE, JSON.stringify(merged, null, 1) + "\n");
    } else {
      process.stderr.write(`test:mutation: chunk ${chunk} did not complete; the baseline keeps its earlier results\n`);
      failed = true;
    }
  }
  const merged = readReport(BASELINE);
  if (!merged) return 1;
  writeFileSync(`${OUT}/mutation.json`, JSON.stringify(merged));
  writeFileSync(`${OUT}/mutation.html`, reportHtml(merged));
  const summary = summarise(merged, BASELINE, times);
  writeFileSync(`${OUT}/summary.json`, JSON.stringify(summary, null, 2) + "\n");
  const ok = printSummary(summary, `${OUT}/summary.json`);
  return failed || !ok ? 1 : 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) process.exitCode = main(process.argv.slice(2));
