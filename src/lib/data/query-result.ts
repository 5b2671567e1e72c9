/**
 * A query's Arrow result as plain columns and rows for Utforska's views (the
 * table, the chart, the exports): numbers as JS numbers, text as strings,
 * dates as ISO text, anything nested as JSON text, NULL as null.
 */
import {DataType, type Table} from "apache-arrow";

/** What a column holds, for alignment, the chart and the export types. */
export type ColumnKind = "integer" | "number" | "text" | "boolean" | "date" | "other";

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Arrow's name of the type (e.g. "Float64", "Utf8"), for the table header's tooltip. */
  type: string;
}

export type Cell = number | string | boolean | null;

export interface QueryResult {
  columns: ResultColumn[];
  /** Every row of the result (the table shows the first 1 000). */
  rows: Cell[][];
}

function kindOf(type: DataType): ColumnKind {
  if (DataType.isDictionary(type)) return kindOf(type.dictionary);
  if (DataType.isInt(type)) return "integer";
  if (DataType.isFloat(type) || DataType.isDecimal(type)) return "number";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "text";
  if (DataType.isBool(type)) return "boolean";
  if (DataType.isDate(type) || DataType.isTimestamp(type)) return "date";
  return "other";
}

function jsonText(value: unknown): string {
  const plain = value !== null && typeof value === "object" && "toJSON" in value ? (value as {toJSON(): unknown}).toJSON() : value;
  return JSON.stringify(plain, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v)) ?? String(value);
}

function cell(kind: ColumnKind, type: DataType, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "integer":
    case "number":
      return typeof value === "bigint" ? Number(value) : typeof value === "number" ? value : Number(String(value));
    case "text":
      return String(value);
    case "boolean":
      return Boolean(value);
    case "date": {
      const ms = typeof value === "bigint" ? Number(value) : value instanceof Date ? value.getTime() : Number(value);
      const iso = new Date(ms).toISOString();
      return DataType.isDate(type) ? iso.slice(0, 10) : iso.replace("T", " ").replace(/\.000Z$|Z$/, "");
    }
    default:
      return value instanceof Uint8Array ? Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("") : jsonText(value);
  }
}

/** Every row and column of an Arrow table as plain values. */
export function arrowToResult(table: Table): QueryResult {
  const fields = table.schema.fields;
  const columns: ResultColumn[] = fields.map((f) => ({name: f.name, kind: kindOf(f.type), type: String(f.type)}));
  const vectors = fields.map((_, j) => table.getChildAt(j));
  const rows: Cell[][] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Cell[] = new Array(columns.length);
    for (let j = 0; j < columns.length; j++) row[j] = cell(columns[j]!.kind, fields[j]!.type, vectors[j]?.get(i));
    rows[i] = row;
  }
  return {columns, rows};
}

/**
 * DuckDB's message as DuckDB prints it ("Parser Error: syntax error at or near
 * …" with the LINE pointer). DuckDB-WASM passes some errors (the parser's) as
 * DuckDB's JSON error object; those are written out in the same form.
 */
export function duckdbErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^Error:\s*/, "");
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text) as {exception_type?: unknown; exception_message?: unknown};
      if (typeof parsed.exception_message === "string") return typeof parsed.exception_type === "string" ? `${parsed.exception_type} Error: ${parsed.exception_message}` : parsed.exception_message;
    } catch {
      // Not JSON after all: show it as it came.
    }
  }
  return text;
}
