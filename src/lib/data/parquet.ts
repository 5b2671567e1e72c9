/**
 * Parquet in the browser: fetch a file of this site and decode it with
 * hyparquet (+ ZSTD from hyparquet-compressors) into plain column arrays,
 * one row group per task so the page stays responsive. No DuckDB involved:
 * the ranking pages build the engine's matrix straight from these columns.
 */
import {parquetMetadata, parquetSchema} from "hyparquet/src/metadata.js";
import {parquetRead} from "hyparquet/src/read.js";
import {compressors} from "hyparquet-compressors";
import {yieldToMain} from "../yield.js";

/** A Parquet file's columns as JS arrays, with their Parquet physical types. */
export interface DecodedColumns {
  length: number;
  columns: Record<string, unknown[]>;
  types: Record<string, string | undefined>;
}

export {yieldToMain};

/**
 * Decodes a Parquet file one row group at a time, yielding to the page in
 * between, so no single task blocks the page for long (the loaders write row
 * groups of 16 384 rows: a few ms each).
 */
export async function decodeParquet(buffer: ArrayBuffer, only?: RowGroupFilter): Promise<DecodedColumns> {
  const metadata = parquetMetadata(buffer);
  const fields = parquetSchema(metadata).children.map((f) => f.element);
  const groups: {start: number; end: number}[] = [];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    if (!only || mayContain(group, only)) groups.push({start: rowStart, end: rowEnd});
    rowStart = rowEnd;
  }
  const length = groups.reduce((n, g) => n + g.end - g.start, 0);
  const columns: Record<string, unknown[]> = Object.fromEntries(fields.map((f) => [f.name, new Array(length)]));
  let offset = 0; // where the group's rows go in the output
  for (const {start, end} of groups) {
    await parquetRead({
      file: buffer,
      metadata,
      rowStart: start,
      rowEnd: end,
      compressors,
      onChunk: ({columnName, columnData, rowStart: chunkStart, rowEnd: chunkEnd}) => {
        const target = columns[columnName]!;
        for (let i = Math.max(chunkStart, start); i < Math.min(chunkEnd, end); i++) target[offset + i - start] = columnData[i - chunkStart];
      }
    });
    offset += end - start;
    await yieldToMain();
  }
  return {length, columns, types: Object.fromEntries(fields.map((f) => [f.name, f.type]))};
}

/** Decode only the row groups whose statistics allow `column` to hold `value` (the others are skipped unread). */
export interface RowGroupFilter {
  column: string;
  value: string;
}

type RowGroup = ReturnType<typeof parquetMetadata>["row_groups"][number];

/** False only when the row group's min/max statistics of the column exclude the value; no statistics: true. */
function mayContain(group: RowGroup, {column, value}: RowGroupFilter): boolean {
  const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.join(".") === column);
  const stats = chunk?.meta_data?.statistics;
  const text = (v: unknown) => (typeof v === "string" ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : undefined);
  const min = text(stats?.min_value ?? stats?.min);
  const max = text(stats?.max_value ?? stats?.max);
  return min === undefined || max === undefined || (min <= value && value <= max);
}

/** Fetches and decodes one Parquet file; errors name the file. */
export async function fetchParquet(url: string, only?: RowGroupFilter): Promise<DecodedColumns> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Kunde inte hämta ${url} (HTTP ${response.status}).`);
  try {
    const buffer = await response.arrayBuffer();
    const start = performance.now();
    const decoded = await decodeParquet(buffer, only);
    performance.measure(`db: decode ${url.replace(/^.*\//, "")}`, {start});
    return decoded;
  } catch (error) {
    throw new Error(`Kunde inte läsa ${url} som Parquet: ${(error as Error).message}`);
  }
}

