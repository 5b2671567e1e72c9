/**
 * `rank --format csv-sv|xlsx|parquet`: the ranking through the same export
 * tables and writers as the pages' buttons (src/lib/export/), with "Om data"
 * describing the command instead of a page: the model file and its SHA-256,
 * the settings, the data source and its date, and the command line.
 */
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import path from "node:path";
import {defaultWeights, type ScoreResult} from "../src/engine/index.ts";
import {AGGREGATION_LABELS, METHOD_LABELS, NORMALISATION_LABELS} from "../src/components/method-labels.ts";
import {sourceText, type AboutInfo} from "../src/lib/export/about.ts";
import {swedishCsvBytes} from "../src/lib/export/csv.ts";
import {toParquet} from "../src/lib/export/parquet.ts";
import {rankingExportTable} from "../src/lib/export/ranking.ts";
import type {Cell} from "../src/lib/export/table.ts";
import {toXlsx} from "../src/lib/export/xlsx.ts";
import {displayLocation} from "../loaders/outputs.ts";
import type {SourceInfo} from "../loaders/types.ts";

export const EXPORT_FORMATS = ["csv-sv", "xlsx", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface CommandInfo {
  modelFile: string;
  argv: readonly string[];
  source: SourceInfo;
  /** Kolada's KPI titles (else the model's title, else the id). */
  titles?: ReadonlyMap<string, string>;
  now?: Date;
}

const GROUP_LABELS = {none: "Alla kommuner", kommungrupp: "Inom kommungrupp", mainGroup: "Bäst per huvudgrupp"} as const;

/** "Om data" of a command-line export. */
export function commandAbout(result: ScoreResult, info: CommandInfo): AboutInfo {
  const p = result.prepared;
  const model = p.model;
  const weights = defaultWeights(model);
  const label = new Map(model.dimensions.map((d) => [d.id, d.label]));
  const bytes = readFileSync(info.modelFile);
  const improvement = p.kind === "improvement";
  const settings: [string, Cell][] = improvement
    ? [
        ["Rangordning av", "utveckling (förbättring)"],
        ["Fönster", `${p.window!.from}–${p.window!.to} (${p.window!.length} år)`],
        ["Mått", METHOD_LABELS[p.method!]]
      ]
    : [
        ["Rangordning av", "nominering (nivå)"],
        ["År", p.year],
        ["Normalisering", NORMALISATION_LABELS[p.normalisation ?? "zscore"]]
      ];
  settings.push(
    ["Aggregering", AGGREGATION_LABELS[p.aggregation]],
    ["Winsorisering (JRC)", p.winsorise ? "ja" : "nej"],
    ["Rangordning", GROUP_LABELS[result.grouping]],
    ...(improvement ? ([["Minsta stadighet", result.minSteadiness ?? 0]] as [string, Cell][]) : []),
    ["Vikter", "modellens egna"]
  );
  return {
    title: improvement ? `Utveckling ${p.window!.from}–${p.window!.to}` : `Nominering ${p.year}`,
    model: {id: path.basename(info.modelFile, ".json"), name: model.name, status: model.status ?? null, file: path.basename(info.modelFile)},
    dimensions: model.dimensions.map((d) => ({id: d.id, label: d.label, modelWeight: d.weight, weight: weights.dimensions[d.id] ?? d.weight})),
    kpis: model.indicators.map((i) => ({kpi: i.kpi, title: info.titles?.get(i.kpi) ?? i.title ?? i.kpi, dimension: label.get(i.dimension) ?? i.dimension, direction: i.direction, modelWeight: i.weight, weight: weights.indicators[i.kpi] ?? i.weight})),
    settings,
    source: sourceText(displayLocation(info.source)),
    sourceDate: info.source.date,
    hashes: [{file: path.basename(info.modelFile), bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex")}],
    link: `npm run --silent rank -- ${info.argv.join(" ")}`,
    linkLabel: "Kommando",
    created: (info.now ?? new Date()).toISOString()
  };
}

/** The ranking as a file for Swedish Excel (`csv-sv`), XLSX or Parquet. */
export async function rankingFile(format: ExportFormat, result: ScoreResult, info: CommandInfo): Promise<Uint8Array> {
  const about = commandAbout(result, info);
  const table = rankingExportTable(result, about.title);
  if (format === "csv-sv") return swedishCsvBytes(table);
  return format === "xlsx" ? toXlsx(table, about) : toParquet(table, about);
}
