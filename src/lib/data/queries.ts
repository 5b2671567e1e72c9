/** The SQL questions pages ask DuckDB-WASM (lib/data/duckdb.ts), with the row shapes they return. */

export interface CoverageRow {
  kpi: string;
  title: string;
  year: number;
  /** Municipalities (of 290) with a gender-T value. */
  n: number;
}

/** SQL over the `values` and `kpis` tables giving {@link CoverageRow}s (kommuner only, Riket excluded). */
export const COVERAGE_SQL = `
  SELECT v.kpi, k.title, v.year, COUNT(DISTINCT v.municipality_code)::INTEGER AS n
  FROM "values" v JOIN kpis k ON k.id = v.kpi
  WHERE v.gender = 'T' AND v.municipality_code <> '0000'
  GROUP BY ALL ORDER BY v.kpi, v.year`;
