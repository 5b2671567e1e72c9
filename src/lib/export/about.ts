/**
 * "Om data": what an exported table is and where its numbers come from. The
 * XLSX writes it as the sheet "Om data", the Parquet writer as key-value
 * metadata in the file footer. Pure data; the pages and the command line
 * fill it (lib/export/page-exports.ts, cli/rank.ts).
 */
import {formatDate} from "../../components/format.js";
import type {Cell} from "./table.js";

/** The credit every processed figure carries (Kolada's terms). */
export const ATTRIBUTION = "Egen bearbetning av data från Kolada (RKA)";

export interface AboutDimension {
  id: string;
  label: string;
  modelWeight: number;
  /** The weight the export was computed with (the page's slider, or the model's). */
  weight: number;
}

export interface AboutKpi {
  kpi: string;
  title: string;
  /** The dimension's label. */
  dimension: string;
  direction: "higher_better" | "lower_better";
  modelWeight: number;
  weight: number;
}

export interface AboutInfo {
  /** What the table shows, e.g. "Nominering 2022". */
  title: string;
  model: {id: string; name: string; status?: string | null; file?: string};
  dimensions: AboutDimension[];
  kpis: AboutKpi[];
  /** The settings in use, as label and value (Swedish). */
  settings: [string, Cell][];
  /** The data source in words, e.g. "Kolada, offline-ögonblicksbild, augusti 2024". */
  source: string;
  /** The data's date as the manifest gives it ("2024-08" or "2026-11-28"). */
  sourceDate: string;
  /** The manifest's files with their sizes and SHA-256 (or, on the command line, the model file's). */
  hashes: {file: string; bytes: number | null; sha256: string}[];
  /** The share link of the page (the command line: the command). */
  link: string;
  linkLabel?: string;
  /** When the export was made (ISO 8601). */
  created: string;
}

const SOURCE_LABEL = {snapshot: "Kolada, offline-ögonblicksbild", live: "Kolada API (v3)", cache: "Kolada API (v3), sparad kopia"} as const;

/**
 * The data source in words, from the manifest's (or the loaders') source:
 * "Kolada, offline-ögonblicksbild «kolada», augusti 2024"; a warning is
 * appended when the live API failed and the cache was used.
 */
export function sourceText(source: {kind: "snapshot" | "live" | "cache"; location: string; date: string; warning?: string}): string {
  const where = source.kind === "snapshot" ? ` «${source.location}»` : "";
  return `${SOURCE_LABEL[source.kind] ?? source.kind}${where}, ${formatDate(source.date)}${source.warning ? ` (varning: ${source.warning})` : ""}`;
}

export const DIRECTION_LABELS = {higher_better: "högre är bättre", lower_better: "lägre är bättre"} as const;

/**
 * The "Om data" sheet as rows of cells: a heading, the facts as label–value
 * pairs, then the settings, the dimensions, the KPIs and the data files,
 * each a small table with its own header row. Row indexes of the headers are
 * returned so the XLSX writer can make them bold.
 */
export function aboutRows(about: AboutInfo): {rows: Cell[][]; headings: number[]} {
  const rows: Cell[][] = [];
  const headings: number[] = [];
  const heading = (...cells: Cell[]) => {
    headings.push(rows.length);
    rows.push(cells);
  };
  heading("Om data");
  rows.push(["Innehåll", about.title]);
  rows.push(["Bearbetning", ATTRIBUTION]);
  rows.push(["Datakälla", about.source]);
  rows.push(["Datum för data", about.sourceDate]);
  rows.push([about.linkLabel ?? "Länk", about.link]);
  rows.push(["Skapad", about.created]);
  rows.push(["Modell", about.model.name]);
  rows.push(["Modellens id", about.model.id]);
  if (about.model.file) rows.push(["Modellfil", about.model.file]);
  if (about.model.status === "proposal") rows.push(["Modellens status", "Ett förslag, inte SKR:s modell."]);
  rows.push([]);
  heading("Inställning", "Värde");
  for (const [label, value] of about.settings) rows.push([label, value]);
  rows.push([]);
  heading("Dimension", "Id", "Vikt i modellen", "Vikt i exporten");
  for (const d of about.dimensions) rows.push([d.label, d.id, d.modelWeight, d.weight]);
  rows.push([]);
  heading("Nyckeltal", "Titel", "Dimension", "Riktning", "Vikt i modellen", "Vikt i exporten");
  for (const k of about.kpis) rows.push([k.kpi, k.title, k.dimension, DIRECTION_LABELS[k.direction], k.modelWeight, k.weight]);
  rows.push([]);
  heading("Fil", "Byte", "SHA-256");
  for (const h of about.hashes) rows.push([h.file, h.bytes, h.sha256]);
  return {rows, headings};
}

/** The same facts as Parquet key-value metadata (JSON for the lists). */
export function aboutMetadata(about: AboutInfo): {key: string; value: string}[] {
  return [
    {key: "title", value: about.title},
    {key: "attribution", value: ATTRIBUTION},
    {key: "source", value: about.source},
    {key: "source_date", value: about.sourceDate},
    {key: "link", value: about.link},
    {key: "created", value: about.created},
    {key: "model", value: JSON.stringify(about.model)},
    {key: "settings", value: JSON.stringify(Object.fromEntries(about.settings))},
    {key: "dimensions", value: JSON.stringify(about.dimensions)},
    {key: "kpis", value: JSON.stringify(about.kpis)},
    {key: "files", value: JSON.stringify(about.hashes)}
  ];
}
