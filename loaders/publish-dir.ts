/**
 * Publishes a built directory atomically: `build` writes into a fresh temp
 * directory under `root` and returns the name the result gets; the temp
 * directory is then renamed to `root/<name>`. A failure leaves earlier
 * results untouched (the temp directory is removed), and loaders running in
 * parallel at worst build the same thing twice: when `root/<name>/<marker>`
 * exists already, another loader finished first and its result is kept.
 */
import {existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import path from "node:path";

/** Builds into a temp directory, then moves it into place; returns `root/<name>`. `marker` is the file a complete result has. */
export async function publishBuiltDir(root: string, marker: string, build: (tmp: string) => Promise<string>): Promise<string> {
  const tmp = path.join(root, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(tmp, {recursive: true});
  try {
    const dir = path.join(root, await build(tmp));
    if (existsSync(path.join(dir, marker))) {
      rmSync(tmp, {recursive: true, force: true}); // another loader finished first
    } else {
      rmSync(dir, {recursive: true, force: true});
      renameSync(tmp, dir);
    }
    return dir;
  } catch (error) {
    rmSync(tmp, {recursive: true, force: true});
    throw error;
  }
}
