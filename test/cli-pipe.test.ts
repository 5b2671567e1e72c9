/**
 * `command … | head` closes the pipe before the command has written
 * everything: the command must end quietly with exit code 0 (cli/args.ts
 * runIfMain), not with an EPIPE stack trace. Real processes, real pipes.
 */
import {spawnSync} from "node:child_process";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT} from "../loaders/config.ts";

const MODEL = path.join(REPO_ROOT, "data/models/skk-standard.json");
const TSX = path.join(REPO_ROOT, "node_modules/.bin/tsx");

/** Runs `command | head -c 100` under pipefail: the pipeline's status is the command's when it fails. */
function piped(command: string): {status: number | null; stderr: string; stdout: string} {
  const r = spawnSync("bash", ["-o", "pipefail", "-c", `${command} | head -c 100`], {cwd: REPO_ROOT, encoding: "utf8", env: {...process.env, KOLADA_SNAPSHOT_DIR: process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada"}});
  return {status: r.status, stderr: r.stderr, stdout: r.stdout};
}

describe("a command whose reader stops early (| head)", () => {
  it("rank --format json: exit 0, the first bytes written, nothing on stderr", () => {
    // The JSON of 290 municipalities (~400 kB) is far more than a pipe holds, so the write meets a closed pipe.
    const r = piped(`${TSX} cli/rank.ts --model ${MODEL} --year 2022 --format json`);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\{/);
    expect(r.stdout).toHaveLength(100);
  }, 60_000);

  it("a failing command still fails through the pipe (pipefail sees its exit code)", () => {
    const r = piped(`${TSX} cli/rank.ts --model ${MODEL} --year 1800 --format json`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/rank:/);
  }, 60_000);
});
