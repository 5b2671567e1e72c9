/**
 * The layout of the KPI library's files, shared by the loaders (which write
 * them), the browser (which reads them) and the tests. Pure: no DOM, no I/O.
 *
 * The library is every Kolada KPI with municipality values. Its metadata is
 * one file (`data/kpi-library.parquet`, one row per KPI); its values (gender
 * T, kommuner and Riket, the same years as `values.parquet`) are split into
 * {@link LIBRARY_VALUE_FILE_COUNT} small Parquet files of consecutive KPI ids
 * (`data/library/v000.parquet` …), so adding one KPI fetches one small file.
 *
 * Why a fixed number of files with fixed names rather than one file per KPI:
 * Framework copies a file into the site only when a page or module names it
 * in a literal `FileAttachment("…")`, and which KPIs have values depends on
 * the data (the snapshot, or the live API with or without
 * `KOLADA_LIBRARY=all`). A fixed list of names can be written once in
 * `kpi-library-files.ts`; the index says which file holds which KPI.
 */

/** How many value files the library has (some may be empty, e.g. in live mode). */
export const LIBRARY_VALUE_FILE_COUNT = 256;

/** The file name of value file `i` (0-based), e.g. `v007.parquet`. */
export function libraryValueFileName(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= LIBRARY_VALUE_FILE_COUNT) throw new RangeError(`no library value file ${i}`);
  return `v${String(i).padStart(3, "0")}.parquet`;
}

/** Every value file's name, in order. */
export function libraryValueFileNames(): string[] {
  return Array.from({length: LIBRARY_VALUE_FILE_COUNT}, (_, i) => libraryValueFileName(i));
}

/**
 * The value file of the `index`-th of `count` KPIs sorted by id: consecutive
 * ids share a file (related KPIs often have neighbouring ids), and the files
 * hold about equally many KPIs.
 */
export function libraryValueFileOf(index: number, count: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`KPI ${index} of ${count}`);
  return libraryValueFileName(Math.floor((index * LIBRARY_VALUE_FILE_COUNT) / count));
}

/** The column holding the number of municipalities with a value in `year`. */
export function coverageColumn(year: number): string {
  return `n_${year}`;
}

/** The year of a coverage column, or undefined when the name is not one. */
export function coverageColumnYear(name: string): number | undefined {
  const match = /^n_(\d{4})$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
