/**
 * Medians of each KPI per year, across all municipalities and within each
 * kommungrupp: the reference lines of the Kommunprofil. Weight-independent:
 * computed once per model (its KPIs), then read for any municipality.
 */
import type {ValueMatrix} from "./matrix.js";
import {median} from "./stats.js";

/** Per KPI and year, the median across all municipalities and across each kommungrupp. */
export interface MedianTable {
  years: readonly number[];
  /** KPI → median per year (NaN = nobody has a value). */
  national: Map<string, Float64Array>;
  /** KPI → kommungrupp → median per year. */
  byGroup: Map<string, Map<string, Float64Array>>;
}

/**
 * Medians of each KPI per year over the municipalities with a value (Riket,
 * '0000', is not a municipality and is not included; the matrix keeps it
 * apart). A kommungrupp median includes every member, the profiled
 * municipality too. Even counts take the mean of the two middle values.
 */
export function medianTable(matrix: ValueMatrix, kpis: readonly string[]): MedianTable {
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  const members = new Map<string, number[]>();
  matrix.municipalities.forEach((m, i) => {
    const list = members.get(m.kommungrupp);
    if (list) list.push(i);
    else members.set(m.kommungrupp, [i]);
  });
  const national = new Map<string, Float64Array>();
  const byGroup = new Map<string, Map<string, Float64Array>>();
  const scratch = new Float64Array(nM);
  for (const kpi of kpis) {
    const k = matrix.kpiIndex.get(kpi);
    const nat = new Float64Array(nY).fill(NaN);
    const groups = new Map<string, Float64Array>();
    for (const g of members.keys()) groups.set(g, new Float64Array(nY).fill(NaN));
    if (k !== undefined) {
      for (let t = 0; t < nY; t++) {
        const column = matrix.values.subarray((k * nY + t) * nM, (k * nY + t + 1) * nM);
        nat[t] = median(column);
        for (const [g, idx] of members) {
          for (let j = 0; j < idx.length; j++) scratch[j] = column[idx[j]!]!;
          groups.get(g)![t] = median(scratch.subarray(0, idx.length));
        }
      }
    }
    national.set(kpi, nat);
    byGroup.set(kpi, groups);
  }
  return {years: matrix.years, national, byGroup};
}
