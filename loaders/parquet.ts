/** Writing rows to Parquet with native DuckDB (ZSTD, deterministic row order). */
import type {DuckDBAppender, DuckDBConnection} from "@duckdb/node-api";
import {sqlString} from "./duckdb.ts";

export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN";

/** A Parquet column: its name, SQL type and how to read it from a row. */
export interface Column<Row> {
  name: string;
  type: ColumnType;
  get: (row: Row) => string | number | boolean | null;
}

function append(appender: DuckDBAppender, type: ColumnType, value: string | number | boolean | null): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case "VARCHAR":
      return appender.appendVarchar(String(value));
    case "INTEGER":
      return appender.appendInteger(Number(value));
    case "DOUBLE":
      return appender.appendDouble(Number(value));
    case "BOOLEAN":
      return appender.appendBoolean(Boolean(value));
  }
}

/**
 * Writes `rows` to a Parquet file at `file`, in the given order. Row groups of
 * 16 384 rows let the browser decode a file in small steps between frames.
 */
export async function writeParquet<Row>(db: DuckDBConnection, file: string, columns: readonly Column<Row>[], rows: readonly Row[]): Promise<void> {
  const table = `t_${Math.random().toString(36).slice(2)}`;
  await db.run(`CREATE TEMP TABLE ${table} (${columns.map((c) => `"${c.name}" ${c.type}`).join(", ")})`);
  const appender = await db.createAppender(table);
  for (const row of rows) {
    for (const c of columns) append(appender, c.type, c.get(row));
    appender.endRow();
  }
  appender.closeSync();
  await db.run(`COPY (SELECT * FROM ${table}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)`);
  await db.run(`DROP TABLE ${table}`);
}
