/**
 * The KPI library from the offline snapshot: every KPI with kommun values
 * in `values/kolada_1994-2022_long.parquet`, its metadata from the v3
 * catalogue (titles of the few KPIs the catalogue lacks from the v2 KPI
 * groups), suggestions from the award candidate list, and its values.
 */
import path from "node:path";
import {FIRST_YEAR} from "./config.ts";
import {openDuckDB, queryRows, sqlString} from "./duckdb.ts";
import {buildLibraryDir, filesKey, readCandidateSuggestions, readV2Titles, writeLibrary, type LibraryKpiMeta} from "./library.ts";
import {SNAPSHOT_FILES} from "./snapshot.ts";

/** The v2 KPI groups, optional: only titles of KPIs missing from the v3 catalogue come from here. */
export const SNAPSHOT_V2_KPI_GROUPS = "api/v2-metadata-2024-01/kpi_groups.json";

/** The snapshot files the library reads. */
function inputFiles(snapshot: string): string[] {
  return [SNAPSHOT_FILES.values, SNAPSHOT_FILES.catalogue, SNAPSHOT_FILES.candidates, SNAPSHOT_V2_KPI_GROUPS].map((rel) => path.join(snapshot, rel));
}

/** The library's cache key for this snapshot: its input files' identities, the first year and the library version. */
export function snapshotLibraryKey(snapshot: string, fromYear = FIRST_YEAR): string {
  return `s-${filesKey([`from ${fromYear}`], inputFiles(snapshot))}`;
}

/** Builds (or finds) the library of `snapshot` under `root`; returns its directory. */
export async function ensureSnapshotLibrary(snapshot: string, root: string, fromYear = FIRST_YEAR): Promise<{dir: string; key: string}> {
  const key = snapshotLibraryKey(snapshot, fromYear);
  const dir = await buildLibraryDir(root, key, (tmp) => writeSnapshotLibrary(snapshot, tmp, fromYear));
  return {dir, key};
}

/** Reads the snapshot and writes the library into `dir`. */
export async function writeSnapshotLibrary(snapshot: string, dir: string, fromYear = FIRST_YEAR): Promise<void> {
  const file = (rel: string) => sqlString(path.join(snapshot, rel));
  const db = await openDuckDB();
  try {
    await db.run(
      `CREATE TEMP TABLE lib_kpis AS
       SELECT DISTINCT kpi FROM read_parquet(${file(SNAPSHOT_FILES.values)}) WHERE area_level = 'kommun'`
    );
    await db.run(
      `CREATE TEMP TABLE lib_values AS
       SELECT kpi, municipality_id AS municipality_code, CAST(year AS INTEGER) AS year, gender, value
       FROM read_parquet(${file(SNAPSHOT_FILES.values)})
       WHERE gender = 'T' AND year >= ${fromYear} AND area_level IN ('kommun', 'riket')
         AND value IS NOT NULL AND isfinite(value) AND kpi IN (SELECT kpi FROM lib_kpis)`
    );
    const catalogue = await queryRows<{id: string; title: string | null; description: string | null; area: string | null; divided: string | null; known: boolean}>(
      db,
      `SELECT k.kpi AS id, c.title, c.description, c.operating_area AS area, c.is_divided_by_gender AS divided, c.id IS NOT NULL AS known
       FROM lib_kpis k LEFT JOIN read_csv(${file(SNAPSHOT_FILES.catalogue)}, all_varchar = true) c ON c.id = k.kpi
       ORDER BY k.kpi`
    );
    const suggestions = await readCandidateSuggestions(db, path.join(snapshot, SNAPSHOT_FILES.candidates));
    const v2 = readV2Titles(path.join(snapshot, SNAPSHOT_V2_KPI_GROUPS));
    const candidateTitle = new Map(suggestions.map((s) => [s.id, s.title]));
    const metas: LibraryKpiMeta[] = catalogue.map((c) => {
      const fallback = v2.get(c.id) ?? null;
      return {
        id: c.id,
        title: (c.known ? c.title : fallback ?? candidateTitle.get(c.id)) ?? c.id,
        description: (c.known ? c.description : null) ?? "",
        operatingArea: c.known ? c.area || null : null,
        isDividedByGender: c.divided?.toUpperCase() === "TRUE",
        catalogue: c.known ? "v3" : fallback ? "v2" : null,
        hasValues: true
      };
    });
    await writeLibrary(db, dir, metas, suggestions, "snapshot");
  } finally {
    db.closeSync();
  }
}
