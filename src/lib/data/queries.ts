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

/** Utforska's example queries (src/utforska.md): a label for the menu and the SQL. */
export interface ExampleQuery {
  label: string;
  sql: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    label: "Ett nyckeltals täckning per år",
    sql: `-- Antal kommuner (av 290) med ett värde per år för ett nyckeltal, kön totalt.
-- Riket (kod 0000) ligger i samma tabell och räknas inte.
SELECT year, COUNT(DISTINCT municipality_code) AS kommuner
FROM "values"
WHERE kpi = 'N15428' AND gender = 'T' AND municipality_code <> '0000'
GROUP BY year
ORDER BY year`
  },
  {
    label: "En kommuns serie mot rikets",
    sql: `-- Stockholm (0180) mot riket: i tabellen "values" har riket kommunkoden 0000.
SELECT year,
  max(value) FILTER (WHERE municipality_code = '0180') AS stockholm,
  max(value) FILTER (WHERE municipality_code = '0000') AS riket
FROM "values"
WHERE kpi = 'N15428' AND gender = 'T' AND municipality_code IN ('0180', '0000')
GROUP BY year
ORDER BY year`
  },
  {
    label: "Korrelation mellan två nyckeltal",
    sql: `-- Pearsons korrelation per år mellan behörighet till gymnasiet (N15428)
-- och kvalitetsindex för grundskolan (U15401), över kommunerna med båda värdena.
SELECT a.year, corr(a.value, b.value) AS korrelation
FROM "values" a
JOIN "values" b ON b.municipality_code = a.municipality_code AND b.year = a.year AND b.gender = a.gender
WHERE a.kpi = 'N15428' AND b.kpi = 'U15401' AND a.gender = 'T' AND a.municipality_code <> '0000'
GROUP BY a.year
HAVING count(*) >= 3
ORDER BY a.year`
  },
  {
    label: "Topp 10 på ett nyckeltal inom en kommungrupp",
    sql: `-- De tio kommunerna i kommungrupp B3 (större städer) med högst andel behöriga
-- till gymnasiet 2022 (högre är bättre för N15428, se tabellen kpis).
SELECT m.name AS kommun, v.value AS andel_behoriga
FROM "values" v
JOIN municipalities m ON m.code = v.municipality_code
WHERE v.kpi = 'N15428' AND v.year = 2022 AND v.gender = 'T' AND m.kommungrupp = 'B3'
ORDER BY v.value DESC
LIMIT 10`
  },
  {
    label: "Nomineringens topp 10 (tabellen nominering)",
    sql: `-- Den aktuella nomineringen, beräknad med länkens inställningar (se ovan).
SELECT municipality_name AS kommun, score AS totalpoang
FROM nominering
WHERE overall_rank <= 10
ORDER BY overall_rank`
  }
];
