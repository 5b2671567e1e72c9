/**
 * The scoring engine's view of the data (gender-T values of kommuner and Riket),
 * loaded through the same source selection as the Framework data loaders.
 */
import {loadKoladaDataset, type LoadOptions} from "./source.ts";
import type {KoladaDataset, MunicipalityRecord, SourceInfo} from "./types.ts";

/** The engine's view of the data: gender-T values of kommuner and Riket. */
export interface EngineDataset {
  source: SourceInfo;
  municipalities: MunicipalityRecord[];
  kpis: KoladaDataset["kpis"];
  values: {kpi: string; municipality: string; year: number; value: number}[];
}

/** Loads the data set and keeps what the scoring engine uses (gender T). */
export async function loadDataset(options: LoadOptions & {kpis?: string[]} = {}): Promise<EngineDataset> {
  const dataset = await loadKoladaDataset({...options, extraKpis: [...(options.extraKpis ?? []), ...(options.kpis ?? [])]});
  const values = dataset.values
    .filter((v) => v.gender === "T")
    .map((v) => ({kpi: v.kpi, municipality: v.municipality_code, year: v.year, value: v.value}));
  return {source: dataset.source, municipalities: dataset.municipalities, kpis: dataset.kpis, values};
}
