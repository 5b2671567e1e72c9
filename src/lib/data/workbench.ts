/**
 * Everything a ranking or profile page needs, loaded once: the manifest, the
 * models, the municipalities and KPI metadata, and the engine's value matrix
 * (gender T, kommuner + Riket).
 *
 * No DuckDB here: the matrix is built straight from the decoded Parquet
 * columns, so the first ranking waits only for the data files (DuckDB-WASM's
 * start-up took seconds on a slow machine and sat on this path before).
 * `onProgress` reports each step, for the page's loading indicator.
 */
import {buildMatrix, parseModel, type Model, type Municipality, type ValueColumns, type ValueMatrix} from "../../engine/index.js";
import type {ManifestInfo} from "../../components/source-note.js";
import {fetchParquet, yieldToMain, type DecodedColumns} from "./parquet.js";
import {progressSteps, type LoadProgress} from "./progress.js";

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
}

/** URLs of the data files (from `FileAttachment(...).href`). */
export interface WorkbenchFiles {
  manifest: string;
  models: string;
  values: string;
  municipalities: string;
  kpis: string;
}

export type {LoadProgress};

export async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Kunde inte hämta ${url} (HTTP ${response.status}).`);
  return response.json();
}

/** The model shown when the link names none: `skk-standard` if present, else the first file. */
export function defaultModelId(models: readonly ModelEntry[]): string {
  return (models.find((m) => m.id === "skk-standard") ?? models[0]!).id;
}

/** The model with this id; throws naming the id when there is none (callers validate ids first). */
export function modelById(models: readonly ModelEntry[], id: string): Model {
  const entry = models.find((m) => m.id === id);
  if (!entry) throw new Error(`Ingen modell med id ${id}.`);
  return entry.model;
}

/**
 * Loads the workbench data; models are validated again in the browser (a
 * tampered file fails loudly). Every file is fetched at once.
 */
export async function loadWorkbench(files: WorkbenchFiles, onProgress: (progress: LoadProgress) => void = () => {}): Promise<Workbench> {
  performance.mark("workbench:start");
  const {step, next} = progressSteps(7, onProgress, "Hämtar data");
  const [manifest, rawModels, values, municipalityColumns, kpiColumns] = await Promise.all([
    step("Källbeskrivning hämtad", fetchJson(files.manifest) as Promise<ManifestInfo>),
    step("Modeller hämtade", fetchJson(files.models) as Promise<{id: string; model: unknown}[]>),
    // Gender T only: the loaders write T rows first, so whole row groups of K/M are skipped.
    step("Värden hämtade och avkodade", fetchParquet(files.values, {column: "gender", value: "T"})),
    step("Kommuner hämtade", fetchParquet(files.municipalities)),
    step("Nyckeltal hämtade", fetchParquet(files.kpis))
  ]);
  const wb = workbenchFromDecoded(manifest, rawModels, values, municipalityColumns, kpiColumns);
  next("Värdematris byggd");
  performance.measure("workbench: load", "workbench:start");
  await yieldToMain(); // the page's first render gets a task of its own
  next("Klart");
  return wb;
}

/**
 * The workbench from files already fetched and decoded (Utforska decodes the
 * values file once, every gender, for DuckDB and the engine). Only the
 * gender-T rows of `values` enter the matrix.
 */
export function workbenchFromDecoded(
  manifest: ManifestInfo,
  rawModels: readonly {id: string; model: unknown}[],
  values: DecodedColumns,
  municipalityColumns: DecodedColumns,
  kpiColumns: DecodedColumns
): Workbench {
  const models = rawModels.map(({id, model}) => ({id, model: parseModel(model, `${id}.json`)}));
  const municipalities = municipalityInfo(municipalityColumns);
  const kpis = kpiInfo(kpiColumns);
  performance.mark("workbench:matrix");
  const matrix = buildMatrix({municipalities, values: genderTotalColumns(values)});
  performance.measure("workbench: value matrix", "workbench:matrix");
  return {manifest, models, municipalities, kpis, matrix};
}

/** The rows of a decoded table as objects (small tables only). */
function rowsOf(decoded: DecodedColumns): Record<string, unknown>[] {
  const names = Object.keys(decoded.columns);
  return Array.from({length: decoded.length}, (_, i) => Object.fromEntries(names.map((n) => [n, decoded.columns[n]![i]])));
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** municipalities.parquet (see loaders/outputs.ts) as the engine's municipalities, sorted by code. */
export function municipalityInfo(decoded: DecodedColumns): MunicipalityInfo[] {
  return rowsOf(decoded)
    .map((r) => ({
      code: text(r.code),
      name: text(r.name),
      county: text(r.county),
      countyCode: text(r.county_code),
      kommungrupp: text(r.kommungrupp),
      kommungruppName: text(r.kommungrupp_name),
      mainGroup: text(r.main_group),
      population: numberOrNull(r.population)
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** kpis.parquet as KPI metadata by id. */
export function kpiInfo(decoded: DecodedColumns): Map<string, KpiInfo> {
  const kpis = rowsOf(decoded).map((r) => ({id: text(r.id), title: text(r.title), description: text(r.description), unit: r.unit === null || r.unit === undefined ? null : String(r.unit)}));
  return new Map(kpis.sort((a, b) => (a.id < b.id ? -1 : 1)).map((k) => [k.id, k]));
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
