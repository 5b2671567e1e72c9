/**
 * Framework serves src/ modules to the browser and rewrites a relative import
 * of "./x.ts" to a hashed "./x.<hash>.ts" that it never emits (a 404 in the
 * built site). Relative imports under src/ must therefore name ".js"
 * (TypeScript, tsx and vitest map it to the .ts file).
 */
import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT} from "../loaders/config.ts";

function tsFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.name === ".observablehq" || e.name === "data" ? [] : e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []
  );
}

describe("browser module imports", () => {
  it("use .js, never .ts, for relative imports under src/ (except data loaders, which run in Node)", () => {
    const offenders = tsFiles(path.join(REPO_ROOT, "src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.ts)"/g)].map((m) => `${path.relative(REPO_ROOT, file)}: ${m[1]}`)
    );
    expect(offenders).toEqual([]);
  });

  it("never import from npm: (a CDN at build time)", () => {
    const offenders = tsFiles(path.join(REPO_ROOT, "src")).filter((file) => /from\s+"npm:/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
