/**
 * Everything a workbench page needs, loaded once: the manifest, the models,
 * the municipalities and KPI metadata, DuckDB-WASM with the tables, and the
 * engine's value matrix (gender T, kommuner + Riket).
 */
import {buildMatrix, parseModel, type Model, type Municipality, type ValueMatrix} from "../engine/index.js";
import {openDatabase, type Database} from "./db.js";
import type {ManifestInfo} from "./source-note.js";

export interface MunicipalityInfo extends Municipality {
  countyCode: string;
  population: number | null;
}

export interface KpiInfo {
  id: string;
  title: string;
  description: string;
  unit: string | null;
}

export interface ModelEntry {
  id: string;
  model: Model;
}

export interface Workbench {
  manifest: ManifestInfo;
  models: ModelEntry[];
  municipalities: MunicipalityInfo[];
  kpis: Map<string, KpiInfo>;
  matrix: ValueMatrix;
  db: Database;
}

/** URLs of the data files (from `FileAttachment(...).href`). */
export interface WorkbenchFiles {
  manifest: string;
  models: string;
  values: string;
  municipalities: string;
  kpis: string;
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Kunde inte hämta ${url} (HTTP ${response.status}).`);
  return response.json();
}

/** Loads the workbench data; models are validated again in the browser (a tampered file fails loudly). */
export async function loadWorkbench(files: WorkbenchFiles): Promise<Workbench> {
  const [manifest, rawModels, db] = await Promise.all([
    fetchJson(files.manifest) as Promise<ManifestInfo>,
    fetchJson(files.models) as Promise<{id: string; model: unknown}[]>,
    openDatabase({values: files.values, municipalities: files.municipalities, kpis: files.kpis})
  ]);
  const models = rawModels.map(({id, model}) => ({id, model: parseModel(model, `${id}.json`)}));
  const municipalities = await db.query<MunicipalityInfo>(
    `SELECT code, name, county, county_code AS "countyCode", kommungrupp, kommungrupp_name AS "kommungruppName",
            main_group AS "mainGroup", population FROM municipalities ORDER BY code`
  );
  const kpiRows = await db.query<KpiInfo>(`SELECT id, title, description, unit FROM kpis ORDER BY id`);
  const columns = await db.columns(
    `SELECT kpi, municipality_code AS municipality, year, value FROM "values" WHERE gender = 'T'`
  );
  const matrix = buildMatrix({
    municipalities,
    values: columns as unknown as {kpi: string[]; municipality: string[]; year: Int32Array; value: Float64Array}
  });
  return {manifest, models, municipalities, kpis: new Map(kpiRows.map((k) => [k.id, k])), matrix, db};
}

/** The latest year in which a model's KPIs have values (the pages open on it). */
export function latestYear(matrix: ValueMatrix, model: Model): number {
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  for (let t = nY - 1; t >= 0; t--) {
    for (const ind of model.indicators) {
      const k = matrix.kpiIndex.get(ind.kpi);
      if (k === undefined) continue;
      const base = (k * nY + t) * nM;
      for (let m = 0; m < nM; m++) if (matrix.values[base + m] === matrix.values[base + m]) return matrix.years[t]!;
    }
  }
  return matrix.years[nY - 1]!;
}
