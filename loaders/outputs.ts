/**
 * Builds every data file the site serves (Parquet tables, map, models,
 * manifest) once per set of inputs, into `data/cache/outputs/<key>/`. The
 * Framework data loaders in `src/data/` each stream one of these files, so a
 * rebuild with unchanged inputs reuses the cache, and the manifest's sha256
 * values describe exactly the bytes served.
 *
 * Reproducible: the outputs hold nothing of the build's time or machine (no
 * build timestamp, no paths), and each loader's output file gets the data's
 * date as its modification time, which Framework writes into the pages as
 * `lastModified`. So the same commit and snapshot give byte-identical `dist/`.
 */
import {createHash} from "node:crypto";
import {existsSync, fstatSync, futimesSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {publishBuiltDir} from "./publish-dir.ts";
import path from "node:path";
import {CACHE_DIR, FIRST_YEAR, MODELS_DIR, REPO_ROOT, snapshotDirFromEnv} from "./config.ts";
import {openDuckDB} from "./duckdb.ts";
import {LIBRARY_FILES_MANIFEST, LIBRARY_INDEX, librarySummary, type LibrarySummary} from "./library.ts";
import {ensureLiveLibrary} from "./library-live.ts";
import {ensureSnapshotLibrary, snapshotLibraryKey} from "./library-snapshot.ts";
import {readModels, type ModelFile} from "./models.ts";
import {writeParquet, type Column} from "./parquet.ts";
import {SNAPSHOT_FILES} from "./snapshot.ts";
import {loadKoladaDataset, type LoadOptions} from "./source.ts";
import type {KoladaDataset, KpiRecord, MunicipalityRecord, ValueRecord} from "./types.ts";

/** Bump when the shape of any output changes, so old caches are not reused. */
const OUTPUT_VERSION = 6;

export const OUTPUT_FILES = [
  "values.parquet",
  "municipalities.parquet",
  "kpis.parquet",
  "kommuner.topojson",
  "models.json",
  LIBRARY_INDEX,
  LIBRARY_FILES_MANIFEST,
  "manifest.json"
] as const;
export type OutputFile = (typeof OUTPUT_FILES)[number];

export interface Manifest {
  version: number;
  source: KoladaDataset["source"];
  attribution: string;
  models: {id: string; name: string; status: string | null; kpis: number}[];
  row_counts: {values: number; municipalities: number; kpis: number};
  kpis: string[];
  years: number[];
  files: Record<string, {bytes: number; sha256: string}>;
  /**
   * The KPI library (loaders/library.ts): a summary only. Its index and its
   * own manifest are in `files`; that manifest lists every value file with
   * its sha256 (not listed here: this file is loaded by every page at start).
   */
  library: LibrarySummary & {warning?: string};
}

const VALUE_COLUMNS: Column<ValueRecord>[] = [
  {name: "kpi", type: "VARCHAR", get: (r) => r.kpi},
  {name: "municipality_code", type: "VARCHAR", get: (r) => r.municipality_code},
  {name: "year", type: "INTEGER", get: (r) => r.year},
  {name: "gender", type: "VARCHAR", get: (r) => r.gender},
  {name: "value", type: "DOUBLE", get: (r) => r.value}
];

const MUNICIPALITY_COLUMNS: Column<MunicipalityRecord>[] = [
  {name: "code", type: "VARCHAR", get: (r) => r.code},
  {name: "name", type: "VARCHAR", get: (r) => r.name},
  {name: "county_code", type: "VARCHAR", get: (r) => r.countyCode},
  {name: "county", type: "VARCHAR", get: (r) => r.county},
  {name: "kommungrupp", type: "VARCHAR", get: (r) => r.kommungrupp},
  {name: "kommungrupp_name", type: "VARCHAR", get: (r) => r.kommungruppName},
  {name: "main_group", type: "VARCHAR", get: (r) => r.mainGroup},
  {name: "population", type: "INTEGER", get: (r) => r.population},
  {name: "population_year", type: "INTEGER", get: (r) => r.populationYear}
];

const KPI_COLUMNS: Column<KpiRecord>[] = [
  {name: "id", type: "VARCHAR", get: (r) => r.id},
  {name: "title", type: "VARCHAR", get: (r) => r.title},
  {name: "description", type: "VARCHAR", get: (r) => r.description},
  {name: "unit", type: "VARCHAR", get: (r) => r.unit},
  {name: "direction", type: "VARCHAR", get: (r) => r.direction},
  {name: "dimension", type: "VARCHAR", get: (r) => r.dimension},
  {name: "is_divided_by_gender", type: "BOOLEAN", get: (r) => r.isDividedByGender},
  {name: "operating_area", type: "VARCHAR", get: (r) => r.operatingArea}
];

function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The TopoJSON of the 290 municipalities: `KOMMUN_MAP_FILE`, else the snapshot's `geo/kommuner.topojson`. */
export function mapFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOMMUN_MAP_FILE) return path.resolve(env.KOMMUN_MAP_FILE);
  const snapshot = snapshotDirFromEnv(env) ?? path.resolve(REPO_ROOT, "../shared/kolada");
  const file = path.join(snapshot, SNAPSHOT_FILES.map);
  if (!existsSync(file)) throw new Error(`No municipality map: ${file} does not exist. Set KOMMUN_MAP_FILE or KOLADA_SNAPSHOT_DIR.`);
  return file;
}

/**
 * A key that changes whenever an input changes (snapshot files, models, map,
 * output version). Undefined for the live API, whose freshness the source decides.
 */
function inputsKey(env: NodeJS.ProcessEnv, modelFiles: readonly ModelFile[]): string | undefined {
  const snapshot = snapshotDirFromEnv(env);
  if (!snapshot) return undefined;
  const hash = createHash("sha256").update(`v${OUTPUT_VERSION}\n${snapshot}\n${env.KOLADA_SNAPSHOT_DATE ?? ""}\n${snapshotLibraryKey(snapshot, FIRST_YEAR)}\n`);
  for (const rel of Object.values(SNAPSHOT_FILES)) {
    const file = path.join(snapshot, rel);
    if (existsSync(file)) hash.update(`${rel} ${statSync(file).size} ${statSync(file).mtimeMs}\n`);
  }
  const map = mapFile(env);
  hash.update(`${map} ${statSync(map).size} ${statSync(map).mtimeMs}\n`);
  for (const f of modelFiles) hash.update(`${path.basename(f.file)}\n${readFileSync(f.file)}\n`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * A key for live outputs, which have no input key: the hash of the manifest,
 * i.e. the source (kind, date, warning), the models and the sha256 of every
 * file. Equal keys mean equal outputs.
 */
function contentKey(dir: string): string {
  return sha256(readFileSync(path.join(dir, "manifest.json"))).slice(0, 16);
}

/**
 * A snapshot is named by its folder's name (e.g. "kolada"), not its path: no
 * path of the build machine reaches the site, and the same snapshot gives the
 * same manifest wherever the repository and the snapshot are checked out.
 */
export function displayLocation(source: KoladaDataset["source"]): KoladaDataset["source"] {
  if (source.kind !== "snapshot") return source;
  return {...source, location: path.basename(source.location)};
}

/**
 * The values with gender T first (each part in the data set's order): the
 * row groups then hold either T or K/M rows, and the ranking and profile
 * pages, which use T only, decode just the T row groups (their statistics say
 * which), about 40 % less work on the first load.
 */
export function genderTotalFirst(values: readonly ValueRecord[]): ValueRecord[] {
  return [...values.filter((v) => v.gender === "T"), ...values.filter((v) => v.gender !== "T")];
}

/** The built library of an outputs build: its directory, cache key and any warning. */
export interface BuiltLibrary {
  dir: string;
  key: string;
  warning?: string;
}

/** Writes all outputs of `dataset` into `dir`, the manifest last. */
async function writeOutputs(dir: string, dataset: KoladaDataset, modelFiles: readonly ModelFile[], map: string, library: BuiltLibrary): Promise<void> {
  const db = await openDuckDB();
  try {
    await writeParquet(db, path.join(dir, "values.parquet"), VALUE_COLUMNS, genderTotalFirst(dataset.values));
    await writeParquet(db, path.join(dir, "municipalities.parquet"), MUNICIPALITY_COLUMNS, dataset.municipalities);
    await writeParquet(db, path.join(dir, "kpis.parquet"), KPI_COLUMNS, dataset.kpis);
  } finally {
    db.closeSync();
  }
  writeFileSync(path.join(dir, "kommuner.topojson"), readFileSync(map));
  writeFileSync(path.join(dir, "models.json"), JSON.stringify(modelFiles.map((f) => ({id: f.id, model: f.model}))));
  for (const name of [LIBRARY_INDEX, LIBRARY_FILES_MANIFEST]) writeFileSync(path.join(dir, name), readFileSync(path.join(library.dir, name)));
  const files: Manifest["files"] = {};
  for (const name of OUTPUT_FILES) {
    if (name === "manifest.json") continue;
    const bytes = readFileSync(path.join(dir, name));
    files[name] = {bytes: bytes.length, sha256: sha256(bytes)};
  }
  const years = [...new Set(dataset.values.map((v) => v.year))].sort((a, b) => a - b);
  const manifest: Manifest = {
    version: OUTPUT_VERSION,
    source: displayLocation(dataset.source),
    attribution: "Egen bearbetning av data från Kolada (RKA)",
    models: modelFiles.map((f) => ({id: f.id, name: f.model.name, status: f.model.status ?? null, kpis: f.model.indicators.length})),
    row_counts: {values: dataset.values.length, municipalities: dataset.municipalities.length, kpis: dataset.kpis.length},
    kpis: dataset.kpis.map((k) => k.id),
    years,
    files,
    library: {...librarySummary(library.dir, library.key), ...(library.warning ? {warning: library.warning} : {})}
  };
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

/**
 * Returns the directory holding every output for the current inputs, building
 * it first if needed. The build goes to a temp dir that is renamed into place
 * only when complete, so a failure leaves earlier outputs untouched, and
 * loaders running in parallel at worst build the same thing twice.
 */
export async function ensureOutputs(
  env: NodeJS.ProcessEnv = process.env,
  cacheDir = CACHE_DIR,
  options: Pick<LoadOptions, "clientOptions" | "fromYear" | "toYear"> = {}
): Promise<string> {
  const modelFiles = readModels(env.KVALITETSKOMMUN_MODELS_DIR ?? MODELS_DIR);
  const key = inputsKey(env, modelFiles);
  const root = path.join(cacheDir, "outputs");
  if (key && existsSync(path.join(root, key, "manifest.json"))) return path.join(root, key);
  const map = mapFile(env);
  const dataset = await loadKoladaDataset({...options, env, models: modelFiles, cacheDir});
  const library = await ensureLibrary(env, cacheDir, dataset, options);
  return publishBuiltDir(root, "manifest.json", async (tmp) => {
    await writeOutputs(tmp, dataset, modelFiles, map, library);
    return key ?? `live-${contentKey(tmp)}`;
  });
}

/**
 * The library for this build: from the snapshot (every KPI, cached by the
 * snapshot's files), or from the live API beside the main fetch.
 */
async function ensureLibrary(
  env: NodeJS.ProcessEnv,
  cacheDir: string,
  dataset: KoladaDataset,
  options: Pick<LoadOptions, "clientOptions" | "fromYear" | "toYear">
): Promise<BuiltLibrary> {
  const fromYear = options.fromYear ?? FIRST_YEAR;
  const snapshot = snapshotDirFromEnv(env);
  if (snapshot) return ensureSnapshotLibrary(snapshot, path.join(cacheDir, "library"), fromYear);
  const toYear = options.toYear ?? new Date().getFullYear();
  const years = Array.from({length: Math.max(0, toYear - fromYear + 1)}, (_, i) => fromYear + i);
  return ensureLiveLibrary({env, cacheDir, dataset, years, ...(options.clientOptions ? {clientOptions: options.clientOptions} : {})});
}

/** The library directory of an outputs directory (from its manifest's library key). */
export function libraryDirOf(outputsDir: string, cacheDir = CACHE_DIR): string {
  const {library} = JSON.parse(readFileSync(path.join(outputsDir, "manifest.json"), "utf8")) as Manifest;
  const dir = path.join(cacheDir, ...(library.key.startsWith("s-") ? ["library"] : ["live", "library"]), library.key);
  if (!existsSync(path.join(dir, LIBRARY_FILES_MANIFEST))) throw new Error(`The KPI library ${library.key} of ${outputsDir} is missing from ${cacheDir}; run the build again.`);
  return dir;
}

/**
 * The modification time every output gets: the data's date (the snapshot's
 * month or the live fetch's day, as in the manifest) at 00:00 UTC.
 */
export function outputsDate(dir: string): Date {
  const {source} = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  const date = new Date(source.date); // "YYYY-MM" and "YYYY-MM-DD" parse as UTC
  if (Number.isNaN(date.getTime())) throw new Error(`manifest.json: source.date is not a date: ${JSON.stringify(source.date)}`);
  return date;
}

/**
 * Writes one output file to stdout: the body of every `src/data/*.ts` loader.
 *
 * Framework runs a loader with stdout open on the file it caches the output
 * in, and a build writes that file's mtime into the pages (`lastModified`).
 * So when stdout is a regular file its mtime is set to {@link outputsDate}: a
 * build time there would make every build's HTML differ. Unless
 * `KVALITETSKOMMUN_OUTPUT_MTIME=now` (set by `npm run dev`): the preview server
 * re-runs a loader whenever its output is older than the loader file, which a
 * data-dated output always is, so it would re-run every loader on every request.
 */
export async function emitOutput(name: OutputFile, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = await ensureOutputs(env);
  const date = outputsDate(dir);
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(readFileSync(path.join(dir, name)), (error) => (error ? reject(error) : resolve()))
  );
  if (env.KVALITETSKOMMUN_OUTPUT_MTIME !== "now" && fstatSync(1).isFile()) futimesSync(1, date, date);
}
