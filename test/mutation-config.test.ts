/**
 * The mutation run's configuration (stryker.config.mjs, cli/mutation.ts):
 * every file of the four areas is mutated by exactly one chunk, and the
 * runner knows every chunk. A new engine file left out of the chunks would
 * otherwise never be mutated, and the summary would not show it missing.
 */
import {readdirSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CHUNK_ORDER} from "../cli/mutation.ts";
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
    expect(engine.length).toBe(6);
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
