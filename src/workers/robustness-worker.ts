/**
 * A module Web Worker for the robustness analysis (proof of the pattern; see
 * lib/workers/robustness-client.ts for how it is started).
 *
 * Framework transpiles this file like any local module: it is reached through
 * `import.meta.resolve("../../workers/robustness-worker.js")` in the client,
 * emitted as dist/_import/workers/robustness-worker.<hash>.js, and its own
 * imports are rewritten to the site's files: the engine and the data code to
 * _import/…, `comlink` and `highs` (node_modules, bundled by Framework) to
 * _node/…. Relative imports name ".js", as everywhere under src/.
 *
 * The API is exposed with comlink. Long work reports progress through a
 * callback proxied from the page (`Comlink.proxy`), awaiting it between
 * chunks: the await lets the worker's event loop run, and the callback's
 * answer (false = stop) is the cooperative cancel. A hard cancel (a HiGHS
 * solve that will not return) is `worker.terminate()` on the page.
 */
import * as Comlink from "comlink";
import {latestYear, prepareNomination, scoreNomination, type Prepared} from "../engine/index.js";
import {defaultModelId, loadWorkbench, modelById, type Workbench, type WorkbenchFiles} from "../lib/data/workbench.js";

/** What the page hands the worker once: URLs of the site's own files (from `FileAttachment(...).href`). */
export interface WorkerFiles {
  workbench: WorkbenchFiles;
  /** The HiGHS WebAssembly binary (`FileAttachment("workers/highs.wasm").href`). */
  highsWasm: string;
}

export interface PingResult {
  model: string;
  year: number;
  /** Code of the municipality ranked first. */
  top: string;
  ranked: number;
  /** Milliseconds in the worker: data load and one scoring. */
  loadMs: number;
  scoreMs: number;
}

export interface TinyLpResult {
  status: string;
  objective: number;
  x: number;
  y: number;
}

export interface SimulationProgress {
  done: number;
  total: number;
}

export interface SimulationResult {
  draws: number;
  done: number;
  cancelled: boolean;
  /** Share of the completed draws in which each municipality ranked first, largest first. */
  topShares: {code: string; share: number}[];
}

/**
 * Called between chunks; resolves to false to stop. Through comlink a proxied
 * page function always answers with a promise.
 */
export type ProgressCallback = (progress: SimulationProgress) => boolean | Promise<boolean>;

let files: WorkerFiles | undefined;
let workbench: Promise<Workbench> | undefined;
let prepared: Promise<{model: string; year: number; prepared: Prepared}> | undefined;
let highs: Promise<import("highs").Highs> | undefined;

function requireFiles(): WorkerFiles {
  if (!files) throw new Error("robustness worker: init(files) was not called");
  return files;
}

function loadedWorkbench(): Promise<Workbench> {
  return (workbench ??= loadWorkbench(requireFiles().workbench));
}

/** The default model prepared for its latest year (nomination, z-score, arithmetic: the page defaults). */
function defaultPrepared(): Promise<{model: string; year: number; prepared: Prepared}> {
  return (prepared ??= loadedWorkbench().then((wb) => {
    const id = defaultModelId(wb.models);
    const model = modelById(wb.models, id);
    const year = latestYear(wb.matrix, model);
    return {model: id, year, prepared: prepareNomination(wb.matrix, model, year, {normalisation: "zscore", aggregation: "arithmetic"})};
  }));
}

/** HiGHS, loaded on first use (its JS by dynamic import, its .wasm from the URL the page gave). */
function loadedHighs(): Promise<import("highs").Highs> {
  return (highs ??= (async () => {
    const {default: loadHighs} = await import("highs");
    const wasmUrl = requireFiles().highsWasm;
    return loadHighs({locateFile: (file: string) => (file.endsWith(".wasm") ? wasmUrl : file)});
  })());
}

/** A small seeded generator (mulberry32), so a simulation is repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const api = {
  /** Hands over the file URLs; call once, before anything else. */
  init(given: WorkerFiles): void {
    files = given;
  },

  /** Loads the data, scores the default model once and returns the municipality ranked first. */
  async ping(): Promise<PingResult> {
    const t0 = performance.now();
    const {model, year, prepared: p} = await defaultPrepared();
    const t1 = performance.now();
    const result = scoreNomination(p);
    const t2 = performance.now();
    const first = result.rows[0];
    if (!first || first.rank === null) throw new Error(`no municipality ranked for ${model} ${year}`);
    return {model, year, top: first.code, ranked: result.rows.filter((r) => r.rank !== null).length, loadMs: t1 - t0, scoreMs: t2 - t1};
  },

  /** Solves max x + 2y s.t. x + y <= 4, x + 3y <= 6, x, y >= 0 (optimum 5 at x = 3, y = 1). */
  async solveTiny(): Promise<TinyLpResult> {
    const solver = await loadedHighs();
    const solution = solver.solve(
      `Maximize
 obj: x + 2 y
Subject To
 c1: x + y <= 4
 c2: x + 3 y <= 6
Bounds
 x >= 0
 y >= 0
End`,
      {output_flag: false}
    );
    const column = (name: string) => (solution.Columns[name] as {Primal: number} | undefined)?.Primal ?? NaN;
    return {status: solution.Status, objective: solution.ObjectiveValue, x: column("x"), y: column("y")};
  },

  /**
   * `draws` re-scorings of the default model with every dimension weight
   * multiplied by a uniform factor in [0.5, 1.5]; counts who ranks first.
   * Calls `onProgress` about every 20 ms of work and stops when it answers false.
   */
  async simulate(draws: number, onProgress: ProgressCallback, seed = 1): Promise<SimulationResult> {
    const {prepared: p} = await defaultPrepared();
    const next = random(seed);
    const tops = new Map<string, number>();
    let done = 0;
    let cancelled = false;
    try {
      while (done < draws) {
        const chunkEnd = performance.now() + 20;
        do {
          const dimensions = Object.fromEntries(p.dimensions.map((d) => [d.id, d.weight * (0.5 + next())]));
          const top = scoreNomination(p, {dimensions}).rows[0];
          if (top && top.rank !== null) tops.set(top.code, (tops.get(top.code) ?? 0) + 1);
          done++;
        } while (done < draws && performance.now() < chunkEnd);
        if (!(await onProgress({done, total: draws}))) {
          cancelled = done < draws;
          break;
        }
      }
    } finally {
      // The page's callback arrives as a comlink proxy (a MessagePort): close it.
      (onProgress as Partial<Comlink.Remote<ProgressCallback>>)[Comlink.releaseProxy]?.();
    }
    const topShares = [...tops].map(([code, n]) => ({code, share: n / done})).sort((a, b) => b.share - a.share || (a.code < b.code ? -1 : 1));
    return {draws, done, cancelled, topShares};
  }
};

export type RobustnessApi = typeof api;

Comlink.expose(api);
