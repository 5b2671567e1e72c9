/**
 * DuckDB-WASM from node_modules (a module worker; no CDN), tables loaded from
 * the site's own Parquet files, and one typed `query(sql)` helper. Only pages
 * that ask SQL questions start it (Dataöversikt's coverage; the ranking and
 * profile pages never wait for it: its start-up took seconds on a slow machine).
 *
 * DuckDB-WASM 1.32 does not bundle the parquet extension, so Parquet is decoded
 * with hyparquet (+ ZSTD from hyparquet-compressors) and inserted as Arrow.
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
 * Opens DuckDB-WASM and loads each Parquet file (by URL) as a table of the
 * given name. A file that cannot be fetched or decoded is an error naming it.
 */
export async function openDatabase(sources: Record<string, string>, onProgress: (progress: LoadProgress) => void = () => {}): Promise<Database> {
  const names = Object.keys(sources);
  const {step, next} = progressSteps(2 + 2 * names.length, onProgress, "Startar DuckDB-WASM och hämtar data");
  // Start DuckDB, fetch and decode every file at the same time.
  const [db, ...decoded] = await Promise.all([
    step("DuckDB-WASM startad", startDuckDB()),
    ...names.map((name) => step(`${name} hämtad`, fetchParquet(sources[name]!)))
  ]);
  const conn = await db.connect();
  const tables: Record<string, number> = {};
  for (const [i, name] of names.entries()) {
    const table = decodedToArrow(decoded[i]!);
    await yieldToMain();
    const start = performance.now();
    await conn.query(`DROP TABLE IF EXISTS "${name}"`);
    await conn.insertArrowTable(table, {name, create: true});
    performance.measure(`db: insert ${name}`, {start});
    tables[name] = table.numRows;
    next(`Tabellen ${name} inläst`);
  }
  next("Klart");
  return {
    tables,
    duckdb: db,
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
