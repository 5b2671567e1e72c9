/**
 * The KPI library in the browser: every Kolada KPI with municipality values,
 * searchable, and the values of any of them added to a page's data on demand.
 * Data layer only (no DOM). Nothing here runs when a page loads: the library's
 * files are fetched on the first call, so a page's first load stays what its
 * model needs.
 *
 * Stable API (the model editor and the KPI search component rely on it):
 *
 * - `loadKpiLibrary(source?: KpiLibrarySource): Promise<KpiLibrary>`: the
 *   metadata of every KPI (id, title, description, operating area, unit,
 *   suggested direction and dimension with their basis, coverage per year),
 *   sorted by id, with `byId`. Fetched once per page (one ~160 kB file) and
 *   shared; a failed fetch is retried on the next call.
 * - `searchKpis(library, query, {limit}?): KpiSearchHit[]`: the KPIs matching
 *   every word of the query in id, title, operating area or description,
 *   best first (rules in kpi-search.ts).
 * - `ensureKpiValues(workbench, kpiIds, options?): Promise<ValueMatrix>`:
 *   makes sure the workbench's value matrix has every KPI of `kpiIds`:
 *   fetches the value files of those it lacks (one small file per ~8 KPIs),
 *   then replaces `workbench.matrix` by a matrix with those KPIs appended
 *   (`extendMatrix`: same municipalities and years, existing rows unchanged,
 *   so everything computed before stays valid) and adds their titles to
 *   `workbench.kpis`. Resolves to the new matrix. KPIs already loaded cost
 *   nothing. Concurrent calls share fetches: two quick adds of the same KPI
 *   fetch its file once. All or nothing: if any KPI is unknown, has no values
 *   in this build, or its file cannot be fetched or read, it rejects with a
 *   Swedish message naming the KPI (or file) and the workbench is unchanged.
 *
 * `source` defaults to this site's files (kpi-library-files.ts, imported
 * with `import()` on first use); tests pass their own URLs and `fetch`.
 */
import {extendMatrix, type ValueMatrix} from "../../engine/index.js";
import {coverageColumnYear} from "./kpi-library-layout.js";
import type {KpiCoverage, KpiLibrary, KpiLibraryEntry, KpiSuggestion} from "./kpi-library-types.js";
import {decodeParquet, type DecodedColumns} from "./parquet.js";
import {genderTotalColumns, type Workbench} from "./workbench.js";

export type {KpiCoverage, KpiLibrary, KpiLibraryEntry, KpiSuggestion} from "./kpi-library-types.js";
export {searchKpis, type KpiSearchField, type KpiSearchHit} from "./kpi-search.js";

/** Where the library's files are: URLs of the index and of each value file, and the fetch to use. */
export interface KpiLibrarySource {
  index: string;
  valueFiles: Readonly<Record<string, string>>;
  fetch?: (url: string) => Promise<Response>;
}

let siteSource: Promise<KpiLibrarySource> | undefined;

/** This site's library files (the module naming them is loaded on first use). */
export function siteKpiLibrarySource(): Promise<KpiLibrarySource> {
  siteSource ??= import("./kpi-library-files.js").then(
    (m) => ({index: m.KPI_LIBRARY_INDEX, valueFiles: m.KPI_LIBRARY_VALUE_FILES}),
    (error: unknown) => {
      siteSource = undefined;
      throw new Error(`Kunde inte läsa in listan över nyckeltalsbibliotekets filer: ${(error as Error).message}`);
    }
  );
  return siteSource;
}

interface SourceState {
  library?: Promise<KpiLibrary>;
  files: Map<string, Promise<DecodedColumns>>;
}

const states = new WeakMap<KpiLibrarySource, SourceState>();

function stateOf(source: KpiLibrarySource): SourceState {
  let state = states.get(source);
  if (!state) states.set(source, (state = {files: new Map()}));
  return state;
}

/** Fetches and decodes one Parquet file of the library; errors say which file and why, in Swedish. */
async function fetchDecoded(source: KpiLibrarySource, url: string, what: string): Promise<DecodedColumns> {
  let response: Response;
  try {
    response = await (source.fetch ?? fetch)(url);
  } catch (error) {
    throw new Error(`Kunde inte hämta ${what} (${url}): ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`Kunde inte hämta ${what} (${url}, HTTP ${response.status}).`);
  try {
    return await decodeParquet(await response.arrayBuffer());
  } catch (error) {
    throw new Error(`Kunde inte läsa ${what} (${url}) som Parquet: ${(error as Error).message}`);
  }
}

/** The library's metadata (see the module comment). */
export async function loadKpiLibrary(source?: KpiLibrarySource): Promise<KpiLibrary> {
  const src = source ?? (await siteKpiLibrarySource());
  const state = stateOf(src);
  state.library ??= fetchDecoded(src, src.index, "nyckeltalsbiblioteket")
    .then(libraryFromColumns)
    .catch((error: unknown) => {
      state.library = undefined; // the next call tries again
      throw error;
    });
  return state.library;
}

const INDEX_COLUMNS = ["id", "title", "description", "operating_area", "unit", "is_divided_by_gender", "catalogue", "suggested_direction", "direction_basis", "direction_note", "suggested_dimension", "file"];

const text = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));

/** `kpi-library.parquet` decoded → the library. Throws naming a missing column or a malformed row. */
export function libraryFromColumns(decoded: DecodedColumns): KpiLibrary {
  const c = decoded.columns;
  const missing = INDEX_COLUMNS.filter((name) => !(name in c));
  if (missing.length) throw new Error(`Nyckeltalsbiblioteket saknar kolumnen ${missing.join(", ")}.`);
  const years = Object.keys(c)
    .map((name) => ({name, year: coverageColumnYear(name)}))
    .filter((y): y is {name: string; year: number} => y.year !== undefined)
    .sort((a, b) => a.year - b.year);
  const kpis: KpiLibraryEntry[] = [];
  for (let i = 0; i < decoded.length; i++) {
    const id = text(c.id![i]);
    if (!id) throw new Error(`Nyckeltalsbiblioteket: rad ${i + 1} saknar id.`);
    const direction = text(c.suggested_direction![i]);
    const basis = text(c.direction_basis![i]);
    const dimension = text(c.suggested_dimension![i]);
    const suggestion: KpiSuggestion | null =
      direction === "higher_better" || direction === "lower_better" || direction === "none"
        ? {direction, basis: basis === "documented" || basis === "inferred" ? basis : null, note: text(c.direction_note![i]), dimension}
        : null;
    const file = text(c.file![i]);
    const coverage: KpiCoverage[] | null = file
      ? years.map(({name, year}) => {
          const n = c[name]![i];
          return {year, municipalities: n === null || n === undefined ? 0 : Number(n)};
        })
      : null;
    const catalogue = text(c.catalogue![i]);
    kpis.push({
      id,
      title: text(c.title![i]) ?? id,
      description: text(c.description![i]) ?? "",
      operatingArea: text(c.operating_area![i]),
      unit: text(c.unit![i]),
      isDividedByGender: c.is_divided_by_gender![i] === true,
      catalogue: catalogue === "v3" || catalogue === "v2" ? catalogue : null,
      suggestion,
      hasValues: file !== null,
      file,
      coverage
    });
  }
  kpis.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const areas = [...new Set(kpis.map((k) => k.operatingArea).filter((a): a is string => a !== null))].sort((a, b) => a.localeCompare(b, "sv"));
  return {kpis, byId: new Map(kpis.map((k) => [k.id, k])), years: years.map((y) => y.year), operatingAreas: areas};
}

/** A value file, fetched once per source however many calls ask for it (a failure is forgotten, so a later call retries). */
function valueFile(source: KpiLibrarySource, file: string): Promise<DecodedColumns> {
  const state = stateOf(source);
  let promise = state.files.get(file);
  if (!promise) {
    const url = source.valueFiles[file];
    promise = url ? fetchDecoded(source, url, `värdefilen ${file} i nyckeltalsbiblioteket`) : Promise.reject(new Error(`Nyckeltalsbiblioteket har ingen värdefil ${file}.`));
    state.files.set(file, promise);
    promise.catch(() => state.files.delete(file));
  }
  return promise;
}

const VALUE_COLUMNS = ["kpi", "municipality_code", "year", "gender", "value"];

/** Adds the values of `kpiIds` the workbench lacks (see the module comment). */
export async function ensureKpiValues(
  workbench: Workbench,
  kpiIds: readonly string[],
  options: {source?: KpiLibrarySource; library?: KpiLibrary} = {}
): Promise<ValueMatrix> {
  const wanted = [...new Set(kpiIds)];
  if (wanted.every((id) => workbench.matrix.kpiIndex.has(id))) return workbench.matrix;
  const source = options.source ?? (await siteKpiLibrarySource());
  const library = options.library ?? (await loadKpiLibrary(source));
  const missing = wanted.filter((id) => !workbench.matrix.kpiIndex.has(id));
  const unknown = missing.filter((id) => !library.byId.has(id));
  if (unknown.length) throw new Error(`${unknown.length === 1 ? "Nyckeltalet" : "Nyckeltalen"} ${unknown.join(", ")} finns inte i nyckeltalsbiblioteket.`);
  const withoutValues = missing.filter((id) => !library.byId.get(id)!.file);
  if (withoutValues.length) {
    throw new Error(
      `Värdena för ${withoutValues.join(", ")} finns inte i den här versionen av verktyget: de hämtades inte när webbplatsen byggdes ` +
        `(från Kolada hämtas bara modellernas nyckeltal och kandidatlistans, om inte KOLADA_LIBRARY=all).`
    );
  }
  const files = [...new Set(missing.map((id) => library.byId.get(id)!.file!))];
  const decoded = await Promise.all(files.map((file) => valueFile(source, file)));

  // Everything fetched: merge at once, so the workbench changes completely or not at all.
  let matrix = workbench.matrix;
  const added: string[] = [];
  files.forEach((file, i) => {
    const columns = decoded[i]!;
    const lacking = VALUE_COLUMNS.filter((name) => !(name in columns.columns));
    if (lacking.length) throw new Error(`Värdefilen ${file} i nyckeltalsbiblioteket saknar kolumnen ${lacking.join(", ")}.`);
    // Another call may have added some of them while this one waited.
    const kpis = missing.filter((id) => library.byId.get(id)!.file === file && !matrix.kpiIndex.has(id));
    try {
      matrix = extendMatrix(matrix, kpis, genderTotalColumns(columns));
    } catch (error) {
      throw new Error(`Värdefilen ${file} i nyckeltalsbiblioteket kunde inte läsas in (${kpis.join(", ")}): ${(error as Error).message}`);
    }
    added.push(...kpis);
  });
  workbench.matrix = matrix;
  for (const id of added) {
    const entry = library.byId.get(id)!;
    if (!workbench.kpis.has(id)) workbench.kpis.set(id, {id, title: entry.title, description: entry.description, unit: entry.unit});
  }
  return matrix;
}
