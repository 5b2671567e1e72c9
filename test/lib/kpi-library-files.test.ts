/**
 * The module naming the library's files (src/lib/data/kpi-library-files.ts)
 * must name exactly the value files the layout defines, in order, each once,
 * with a literal `FileAttachment("…").href` (Framework copies only files so
 * named, and a bare FileAttachment of a .parquet file pulls a CDN reader).
 * It cannot be imported in Node (it imports Framework's stdlib), so its text
 * is read.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../loaders/config.ts";
import {libraryValueFileNames} from "../../src/lib/data/kpi-library-layout.ts";

const text = readFileSync(path.join(REPO_ROOT, "src/lib/data/kpi-library-files.ts"), "utf8");

describe("kpi-library-files.ts", () => {
  it("names every value file of the layout once, in order, as a literal FileAttachment's href under its own name", () => {
    const entries = [...text.matchAll(/^\s*"([^"]+)": FileAttachment\("\.\.\/\.\.\/data\/library\/([^"]+)"\)\.href,?$/gm)].map((m) => [m[1], m[2]]);
    expect(entries.map(([key]) => key)).toEqual(libraryValueFileNames());
    expect(entries.every(([key, file]) => key === file)).toBe(true);
  });

  it("names the index and the library's manifest, and uses FileAttachment only with .href", () => {
    expect(text).toContain('FileAttachment("../../data/kpi-library.parquet").href');
    expect(text).toContain('FileAttachment("../../data/kpi-library-files.json").href');
    const calls = [...text.matchAll(/FileAttachment\("\.\.\/\.\.\/data\/[^"]+"\)(\.\w+)?/g)];
    expect(calls.length).toBe(libraryValueFileNames().length + 2);
    expect(calls.every((m) => m[1] === ".href")).toBe(true);
  });

  it("is imported only with import() by kpi-library.ts, never statically by any page module", () => {
    const library = readFileSync(path.join(REPO_ROOT, "src/lib/data/kpi-library.ts"), "utf8");
    expect(library).toMatch(/import\("\.\/kpi-library-files\.js"\)/);
    expect(library).not.toMatch(/^import .*kpi-library-files/m);
  });
});
