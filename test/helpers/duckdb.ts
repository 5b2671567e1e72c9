/** Native DuckDB for tests: independent checks over Parquet files. */
import {openDuckDB, queryRows} from "../../loaders/duckdb.ts";

/** Runs one query in a fresh in-memory database. */
export async function sql<T = Record<string, unknown>>(query: string): Promise<T[]> {
  const db = await openDuckDB();
  try {
    return await queryRows<T>(db, query);
  } finally {
    db.closeSync();
  }
}
