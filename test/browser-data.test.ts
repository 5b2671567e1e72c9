/**
 * The browser data layer's pure parts, run in Node: Parquet decoded a row
 * group at a time fills every cell exactly as DuckDB reads it, and the
 * engine's gender-T columns keep a missing value missing (NaN), never 0.
 */
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {snapshotDirFromEnv} from "../loaders/config.ts";
import {sqlString} from "../loaders/duckdb.ts";
import {ensureOutputs} from "../loaders/outputs.ts";
import {decodeParquet, type DecodedColumns} from "../src/lib/data/parquet.ts";
import {genderTotalColumns} from "../src/lib/data/workbench.ts";
import {sql} from "./helpers/duckdb.ts";

let file: string;
let decoded: DecodedColumns;

beforeAll(async () => {
  const dir = await ensureOutputs({...process.env, KOLADA_SNAPSHOT_DIR: snapshotDirFromEnv()}, mkdtempSync(path.join(tmpdir(), "kkw-dec-")));
  file = path.join(dir, "values.parquet");
  const bytes = readFileSync(file);
  decoded = await decodeParquet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
});

describe("decodeParquet", () => {
  it("decodes every row of every row group, equal to DuckDB's reading", async () => {
    const [meta] = await sql<{groups: number}>(`SELECT count(DISTINCT row_group_id)::INT AS "groups" FROM parquet_metadata(${sqlString(file)})`);
    expect(meta!.groups).toBeGreaterThan(2); // several row groups, so the chunking is exercised
    const rows = await sql<{kpi: string; municipality_code: string; year: number; gender: string; value: number}>(`SELECT * FROM read_parquet(${sqlString(file)})`);
    expect(decoded.length).toBe(rows.length);
    for (const name of ["kpi", "municipality_code", "year", "gender", "value"] as const) {
      const column = decoded.columns[name]!;
      expect(column.length).toBe(rows.length);
      const mismatches = rows.filter((r, i) => column[i] !== r[name]).length;
      expect(mismatches, name).toBe(0);
    }
  });
});

describe("decodeParquet with a row-group filter", () => {
  it("skips the row groups whose statistics exclude gender T, and the T rows it keeps are all of them, in order", async () => {
    const bytes = readFileSync(file);
    const onlyT = await decodeParquet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, {column: "gender", value: "T"});
    // The row groups DuckDB says may hold a T (min <= 'T' <= max of the gender column), as row ranges of the file.
    const groups = await sql<{rows: number; keep: boolean}>(
      `SELECT row_group_num_rows::INT AS "rows", stats_min_value <= 'T' AND 'T' <= stats_max_value AS keep
       FROM parquet_metadata(${sqlString(file)}) WHERE path_in_schema = 'gender' ORDER BY row_group_id`
    );
    const kept: number[] = [];
    let start = 0;
    for (const g of groups) {
      if (g.keep) for (let i = start; i < start + g.rows; i++) kept.push(i);
      start += g.rows;
    }
    expect(start).toBe(decoded.length);
    // The loaders write T rows first, so whole K/M row groups are skipped: some are, and some are kept.
    expect(groups.filter((g) => !g.keep).length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.keep).length).toBeGreaterThan(0);
    // Exactly the rows of the kept row groups, in file order, every column.
    expect(onlyT.length).toBe(kept.length);
    for (const name of ["kpi", "municipality_code", "year", "gender", "value"] as const) {
      const all = decoded.columns[name]!;
      const mismatches = kept.filter((row, i) => onlyT.columns[name]![i] !== all[row]).length;
      expect(mismatches, name).toBe(0);
    }
    // And so every T row of the file, in order.
    const keptSet = new Set(kept);
    expect(decoded.columns.gender!.flatMap((g, i) => (g === "T" ? [i] : [])).filter((i) => !keptSet.has(i))).toEqual([]);
    expect(genderTotalColumns(onlyT)).toEqual(genderTotalColumns(decoded));
  });
});

describe("genderTotalColumns", () => {
  it("keeps exactly the gender-T rows, in file order", () => {
    const t = genderTotalColumns(decoded);
    const keep = decoded.columns.gender!.flatMap((g, i) => (g === "T" ? [i] : []));
    expect(keep.length).toBeGreaterThan(1000);
    expect(t.kpi).toEqual(keep.map((i) => decoded.columns.kpi![i]));
    expect(t.municipality).toEqual(keep.map((i) => decoded.columns.municipality_code![i]));
    expect(Array.from(t.year)).toEqual(keep.map((i) => decoded.columns.year![i]));
    expect(Array.from(t.value)).toEqual(keep.map((i) => decoded.columns.value![i] ?? NaN));
  });

  it("turns a NULL value into NaN (missing), never 0", () => {
    const columns: DecodedColumns = {
      length: 3,
      types: {},
      columns: {kpi: ["A", "A", "A"], municipality_code: ["0114", "0115", "0117"], year: [2022, 2022, 2022], gender: ["T", "T", "K"], value: [null, 0, 5]}
    };
    const t = genderTotalColumns(columns);
    expect(Array.from(t.value)).toEqual([NaN, 0]);
    expect(t.municipality).toEqual(["0114", "0115"]);
  });
});
