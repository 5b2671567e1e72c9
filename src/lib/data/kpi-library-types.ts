/** The KPI library as the browser sees it (built by loaders/library.ts; read by kpi-library.ts). */

/**
 * What the award candidate list (the snapshot's `kpis/award_candidate_kpis.csv`)
 * suggests for a KPI. A suggestion, never a decision: show it as "förslag".
 */
export interface KpiSuggestion {
  /** "none": the list calls the KPI context, with no better direction. */
  direction: "higher_better" | "lower_better" | "none";
  /** "documented": Kolada's description states the direction; "inferred": the list's authors inferred it; null: not said. */
  basis: "documented" | "inferred" | null;
  /** The documented wording, e.g. "0=sämst, 100=bäst". */
  note: string | null;
  /** Proposed award dimension: resursåtgång, effektivitet, effekt, resultatkvalitet or context. */
  dimension: string | null;
}

/** Municipalities with a value (gender T) in one year. */
export interface KpiCoverage {
  year: number;
  municipalities: number;
}

/** One KPI of the library. */
export interface KpiLibraryEntry {
  id: string;
  title: string;
  /** Kolada's description; "" when Kolada has none for this id. */
  description: string;
  operatingArea: string | null;
  /** From the title's tail ("andel (%)" → "%", "kr/inv"); null when not recognisable. */
  unit: string | null;
  isDividedByGender: boolean;
  /** Where title and description come from: Kolada's v3 catalogue, the v2 KPI groups (title only), or neither. */
  catalogue: "v3" | "v2" | null;
  suggestion: KpiSuggestion | null;
  /** Whether this build has the KPI's values (live mode without `KOLADA_LIBRARY=all` has only some). */
  hasValues: boolean;
  /** The value file holding the KPI (`v017.parquet`), null without values. */
  file: string | null;
  /** Per year of the library, ascending; null when the values were not fetched (coverage unknown). */
  coverage: readonly KpiCoverage[] | null;
}

/** The whole library. */
export interface KpiLibrary {
  /** Sorted by id. */
  kpis: readonly KpiLibraryEntry[];
  byId: ReadonlyMap<string, KpiLibraryEntry>;
  /** The years of the coverage, ascending. */
  years: readonly number[];
  /** Every operating area, sorted in Swedish order. */
  operatingAreas: readonly string[];
}
