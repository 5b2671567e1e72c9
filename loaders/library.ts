/**
 * The KPI library: every Kolada KPI with municipality values, for the
 * browser's KPI search and for adding KPIs to a model (issue 9).
 *
 * Written into its own cache directory `data/cache/library/<key>/`:
 * - `kpi-library.parquet`: one row per KPI: id, title, description,
 *   operating area, unit (from the title, if recognisable), whether Kolada
 *   divides it by gender, the award candidate list's *suggested* direction
 *   and dimension with their basis ("documented"/"inferred"), the value file
 *   holding its values (null: not fetched in this build) and its coverage per
 *   year (`n_<year>`: municipalities with a gender-T value; null: unknown);
 * - `library/v000.parquet` … (see `src/lib/data/kpi-library-layout.ts`): the
 *   values, gender T, kommuner and Riket, from `FIRST_YEAR`, in the columns of
 *   `values.parquet`; missing values are absent rows, never 0;
 * - `kpi-library-files.json`: the library's own manifest: mode, counts,
 *   years and the bytes and sha256 of the index and every value file.
 *
 * The main manifest lists the index and this file with their hashes (so
 * every library file is covered by a hash chain) and a summary, but not the
 * 256 value files one by one: every page loads the main manifest at start,
 * and the first load must not grow with the library.
 *
 * Sources: the snapshot (every KPI with kommun values; titles of KPIs missing
 * from the v3 catalogue from the v2 KPI groups), or the live API (see
 * `library-live.ts`): metadata for every KPI, values for the models' KPIs and
 * the award candidates, or for every KPI with `KOLADA_LIBRARY=all`.
 */
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {publishBuiltDir} from "./publish-dir.ts";
import path from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {coverageColumn, libraryValueFileNames, libraryValueFileOf, LIBRARY_VALUE_FILE_COUNT} from "../src/lib/data/kpi-library-layout.ts";
import {queryRows, sqlString} from "./duckdb.ts";
import {unitFromTitle} from "./kpi-meta.ts";
import {writeParquet, type Column} from "./parquet.ts";

/** Bump when the shape of a library file changes, so old caches are not reused. */
export const LIBRARY_VERSION = 1;

/** The library's files beside its value files. */
export const LIBRARY_INDEX = "kpi-library.parquet";
export const LIBRARY_FILES_MANIFEST = "kpi-library-files.json";
/** The folder of the value files inside the library directory (and under `src/data/` in the site). */
export const LIBRARY_VALUES_DIR = "library";

/** Where the values come from: the snapshot (all), the live API (models + award candidates), or the live API with `KOLADA_LIBRARY=all`. */
export type LibraryMode = "snapshot" | "candidates" | "all";

/** What the award candidate list suggests for a KPI (never a decision: see the snapshot's README). */
export interface CandidateSuggestion {
  id: string;
  /** "none": the list calls the KPI context, with no better direction. */
  direction: "higher_better" | "lower_better" | "none" | null;
  /** "documented": Kolada's description states it; "inferred": the list's authors inferred it. */
  basis: "documented" | "inferred" | null;
  /** The documented wording, e.g. "0=sämst, 100=bäst". */
  note: string | null;
  /** Proposed award dimension (resursåtgång, effektivitet, effekt, resultatkvalitet or context). */
  dimension: string | null;
  /** The candidate list's own title, used when the catalogue lacks the KPI. */
  title: string | null;
}

/** One KPI of the library before the values are placed into files. */
export interface LibraryKpiMeta {
  id: string;
  title: string;
  description: string;
  operatingArea: string | null;
  isDividedByGender: boolean;
  /** Which catalogue the title and description come from: "v3", "v2" (title only) or null (neither knows the id). */
  catalogue: "v3" | "v2" | null;
  /** Whether this build has the KPI's values (always in snapshot mode). */
  hasValues: boolean;
}

/** One row of `kpi-library.parquet`. */
export interface LibraryKpiRecord extends LibraryKpiMeta {
  unit: string | null;
  suggestion: CandidateSuggestion | null;
  file: string | null;
  /** Municipalities with a value per year; null when the values were not fetched. */
  coverage: Map<number, number> | null;
}

/** `kpi-library-files.json`. */
export interface LibraryFilesManifest {
  version: number;
  mode: LibraryMode;
  kpis: number;
  kpis_with_values: number;
  years: number[];
  value_file_count: number;
  /** `kpi-library.parquet` and `library/v000.parquet` …: bytes, sha256 and (value files) how many KPIs each holds. */
  files: Record<string, {bytes: number; sha256: string; kpis?: number}>;
}

/** What the main manifest says about the library (a few hundred bytes, whatever its size). */
export interface LibrarySummary {
  mode: LibraryMode;
  key: string;
  kpis: number;
  kpis_with_values: number;
  value_files: number;
  value_bytes: number;
}

function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The award candidate list (`kpis/award_candidate_kpis.csv`) as suggestions. */
export async function readCandidateSuggestions(db: DuckDBConnection, file: string): Promise<CandidateSuggestion[]> {
  const rows = await queryRows<{id: string; direction: string | null; basis: string | null; dimension: string | null; title: string | null}>(
    db,
    `SELECT kpi_id AS id, direction, direction_basis AS basis, award_dimension_proposal AS dimension, title
     FROM read_csv(${sqlString(file)}, all_varchar = true) ORDER BY kpi_id`
  );
  return rows.map((r) => candidateSuggestion(r));
}

/** One candidate row as a suggestion: the basis "documented: <wording>" keeps the wording as the note. */
export function candidateSuggestion(row: {id: string; direction: string | null; basis: string | null; dimension: string | null; title?: string | null}): CandidateSuggestion {
  const direction =
    row.direction === "higher_better" || row.direction === "lower_better" ? row.direction : row.direction === "context_no_direction" ? "none" : null;
  const basisText = (row.basis ?? "").trim();
  const basis = basisText.startsWith("documented") ? "documented" : basisText.startsWith("inferred") ? "inferred" : null;
  const note = basis === "documented" ? basisText.replace(/^documented:?\s*/, "") || null : null;
  return {id: row.id, direction, basis, note, dimension: row.dimension?.trim() || null, title: row.title?.trim() || null};
}

/** Titles of KPIs from the v2 KPI groups (`api/v2-metadata-2024-01/kpi_groups.json`), for KPIs the v3 catalogue lacks. */
export function readV2Titles(file: string): Map<string, string> {
  const titles = new Map<string, string>();
  if (!existsSync(file)) return titles;
  const groups = JSON.parse(readFileSync(file, "utf8")) as {members?: {member_id?: string; member_title?: string}[]}[];
  for (const group of groups) {
    for (const m of group.members ?? []) if (m.member_id && m.member_title && !titles.has(m.member_id)) titles.set(m.member_id, m.member_title);
  }
  return titles;
}

const INDEX_COLUMNS: Column<LibraryKpiRecord>[] = [
  {name: "id", type: "VARCHAR", get: (r) => r.id},
  {name: "title", type: "VARCHAR", get: (r) => r.title},
  {name: "description", type: "VARCHAR", get: (r) => r.description},
  {name: "operating_area", type: "VARCHAR", get: (r) => r.operatingArea},
  {name: "unit", type: "VARCHAR", get: (r) => r.unit},
  {name: "is_divided_by_gender", type: "BOOLEAN", get: (r) => r.isDividedByGender},
  {name: "catalogue", type: "VARCHAR", get: (r) => r.catalogue},
  {name: "suggested_direction", type: "VARCHAR", get: (r) => r.suggestion?.direction ?? null},
  {name: "direction_basis", type: "VARCHAR", get: (r) => r.suggestion?.basis ?? null},
  {name: "direction_note", type: "VARCHAR", get: (r) => r.suggestion?.note ?? null},
  {name: "suggested_dimension", type: "VARCHAR", get: (r) => r.suggestion?.dimension ?? null},
  {name: "file", type: "VARCHAR", get: (r) => r.file}
];

/**
 * Writes the library into `dir` from the temp table `lib_values(kpi,
 * municipality_code, year, gender, value)` (gender T, kommuner and Riket,
 * missing values absent) and the KPIs' metadata. KPIs with `hasValues` get a
 * value file (consecutive ids share one) and their coverage.
 */
export async function writeLibrary(
  db: DuckDBConnection,
  dir: string,
  metas: readonly LibraryKpiMeta[],
  suggestions: readonly CandidateSuggestion[],
  mode: LibraryMode
): Promise<LibraryFilesManifest> {
  const suggestionOf = new Map(suggestions.map((s) => [s.id, s]));
  const sorted = [...metas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const withValues = sorted.filter((m) => m.hasValues);
  const fileOf = new Map(withValues.map((m, i) => [m.id, libraryValueFileOf(i, withValues.length)]));

  const coverageRows = await queryRows<{kpi: string; year: number; n: number}>(
    db,
    `SELECT kpi, year, count(DISTINCT municipality_code)::INTEGER AS n FROM lib_values
     WHERE municipality_code <> '0000' GROUP BY kpi, year ORDER BY kpi, year`
  );
  const [range] = await queryRows<{lo: number | null; hi: number | null}>(db, `SELECT min(year) lo, max(year) hi FROM lib_values`);
  const years = range?.lo == null || range.hi == null ? [] : Array.from({length: range.hi - range.lo + 1}, (_, i) => range.lo! + i);
  const coverage = new Map<string, Map<number, number>>();
  for (const r of coverageRows) {
    if (!coverage.has(r.kpi)) coverage.set(r.kpi, new Map());
    coverage.get(r.kpi)!.set(r.year, r.n);
  }

  const records: LibraryKpiRecord[] = sorted.map((m) => ({
    ...m,
    unit: m.catalogue ? unitFromTitle(m.title) : null, // no title, no unit
    suggestion: suggestionOf.get(m.id) ?? null,
    file: fileOf.get(m.id) ?? null,
    coverage: m.hasValues ? new Map(years.map((y) => [y, coverage.get(m.id)?.get(y) ?? 0])) : null
  }));

  mkdirSync(path.join(dir, LIBRARY_VALUES_DIR), {recursive: true});
  await db.run(`CREATE OR REPLACE TEMP TABLE lib_files (kpi VARCHAR, file VARCHAR)`);
  const appender = await db.createAppender("lib_files");
  for (const [kpi, file] of fileOf) {
    appender.appendVarchar(kpi);
    appender.appendVarchar(file);
    appender.endRow();
  }
  appender.closeSync();
  await db.run(
    `CREATE OR REPLACE TEMP TABLE lib_sorted AS
     SELECT f.file, v.kpi, v.municipality_code, v.year, v.gender, v.value
     FROM lib_values v JOIN lib_files f USING (kpi) ORDER BY f.file, v.kpi, v.municipality_code, v.year`
  );
  const files: LibraryFilesManifest["files"] = {};
  const kpisPerFile = new Map<string, number>();
  for (const file of fileOf.values()) kpisPerFile.set(file, (kpisPerFile.get(file) ?? 0) + 1);
  for (const name of libraryValueFileNames()) {
    const target = path.join(dir, LIBRARY_VALUES_DIR, name);
    await db.run(
      `COPY (SELECT kpi, municipality_code, year, gender, value FROM lib_sorted WHERE file = ${sqlString(name)}
             ORDER BY kpi, municipality_code, year)
       TO ${sqlString(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)`
    );
    const bytes = readFileSync(target);
    files[`${LIBRARY_VALUES_DIR}/${name}`] = {bytes: bytes.length, sha256: sha256(bytes), kpis: kpisPerFile.get(name) ?? 0};
  }

  const columns: Column<LibraryKpiRecord>[] = [
    ...INDEX_COLUMNS,
    ...years.map((year): Column<LibraryKpiRecord> => ({name: coverageColumn(year), type: "INTEGER", get: (r) => r.coverage?.get(year) ?? null}))
  ];
  await writeParquet(db, path.join(dir, LIBRARY_INDEX), columns, records);
  const index = readFileSync(path.join(dir, LIBRARY_INDEX));
  const manifest: LibraryFilesManifest = {
    version: LIBRARY_VERSION,
    mode,
    kpis: records.length,
    kpis_with_values: withValues.length,
    years,
    value_file_count: LIBRARY_VALUE_FILE_COUNT,
    files: {[LIBRARY_INDEX]: {bytes: index.length, sha256: sha256(index)}, ...files}
  };
  writeFileSync(path.join(dir, LIBRARY_FILES_MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The main manifest's summary of a built library. */
export function librarySummary(dir: string, key: string): LibrarySummary {
  const m = JSON.parse(readFileSync(path.join(dir, LIBRARY_FILES_MANIFEST), "utf8")) as LibraryFilesManifest;
  const values = Object.entries(m.files).filter(([name]) => name.startsWith(`${LIBRARY_VALUES_DIR}/`));
  return {
    mode: m.mode,
    key,
    kpis: m.kpis,
    kpis_with_values: m.kpis_with_values,
    value_files: values.length,
    value_bytes: values.reduce((n, [, f]) => n + f.bytes, 0)
  };
}

/**
 * Builds a library into `root/<key>/` unless it is there already: into a
 * temp directory renamed into place when complete, so a failure leaves
 * earlier libraries untouched and parallel loaders at worst build it twice.
 */
export async function buildLibraryDir(root: string, key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(root, key);
  if (existsSync(path.join(dir, LIBRARY_FILES_MANIFEST))) return dir;
  return publishBuiltDir(root, LIBRARY_FILES_MANIFEST, async (tmp) => {
    await build(tmp);
    return key;
  });
}

/** A stable key for files' identities (name, size, modification time). */
export function filesKey(parts: readonly string[], files: readonly string[]): string {
  const hash = createHash("sha256").update(`library v${LIBRARY_VERSION}\n${parts.join("\n")}\n`);
  for (const file of files) {
    if (existsSync(file)) hash.update(`${path.basename(file)} ${statSync(file).size} ${statSync(file).mtimeMs}\n`);
    else hash.update(`${path.basename(file)} absent\n`);
  }
  return hash.digest("hex").slice(0, 16);
}
