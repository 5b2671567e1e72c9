/**
 * The one description of an exported table that the CSV, XLSX and Parquet
 * writers all read: named, typed columns of values at full precision. No DOM,
 * no I/O: the command line (`rank --format csv-sv|xlsx|parquet`) and the
 * pages' export buttons share it.
 *
 * Column types:
 * - `code`: an identifier made of digits that must stay text ("0180");
 * - `text`: any other text;
 * - `integer`: a whole number (ranks, counts);
 * - `number`: a real number, kept at full precision in XLSX and Parquet;
 *   `decimals` says how many decimals the page shows, which the CSV writes
 *   (and XLSX uses as the cell's number format, the value staying exact).
 * A missing value is `null`: an empty CSV field, an empty cell, a Parquet NULL.
 */

export type ColumnType = "code" | "text" | "integer" | "number";
export type Cell = string | number | null;

export interface ExportColumn {
  /** Machine name (ASCII, snake_case): the Parquet column; for rankings the same names as `rank --format csv`. */
  key: string;
  /** Swedish header: the CSV's and the XLSX sheet's first row. */
  label: string;
  type: ColumnType;
  values: readonly Cell[];
  /** `number` only: decimals shown on the page (the CSV's precision and the XLSX number format). */
  decimals?: number;
  /** `number` only: the CSV also carries the full-precision value, in a column with this header right after this one. */
  fullLabel?: string;
}

export interface ExportTable {
  /** What the table is, in Swedish (the XLSX sheet's name, cut to 31 characters). */
  title: string;
  columns: ExportColumn[];
}

/** Rows of a table (every column has as many values). */
export function rowCount(table: ExportTable): number {
  return table.columns[0]?.values.length ?? 0;
}

/**
 * Throws when a column's values do not fit its type or the columns differ in
 * length: a writer never has to guess. Non-finite numbers are not allowed
 * (a builder turns NaN into null).
 */
export function checkTable(table: ExportTable): void {
  const n = rowCount(table);
  const keys = new Set<string>();
  for (const c of table.columns) {
    if (keys.has(c.key)) throw new Error(`column key ${c.key} is used twice`);
    keys.add(c.key);
    if (c.values.length !== n) throw new Error(`column ${c.key} has ${c.values.length} values, expected ${n}`);
    c.values.forEach((v, i) => {
      if (v === null) return;
      const bad =
        c.type === "code" || c.type === "text"
          ? typeof v !== "string"
          : typeof v !== "number" || !Number.isFinite(v) || (c.type === "integer" && !Number.isSafeInteger(v));
      if (bad) throw new Error(`column ${c.key}, row ${i + 1}: ${JSON.stringify(v)} is not a valid ${c.type}`);
    });
  }
}

/** A number, or null when missing or not finite (the engine's NaN). */
export const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The local calendar date as YYYY-MM-DD (file names, "Skapad"). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A file-name part: lower case ASCII letters, digits and hyphens ("Skk Standard" → "skk-standard", "å" → "a"). */
export function fileNamePart(text: string | number): string {
  return (
    String(text)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "x"
  );
}

export type ExportFormat = "csv" | "xlsx" | "parquet" | "svg" | "png";

/** What a file is named after: the page (with a suffix for a second table or a chart), the model id, the year. */
export interface FileNameParts {
  page: string;
  model: string;
  year: number | string;
}

/**
 * `<page>_<model>_<year>_<YYYY-MM-DD>.<ext>`, e.g.
 * `nominering_skk-standard_2022_2026-11-28.csv`; the date is the day of the
 * export (local time).
 */
export function exportFileName(parts: FileNameParts, ext: ExportFormat, date: Date = new Date()): string {
  return `${[parts.page, parts.model, parts.year].map(fileNamePart).join("_")}_${isoDate(date)}.${ext}`;
}
