/** A tiny wrapper over native DuckDB for the loaders and the CLI (Node only). */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

/** Opens an in-memory database; `threads: 1` keeps Parquet output byte-stable. */
export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", {threads: "1"});
  return instance.connect();
}

/** Runs a query and returns plain row objects (BIGINT as number). */
export async function queryRows<T = Record<string, unknown>>(db: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS() as unknown as T[];
}

/** Quotes a string as a SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A SQL list literal of strings: ('a','b'). */
export function sqlList(items: readonly string[]): string {
  return `(${items.map(sqlString).join(",")})`;
}
