/**
 * The weight-independent precompute of one (model, year, method): normalised
 * values (or improvement values) per municipality and KPI, the KPIs left out
 * and why. A weight change only recombines these arrays (score.ts).
 */
import {directionSign, type Direction, type Model} from "./model.js";
import type {ValueMatrix} from "./matrix.js";
import type {LeftOutReason} from "./normalise.js";
import type {ColumnStats} from "./stats.js";
import type {Aggregation, ImprovementMethod, Municipality, Normalisation} from "./types.js";

/** A KPI left out of a year (nomination) or a window (improvement), with the reason. */
export interface LeftOutKpi extends LeftOutReason {
  kpi: string;
  dimension: string;
  /** The year whose values decided (the window's first year for improvement). */
  year: number;
  /** Municipalities with a value in that year. */
  n: number;
}

/** Something the method did to a KPI that the user should see (not an exclusion). */
export interface KpiNote {
  kpi: string;
  code: "winsorised" | "national_median";
  note: string;
}

export interface PreparedDimension {
  id: string;
  label: string;
  /** The model's weight W(d). */
  weight: number;
}

export interface PreparedIndicator {
  kpi: string;
  title?: string;
  dimension: string;
  dimensionIndex: number;
  direction: Direction;
  sign: 1 | -1;
  /** The model's weight w(k). */
  weight: number;
  /** Row in the matrix, -1 when the matrix lacks the KPI. */
  row: number;
  usable: boolean;
  /** Stats of the deciding year (nomination: the year; improvement: the window's first year). */
  stats: ColumnStats;
}

export interface Prepared {
  kind: "nomination" | "improvement";
  model: Model;
  matrix: ValueMatrix;
  year: number;
  /** Improvement only: the window's first and last year. */
  window: {from: number; to: number; length: number} | null;
  normalisation: Normalisation | null;
  method: ImprovementMethod | null;
  aggregation: Aggregation;
  winsorise: boolean;
  municipalities: readonly Municipality[];
  dimensions: PreparedDimension[];
  indicators: PreparedIndicator[];
  nMunicipalities: number;
  nKpis: number;
  kpiDimension: Int32Array;
  /** `[m * nKpis + k]` (k in model order): z (or other normalised value) or I; NaN = missing or left out. */
  normalised: Float64Array;
  /**
   * `[m * nKpis + k]`: the raw input behind each normalised value: the KPI value in
   * the year (nomination) or the slope per year in the KPI's unit (improvement).
   */
  raw: Float64Array;
  leftOut: LeftOutKpi[];
  notes: KpiNote[];
  /** Improvement only, `[m * nKpis + k]`: year-over-year changes with both years present, and those in the good direction. */
  changes: Uint8Array | null;
  positive: Uint8Array | null;
}

/** The parts of a Prepared that depend only on the model and the matrix. */
export function prepareSkeleton(matrix: ValueMatrix, model: Model) {
  const dimensions: PreparedDimension[] = model.dimensions.map((d) => ({id: d.id, label: d.label, weight: d.weight}));
  const dimIndex = new Map(dimensions.map((d, i) => [d.id, i]));
  const nK = model.indicators.length;
  const nM = matrix.municipalities.length;
  const kpiDimension = new Int32Array(nK);
  const indicators: PreparedIndicator[] = model.indicators.map((ind, k) => {
    const dimensionIndex = dimIndex.get(ind.dimension);
    if (dimensionIndex === undefined) throw new Error(`indicator ${ind.kpi}: unknown dimension "${ind.dimension}"`);
    kpiDimension[k] = dimensionIndex;
    return {
      kpi: ind.kpi,
      ...(ind.title === undefined ? {} : {title: ind.title}),
      dimension: ind.dimension,
      dimensionIndex,
      direction: ind.direction,
      sign: directionSign(ind.direction),
      weight: ind.weight,
      row: matrix.kpiIndex.get(ind.kpi) ?? -1,
      usable: false,
      stats: {n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN}
    };
  });
  return {
    dimensions,
    indicators,
    kpiDimension,
    nMunicipalities: nM,
    nKpis: nK,
    normalised: new Float64Array(nM * nK).fill(NaN),
    raw: new Float64Array(nM * nK).fill(NaN)
  };
}

/** Writes a column of municipality values into a `[m * nKpis + k]` array. */
export function setColumn(target: Float64Array, nKpis: number, k: number, column: ArrayLike<number>): void {
  for (let m = 0; m < column.length; m++) target[m * nKpis + k] = column[m]!;
}

