/**
 * The robustness worker: the Monte Carlo uncertainty analysis and its Sobol
 * indices (engine/uncertainty.ts) off the page's main thread, so the page
 * stays responsive while thousands of rankings are computed.
 *
 * How it is started: lib/workers/robustness-client.ts. Framework transpiles
 * this file like any local module (reached through
 * `import.meta.resolve("../../workers/robustness-worker.js")`), emits it as
 * dist/_import/workers/robustness-worker.<hash>.js and rewrites its imports to
 * the site's own files: the engine and the data code to _import/…, `comlink`
 * and `highs` (node_modules) to _node/…. Relative imports name ".js".
 *
 * The worker loads its own copy of the data from the URLs the page hands it
 * in `init`. Long work runs in chunks of about 20 ms; after each, the worker
 * awaits the page's progress callback (proxied with comlink): the await lets
 * its event loop run, and the answer false is the cooperative cancel. A hard
 * cancel is `worker.terminate()` on the page.
 */
import * as Comlink from "comlink";
import {createUncertaintyContext, MonteCarloRun, SobolRun, type SobolResult, type UncertaintyResult, type UncertaintySettings} from "../engine/index.js";
import {loadWorkbench, modelById, type Workbench, type WorkbenchFiles} from "../lib/data/workbench.js";

/** What the page hands the worker once: URLs of the site's own files (from `FileAttachment(...).href`). */
export interface WorkerFiles {
  workbench: WorkbenchFiles;
  /** The HiGHS WebAssembly binary (`FileAttachment("workers/highs.wasm").href`). */
  highsWasm: string;
}

/** One analysis: the model (by id in models.json) and the engine's settings. */
export interface AnalysisRequest {
  model: string;
  settings: UncertaintySettings;
  /** Base sample size N of the Sobol design (N · (groups + 2) rankings); 0 skips it. */
  sobol: number;
}

export interface AnalysisProgress {
  phase: "data" | "draws" | "sobol";
  done: number;
  total: number;
}

/** Milliseconds in the worker: in all, and for the data, the draws and the Sobol design. */
export interface AnalysisTimes {
  total: number;
  data: number;
  draws: number;
  sobol: number;
}

export type AnalysisReply = {cancelled: false; result: UncertaintyResult; sobol: SobolResult | null; ms: number; times: AnalysisTimes} | {cancelled: true};

/** Called between chunks; resolves to false to stop. Through comlink a proxied page function always answers with a promise. */
export type ProgressCallback = (progress: AnalysisProgress) => boolean | Promise<boolean>;

/** Work per chunk before the worker reports progress and looks for a cancel (ms). */
const CHUNK_MS = 20;

let files: WorkerFiles | undefined;
let workbench: Promise<Workbench> | undefined;

function loadedWorkbench(): Promise<Workbench> {
  if (!files) throw new Error("robustness worker: init(files) was not called");
  return (workbench ??= loadWorkbench(files.workbench));
}

/** Runs `step` in chunks of about CHUNK_MS until `finished`; false when the page cancelled. */
async function inChunks(run: {finished: boolean; done: number; total: number; step(n: number): number}, phase: AnalysisProgress["phase"], onProgress: ProgressCallback): Promise<boolean> {
  while (!run.finished) {
    const end = performance.now() + CHUNK_MS;
    do run.step(50);
    while (!run.finished && performance.now() < end);
    if (!(await onProgress({phase, done: run.done, total: run.total}))) return false;
  }
  return true;
}

const api = {
  /** Hands over the file URLs; call once, before anything else. */
  init(given: WorkerFiles): void {
    files = given;
  },

  /** The Monte Carlo analysis and (when asked) the Sobol indices, with progress and cooperative cancel. */
  async analyse(request: AnalysisRequest, onProgress: ProgressCallback): Promise<AnalysisReply> {
    try {
      const t0 = performance.now();
      if (!(await onProgress({phase: "data", done: 0, total: 1}))) return {cancelled: true};
      const wb = await loadedWorkbench();
      const t1 = performance.now();
      const model = modelById(wb.models, request.model);
      // The draws' time includes preparing the context (the method combinations), as mc_10k_ms in Node.
      const context = createUncertaintyContext(wb.matrix, model, request.settings);
      const draws = new MonteCarloRun(context);
      if (!(await inChunks(draws, "draws", onProgress))) return {cancelled: true};
      const result = draws.result();
      const t2 = performance.now();
      let sobol: SobolResult | null = null;
      if (request.sobol > 0) {
        const run = new SobolRun(context, {n: request.sobol, seed: context.settings.seed});
        if (!(await inChunks(run, "sobol", onProgress))) return {cancelled: true};
        sobol = run.result();
      }
      const t3 = performance.now();
      const times = {total: t3 - t0, data: t1 - t0, draws: t2 - t1, sobol: t3 - t2};
      const reply: AnalysisReply = {cancelled: false, result, sobol, ms: times.total, times};
      const c = result.choices;
      // Hand the large arrays over instead of copying them.
      return Comlink.transfer(reply, [result.rankCounts.buffer, result.rankShift.buffer, c.dimensionWeights.buffer, c.kpiWeights.buffer, ...(result.ranks ? [result.ranks.buffer] : [])] as Transferable[]);
    } finally {
      (onProgress as Partial<Comlink.Remote<ProgressCallback>>)[Comlink.releaseProxy]?.();
    }
  }
};

export type RobustnessApi = typeof api;

Comlink.expose(api);
