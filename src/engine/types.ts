/**
 * The engine's input and option types. Pure data: no DOM, no I/O, usable in
 * the browser, the CLI and the tests.
 */

/** A municipality (kommun) as the engine sees it. */
export interface Municipality {
  /** Four-digit Kolada/SCB code, e.g. "0114". */
  code: string;
  name: string;
  county: string;
  /** SKR kommungrupp 2023 code, e.g. "A1". */
  kommungrupp: string;
  kommungruppName: string;
  /** SKR main group (huvudgrupp), e.g. "Storstäder och storstadsnära kommuner". */
  mainGroup: string;
}

/**
 * One gender-T value. Absent rows are missing values (never zero). Rows for
 * "0000" (Riket) are the national values; other codes not among the
 * municipalities (regions 00NN) are ignored.
 */
export interface ValueRow {
  kpi: string;
  municipality: string;
  year: number;
  value: number;
}

/** Weights for a recompute; an id that is absent keeps the model's weight. */
export interface Weights {
  dimensions: Record<string, number>;
  indicators: Record<string, number>;
}

/** The national total's area code in Kolada. */
export const RIKET_CODE = "0000";

/** Nomination normalisation: z-score is the default (product.md). */
export const NORMALISATIONS = ["zscore", "minmax", "percentile", "goalposts"] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/** How KPIs are combined into dimensions and dimensions into the total. */
export const AGGREGATIONS = ["arithmetic", "geometric"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Rank everyone together, or within SKR kommungrupp or main group. */
export const GROUPINGS = ["none", "kommungrupp", "mainGroup"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/**
 * The improvement measure per KPI and municipality:
 * - "theil-sen": the default, Theil-Sen slope / first-year spread;
 * - "national": the same on the municipality's value minus the national value;
 * - "regression": residual of end level on start level (regression to the mean removed).
 */
export const IMPROVEMENT_METHODS = ["theil-sen", "national", "regression"] as const;
export type ImprovementMethod = (typeof IMPROVEMENT_METHODS)[number];

/** Lower and upper goalpost of a KPI in its own unit (not direction-aligned). */
export interface Goalposts {
  low: number;
  high: number;
}

/** Options of the weight-independent precompute shared by both kinds. */
export interface CommonOptions {
  aggregation?: Aggregation;
  /** JRC rule: |skewness| > 2 and kurtosis > 3.5, up to 5 points. */
  winsorise?: boolean;
}

export interface NominationOptions extends CommonOptions {
  normalisation?: Normalisation;
  /** Goalposts per KPI; a KPI without them uses its min and max over all years of the matrix. */
  goalposts?: Record<string, Goalposts>;
}

export interface ImprovementOptions extends CommonOptions {
  /** Window length in years, 4 by default. */
  window?: 3 | 4;
  method?: ImprovementMethod;
}

/** Options of a recompute that do not change the precompute. */
export interface RankOptions {
  grouping?: Grouping;
  /** Improvement only: municipalities with a lower steadiness (0-1) are not ranked. */
  minSteadiness?: number;
}
