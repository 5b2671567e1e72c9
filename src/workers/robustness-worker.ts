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
import {
  createUncertaintyContext,
  monteCarloIncumbents,
  MonteCarloRun,
  rankRange,
  rankRanges,
  SobolRun,
  type Bounds,
  type MipSolver,
  type Model,
  type RankRange,
  type SobolResult,
  type UncertaintyContext,
  type UncertaintyResult,
  type UncertaintySettings
} from "../engine/index.js";
import {loadWorkbench, modelById, type Workbench, type WorkbenchFiles} from "../lib/data/workbench.js";
import type {KpiLibrarySource} from "../lib/data/kpi-library.js";
import {loadHighsSolver} from "../lib/solver/highs.js";

/** The KPI library's file URLs (the page's `siteKpiLibrarySource()`, without its fetch). */
export type WorkerLibraryFiles = Pick<KpiLibrarySource, "index" | "valueFiles">;

/** What the page hands the worker once: URLs of the site's own files (from `FileAttachment(...).href`). */
export interface WorkerFiles {
  workbench: WorkbenchFiles;
  /** The HiGHS WebAssembly binary (`FileAttachment("workers/highs.wasm").href`). */
  highsWasm: string;
}

/** One analysis: the model (by id in models.json, or edited) and the engine's settings. */
export interface AnalysisRequest {
  /** The preset's id in models.json. */
  model: string;
  /**
   * An edited model (already validated on the page) to analyse instead of the
   * preset, with the URLs of the KPI library when it uses KPIs outside the
   * site's data: the worker loads their values into its own copy first.
   */
  edited?: {model: Model; library: WorkerLibraryFiles | null} | null;
  settings: UncertaintySettings;
  /** Base sample size N of the Sobol design (N · (groups + 2) rankings); 0 skips it. */
  sobol: number;
}

export interface AnalysisProgress {
  phase: "data" | "draws" | "sobol" | "extremes";
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

/** Progress of the best/worst search, reported at its pauses. */
let progressState = {done: 0, total: 0};

/** Work per chunk before the worker reports progress and looks for a cancel (ms). */
const CHUNK_MS = 20;

/** Best and worst rank: the dimension-weight bounds (factors of the model's weights) and for whom. */
export interface ExtremesRequest {
  bounds: Bounds;
  /** One municipality's code (the profile), or null for every ranked one. */
  code: string | null;
}

export type ExtremesReply = {cancelled: false; ranges: RankRange[]; ms: number} | {cancelled: true};

let files: WorkerFiles | undefined;
let workbench: Promise<Workbench> | undefined;
let solver: Promise<MipSolver> | undefined;
/** The last analysis: its context and draws start the best/worst search for the same request. */
let last: {key: string; context: UncertaintyContext; result: UncertaintyResult} | undefined;

function loadedSolver(): Promise<MipSolver> {
  if (!files) throw new Error("robustness worker: init(files) was not called");
  const wasm = files.highsWasm;
  return (solver ??= loadHighsSolver({locateFile: (file) => (file.endsWith(".wasm") ? wasm : file)}));
}

/** Raw dimension-weight bounds: the factors times the model's weights (a weight of 0 stays 0). */
export function boundsFor(model: Model, bounds: Bounds): Record<string, [number, number]> {
  return Object.fromEntries(model.dimensions.map((d) => [d.id, [bounds.lo * d.weight, d.weight === 0 ? 0 : bounds.hi * d.weight]]));
}

function loadedWorkbench(): Promise<Workbench> {
  if (!files) throw new Error("robustness worker: init(files) was not called");
  return (workbench ??= loadWorkbench(files.workbench));
}

/**
 * The request's model: the edited one (its KPIs' values loaded from the
 * library into the worker's workbench when missing) or the preset.
 */
async function requestModel(wb: Workbench, request: AnalysisRequest): Promise<Model> {
  if (!request.edited) return modelById(wb.models, request.model);
  const {model, library} = request.edited;
  const kpis = model.indicators.map((i) => i.kpi);
  if (!kpis.every((kpi) => wb.matrix.kpiIndex.has(kpi))) {
    if (!library) throw new Error(`Nyckeltalen ${kpis.filter((kpi) => !wb.matrix.kpiIndex.has(kpi)).join(", ")} saknas i data, och ingen länk till nyckeltalsbiblioteket kom med.`);
    await (await import("../lib/data/kpi-library.js")).ensureKpiValues(wb, kpis, {source: library});
  }
  return model;
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
      const model = await requestModel(wb, request);
      const t1 = performance.now();
      // The draws' time includes preparing the context (the method combinations), as mc_10k_ms in Node.
      // The draws' ranks stay in the worker: they start the best/worst search (not sent to the page).
      const context = createUncertaintyContext(wb.matrix, model, {...request.settings, keepRanks: true});
      const draws = new MonteCarloRun(context);
      if (!(await inChunks(draws, "draws", onProgress))) return {cancelled: true};
      const full = draws.result();
      last = {key: JSON.stringify(request), context, result: full};
      // The page gets copies of the choices (the worker keeps its own for the best/worst search), handed over without a second copy.
      const c = full.choices;
      const choices = {...c, dimensionWeights: c.dimensionWeights.slice(), kpiWeights: c.kpiWeights.slice()};
      const result: UncertaintyResult = {...full, ranks: null, choices};
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
      // Hand the large arrays over instead of copying them.
      return Comlink.transfer(reply, [result.rankCounts.buffer, result.rankShift.buffer, choices.dimensionWeights.buffer, choices.kpiWeights.buffer] as Transferable[]);
    } finally {
      (onProgress as Partial<Comlink.Remote<ProgressCallback>>)[Comlink.releaseProxy]?.();
    }
  },

  /**
   * Best and worst achievable rank within dimension-weight bounds (engine/optimise.ts,
   * exact, HiGHS), for one municipality or every ranked one, with the same ranking as
   * `request` (its nominal method, weights and grouping). When the last analysis had
   * the same request, its draws start the search.
   */
  async extremes(request: AnalysisRequest, extremes: ExtremesRequest, onProgress: ProgressCallback): Promise<ExtremesReply> {
    try {
      const t0 = performance.now();
      const wb = await loadedWorkbench();
      const model = await requestModel(wb, request);
      const key = JSON.stringify(request);
      const context = last?.key === key ? last.context : createUncertaintyContext(wb.matrix, model, {...request.settings, draws: 1});
      const incumbents = last?.key === key ? monteCarloIncumbents(last.result) : {};
      const solve = await loadedSolver();
      const s = context.settings;
      const options = {weights: s.weights, bounds: boundsFor(model, extremes.bounds), topN: s.topN, grouping: s.grouping, ...(s.nominal.minSteadiness !== null ? {minSteadiness: s.nominal.minSteadiness} : {})};
      if (extremes.code !== null) {
        const range = rankRange(context.nominalPrepared, solve, extremes.code, {...options, incumbents: incumbents[extremes.code] ?? {}});
        return {cancelled: false, ranges: range ? [range] : [], ms: performance.now() - t0};
      }
      const abort = new AbortController();
      const ranges = await rankRanges(context.nominalPrepared, solve, {
        ...options,
        incumbents,
        signal: abort.signal,
        onProgress: (done, total) => void (progressState = {done, total}),
        pause: async () => {
          if (!(await onProgress({phase: "extremes", done: progressState.done, total: progressState.total}))) abort.abort();
        }
      }).catch((error: Error) => {
        if (abort.signal.aborted) return null;
        throw error;
      });
      if (!ranges) return {cancelled: true};
      return {cancelled: false, ranges, ms: performance.now() - t0};
    } finally {
      (onProgress as Partial<Comlink.Remote<ProgressCallback>>)[Comlink.releaseProxy]?.();
    }
  }
};

export type RobustnessApi = typeof api;

Comlink.expose(api);
