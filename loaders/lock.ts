/**
 * A cross-process lock on the file system (an atomic `mkdir`), so the six
 * Framework data loaders that run in parallel fetch from the live API once,
 * not six times. A lock older than `staleMs` is taken over (a crashed build).
 */
import {mkdirSync, rmSync, statSync} from "node:fs";

export async function withLock<T>(dir: string, fn: () => Promise<T>, {staleMs = 10 * 60_000, pollMs = 100} = {}): Promise<T> {
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(dir).mtimeMs;
      } catch {
        continue; // released in the meantime
      }
      if (age > staleMs) rmSync(dir, {recursive: true, force: true});
      else await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
