/**
 * The KPI library from the live Kolada API.
 *
 * - **Metadata** of every KPI Kolada has for kommuner (`municipality_type`
 *   K or A): one paginated `/v3/kpi` request.
 * - **Values** (gender T, kommuner and Riket, the years of the main fetch):
 *   the models' KPIs come from the main fetch; the award candidates'
 *   (`kpis/award_candidate_kpis.csv`) are fetched here; with
 *   `KOLADA_LIBRARY=all`, every KPI's. That is about 4 requests by default
 *   and a few hundred with `all` (25 KPIs per request, each paginated by
 *   5 000 rows), so they are cached like the main fetch: each batch of 25
 *   KPIs in its own file under `data/cache/live/library/`, reused for
 *   `KOLADA_CACHE_TTL_HOURS`, so an interrupted fetch resumes where it stopped.
 * - **Failures never stop the build** (the ranking pages do not need the
 *   library): a batch that cannot be fetched uses its last cached copy, or
 *   its KPIs are listed without values; the summary in the manifest carries
 *   a warning. After a failure the API is not asked again for two minutes
 *   (the other loaders of the same build use what there is).
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";
import {RIKET_CODE} from "../src/engine/types.ts";
import {REPO_ROOT, snapshotDirFromEnv} from "./config.ts";
import {openDuckDB} from "./duckdb.ts";
import {chunk, createKoladaClient, MAX_IDS_PER_SEGMENT, type KoladaClientOptions} from "./kolada/client.ts";
import {buildLibraryDir, LIBRARY_VERSION, readCandidateSuggestions, writeLibrary, type CandidateSuggestion, type LibraryKpiMeta, type LibraryMode} from "./library.ts";
import {withLock} from "./lock.ts";
import {SNAPSHOT_FILES} from "./snapshot.ts";
import type {KoladaDataset} from "./types.ts";

/** `KOLADA_LIBRARY`: unset (models + award candidates) or `all`; anything else is an error naming the variable. */
export function libraryModeFromEnv(env: NodeJS.ProcessEnv): Exclude<LibraryMode, "snapshot"> {
  const value = env.KOLADA_LIBRARY?.trim() ?? "";
  if (value === "" || value === "candidates") return "candidates";
  if (value === "all") return "all";
  throw new Error(`KOLADA_LIBRARY=${value} is not understood: leave it unset (values for the models' KPIs and the award candidates) or set it to "all" (values for every KPI).`);
}

/** The award candidate list: `KOLADA_AWARD_CANDIDATES_FILE`, else the snapshot's (or `../shared/kolada`'s) `kpis/award_candidate_kpis.csv`. */
export function candidatesFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOLADA_AWARD_CANDIDATES_FILE) return path.resolve(env.KOLADA_AWARD_CANDIDATES_FILE);
  return path.join(snapshotDirFromEnv(env) ?? path.resolve(REPO_ROOT, "../shared/kolada"), SNAPSHOT_FILES.candidates);
}

interface CachedMeta {
  fetchedAt: string;
  baseUrl: string;
  kpis: {id: string; title: string; description: string; is_divided_by_gender: boolean; municipality_type: string; operating_area: string}[];
}

interface CachedBatch {
  fetchedAt: string;
  baseUrl: string;
  kpis: string[];
  years: number[];
  /** [kpi, municipality code, year, value]: gender T, kommuner and Riket, finite values only. */
  rows: [string, string, number, number][];
}

export interface LiveLibraryOptions {
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  /** The main fetch: its models' KPIs' values and its municipalities are reused. */
  dataset: KoladaDataset;
  years: readonly number[];
  clientOptions?: KoladaClientOptions;
}

const FAILURE_MEMORY_MS = 2 * 60_000;

function ttlMs(env: NodeJS.ProcessEnv): number {
  const ttl = Number(env.KOLADA_CACHE_TTL_HOURS ?? 24);
  return (Number.isFinite(ttl) && ttl >= 0 ? ttl : 24) * 3.6e6;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Writes a cache file in one step (temp file, then rename). */
function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), {recursive: true});
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, {force: true});
  }
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Fetches what the library lacks (or reuses the cache) and builds the library
 * directory; returns it with its key and any warning.
 */
export async function ensureLiveLibrary(options: LiveLibraryOptions): Promise<{dir: string; key: string; warning?: string}> {
  const {env, cacheDir, dataset, years} = options;
  const mode = libraryModeFromEnv(env);
  const baseUrl = dataset.source.location;
  const root = path.join(cacheDir, "live", "library");
  const warnings: string[] = [];
  const candidates = candidatesFile(env);
  let suggestions: CandidateSuggestion[] = [];
  if (existsSync(candidates)) {
    const db = await openDuckDB();
    try {
      suggestions = await readCandidateSuggestions(db, candidates);
    } finally {
      db.closeSync();
    }
  } else {
    warnings.push(`the award candidate list ${path.basename(candidates)} is missing (KOLADA_AWARD_CANDIDATES_FILE), so no suggestions and no candidate values`);
  }

  const kommuner = new Set(dataset.municipalities.map((m) => m.code));
  const keep = (municipality: string) => municipality === RIKET_CODE || kommuner.has(municipality);
  const mainKpis = new Set(dataset.kpis.map((k) => k.id));
  const failureFile = path.join(cacheDir, "live-library-failure.json");

  const {meta, batches} = await withLock(path.join(cacheDir, "live-library.lock"), async () => {
    const failure = readJson<{at: number; baseUrl: string; reason: string}>(failureFile);
    let apiAllowed = dataset.source.kind === "live" && !(failure && failure.baseUrl === baseUrl && Date.now() - failure.at < FAILURE_MEMORY_MS);
    const client = createKoladaClient({...options.clientOptions, baseUrl});
    const fail = (what: string, error: unknown) => {
      const reason = (error as Error).message;
      warnings.push(`${what} failed (${reason})`);
      writeJson(failureFile, {at: Date.now(), baseUrl, reason});
      apiAllowed = false;
    };
    const fresh = (fetchedAt: string | undefined) => fetchedAt !== undefined && Date.now() - Date.parse(fetchedAt) < ttlMs(env);

    const metaFile = path.join(root, "kpis.json");
    let meta = readJson<CachedMeta>(metaFile);
    if (meta && meta.baseUrl !== baseUrl) meta = undefined;
    if (!fresh(meta?.fetchedAt) && apiAllowed) {
      try {
        const kpis = await client.getKpis();
        meta = {
          fetchedAt: new Date().toISOString(),
          baseUrl,
          kpis: kpis.map((k) => ({
            id: k.id,
            title: k.title,
            description: k.description,
            is_divided_by_gender: k.is_divided_by_gender,
            municipality_type: k.municipality_type,
            operating_area: k.operating_area
          }))
        };
        writeJson(metaFile, meta);
      } catch (error) {
        fail("the KPI list (/v3/kpi)", error);
      }
    }
    if (!meta) warnings.push("no KPI list: the library holds only the models' KPIs and the award candidates");

    const metaKommun = (meta?.kpis ?? []).filter((k) => k.municipality_type === "K" || k.municipality_type === "A").map((k) => k.id);
    const wanted = mode === "all" ? metaKommun : suggestions.map((s) => s.id);
    const toFetch = [...new Set(wanted)].filter((id) => !mainKpis.has(id)).sort();
    const batches: {kpis: string[]; batch: CachedBatch | undefined}[] = [];
    for (const ids of chunk(toFetch, MAX_IDS_PER_SEGMENT)) {
      const file = path.join(root, "values", `${sha(`${baseUrl}\n${ids.join(",")}\n${years.join(",")}`).slice(0, 20)}.json`);
      let batch = readJson<CachedBatch>(file);
      if (!fresh(batch?.fetchedAt) && apiAllowed) {
        try {
          const rows = await client.getData({kpis: ids, years: [...years]});
          batch = {
            fetchedAt: new Date().toISOString(),
            baseUrl,
            kpis: ids,
            years: [...years],
            rows: rows
              .filter((r) => r.gender === "T" && r.value !== null && Number.isFinite(r.value) && keep(r.municipality))
              .map((r): [string, string, number, number] => [r.kpi, r.municipality, r.year, r.value!])
          };
          writeJson(file, batch);
        } catch (error) {
          fail(`the values of ${ids[0]}…${ids.at(-1)}`, error);
        }
      }
      batches.push({kpis: ids, batch});
    }
    const missing = batches.filter((b) => !b.batch).flatMap((b) => b.kpis);
    if (missing.length) warnings.push(`no values for ${missing.length} KPIs (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""})`);
    return {meta, batches};
  });

  // The library's metadata: Kolada's KPI list, plus the main fetch's KPIs and the candidates it may lack.
  const metas = new Map<string, LibraryKpiMeta>();
  const withValues = new Set([...mainKpis, ...batches.filter((b) => b.batch).flatMap((b) => b.kpis)]);
  for (const k of meta?.kpis ?? []) {
    if (k.municipality_type !== "K" && k.municipality_type !== "A") continue;
    metas.set(k.id, {
      id: k.id,
      title: k.title,
      description: k.description,
      operatingArea: k.operating_area || null,
      isDividedByGender: k.is_divided_by_gender,
      catalogue: "v3",
      hasValues: withValues.has(k.id)
    });
  }
  for (const k of dataset.kpis) {
    if (!metas.has(k.id)) {
      metas.set(k.id, {id: k.id, title: k.title, description: k.description, operatingArea: k.operatingArea, isDividedByGender: k.isDividedByGender, catalogue: k.title === k.id ? null : "v3", hasValues: true});
    }
  }
  for (const s of suggestions) {
    if (!metas.has(s.id)) metas.set(s.id, {id: s.id, title: s.title ?? s.id, description: "", operatingArea: null, isDividedByGender: false, catalogue: null, hasValues: withValues.has(s.id)});
  }

  const mainRows = dataset.values.filter((v) => v.gender === "T" && keep(v.municipality_code) && Number.isFinite(v.value));
  const identity = sha(
    JSON.stringify({
      v: LIBRARY_VERSION,
      mode,
      baseUrl,
      years,
      meta: meta?.fetchedAt ?? null,
      batches: batches.map((b) => [b.kpis.join(","), b.batch?.fetchedAt ?? null]),
      main: sha(JSON.stringify(mainRows.map((v) => [v.kpi, v.municipality_code, v.year, v.value]))),
      kommuner: [...kommuner].sort(),
      suggestions
    })
  );
  const key = `l-${identity.slice(0, 16)}`;
  const dir = await buildLibraryDir(root, key, async (tmp) => {
    const db = await openDuckDB();
    try {
      await db.run(`CREATE TEMP TABLE lib_values (kpi VARCHAR, municipality_code VARCHAR, year INTEGER, gender VARCHAR, value DOUBLE)`);
      const appender = await db.createAppender("lib_values");
      const append = (kpi: string, municipality: string, year: number, value: number) => {
        appender.appendVarchar(kpi);
        appender.appendVarchar(municipality);
        appender.appendInteger(year);
        appender.appendVarchar("T");
        appender.appendDouble(value);
        appender.endRow();
      };
      for (const v of mainRows) append(v.kpi, v.municipality_code, v.year, v.value);
      for (const b of batches) for (const [kpi, municipality, year, value] of b.batch?.rows ?? []) append(kpi, municipality, year, value);
      appender.closeSync();
      await writeLibrary(db, tmp, [...metas.values()], suggestions, mode);
    } finally {
      db.closeSync();
    }
  });
  const warning = warnings.length ? `KPI library: ${warnings.join("; ")}.` : undefined;
  if (warning) console.warn(warning);
  return warning ? {dir, key, warning} : {dir, key};
}
