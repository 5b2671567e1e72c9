/**
 * The improvement precompute for the window Y-L+1 .. Y (product.md, the
 * improvement score, steps 1-2 and 4): per KPI and municipality the Theil-Sen
 * slope of the direction-aligned series over the years present (at least 3),
 * divided by the KPI's spread across municipalities in the window's first year;
 * plus the year-over-year change counts behind steadiness.
 *
 * Options: "national" uses the series minus the national series (Riket;
 * the municipalities' median per year when Riket lacks a window year), so
 * slope and steadiness measure development beyond the country's.
 * "regression" replaces the slope by the residual of the end level on the
 * start level (least squares across the municipalities with >= 3 years and
 * both end years present), divided by L - 1 to be per year like a slope:
 * I = residual / (L - 1) / sd(first year).
 */
import type {Model} from "./model.js";
import {yearColumn, type ValueMatrix} from "./matrix.js";
import {leftOutReason, MIN_VALUES, type LeftOutReason} from "./normalise.js";
import {prepareSkeleton, setColumn, type KpiNote, type LeftOutKpi, type Prepared} from "./prepared.js";
import {columnStats, median} from "./stats.js";
import {regressionResiduals, theilSenSlope} from "./trend.js";
import type {ImprovementOptions} from "./types.js";
import {winsoriseJrc} from "./winsorise.js";

/** A municipality needs values in at least this many of the window's years. */
export const MIN_YEARS_IN_WINDOW = 3;

/**
 * The one rule, for every method, that decides whether a KPI is usable in a
 * window (before any method runs):
 * 1. its first year has at least 3 values and sd > 0 (product.md: the divisor);
 * 2. at least 3 municipalities have a full series: values in the window's
 *    first and last year and in at least 3 of its years, and their first-year
 *    values are not all equal.
 * Rule 2 is what the regression method needs (end level on start level over
 * at least 3 municipalities, with spread in the start level); applying it to
 * every method keeps the usable KPIs, and so the coverage rule's denominator,
 * the same whichever method is chosen. Before it, a KPI with no values in the
 * window's last year counted as usable for Theil-Sen (with no municipality
 * having a value) but not for regression.
 */
export function windowLeftOutReason(columns: readonly Float64Array[]): LeftOutReason | null {
  const first = columns[0]!;
  const last = columns[columns.length - 1]!;
  const firstReason = leftOutReason(columnStats(first));
  if (firstReason) return firstReason;
  let full = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let m = 0; m < first.length; m++) {
    const x0 = first[m]!;
    const x1 = last[m]!;
    if (x0 !== x0 || x1 !== x1) continue;
    let present = 0;
    for (const column of columns) if (column[m] === column[m]) present++;
    if (present < MIN_YEARS_IN_WINDOW) continue;
    full++;
    if (x0 < min) min = x0;
    if (x0 > max) max = x0;
  }
  if (full < MIN_VALUES) return {code: "too_few_series", reason: `färre än ${MIN_VALUES} kommuner med värden i fönstrets första och sista år`};
  if (!(max > min)) return {code: "no_spread", reason: "ingen spridning i första året bland kommunerna med hela fönstret"};
  return null;
}

/** The window's years; throws when the matrix does not cover them. */
export function improvementWindow(matrix: ValueMatrix, year: number, length: number): {from: number; to: number; length: number} {
  if (length !== 3 && length !== 4) throw new RangeError(`window must be 3 or 4 years (got ${length})`);
  const first = matrix.years[0];
  const last = matrix.years[matrix.years.length - 1];
  const from = year - length + 1;
  if (first === undefined || last === undefined || !Number.isInteger(year) || from < first || year > last) {
    const range = first === undefined ? "none" : `${first}-${last}`;
    throw new RangeError(`the window ${from}-${year} is not covered by the data (years ${range})`);
  }
  return {from, to: year, length};
}

/** The national series of KPI row `row` over the window: Riket, or the median when Riket lacks a year. */
function nationalSeries(matrix: ValueMatrix, row: number, from: number, length: number): {series: Float64Array; source: "riket" | "median"} {
  const nY = matrix.years.length;
  const t0 = from - matrix.years[0]!;
  const series = new Float64Array(length);
  let complete = row >= 0;
  for (let t = 0; t < length && complete; t++) {
    series[t] = matrix.national[row * nY + t0 + t]!;
    if (Number.isNaN(series[t]!)) complete = false;
  }
  if (complete) return {series, source: "riket"};
  for (let t = 0; t < length; t++) series[t] = row >= 0 ? median(yearColumn(matrix, row, from + t)) : NaN;
  return {series, source: "median"};
}

/** Precomputes everything of an improvement ranking that does not depend on weights. */
export function prepareImprovement(matrix: ValueMatrix, model: Model, year: number, options: ImprovementOptions = {}): Prepared {
  const method = options.method ?? "theil-sen";
  const aggregation = options.aggregation ?? "arithmetic";
  const winsorise = options.winsorise ?? false;
  const window = improvementWindow(matrix, year, options.window ?? 4);
  const L = window.length;
  const sk = prepareSkeleton(matrix, model);
  const nM = sk.nMunicipalities;
  const nK = sk.nKpis;
  const changes = new Uint8Array(nM * nK);
  const positive = new Uint8Array(nM * nK);
  const leftOut: LeftOutKpi[] = [];
  const notes: KpiNote[] = [];
  const times = Float64Array.from({length: L}, (_, t) => window.from + t);
  const series = new Float64Array(L);
  const scratch = new Float64Array((L * (L - 1)) / 2);
  const columns: Float64Array[] = [];
  const empty = new Float64Array(nM).fill(NaN);

  sk.indicators.forEach((ind, k) => {
    for (let t = 0; t < L; t++) columns[t] = ind.row >= 0 ? yearColumn(matrix, ind.row, window.from + t) : empty;
    const stats = columnStats(columns[0]!);
    ind.stats = stats;
    const reason = windowLeftOutReason(columns);
    if (reason) {
      leftOut.push({kpi: ind.kpi, dimension: ind.dimension, year: window.from, n: stats.n, ...reason});
      return;
    }
    const s = ind.sign;
    let national: Float64Array | null = null;
    if (method === "national") {
      const ns = nationalSeries(matrix, ind.row, window.from, L);
      national = ns.series;
      if (ns.source === "median") notes.push({kpi: ind.kpi, code: "national_median", note: "riksvärde saknas i fönstret; kommunernas median används"});
    }
    const value = new Float64Array(nM).fill(NaN);
    const raw = new Float64Array(nM).fill(NaN);
    const start = new Float64Array(nM).fill(NaN);
    const end = new Float64Array(nM).fill(NaN);
    for (let m = 0; m < nM; m++) {
      let present = 0;
      for (let t = 0; t < L; t++) {
        const x = columns[t]![m]!;
        const a = national ? s * (x - national[t]!) : s * x;
        series[t] = a;
        if (a === a) present++;
      }
      if (present < MIN_YEARS_IN_WINDOW) continue;
      let c = 0;
      let p = 0;
      for (let t = 0; t + 1 < L; t++) {
        const a = series[t]!;
        const b = series[t + 1]!;
        if (a !== a || b !== b) continue;
        c++;
        if (b - a > 0) p++;
      }
      changes[m * nK + k] = c;
      positive[m * nK + k] = p;
      if (method === "regression") {
        start[m] = series[0]!;
        end[m] = series[L - 1]!;
      } else {
        const slope = theilSenSlope(times, series, scratch);
        value[m] = slope / stats.sd;
        raw[m] = s * slope;
      }
    }
    if (method === "regression") {
      const fit = regressionResiduals(start, end);
      // windowLeftOutReason guarantees 3 municipalities with both ends and spread; kept as a guard.
      if (!fit) {
        leftOut.push({kpi: ind.kpi, dimension: ind.dimension, year: window.from, n: stats.n, code: "no_regression", reason: "för få kommuner för regressionen"});
        for (let m = 0; m < nM; m++) changes[m * nK + k] = positive[m * nK + k] = 0;
        return;
      }
      for (let m = 0; m < nM; m++) {
        const r = fit.residuals[m]! / (L - 1);
        value[m] = r / stats.sd;
        raw[m] = s * r;
      }
    }
    let column: Float64Array = value;
    if (winsorise) {
      const w = winsoriseJrc(value);
      if (w.high + w.low > 0) {
        column = w.values;
        notes.push({kpi: ind.kpi, code: "winsorised", note: `winsoriserad: ${w.high} högsta och ${w.low} lägsta värden ersatta (skevhet ${w.before.skewness.toFixed(2)}, kurtosis ${w.before.kurtosis.toFixed(2)})`});
      }
    }
    ind.usable = true;
    setColumn(sk.normalised, nK, k, column);
    setColumn(sk.raw, nK, k, raw);
  });

  // Steadiness counts only where the municipality has an improvement value.
  for (let i = 0; i < nM * nK; i++) {
    if (sk.normalised[i] !== sk.normalised[i]) changes[i] = positive[i] = 0;
  }

  return {
    kind: "improvement",
    model,
    matrix,
    year,
    window,
    normalisation: null,
    method,
    aggregation,
    winsorise,
    municipalities: matrix.municipalities,
    ...sk,
    leftOut,
    notes,
    changes,
    positive
  };
}
