/**
 * The nomination precompute for year Y (product.md, "The default scoring
 * method", steps 1-2): per KPI the year's values, the left-out rule, optional
 * winsorising, and normalisation (z-score by default).
 */
import type {Model} from "./model.js";
import {yearColumn, yearOffset, type ValueMatrix} from "./matrix.js";
import {leftOutReason, normaliseGoalposts, normaliseMinMax, normalisePercentile, normaliseZScore} from "./normalise.js";
import {prepareSkeleton, setColumn, type KpiNote, type LeftOutKpi, type Prepared} from "./prepared.js";
import {columnStats} from "./stats.js";
import type {NominationOptions} from "./types.js";
import {winsoriseJrc} from "./winsorise.js";

/** Min and max of a KPI's municipality values over every year of the matrix: the default goalposts. */
export function dataGoalposts(matrix: ValueMatrix, row: number): {low: number; high: number} {
  const span = matrix.years.length * matrix.municipalities.length;
  const s = columnStats(matrix.values.subarray(row * span, (row + 1) * span));
  return {low: s.min, high: s.max};
}

/** Precomputes everything of a nomination ranking that does not depend on weights. */
export function prepareNomination(matrix: ValueMatrix, model: Model, year: number, options: NominationOptions = {}): Prepared {
  const normalisation = options.normalisation ?? "zscore";
  const aggregation = options.aggregation ?? "arithmetic";
  const winsorise = options.winsorise ?? false;
  yearOffset(matrix, year);
  const sk = prepareSkeleton(matrix, model);
  const nM = sk.nMunicipalities;
  const empty = new Float64Array(nM).fill(NaN);
  const leftOut: LeftOutKpi[] = [];
  const notes: KpiNote[] = [];

  sk.indicators.forEach((ind, k) => {
    let column: Float64Array = ind.row >= 0 ? yearColumn(matrix, ind.row, year) : empty;
    setColumn(sk.raw, sk.nKpis, k, column);
    let stats = columnStats(column);
    ind.stats = stats;
    let reason = leftOutReason(stats);
    if (!reason && winsorise) {
      const w = winsoriseJrc(column);
      if (w.high + w.low > 0) {
        column = w.values;
        stats = columnStats(column);
        ind.stats = stats;
        reason = leftOutReason(stats);
        notes.push({kpi: ind.kpi, code: "winsorised", note: `winsoriserad: ${w.high} högsta och ${w.low} lägsta värden ersatta (skevhet ${w.before.skewness.toFixed(2)}, kurtosis ${w.before.kurtosis.toFixed(2)})`});
      }
    }
    if (reason) {
      leftOut.push({kpi: ind.kpi, dimension: ind.dimension, year, n: stats.n, ...reason});
      return;
    }
    ind.usable = true;
    let normalised: Float64Array;
    switch (normalisation) {
      case "zscore":
        normalised = normaliseZScore(column, ind.sign, stats);
        break;
      case "minmax":
        normalised = normaliseMinMax(column, ind.sign, stats);
        break;
      case "percentile":
        normalised = normalisePercentile(column, ind.sign);
        break;
      case "goalposts": {
        const g = options.goalposts?.[ind.kpi] ?? dataGoalposts(matrix, ind.row);
        if (!(g.high > g.low)) throw new RangeError(`goalposts of ${ind.kpi}: low must be below high (got ${g.low} and ${g.high})`);
        normalised = normaliseGoalposts(column, ind.sign, g.low, g.high);
        break;
      }
    }
    setColumn(sk.normalised, sk.nKpis, k, normalised);
  });

  return {
    kind: "nomination",
    model,
    matrix,
    year,
    window: null,
    normalisation,
    method: null,
    aggregation,
    winsorise,
    municipalities: matrix.municipalities,
    ...sk,
    leftOut,
    notes,
    changes: null,
    positive: null
  };
}
