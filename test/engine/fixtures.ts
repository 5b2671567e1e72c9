/** Small builders for hand-computed engine tests. */
import {buildMatrix, parseModel, prepareNomination, type Model, type Municipality, type Prepared, type ValueMatrix, type ValueRow} from "../../src/engine/index.ts";
import {rng} from "../helpers/random.ts";
export {rng};

/** Municipalities with the given codes; groups cycle A1, B3, C8 unless given. */
export function municipalities(codes: string[], groups: string[] = []): Municipality[] {
  const cycle = ["A1", "B3", "C8"];
  return codes.map((code, i) => {
    const kommungrupp = groups[i] ?? cycle[i % cycle.length]!;
    return {code, name: `Kommun ${code}`, county: "Län", kommungrupp, kommungruppName: `Grupp ${kommungrupp}`, mainGroup: `Huvudgrupp ${kommungrupp[0]}`};
  });
}

/** Value rows from a table KPI -> one value (or null = missing) per code, for one year. */
export function rowsForYear(year: number, codes: string[], table: Record<string, (number | null)[]>): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const [kpi, values] of Object.entries(table)) {
    values.forEach((value, i) => {
      if (value !== null) rows.push({kpi, municipality: codes[i]!, year, value});
    });
  }
  return rows;
}

/** Value rows from KPI -> code -> series over `years` (null = missing). */
export function rowsForSeries(years: number[], table: Record<string, Record<string, (number | null)[]>>): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const [kpi, byCode] of Object.entries(table)) {
    for (const [municipality, series] of Object.entries(byCode)) {
      series.forEach((value, t) => {
        if (value !== null) rows.push({kpi, municipality, year: years[t]!, value});
      });
    }
  }
  return rows;
}

/** A validated model from compact tuples. */
export function model(dimensions: [string, number][], indicators: [string, string, "higher_better" | "lower_better", number][]): Model {
  return parseModel({
    name: "test",
    dimensions: dimensions.map(([id, weight]) => ({id, label: id.toUpperCase(), weight})),
    indicators: indicators.map(([kpi, dimension, direction, weight]) => ({kpi, dimension, direction, weight}))
  });
}

export function matrixOf(codes: string[], rows: ValueRow[], kpis?: string[]): ValueMatrix {
  return buildMatrix({municipalities: municipalities(codes), values: rows, ...(kpis ? {kpis} : {})});
}

/**
 * Municipalities by code with their dimension scores, for the rank-range tests: one
 * higher-better KPI per dimension (dimensions a, b, c, …, KPIs N01001, N02001, …, weights 1),
 * min-max normalisation, year 2022.
 */
export function preparedByDimension(table: Record<string, readonly number[]>): Prepared {
  const codes = Object.keys(table);
  const ids = ["a", "b", "c", "d", "e", "f", "g", "h"].slice(0, table[codes[0]!]!.length);
  const kpis = ids.map((_, d) => `N0${d + 1}001`);
  const M = model(
    ids.map((id) => [id, 1]),
    kpis.map((kpi, d) => [kpi, ids[d]!, "higher_better", 1])
  );
  const rows = rowsForYear(2022, codes, Object.fromEntries(kpis.map((kpi, d) => [kpi, codes.map((c) => table[c]![d]!)])));
  return prepareNomination(matrixOf(codes, rows, kpis), M, 2022, {normalisation: "minmax"});
}


/** Rank per code from a result's rows (null when unranked). */
export function rankByCode(rows: {code: string; rank: number | null}[]): Record<string, number | null> {
  return Object.fromEntries(rows.map((r) => [r.code, r.rank]));
}
