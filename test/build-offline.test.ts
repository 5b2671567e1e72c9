/**
 * The build is hermetic and reproducible: a copy of the working tree (tracked
 * and untracked-but-not-ignored files, so no caches) builds with no network at
 * all (`unshare -n`: a network namespace with only a down loopback), and its
 * `dist/` is byte-identical to the `dist/` that `npm test` built just before
 * vitest in the repository itself, with network and possibly warm caches.
 *
 * The copy lives in a temp dir, so this never touches the repository's `dist/`
 * or Framework cache, which other test files read at the same time. Cutting
 * the network needs root (CI runs as root); without it the test fails, it
 * does not skip.
 */
import {execFileSync, spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync} from "node:fs";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT, snapshotDirFromEnv} from "../loaders/config.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";

const DIST = path.join(REPO_ROOT, "dist");
/** A build takes 15–40 s alone on the 2-core CI machine, and up to ~90 s beside the browser tests. */
const BUILD_TIMEOUT_MS = 300_000;

interface BuildResult {
  code: number | null;
  output: string;
  seconds: number;
}

let copy: string;
let build: BuildResult;

/** Every file of the working tree that git does not ignore, except the node_modules link. */
function workingTreeFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {cwd: REPO_ROOT, encoding: "utf8"});
  return [...new Set(out.split("\0"))].filter((f) => f && f !== "node_modules" && !f.startsWith("node_modules/") && existsSync(path.join(REPO_ROOT, f)));
}

/** `<dir>`'s files (relative paths, sorted) with the sha256 of each. */
function fileHashes(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), {withFileTypes: true})) {
      const name = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(name);
      else hashes.set(name, createHash("sha256").update(readFileSync(path.join(dir, name))).digest("hex"));
    }
  };
  walk("");
  return new Map([...hashes].sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs a command in its own process group, killing the whole group after `timeoutMs`. */
function run(command: string, args: string[], options: {cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number}): Promise<BuildResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true});
    let output = "";
    const timer = setTimeout(() => {
      output += `\n[killed: no result after ${options.timeoutMs / 1000} s]`;
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({code: null, output: `${output}\n${error.message}`, seconds: 0});
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({code, output, seconds: (performance.now() - start) / 1000});
    });
  });
}

/** The build's environment: the test's, with every input path absolute and a cold cache inside the copy. */
function buildEnv(copyRoot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOLADA_SNAPSHOT_DIR: snapshotDirFromEnv(),
    KOLADA_CACHE_DIR: path.join(copyRoot, "data", "cache"),
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    npm_config_update_notifier: "false"
  };
  for (const name of ["KOMMUN_MAP_FILE", "KVALITETSKOMMUN_MODELS_DIR"]) {
    if (env[name]) env[name] = path.resolve(REPO_ROOT, env[name]!);
  }
  return env;
}

beforeAll(async () => {
  if (!snapshotDirFromEnv()) throw new Error("KOLADA_SNAPSHOT_DIR is not set (npm test sets it).");
  if (!existsSync(path.join(DIST, "index.html"))) throw new Error(`${DIST} has no build: run \`npm run build\` first (npm test does).`);
  const probe = await run("unshare", ["-n", "true"], {cwd: REPO_ROOT, env: process.env, timeoutMs: 10_000});
  if (probe.code !== 0) {
    throw new Error(
      "This test cuts the network with `unshare -n`, which needs root (CI runs as root) and util-linux's unshare; " +
        `it failed (exit ${probe.code}): ${probe.output.trim()}`
    );
  }

  copy = tempDir("kkw-offline-build-");
  for (const file of workingTreeFiles()) {
    mkdirSync(path.dirname(path.join(copy, file)), {recursive: true});
    copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
  }
  symlinkSync(realpathSync(path.join(REPO_ROOT, "node_modules")), path.join(copy, "node_modules"));

  build = await run("unshare", ["-n", "npm", "run", "build"], {cwd: copy, env: buildEnv(copy), timeoutMs: BUILD_TIMEOUT_MS});
  console.log(`offline build of a clean copy: ${build.seconds.toFixed(1)} s (exit ${build.code})`);
}, BUILD_TIMEOUT_MS + 60_000);

afterAll(removeTempDirs);

describe("the build with no network", () => {
  it("succeeds from a clean copy of the working tree", () => {
    expect(build.code, `\`unshare -n npm run build\` failed; its output ends:\n${build.output.slice(-4000)}`).toBe(0);
  });

  it("gives a dist/ byte-identical to the normal build's", () => {
    expect(build.code).toBe(0);
    const expected = fileHashes(DIST);
    const actual = fileHashes(path.join(copy, "dist"));
    const differences = [
      ...[...expected.keys()].filter((f) => !actual.has(f)).map((f) => `only in the normal build: ${f}`),
      ...[...actual.keys()].filter((f) => !expected.has(f)).map((f) => `only in the offline build: ${f}`),
      ...[...expected].filter(([f, hash]) => actual.has(f) && actual.get(f) !== hash).map(([f]) => `differs: ${f}`)
    ];
    expect(differences, `dist/ files differ between the normal and the offline build:\n${differences.join("\n")}`).toEqual([]);
    expect(expected.size).toBeGreaterThan(50);
  });

  it("needs no npm: module: nothing in dist/_npm/, and only Framework's own bundles name one", () => {
    // client.js and stdlib.js keep lazy imports of the recommended libraries
    // (the pinned versions, see cli/pin-framework-npm.ts); they run only if a
    // page uses an implicit global such as `Plot` or `d3`, which none does.
    expect(build.code).toBe(0);
    const files = [...fileHashes(path.join(copy, "dist")).keys()];
    expect(files.filter((f) => f.startsWith("_npm/"))).toEqual([]);
    const naming = files.filter((f) => readFileSync(path.join(copy, "dist", f), "latin1").includes("_npm/"));
    expect(naming.filter((f) => !/^_observablehq\/(client|stdlib)\.[0-9a-f]{8}\.js$/.test(f))).toEqual([]);
  });
});
