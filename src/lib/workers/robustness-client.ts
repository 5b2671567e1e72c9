/**
 * Starts the robustness worker (workers/robustness-worker.ts) and talks to it
 * with comlink.
 *
 * The pattern, checked in Framework 1.13.4's build (test/e2e/worker-proof.test.ts):
 * - `import.meta.resolve("../../workers/robustness-worker.js")` with a
 *   literal, ".js", relative path: Framework follows it like an import,
 *   transpiles the .ts module (and everything it imports) into
 *   dist/_import/…/robustness-worker.<hash>.js and rewrites the literal to that
 *   hashed relative path; the browser resolves it against this module's URL,
 *   so it works under any sub-path. `new URL("…", import.meta.url)` is NOT
 *   rewritten (the file is neither emitted nor hashed: a 404).
 * - `{type: "module"}`: the worker's imports stay ES imports of the site's files.
 * - `comlink` is imported from node_modules (Framework bundles it into
 *   _node/comlink@…); never `npm:comlink` (a CDN download at build time).
 * - Every URL the worker needs (data files, highs.wasm) comes from the page's
 *   `FileAttachment(...).href` and is passed in `init`.
 *
 * Only `import type` from the worker module: a value import would load the
 * worker's code (and expose()) on the main thread.
 */
import * as Comlink from "comlink";
import type {AnalysisProgress, AnalysisReply, AnalysisRequest, AnalysisTimes, ExtremesReply, ExtremesRequest, RobustnessApi, WorkerFiles, WorkerLibraryFiles} from "../../workers/robustness-worker.js";

export type {AnalysisProgress, AnalysisReply, AnalysisRequest, AnalysisTimes, ExtremesReply, ExtremesRequest, WorkerFiles, WorkerLibraryFiles};

/**
 * The KPI library's URLs for the worker, when a page shows an edited model
 * (its KPIs may lie outside the site's data; the worker loads their values
 * into its own copy). The library's module is imported only then.
 */
export async function workerLibraryFiles(): Promise<WorkerLibraryFiles> {
  const {index, valueFiles} = await (await import("../data/kpi-library.js")).siteKpiLibrarySource();
  return {index, valueFiles};
}

export interface AnalyseOptions {
  onProgress?: (progress: AnalysisProgress) => void;
  /** Cooperative cancel: the worker stops at its next progress report (within ~20 ms of work). */
  signal?: AbortSignal;
}

export interface RobustnessClient {
  analyse(request: AnalysisRequest, options?: AnalyseOptions): Promise<AnalysisReply>;
  /** Best and worst achievable rank (exact, HiGHS) for the ranking of `request`. */
  extremes(request: AnalysisRequest, extremes: ExtremesRequest, options?: AnalyseOptions): Promise<ExtremesReply>;
  /**
   * Hard cancel: kills the worker at once (even inside a HiGHS solve); pending
   * calls never settle, so the caller rejects them itself. Start a new client after.
   */
  terminate(): void;
}

/** Starts a worker; `files` are URLs of this site's files (see {@link WorkerFiles}). */
export function startRobustnessWorker(files: WorkerFiles): RobustnessClient {
  const worker = new Worker(import.meta.resolve("../../workers/robustness-worker.js"), {type: "module", name: "robustness"});
  const remote = Comlink.wrap<RobustnessApi>(worker);
  const ready = remote.init(files);
  return {
    async analyse(request, {onProgress, signal} = {}) {
      await ready;
      const report = Comlink.proxy((progress: AnalysisProgress) => {
        onProgress?.(progress);
        return !signal?.aborted;
      });
      return remote.analyse(request, report);
    },
    async extremes(request, extremes, {onProgress, signal} = {}) {
      await ready;
      const report = Comlink.proxy((progress: AnalysisProgress) => {
        onProgress?.(progress);
        return !signal?.aborted;
      });
      return remote.extremes(request, extremes, report);
    },
    terminate() {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  };
}
