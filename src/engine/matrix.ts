/**
 * The value matrix: KPI x year x municipality in one Float64Array (NaN =
 * missing), plus the national (Riket) series. Built once per model; every
 * later step reads slices of it.
 */
import {RIKET_CODE, type Municipality, type ValueRow} from "./types.js";

export interface ValueMatrix {
  /** KPI ids in row order. */
  readonly kpis: readonly string[];
  /** Municipalities sorted by code, so index order is code order (the rank tie-break). */
  readonly municipalities: readonly Municipality[];
  /** Consecutive years, firstYear .. lastYear. */
  readonly years: readonly number[];
  /** `values[(k * years.length + t) * municipalities.length + m]`, NaN when missing. */
  readonly values: Float64Array;
  /** Riket: `national[k * years.length + t]`, NaN when missing. */
  readonly national: Float64Array;
  readonly kpiIndex: ReadonlyMap<string, number>;
  readonly municipalityIndex: ReadonlyMap<string, number>;
}

/** Values as columns (e.g. straight from an Arrow table); same meaning as {@link ValueRow}. */
export interface ValueColumns {
  kpi: ArrayLike<string>;
  municipality: ArrayLike<string>;
  year: ArrayLike<number>;
  value: ArrayLike<number>;
}

export interface MatrixInput {
  municipalities: readonly Municipality[];
  values: Iterable<ValueRow> | ValueColumns;
  /** KPIs to keep (the model's); default: every KPI in the values, sorted. */
  kpis?: readonly string[];
  /** Year range to keep; default: the range of the values. */
  fromYear?: number;
  toYear?: number;
}

function isColumns(values: MatrixInput["values"]): values is ValueColumns {
  return !(Symbol.iterator in values) && "kpi" in values;
}

/** Visits every value as (kpi, municipality, year, value). */
function forEachValue(values: MatrixInput["values"], visit: (kpi: string, mun: string, year: number, value: number) => void): void {
  if (isColumns(values)) {
    const n = values.value.length;
    for (let i = 0; i < n; i++) visit(values.kpi[i]!, values.municipality[i]!, values.year[i]!, values.value[i]!);
  } else {
    for (const r of values) visit(r.kpi, r.municipality, r.year, r.value);
  }
}

/** Code order (string order of the codes: "0114" before "0115" before "1280"), as a sort comparator. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the matrix. Rows for unknown areas (regions) and KPIs outside `kpis`
 * are ignored; non-finite values are missing. Two values for the same KPI,
 * area and year are an error (e.g. genders mixed up), never silently merged.
 */
export function buildMatrix(input: MatrixInput): ValueMatrix {
  const municipalities = [...input.municipalities].sort((a, b) => compareCodes(a.code, b.code));
  const municipalityIndex = new Map<string, number>();
  municipalities.forEach((m, i) => {
    if (municipalityIndex.has(m.code)) throw new Error(`municipality ${m.code} is listed twice`);
    municipalityIndex.set(m.code, i);
  });

  let kpis = input.kpis ? [...input.kpis] : undefined;
  let fromYear = input.fromYear;
  let toYear = input.toYear;
  if (!kpis || fromYear === undefined || toYear === undefined) {
    const seen = new Set<string>();
    let lo = Infinity;
    let hi = -Infinity;
    forEachValue(input.values, (kpi, _m, year) => {
      seen.add(kpi);
      if (year < lo) lo = year;
      if (year > hi) hi = year;
    });
    kpis ??= [...seen].sort();
    fromYear ??= Number.isFinite(lo) ? lo : 0;
    toYear ??= Number.isFinite(hi) ? hi : fromYear - 1;
  }
  const kpiIndex = new Map<string, number>();
  kpis.forEach((k, i) => kpiIndex.set(k, i));

  const nY = Math.max(0, toYear - fromYear + 1);
  const nM = municipalities.length;
  const values = new Float64Array(kpis.length * nY * nM).fill(NaN);
  const national = new Float64Array(kpis.length * nY).fill(NaN);
  const first = fromYear;
  forEachValue(input.values, (kpi, mun, year, value) => {
    const k = kpiIndex.get(kpi);
    if (k === undefined || year < first || year > toYear || !Number.isFinite(value)) return;
    const t = year - first;
    let slot: Float64Array;
    let i: number;
    if (mun === RIKET_CODE) {
      slot = national;
      i = k * nY + t;
    } else {
      const m = municipalityIndex.get(mun);
      if (m === undefined) return;
      slot = values;
      i = (k * nY + t) * nM + m;
    }
    if (!Number.isNaN(slot[i]!)) throw new Error(`two values for KPI ${kpi}, area ${mun}, year ${year}`);
    slot[i] = value;
  });

  return {
    kpis,
    municipalities,
    years: Array.from({length: nY}, (_, t) => first + t),
    values,
    national,
    kpiIndex,
    municipalityIndex
  };
}

/** The values of KPI row `k` in year `year` for all municipalities (a view, not a copy). */
export function yearColumn(matrix: ValueMatrix, k: number, year: number): Float64Array {
  const t = yearOffset(matrix, year);
  const nM = matrix.municipalities.length;
  return matrix.values.subarray((k * matrix.years.length + t) * nM, (k * matrix.years.length + t + 1) * nM);
}

/** The year's offset in the matrix; throws when the matrix lacks the year. */
export function yearOffset(matrix: ValueMatrix, year: number): number {
  const t = year - (matrix.years[0] ?? 0);
  if (!Number.isInteger(year) || t < 0 || t >= matrix.years.length) {
    const range = matrix.years.length ? `${matrix.years[0]}-${matrix.years[matrix.years.length - 1]}` : "none";
    throw new RangeError(`year ${year} is not in the data (years ${range})`);
  }
  return t;
}

/** The KPI's row in the matrix; throws when the matrix lacks the KPI. */
export function kpiRow(matrix: ValueMatrix, kpi: string): number {
  const k = matrix.kpiIndex.get(kpi);
  if (k === undefined) throw new RangeError(`KPI ${kpi} is not in the matrix`);
  return k;
}

/**
 * The latest year in which any of the model's KPIs has a value for some
 * municipality (the pages open on it); the matrix's last year when none has.
 */
export function latestYear(matrix: ValueMatrix, model: {indicators: readonly {kpi: string}[]}): number {
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  for (let t = nY - 1; t >= 0; t--) {
    for (const ind of model.indicators) {
      const k = matrix.kpiIndex.get(ind.kpi);
      if (k === undefined) continue;
      const base = (k * nY + t) * nM;
      for (let m = 0; m < nM; m++) if (matrix.values[base + m] === matrix.values[base + m]) return matrix.years[t]!;
    }
  }
  return matrix.years[nY - 1]!;
}

/**
 * The matrix with more KPIs: `kpis` (ids the matrix lacks) appended as new
 * rows, their values read from `values` by the rules of {@link buildMatrix}
 * (unknown areas ignored, non-finite values missing, two values for one cell
 * an error). Municipalities and years stay those of `matrix` (values outside
 * its years are left out), and every existing KPI keeps its row and values,
 * so everything computed from `matrix` stays valid. Returns a new matrix;
 * `matrix` is not changed. A KPI without any value gets a row of NaN.
 */
export function extendMatrix(matrix: ValueMatrix, kpis: readonly string[], values: MatrixInput["values"]): ValueMatrix {
  const added = [...new Set(kpis)];
  const present = added.filter((k) => matrix.kpiIndex.has(k));
  if (present.length) throw new Error(`KPI ${present.join(", ")} is already in the matrix`);
  if (!added.length) return matrix;
  const nY = matrix.years.length;
  const extra = buildMatrix({
    municipalities: matrix.municipalities,
    values,
    kpis: added,
    fromYear: matrix.years[0] ?? 0,
    toYear: nY ? matrix.years[nY - 1]! : -1
  });
  const merged = new Float64Array(matrix.values.length + extra.values.length);
  merged.set(matrix.values);
  merged.set(extra.values, matrix.values.length);
  const national = new Float64Array(matrix.national.length + extra.national.length);
  national.set(matrix.national);
  national.set(extra.national, matrix.national.length);
  const allKpis = [...matrix.kpis, ...added];
  const kpiIndex = new Map(matrix.kpiIndex);
  added.forEach((k, i) => kpiIndex.set(k, matrix.kpis.length + i));
  return {kpis: allKpis, municipalities: matrix.municipalities, years: matrix.years, values: merged, national, kpiIndex, municipalityIndex: matrix.municipalityIndex};
}
