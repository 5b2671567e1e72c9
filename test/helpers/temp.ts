/** Temporary directories for a test file, removed together with {@link removeTempDirs} (in afterAll). */
import {mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";

const created: string[] = [];

export function tempDir(prefix = "kkw-test-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, {recursive: true, force: true});
}
