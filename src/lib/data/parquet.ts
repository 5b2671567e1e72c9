/**
 * Parquet in the browser: fetch a file of this site and decode it with
 * hyparquet (+ ZSTD from hyparquet-compressors) into plain column arrays,
 * one row group per task so the page stays responsive. No DuckDB involved:
 * the ranking pages build the engine's matrix straight from these columns.
 */
import {parquetMetadata, parquetSchema} from "hyparquet/src/metadata.js";
import {parquetRead} from "hyparquet/src/read.js";
import {compressors} from "hyparquet-compressors";

/** A Parquet file's columns as JS arrays, with their Parquet physical types. */
export interface DecodedColumns {
  length: number;
  columns: Record<string, unknown[]>;
  types: Record<string, string | undefined>;
}

/** Lets the browser paint and handle input between chunks of work. */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Decodes a Parquet file one row group at a time, yielding to the page in
 * between, so no single task blocks the page for long (the loaders write row
 * groups of 16 384 rows: a few ms each).
 */
export async function decodeParquet(buffer: ArrayBuffer): Promise<DecodedColumns> {
  const metadata = parquetMetadata(buffer);
  const fields = parquetSchema(metadata).children.map((f) => f.element);
  const length = Number(metadata.num_rows);
  const columns: Record<string, unknown[]> = Object.fromEntries(fields.map((f) => [f.name, new Array(length)]));
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    await parquetRead({
      file: buffer,
      metadata,
      rowStart,
      rowEnd,
      compressors,
      onChunk: ({columnName, columnData, rowStart: chunkStart, rowEnd: chunkEnd}) => {
        const target = columns[columnName]!;
        for (let i = Math.max(chunkStart, rowStart); i < Math.min(chunkEnd, rowEnd); i++) target[i] = columnData[i - chunkStart];
      }
    });
    rowStart = rowEnd;
    await yieldToMain();
  }
  return {length, columns, types: Object.fromEntries(fields.map((f) => [f.name, f.type]))};
}

/** Fetches and decodes one Parquet file; errors name the file. */
export async function fetchParquet(url: string): Promise<DecodedColumns> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Kunde inte hämta ${url} (HTTP ${response.status}).`);
  try {
    const buffer = await response.arrayBuffer();
    const start = performance.now();
    const decoded = await decodeParquet(buffer);
    performance.measure(`db: decode ${url.replace(/^.*\//, "")}`, {start});
    return decoded;
  } catch (error) {
    throw new Error(`Kunde inte läsa ${url} som Parquet: ${(error as Error).message}`);
  }
}

