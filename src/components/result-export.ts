/**
 * Utforska's downloads of a query result, every row: CSV for Swedish Excel
 * (lib/export/csv.ts, the pages' own CSV: codes keep their leading zeros) and Parquet (hyparquet-writer, written in the browser).
 * File names: `utforska_<YYYY-MM-DD>.csv|parquet`.
 */
import {parquetWriteBuffer} from "hyparquet-writer/src/write.js";
import type {QueryResult} from "../lib/data/query-result.js";
import {rowsToSwedishCsv} from "../lib/export/csv.js";

type ParquetColumn = Parameters<typeof parquetWriteBuffer>[0]["columnData"][number];

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The result as Parquet columns: integers as INT32 (DOUBLE when out of range), numbers DOUBLE, booleans BOOLEAN, the rest STRING. */
export function parquetColumns(result: QueryResult): ParquetColumn[] {
  return result.columns.map((c, j) => {
    const data = result.rows.map((r) => r[j] ?? null);
    if (c.kind === "integer" && data.every((v) => v === null || (typeof v === "number" && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX))) return {name: c.name, data, type: "INT32"};
    if (c.kind === "integer" || c.kind === "number") return {name: c.name, data, type: "DOUBLE"};
    if (c.kind === "boolean") return {name: c.name, data, type: "BOOLEAN"};
    return {name: c.name, data: data.map((v) => (v === null ? null : String(v))), type: "STRING"};
  });
}

/** The result as a Parquet file. */
export function resultParquet(result: QueryResult): ArrayBuffer {
  return parquetWriteBuffer({columnData: parquetColumns(result)});
}

/** The result as CSV for Swedish Excel. */
export function resultCsv(result: QueryResult): string {
  return rowsToSwedishCsv(
    result.columns.map((c) => c.name),
    result.rows
  );
}

/** Today's date as YYYY-MM-DD, local time. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Starts a download of `data` as `fileName`. */
function download(data: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([data], {type}));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Ladda ner CSV (Excel)" and "Ladda ner Parquet" for the result `current()` returns (none: disabled). */
export function resultExport(current: () => QueryResult | undefined): HTMLElement & {sync(): void} {
  const box = document.createElement("div") as unknown as HTMLElement & {sync(): void};
  box.className = "result-export";
  const csv = document.createElement("button");
  csv.type = "button";
  csv.textContent = "Ladda ner CSV (Excel)";
  csv.title = "Semikolon, decimalkomma, UTF-8: öppnas direkt i svenskt Excel. Alla rader.";
  csv.dataset.testid = "sql-export-csv";
  const parquet = document.createElement("button");
  parquet.type = "button";
  parquet.textContent = "Ladda ner Parquet";
  parquet.title = "Alla rader, med kolumnernas typer.";
  parquet.dataset.testid = "sql-export-parquet";
  csv.addEventListener("click", () => {
    const result = current();
    if (result) download(resultCsv(result), "text/csv;charset=utf-8", `utforska_${today()}.csv`);
  });
  parquet.addEventListener("click", () => {
    const result = current();
    if (result) download(resultParquet(result), "application/vnd.apache.parquet", `utforska_${today()}.parquet`);
  });
  box.append(csv, " ", parquet);
  box.sync = () => {
    const none = !current()?.columns.length;
    csv.disabled = none;
    parquet.disabled = none;
  };
  box.sync();
  return box;
}
