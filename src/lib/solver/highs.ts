/**
 * The HiGHS adapter for the engine's best/worst rank MIP (src/engine/optimise.ts):
 * loads the `highs` WebAssembly module once and returns a {@link MipSolver}.
 * Node resolves the .wasm next to the package's loader by itself; a browser page
 * or Web Worker passes `locateFile` with the URL it serves `highs.wasm` from (or
 * its own `loader`). Every solve() is synchronous and blocks the thread, so the
 * browser should call it from a worker.
 */
import type highsLoaderType from "highs";
import type {Highs} from "highs";
import type {MipSolver} from "../../engine/optimise.js";

export interface HighsSolverOptions {
  /** Where the runtime fetches `highs.wasm` from (the browser: its served URL). */
  locateFile?: (file: string) => string;
  /** Loads the module another way (e.g. a bundler's URL import); default: `import("highs")`. */
  loader?: typeof highsLoaderType;
}

const cache = new Map<string, Promise<Highs>>();

/** Loads HiGHS (once per `locateFile` result for "highs.wasm") and wraps its one-shot solve(). */
export async function loadHighsSolver(options: HighsSolverOptions = {}): Promise<MipSolver> {
  const key = options.loader ? "" : (options.locateFile?.("highs.wasm") ?? "default");
  let highs = key ? cache.get(key) : undefined;
  if (!highs) {
    highs = (async () => {
      const loader = options.loader ?? (await import("highs")).default;
      return loader(options.locateFile ? {locateFile: options.locateFile} : {});
    })();
    if (key) cache.set(key, highs);
    highs.catch(() => cache.delete(key));
  }
  const instance = await highs;
  return (lp, solveOptions) => instance.solve(lp, solveOptions);
}
