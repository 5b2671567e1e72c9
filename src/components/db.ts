/**
 * The browser data layer: DuckDB-WASM from node_modules (a module worker; no
 * CDN), tables loaded from the site's own Parquet files, and one typed
 * `query(sql)` helper. Load once per page with {@link openDatabase}.
 *
 * DuckDB-WASM 1.32 does not bundle the parquet extension, so Parquet is decoded
 * with hyparquet (+ ZSTD from hyparquet-compressors) and inserted as Arrow.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import {Float64, Int32, Table, Utf8, Bool, vectorFromArray, type Vector} from "apache-arrow";
import {parquetMetadata, parquetSchema} from "hyparquet/src/metadata.js";
import {parquetReadColumn} from "hyparquet/src/read.js";
import {compressors} from "hyparquet-compressors";

export interface Database {
  /** Runs SQL and returns plain row objects (BIGINT as number, DATE as Date). */
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** Runs SQL and returns its columns as arrays (typed arrays for numbers): the fast path for large results. */
  columns(sql: string): Promise<Record<string, ArrayLike<unknown>>>;
  /** Row counts of the loaded tables, by name. */
  tables: Record<string, number>;
  /** The underlying DuckDB-WASM instance, for power users. */
  duckdb: duckdb.AsyncDuckDB;
}

let instance: Promise<duckdb.AsyncDuckDB> | undefined;

/** Starts DuckDB-WASM once per page from files served by this site. */
function startDuckDB(): Promise<duckdb.AsyncDuckDB> {
  return (instance ??= (async () => {
    const wasmUrl = import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
    const workerUrl = import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
    const worker = new Worker(workerUrl, {type: "module"});
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(wasmUrl);
    return db;
  })());
}

/** Decodes a Parquet file into an Arrow table, column by column. */
export async function parquetToArrow(buffer: ArrayBuffer): Promise<Table> {
  const metadata = parquetMetadata(buffer);
  const schema = parquetSchema(metadata);
  const columns: Record<string, Vector> = {};
  for (const field of schema.children) {
    const name = field.element.name;
    const data = await parquetReadColumn({file: buffer, metadata, columns: [name], compressors});
    columns[name] = toVector(field.element.type, Array.from(data as ArrayLike<unknown>));
  }
  return new Table(columns);
}

function toVector(parquetType: string | undefined, values: unknown[]): Vector {
  switch (parquetType) {
    case "DOUBLE":
    case "FLOAT":
      return vectorFromArray(values as (number | null)[], new Float64());
    case "INT32":
      return vectorFromArray(values as (number | null)[], new Int32());
    case "INT64":
      return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : Number(v))), new Float64());
    case "BOOLEAN":
      return vectorFromArray(values as (boolean | null)[], new Bool());
    default:
      return vectorFromArray(values as (string | null)[], new Utf8());
  }
}

function plainValue(value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

/**
 * Opens DuckDB-WASM and loads each Parquet file (by URL) as a table of the
 * given name. A file that cannot be fetched or decoded is an error naming it.
 */
export async function openDatabase(sources: Record<string, string>): Promise<Database> {
  const db = await startDuckDB();
  const conn = await db.connect();
  const tables: Record<string, number> = {};
  for (const [name, url] of Object.entries(sources)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Kunde inte hämta ${url} (HTTP ${response.status}).`);
    const table = await parquetToArrow(await response.arrayBuffer());
    await conn.query(`DROP TABLE IF EXISTS "${name}"`);
    await conn.insertArrowTable(table, {name, create: true});
    tables[name] = table.numRows;
  }
  return {
    tables,
    duckdb: db,
    async columns(sql: string) {
      const result = await conn.query(sql);
      const out: Record<string, ArrayLike<unknown>> = {};
      for (const field of result.schema.fields) out[field.name] = result.getChild(field.name)!.toArray() as ArrayLike<unknown>;
      return out;
    },
    async query<Row>(sql: string): Promise<Row[]> {
      const result = await conn.query(sql);
      const names = result.schema.fields.map((f) => f.name);
      const rows: Row[] = [];
      for (let i = 0; i < result.numRows; i++) {
        const row: Record<string, unknown> = {};
        for (let j = 0; j < names.length; j++) row[names[j]!] = plainValue(result.getChildAt(j)?.get(i));
        rows.push(row as Row);
      }
      return rows;
    }
  };
}
