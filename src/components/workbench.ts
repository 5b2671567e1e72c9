/**
 * Everything a workbench page needs, loaded once: the manifest, the models,
 * the municipalities and KPI metadata, DuckDB-WASM with the tables, and the
 * engine's value matrix (gender T, kommuner + Riket).
 */
import {buildMatrix, parseModel, type Model, type Municipality, type ValueColumns, type ValueMatrix} from "../engine/index.js";
import {openDatabase, yieldToMain, type Database, type DecodedColumns} from "./db.js";
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
  performance.mark("workbench:start");
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
  performance.mark("workbench:matrix");
  const values = genderTotalColumns(db.decoded("values"));
  performance.measure("workbench: gender T", "workbench:matrix");
  await yieldToMain();
  const matrix = buildMatrix({municipalities, values});
  performance.measure("workbench: value matrix", "workbench:matrix");
  performance.measure("workbench: load", "workbench:start");
  await yieldToMain(); // the page's first render gets a task of its own
  return {manifest, models, municipalities, kpis: new Map(kpiRows.map((k) => [k.id, k])), matrix, db};
}

/** The gender-T rows of the decoded values table as the engine's value columns. */
export function genderTotalColumns(values: DecodedColumns): ValueColumns {
  const {kpi, municipality_code, year, value, gender} = values.columns as Record<string, unknown[]>;
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) if (gender![i] === "T") keep.push(i);
  return {
    kpi: keep.map((i) => kpi![i] as string),
    municipality: keep.map((i) => municipality_code![i] as string),
    year: Int32Array.from(keep, (i) => year![i] as number),
    // A NULL would become 0 in a Float64Array: make it NaN, i.e. missing, never zero.
    value: Float64Array.from(keep, (i) => (value![i] === null || value![i] === undefined ? NaN : Number(value![i])))
  };
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
