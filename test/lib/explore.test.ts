/**
 * Utforska's pure data and state helpers: the URL state with `nom.`/`utv.`
 * prefixes, splitting SQL into statements, the engine results as table
 * columns, DuckDB's error text.
 */
import {describe, expect, it} from "vitest";
import {prepareImprovement, prepareNomination, score} from "../../src/engine/index.ts";
import {duckdbErrorText} from "../../src/lib/data/query-result.ts";
import {rankingColumns} from "../../src/lib/data/ranking-tables.ts";
import {splitStatements} from "../../src/lib/data/sql-statements.ts";
import type {Workbench} from "../../src/lib/data/workbench.ts";
import {parseExploreState, withSql} from "../../src/lib/state/explore-state.ts";
import {matrixOf, model, rowsForSeries} from "../engine/fixtures.ts";

const CODES = ["0114", "0180", "1280", "1480", "2580"];
const YEARS = [2018, 2019, 2020, 2021, 2022];
const series = (base: number) => Object.fromEntries(CODES.map((c, i) => [c, YEARS.map((_, t) => base + i * 3 + t * (i % 2 ? 1 : -1))]));
const MODEL = model(
  [
    ["a", 1],
    ["b", 1]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "b", "lower_better", 1]
  ]
);
const matrix = matrixOf(CODES, rowsForSeries(YEARS, {N00001: series(10), N00002: series(50)}));
const wb = {
  manifest: {} as Workbench["manifest"],
  models: [{id: "test", model: MODEL}],
  municipalities: matrix.municipalities.map((m) => ({...m, countyCode: m.code.slice(0, 2), population: null})),
  kpis: new Map(),
  matrix
} as Workbench;

describe("parseExploreState", () => {
  it("gives both tables their pages' defaults when the link has no settings", () => {
    const s = parseExploreState("", wb);
    expect(s.sql).toBe("");
    expect(s.nomination).toMatchObject({model: "test", year: 2022, norm: "zscore", agg: "arithmetic", wins: false, scope: "all", dw: {a: 1, b: 1}});
    expect(s.improvement).toMatchObject({model: "test", year: 2022, window: 4, method: "theil-sen", steady: 0});
    expect(s.notices).toEqual([]);
  });

  it("reads nom.* for the nomination and utv.* for the improvement, with the pages' own parameter names and values", () => {
    const s = parseExploreState("?sql=SELECT+1&nom.year=2020&nom.dw=a:2&nom.norm=minmax&utv.year=2021&utv.window=3&utv.method=national&utv.steady=0.5", wb);
    expect(s.sql).toBe("SELECT 1");
    expect(s.nomination).toMatchObject({year: 2020, norm: "minmax", dw: {a: 2, b: 1}});
    expect(s.improvement).toMatchObject({year: 2021, window: 3, method: "national", steady: 0.5, dw: {a: 1, b: 1}});
    expect(s.notices).toEqual([]);
  });

  it("ignores unprefixed, unknown or invalid parameters with a notice naming them as written", () => {
    const s = parseExploreState("?year=2020&nom.window=3&utv.year=1900&nom.foo=1", wb);
    expect(s.nomination.year).toBe(2022);
    expect(s.improvement.year).toBe(2022);
    expect(s.notices).toEqual([
      "Okänd parameter ”year” ignorerades.",
      "Okänd parameter ”nom.window” ignorerades.",
      expect.stringMatching(/^Ogiltigt värde för ”utv\.year” \(1900\)/),
      "Okänd parameter ”nom.foo” ignorerades."
    ]);
  });

  it("takes a query with every character, up to the limit", () => {
    const query = `SELECT 'å;ä' AS "ö", 1 + 2 -- kommentar\nFROM "values"`;
    expect(parseExploreState(`?${new URLSearchParams({sql: query})}`, wb).sql).toBe(query);
    const long = parseExploreState(`?sql=${"x".repeat(20_001)}`, wb);
    expect(long.sql).toBe("");
    expect(long.notices[0]).toMatch(/högst 20000 tecken/);
  });
});

describe("withSql", () => {
  it("sets the query and keeps every other parameter as it was", () => {
    expect(withSql("?nom.year=2020&sql=old&utv.window=3", "SELECT 1")).toBe("nom.year=2020&sql=SELECT+1&utv.window=3");
    expect(new URLSearchParams(withSql("", "SELECT 'a&b'")).get("sql")).toBe("SELECT 'a&b'");
  });
  it("removes it for an empty query", () => {
    expect(withSql("?sql=x&nom.year=2020", "  ")).toBe("nom.year=2020");
  });
});

describe("splitStatements", () => {
  it("splits at semicolons outside strings, quoted names and comments, and drops empty statements", () => {
    const text = `SELECT 'a;b' AS x; -- c;d\nSELECT "e;f" FROM t /* g; */;\n;\n-- only a comment\n`;
    expect(splitStatements(text).map((s) => s.trim())).toEqual(["SELECT 'a;b' AS x;", 'SELECT "e;f" FROM t /* g; */;']);
  });
  it("keeps each statement on its editor line and column, so DuckDB's LINE n matches the editor", () => {
    const [, second] = splitStatements("SELECT 1;\n\n  SELECT 2");
    expect(second).toBe("\n\n  SELECT 2");
  });
  it("finds nothing to run in an empty text", () => {
    expect(splitStatements("  -- nothing\n")).toEqual([]);
  });
});

describe("rankingColumns", () => {
  it("has one row per municipality with the rank command's columns; missing numbers are null", () => {
    const result = score(prepareNomination(matrix, MODEL, 2022));
    const t = rankingColumns(result);
    expect(t.length).toBe(CODES.length);
    expect(Object.keys(t.columns)).toEqual(["rank", "municipality_code", "municipality_name", "score", "dim_a", "dim_b", "coverage_n", "coverage_of", "coverage_required", "rank_group", "overall_rank", "kommungrupp", "main_group", "status", "reason"]);
    expect(t.columns.municipality_code).toEqual(result.rows.map((r) => r.code));
    expect(t.columns.score).toEqual(result.rows.map((r) => r.score));
    expect(t.types.rank).toBe("INT32");
    expect(t.columns.rank_group!.every((g) => g === null)).toBe(true);
  });
  it("adds steadiness for the improvement ranking", () => {
    const t = rankingColumns(score(prepareImprovement(matrix, MODEL, 2022, {window: 4})));
    expect(t.columns.steadiness).toHaveLength(CODES.length);
    expect(t.types.steadiness).toBe("DOUBLE");
  });
});

describe("duckdbErrorText", () => {
  it("writes DuckDB-WASM's JSON error objects as DuckDB prints them", () => {
    const json = JSON.stringify({exception_type: "Parser", exception_message: 'syntax error at or near "SELEC"\n\nLINE 1: SELEC 1', error_subtype: "SYNTAX_ERROR"});
    expect(duckdbErrorText(new Error(json))).toBe('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1');
  });
  it("keeps plain messages", () => {
    expect(duckdbErrorText(new Error("Catalog Error: Table with name x does not exist!"))).toBe("Catalog Error: Table with name x does not exist!");
    expect(duckdbErrorText("Error: {not json")).toBe("{not json");
  });
});
