/** The normalised data set every source (snapshot, live API, cache) produces. */

export type SourceKind = "snapshot" | "live" | "cache";

export interface SourceInfo {
  kind: SourceKind;
  /** Snapshot directory or API base URL. */
  location: string;
  /** ISO date (YYYY-MM-DD or YYYY-MM) the data was fetched or the snapshot taken. */
  date: string;
  /** Set when the live API failed and the last good cached data was used. */
  warning?: string;
}

export interface MunicipalityRecord {
  code: string;
  name: string;
  countyCode: string;
  county: string;
  /** SKR kommungrupp 2023 code, e.g. "A1". */
  kommungrupp: string;
  kommungruppName: string;
  mainGroup: string;
  population: number | null;
  populationYear: number | null;
}

export interface KpiRecord {
  id: string;
  title: string;
  description: string;
  /** Parsed from the title's tail ("andel (%)" → "%", "kr/inv"), null if not recognisable. */
  unit: string | null;
  /** From the models (or the candidate list); null when no model says. */
  direction: "higher_better" | "lower_better" | null;
  dimension: string | null;
  isDividedByGender: boolean;
  operatingArea: string | null;
}

/** One value; absent values are absent rows, never zero or NaN. */
export interface ValueRecord {
  kpi: string;
  municipality_code: string;
  year: number;
  gender: string;
  value: number;
}

export interface KoladaDataset {
  source: SourceInfo;
  municipalities: MunicipalityRecord[];
  kpis: KpiRecord[];
  values: ValueRecord[];
}
