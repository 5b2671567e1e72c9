/**
 * Reads the offline Kolada snapshot (layout of `../shared/kolada`, see its
 * README) into the normalised data set, with native DuckDB.
 */
import {existsSync, readFileSync} from "node:fs";
import path from "node:path";
import type {Model} from "../src/engine/model.ts";
import {openDuckDB, queryRows, sqlList, sqlString} from "./duckdb.ts";
import {modelKpiRoles, unitFromTitle} from "./kpi-meta.ts";
import type {KoladaDataset, KpiRecord, MunicipalityRecord, ValueRecord} from "./types.ts";

/** The snapshot's files the loaders read, relative to its root. */
export const SNAPSHOT_FILES = {
  values: "values/kolada_1994-2022_long.parquet",
  municipalities: "meta/municipalities_290.csv",
  catalogue: "kpis/kolada_kpi_catalogue_v3.csv",
  candidates: "kpis/award_candidate_kpis.csv",
  map: "geo/kommuner.topojson",
  readme: "README.md"
} as const;

/** Throws a message naming the first snapshot file that is missing. */
export function checkSnapshotDir(dir: string): void {
  if (!existsSync(dir)) throw new Error(`KOLADA_SNAPSHOT_DIR=${dir} does not exist.`);
  for (const rel of Object.values(SNAPSHOT_FILES)) {
    if (rel === SNAPSHOT_FILES.readme) continue;
    const file = path.join(dir, rel);
    if (!existsSync(file)) throw new Error(`The Kolada snapshot in ${dir} lacks ${rel}; is KOLADA_SNAPSHOT_DIR right?`);
  }
}

/**
 * The snapshot's date: `KOLADA_SNAPSHOT_DATE` if set, else the "scraped … in
 * <Mon> <YYYY>" line of its README as YYYY-MM, else "okänt".
 */
export function snapshotDate(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOLADA_SNAPSHOT_DATE) return env.KOLADA_SNAPSHOT_DATE;
  const readme = path.join(dir, SNAPSHOT_FILES.readme);
  if (!existsSync(readme)) return "okänt";
  const match = /scraped[^.]*? in ([A-Z][a-z]{2})[a-z]* (\d{4})/.exec(readFileSync(readme, "utf8"));
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const month = match ? months.indexOf(match[1]!) + 1 : 0;
  return match && month ? `${match[2]}-${String(month).padStart(2, "0")}` : "okänt";
}

/** Reads values (2010 onwards, kommun and Riket), municipalities and KPI metadata for `kpis`. */
export async function readSnapshot(dir: string, kpis: readonly string[], models: readonly Model[], fromYear: number): Promise<KoladaDataset> {
  checkSnapshotDir(dir);
  const file = (rel: string) => sqlString(path.join(dir, rel));
  const db = await openDuckDB();
  try {
    const values = await queryRows<ValueRecord>(
      db,
      `SELECT kpi, municipality_id AS municipality_code, CAST(year AS INTEGER) AS year, gender, value
       FROM read_parquet(${file(SNAPSHOT_FILES.values)})
       WHERE kpi IN ${sqlList(kpis)} AND year >= ${fromYear}
         AND area_level IN ('kommun', 'riket') AND value IS NOT NULL AND isfinite(value)
       ORDER BY kpi, municipality_code, year, gender`
    );
    const municipalities = await queryRows<MunicipalityRecord>(
      db,
      `SELECT municipality_code AS code, municipality_name AS name, county_code AS countyCode,
              county_name AS county, skr_kommungrupp_code AS kommungrupp, skr_kommungrupp AS kommungruppName,
              skr_huvudgrupp AS mainGroup, CAST(population_2022 AS INTEGER) AS population,
              CASE WHEN population_2022 IS NULL THEN NULL ELSE 2022 END AS populationYear
       FROM read_csv(${file(SNAPSHOT_FILES.municipalities)}, all_varchar = false,
                     types = {'municipality_code': 'VARCHAR', 'county_code': 'VARCHAR'})
       ORDER BY code`
    );
    const catalogue = await queryRows<{id: string; title: string; description: string | null; divided: boolean; area: string | null}>(
      db,
      `SELECT id, title, description, is_divided_by_gender AS divided, operating_area AS area
       FROM read_csv(${file(SNAPSHOT_FILES.catalogue)}) WHERE id IN ${sqlList(kpis)}`
    );
    const candidates = await queryRows<{id: string; direction: string; dimension: string}>(
      db,
      `SELECT kpi_id AS id, direction, award_dimension_proposal AS dimension
       FROM read_csv(${file(SNAPSHOT_FILES.candidates)}) WHERE kpi_id IN ${sqlList(kpis)}`
    );
    return {
      source: {kind: "snapshot", location: dir, date: snapshotDate(dir)},
      municipalities,
      kpis: kpiRecords(kpis, catalogue, candidates, models),
      values
    };
  } finally {
    db.closeSync();
  }
}

function kpiRecords(
  kpis: readonly string[],
  catalogue: {id: string; title: string; description: string | null; divided: boolean; area: string | null}[],
  candidates: {id: string; direction: string; dimension: string}[],
  models: readonly Model[]
): KpiRecord[] {
  const roles = modelKpiRoles(models);
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const candidateById = new Map(candidates.map((c) => [c.id, c]));
  return kpis.map((id) => {
    const meta = byId.get(id);
    const role = roles.get(id);
    const candidate = candidateById.get(id);
    const candidateDirection =
      candidate?.direction === "higher_better" || candidate?.direction === "lower_better" ? candidate.direction : null;
    return {
      id,
      title: meta?.title ?? id,
      description: meta?.description ?? "",
      unit: meta ? unitFromTitle(meta.title) : null,
      direction: role?.direction ?? candidateDirection,
      dimension: role?.dimension ?? (candidateDirection ? candidate?.dimension ?? null : null),
      isDividedByGender: Boolean(meta?.divided),
      operatingArea: meta?.area ?? null
    };
  });
}
