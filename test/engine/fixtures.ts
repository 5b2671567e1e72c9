/** Small builders for hand-computed engine tests. */
import {buildMatrix, parseModel, type Model, type Municipality, type ValueMatrix, type ValueRow} from "../../src/engine/index.ts";
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


/** Rank per code from a result's rows (null when unranked). */
export function rankByCode(rows: {code: string; rank: number | null}[]): Record<string, number | null> {
  return Object.fromEntries(rows.map((r) => [r.code, r.rank]));
}
