/**
 * Parquet from an {@link ExportTable}, with hyparquet-writer: one column per
 * table column, named by its key; codes and text as STRING, integers as
 * INT32, numbers as DOUBLE at full precision; missing values NULL. The "Om
 * data" facts go into the file's key-value metadata. Loaded on demand like
 * the XLSX writer.
 */
import {aboutMetadata, type AboutInfo} from "./about.js";
import {checkTable, type ExportTable} from "./table.js";

const PARQUET_TYPES = {code: "STRING", text: "STRING", integer: "INT32", number: "DOUBLE"} as const;

export async function toParquet(table: ExportTable, about: AboutInfo | null): Promise<Uint8Array> {
  checkTable(table);
  const {parquetWriteBuffer} = await import("hyparquet-writer");
  const buffer = parquetWriteBuffer({
    columnData: table.columns.map((c) => ({name: c.key, data: [...c.values], type: PARQUET_TYPES[c.type], nullable: true})),
    ...(about ? {kvMetadata: aboutMetadata(about)} : {}),
    createdBy: "kvalitetskommun-workbench"
  });
  return new Uint8Array(buffer);
}
