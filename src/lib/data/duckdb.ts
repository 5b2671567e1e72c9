/**
 * DuckDB-WASM from node_modules (a module worker; no CDN), tables loaded from
 * the site's own Parquet files, and one typed `query(sql)` helper. Only pages
 * that ask SQL questions start it (Dataöversikt's coverage, Utforska; the
 * ranking and profile pages never wait for it: its start-up took seconds on a
 * slow machine).
 *
 * DuckDB-WASM 1.32 does not bundle the parquet extension, so Parquet is decoded
 * with hyparquet (+ ZSTD from hyparquet-compressors) and inserted as Arrow.
 *
 * A page that runs its users' SQL opens the database with `lockDown: true`:
 * after the tables are in memory, {@link LOCK_DOWN_SQL} switches off every way
 * out (extension install and autoload, file and URL access) and locks the
 * configuration, so no query can reach anything outside the site.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import {Bool, Float64, Int32, makeData, makeVector, Table, Utf8, vectorFromArray, type Vector} from "apache-arrow";
import {fetchParquet, yieldToMain, type DecodedColumns} from "./parquet.js";
import {progressSteps, type LoadProgress} from "./progress.js";

export interface Database {
  /** Runs SQL and returns plain row objects (BIGINT as number, DATE as Date). */
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** Row counts of the loaded tables, by name. */
  tables: Record<string, number>;
  /** The underlying DuckDB-WASM instance, for power users. */
  duckdb: duckdb.AsyncDuckDB;
  /** The connection the tables were loaded on (for Arrow results, streaming and cancel). */
  connection: duckdb.AsyncDuckDBConnection;
}

/**
 * Locks a database that runs its users' SQL inside the site (DuckDB 1.4 in
 * DuckDB-WASM 1.32), run once the tables are in memory:
 * - no extension is installed or loaded on demand (`FROM 'x.parquet'` or
 *   `read_parquet` would otherwise fetch the parquet/httpfs extensions from
 *   extensions.duckdb.org), community and unsigned extensions refused;
 * - `enable_external_access = false`: no file system at all, so no URL or path
 *   in `FROM`, `read_csv`, `ATTACH`, `COPY` and no `LOAD` (DuckDB refuses to
 *   switch it back on while the database runs);
 * - `lock_configuration = true`: no later `SET` can undo any of this.
 * The site's tables were inserted from Arrow before this, so they need no
 * file access. Verified in test/e2e/explore.test.ts.
 */
export const LOCK_DOWN_SQL: readonly string[] = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET allow_community_extensions = false",
  "SET allow_unsigned_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true"
];

let instance: Promise<duckdb.AsyncDuckDB> | undefined;

/** Starts DuckDB-WASM once per page from files served by this site; `config` is applied when it opens. */
function startDuckDB(config?: duckdb.DuckDBConfig): Promise<duckdb.AsyncDuckDB> {
  return (instance ??= (async () => {
    const wasmUrl = import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
    const workerUrl = import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
    const worker = new Worker(workerUrl, {type: "module"});
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(wasmUrl);
    if (config) await db.open(config);
    return db;
  })());
}

/** An Arrow table of decoded Parquet columns. */
export function decodedToArrow(decoded: DecodedColumns): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(decoded.columns)) vectors[name] = toVector(decoded.types[name], values);
  return new Table(vectors);
}

/** Arrow's validity bitmap (bit set = present) and the null count; undefined when nothing is missing. */
function validity(values: ArrayLike<unknown>): {nullBitmap: Uint8Array; nullCount: number} | undefined {
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === null || values[i] === undefined) nullCount++;
  if (!nullCount) return undefined;
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) nullBitmap[i >> 3]! |= 1 << (i & 7);
  return {nullBitmap, nullCount};
}

/**
 * Builds Arrow vectors straight from the decoded arrays (no per-value
 * builder): `vectorFromArray` took ~0.5 s for the values file on the main thread.
 */
function toVector(parquetType: string | undefined, values: ArrayLike<unknown>): Vector {
  const length = values.length;
  const valid = validity(values);
  switch (parquetType) {
    case "DOUBLE":
    case "FLOAT":
    case "INT64": {
      const data = new Float64Array(length);
      for (let i = 0; i < length; i++) data[i] = values[i] === null || values[i] === undefined ? 0 : Number(values[i]);
      return makeVector(makeData({type: new Float64(), length, data, ...valid}));
    }
    case "INT32": {
      const data = new Int32Array(length);
      for (let i = 0; i < length; i++) data[i] = (values[i] as number | null) ?? 0;
      return makeVector(makeData({type: new Int32(), length, data, ...valid}));
    }
    case "BOOLEAN":
      return vectorFromArray(Array.from(values) as (boolean | null)[], new Bool());
    default:
      return utf8Vector(values as ArrayLike<string | null>, valid);
  }
}

/** UTF-8 strings as one byte buffer plus offsets, encoding each distinct string once. */
function utf8Vector(values: ArrayLike<string | null>, valid: ReturnType<typeof validity>): Vector {
  const encoder = new TextEncoder();
  const encoded = new Map<string, Uint8Array>();
  const valueOffsets = new Int32Array(values.length + 1);
  let bytes = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      let e = encoded.get(v);
      if (!e) encoded.set(v, (e = encoder.encode(v)));
      bytes += e.length;
    }
    valueOffsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) data.set(encoded.get(v)!, valueOffsets[i]!);
  }
  return makeVector(makeData({type: new Utf8(), length: values.length, valueOffsets, data, ...valid}));
}

function plainValue(value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

/**
 * A table's source: the URL of a Parquet file of the site, or columns already
 * decoded (or an Arrow table), possibly still on their way.
 */
export type TableSource = string | DecodedColumns | Table | Promise<DecodedColumns | Table>;

export interface OpenOptions {
  /** DuckDB-WASM's open configuration (e.g. `query.castBigIntToDouble`). */
  config?: duckdb.DuckDBConfig;
  /** Run {@link LOCK_DOWN_SQL} once the tables are loaded (pages that run their users' SQL). */
  lockDown?: boolean;
}

function sourceData(source: TableSource): Promise<DecodedColumns | Table> {
  return typeof source === "string" ? fetchParquet(source) : Promise.resolve(source);
}

/**
 * Opens DuckDB-WASM and loads each source (a Parquet file by URL, or decoded
 * columns) as a table of the given name. A file that cannot be fetched or
 * decoded is an error naming it.
 */
export async function openDatabase(sources: Record<string, TableSource>, onProgress: (progress: LoadProgress) => void = () => {}, options: OpenOptions = {}): Promise<Database> {
  const names = Object.keys(sources);
  const {step, next} = progressSteps(2 + 2 * names.length + (options.lockDown ? 1 : 0), onProgress, "Startar DuckDB-WASM och hämtar data");
  // Start DuckDB, fetch and decode every file at the same time.
  const [db, ...decoded] = await Promise.all([
    step("DuckDB-WASM startad", startDuckDB(options.config)),
    ...names.map((name) => step(`${name} hämtad`, sourceData(sources[name]!)))
  ]);
  const conn = await db.connect();
  const tables: Record<string, number> = {};
  for (const [i, name] of names.entries()) {
    const data = decoded[i]!;
    const table = data instanceof Table ? data : decodedToArrow(data);
    await yieldToMain();
    const start = performance.now();
    await conn.query(`DROP TABLE IF EXISTS "${name}"`);
    await conn.insertArrowTable(table, {name, create: true});
    performance.measure(`db: insert ${name}`, {start});
    tables[name] = table.numRows;
    next(`Tabellen ${name} inläst`);
  }
  if (options.lockDown) {
    for (const statement of LOCK_DOWN_SQL) await conn.query(statement);
    next("Databasen låst till webbplatsens tabeller");
  }
  next("Klart");
  return {
    tables,
    duckdb: db,
    connection: conn,
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
