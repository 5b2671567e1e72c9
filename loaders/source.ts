/**
 * Data source selection: the offline snapshot when `KOLADA_SNAPSHOT_DIR` is set,
 * otherwise the live Kolada API with a raw-response cache. When neither works
 * the caller gets an error that says how to set `KOLADA_SNAPSHOT_DIR`.
 */
import {mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";
import {checkModelKpis, type Model} from "../src/engine/model.ts";
import {CACHE_DIR, FIRST_YEAR, NO_SOURCE_HELP, PAGE_KPIS, snapshotDirFromEnv} from "./config.ts";
import type {KoladaClientOptions} from "./kolada/client.ts";
import {datasetFromLive, fetchLive, readLiveCache, writeLiveCache} from "./live.ts";
import {withLock} from "./lock.ts";
import {kpisOf, readModels, type ModelFile} from "./models.ts";
import {readSnapshot} from "./snapshot.ts";
import type {KoladaDataset} from "./types.ts";

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Models whose KPIs to load; default: every file in data/models/. */
  models?: ModelFile[];
  /** Extra KPIs to load beside the models' and the pages'. */
  extraKpis?: readonly string[];
  cacheDir?: string;
  fromYear?: number;
  /** Last year to request from the live API; default: the current year. */
  toYear?: number;
  /** Retry, timeout and concurrency settings of the live client (tests make them fast). */
  clientOptions?: KoladaClientOptions;
}

/** Hours a complete live fetch is reused before the API is asked again. */
function cacheTtlHours(env: NodeJS.ProcessEnv): number {
  const ttl = Number(env.KOLADA_CACHE_TTL_HOURS ?? 24);
  return Number.isFinite(ttl) && ttl >= 0 ? ttl : 24;
}

function range(from: number, to: number): number[] {
  return Array.from({length: Math.max(0, to - from + 1)}, (_, i) => from + i);
}

/** Loads the normalised data set for the models from the selected source. */
export async function loadKoladaDataset(options: LoadOptions = {}): Promise<KoladaDataset> {
  const env = options.env ?? process.env;
  const modelFiles = options.models ?? readModels();
  const models = modelFiles.map((f) => f.model);
  const kpiIds = kpisOf(models, [...PAGE_KPIS, ...(options.extraKpis ?? [])]);
  const fromYear = options.fromYear ?? FIRST_YEAR;
  const snapshotDir = snapshotDirFromEnv(env);
  const dataset = snapshotDir
    ? await readSnapshot(snapshotDir, kpiIds, models, fromYear)
    : await loadLive(env, options.cacheDir ?? CACHE_DIR, kpiIds, range(fromYear, options.toYear ?? new Date().getFullYear()), models, options.clientOptions);
  checkModelsAgainstData(modelFiles, dataset);
  return dataset;
}

async function loadLive(
  env: NodeJS.ProcessEnv,
  cacheDir: string,
  kpiIds: string[],
  years: number[],
  models: Model[],
  clientOptions?: KoladaClientOptions
): Promise<KoladaDataset> {
  const baseUrl = env.KOLADA_API_URL ?? "https://api.kolada.se/v3/";
  // One fetch per build: the parallel data loaders wait here and then find the fresh cache.
  mkdirSync(cacheDir, {recursive: true});
  return withLock(path.join(cacheDir, "live.lock"), async () => {
    const cached = readLiveCache(cacheDir);
    const covers = cached !== undefined && cached.baseUrl === baseUrl && kpiIds.every((k) => cached.kpiIds.includes(k));
    const ageHours = cached ? (Date.now() - Date.parse(cached.fetchedAt)) / 3.6e6 : Infinity;
    if (covers && ageHours < cacheTtlHours(env)) return datasetFromLive(cached, models, "live");
    let reason = recentFailure(cacheDir, baseUrl);
    if (reason === undefined) {
      try {
        const raw = await fetchLive(baseUrl, kpiIds, years, clientOptions);
        writeLiveCache(cacheDir, raw);
        rmSync(failureFile(cacheDir), {force: true});
        return datasetFromLive(raw, models, "live");
      } catch (error) {
        reason = (error as Error).message;
        writeFileSync(failureFile(cacheDir), JSON.stringify({at: Date.now(), baseUrl, reason}));
      }
    }
    if (covers) {
      const dataset = datasetFromLive(cached, models, "cache");
      dataset.source.warning = `Kolada API failed (${reason}); using the cached data from ${cached.fetchedAt.slice(0, 10)}.`;
      console.warn(dataset.source.warning);
      return dataset;
    }
    const missing = cached ? kpiIds.filter((k) => !cached.kpiIds.includes(k)) : [];
    const cacheState = !cached
      ? `there is no cache in ${cacheDir}`
      : `the cache in ${cacheDir} does not fit (it is from ${cached.baseUrl}${missing.length ? ` and lacks ${missing.join(", ")}` : ""})`;
    throw new Error(`No Kolada data: the API at ${baseUrl} failed (${reason}) and ${cacheState}. ${NO_SOURCE_HELP}`);
  });
}

/** Where the last failed fetch is noted, so the other loaders of the same build do not retry it. */
function failureFile(cacheDir: string): string {
  return path.join(cacheDir, "live-failure.json");
}

/** How long a failed fetch is not retried: long enough for one build's parallel loaders. */
const FAILURE_MEMORY_MS = 2 * 60_000;

/** The reason of a failure against `baseUrl` in the last two minutes, if any. */
function recentFailure(cacheDir: string, baseUrl: string): string | undefined {
  try {
    const failure = JSON.parse(readFileSync(failureFile(cacheDir), "utf8")) as {at: number; baseUrl: string; reason: string};
    return failure.baseUrl === baseUrl && Date.now() - failure.at < FAILURE_MEMORY_MS ? failure.reason : undefined;
  } catch {
    return undefined;
  }
}

/** Every model's KPIs must have at least one value in the data; otherwise a ModelError names them. */
function checkModelsAgainstData(modelFiles: readonly ModelFile[], dataset: KoladaDataset): void {
  const present = new Set(dataset.values.map((v) => v.kpi));
  for (const f of modelFiles) checkModelKpis(f.model, present, f.file);
}
