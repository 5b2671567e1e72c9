import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {publishBuiltDir} from "../loaders/publish-dir.ts";

const roots: string[] = [];
const newRoot = () => {
  const root = mkdtempSync(path.join(tmpdir(), "publish-dir-"));
  roots.push(root);
  return root;
};
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, {recursive: true, force: true})));

describe("publishBuiltDir", () => {
  it("moves a complete build to root/<name>, leaving no temp directory", async () => {
    const root = newRoot();
    const dir = await publishBuiltDir(root, "manifest.json", async (tmp) => {
      writeFileSync(path.join(tmp, "manifest.json"), "new");
      return "abc";
    });
    expect(dir).toBe(path.join(root, "abc"));
    expect(readFileSync(path.join(dir, "manifest.json"), "utf8")).toBe("new");
    expect(readdirSync(root)).toEqual(["abc"]);
  });

  it("a failing build leaves earlier results untouched and removes its temp directory", async () => {
    const root = newRoot();
    mkdirSync(path.join(root, "abc"));
    writeFileSync(path.join(root, "abc", "manifest.json"), "old");
    await expect(
      publishBuiltDir(root, "manifest.json", async (tmp) => {
        writeFileSync(path.join(tmp, "half"), "x");
        throw new Error("network down");
      })
    ).rejects.toThrow("network down");
    expect(readdirSync(root)).toEqual(["abc"]);
    expect(readFileSync(path.join(root, "abc", "manifest.json"), "utf8")).toBe("old");
  });

  it("keeps the result of a loader that finished first, and drops its own build", async () => {
    const root = newRoot();
    const dir = await publishBuiltDir(root, "manifest.json", async (tmp) => {
      writeFileSync(path.join(tmp, "manifest.json"), "mine");
      // Meanwhile another loader publishes the same name.
      mkdirSync(path.join(root, "abc"));
      writeFileSync(path.join(root, "abc", "manifest.json"), "theirs");
      return "abc";
    });
    expect(readFileSync(path.join(dir, "manifest.json"), "utf8")).toBe("theirs");
    expect(readdirSync(root)).toEqual(["abc"]);
  });

  it("replaces an incomplete directory of the same name (no marker file)", async () => {
    const root = newRoot();
    mkdirSync(path.join(root, "abc"));
    writeFileSync(path.join(root, "abc", "leftover"), "x");
    const dir = await publishBuiltDir(root, "manifest.json", async (tmp) => {
      writeFileSync(path.join(tmp, "manifest.json"), "new");
      return "abc";
    });
    expect(existsSync(path.join(dir, "leftover"))).toBe(false);
    expect(readFileSync(path.join(dir, "manifest.json"), "utf8")).toBe("new");
  });
});
