/** Utforska's component helpers: Swedish CSV, the chart choice, the query history, identifiers, cell text, Parquet types. */
import {describe, expect, it} from "vitest";
import {chooseChart} from "../../src/components/auto-chart.ts";
import {addToHistory, HISTORY_SIZE, historyLabel, readHistory} from "../../src/components/query-history.ts";
import {parquetColumns, resultCsv} from "../../src/components/result-export.ts";
import {cellText} from "../../src/components/result-table.ts";
import {sqlIdentifier} from "../../src/components/sql-editor.ts";
import {plainField as csvField, rowsToSwedishCsv as swedishCsv} from "../../src/lib/export/csv.ts";
import type {Cell, ColumnKind, QueryResult} from "../../src/lib/data/query-result.ts";

function result(columns: [string, ColumnKind][], rows: Cell[][]): QueryResult {
  return {columns: columns.map(([name, kind]) => ({name, kind, type: kind})), rows};
}

describe("Swedish CSV", () => {
  it("writes numbers with a decimal comma, ASCII minus, no grouping and no exponent", () => {
    expect(csvField(-1234.5)).toBe("-1234,5");
    expect(csvField(984748)).toBe("984748");
    expect(csvField(0.1 + 0.2)).toBe("0,30000000000000004");
    expect(csvField(1.5e-7)).toBe("0,00000015");
    expect(csvField(-2.5e21)).toBe("-2500000000000000000000");
    expect(csvField(NaN)).toBe("");
  });
  it("quotes per RFC 4180 only when needed", () => {
    expect(csvField('a;b "c"')).toBe('"a;b ""c"""');
    expect(csvField("rad\nbrytning")).toBe('"rad\nbrytning"');
    expect(csvField("Håbo")).toBe("Håbo");
    expect(csvField(null)).toBe("");
  });
  it("starts with a BOM, separates with ; and ends every line with CRLF", () => {
    // Codes keep their leading zeros in Excel: the text formula ="0180", quoted per RFC 4180.
    expect(swedishCsv(["kod", "värde"], [["0180", -0.5], ["0114", null]])).toBe('\uFEFFkod;värde\r\n"=""0180""";-0,5\r\n"=""0114""";\r\n');
    expect(csvField("=SUM(A1)")).toBe('"=""=SUM(A1)"""');
    expect(resultCsv(result([["a", "number"]], [[1.25]]))).toBe("\uFEFFa\r\n1,25\r\n");
  });
});

describe("chooseChart", () => {
  it("draws a line for a year series, one per number column or per series name", () => {
    expect(chooseChart(result([["year", "integer"], ["n", "number"]], [[2021, 1], [2022, 2]]))).toEqual({kind: "line", x: 0, y: [1], series: null});
    expect(chooseChart(result([["year", "integer"], ["kommun", "number"], ["riket", "number"]], [[2021, 1, 2]]))).toEqual({kind: "line", x: 0, y: [1, 2], series: null});
    expect(chooseChart(result([["ar", "integer"], ["kommun", "text"], ["v", "number"]], [[2021, "Håbo", 2]]))).toEqual({kind: "line", x: 0, y: [2], series: 1});
    // Integers 1900–2100 in the first column count as years whatever the name.
    expect(chooseChart(result([["t", "integer"], ["v", "number"]], [[2010, 1]])).kind).toBe("line");
  });
  it("draws bars for categories, a scatter for two numbers, a heat map for two categories", () => {
    expect(chooseChart(result([["kommun", "text"], ["v", "number"]], [["Håbo", 1]]))).toEqual({kind: "bar", label: 0, value: 1});
    expect(chooseChart(result([["x", "number"], ["y", "number"]], [[0.5, 1]]))).toEqual({kind: "scatter", x: 0, y: 1, label: null});
    expect(chooseChart(result([["kommun", "text"], ["x", "number"], ["y", "number"]], [["Håbo", 1, 2]]))).toEqual({kind: "scatter", x: 1, y: 2, label: 0});
    expect(chooseChart(result([["grupp", "text"], ["kon", "text"], ["v", "number"]], [["A1", "K", 2]]))).toEqual({kind: "heatmap", x: 1, y: 0, value: 2});
  });
  it("gives no chart for 1 or 4+ columns, no rows, or columns of other kinds", () => {
    expect(chooseChart(result([["n", "number"]], [[1]])).kind).toBe("none");
    expect(chooseChart(result([["a", "text"], ["b", "text"], ["c", "text"], ["d", "number"]], [["x", "y", "z", 1]])).kind).toBe("none");
    expect(chooseChart(result([["year", "integer"], ["n", "number"]], [])).kind).toBe("none");
    expect(chooseChart(result([["d", "date"], ["n", "number"]], [["2022-01-01", 1]])).kind).toBe("none");
  });
});

describe("query history", () => {
  it("puts the newest first, never twice, and keeps the last 50", () => {
    expect(addToHistory(["b", "a"], "a")).toEqual(["a", "b"]);
    expect(addToHistory(["a"], "  ")).toEqual(["a"]);
    const full = Array.from({length: HISTORY_SIZE}, (_, i) => `q${i}`);
    const next = addToHistory(full, "new");
    expect(next).toHaveLength(HISTORY_SIZE);
    expect(next[0]).toBe("new");
    expect(next).not.toContain(`q${HISTORY_SIZE - 1}`);
  });
  it("reads anything unreadable as empty", () => {
    expect(readHistory({getItem: () => "not json"})).toEqual([]);
    expect(readHistory({getItem: () => '{"a": 1}'})).toEqual([]);
    expect(readHistory({getItem: () => '["a", 2, "b"]'})).toEqual(["a", "b"]);
    expect(readHistory(undefined)).toEqual([]);
  });
  it("labels a query on one line without comments", () => {
    expect(historyLabel("-- antal\nSELECT count(*)\n  FROM kpis")).toBe("SELECT count(*) FROM kpis");
  });
});

describe("identifiers, cells and Parquet columns", () => {
  it("quotes reserved and unusual names", () => {
    const reserved = new Set(["values", "select"]);
    expect(sqlIdentifier("municipalities", reserved)).toBe("municipalities");
    expect(sqlIdentifier("values", reserved)).toBe('"values"');
    expect(sqlIdentifier("Kommun namn", reserved)).toBe('"Kommun namn"');
  });
  it("shows numbers with a decimal comma and no grouping, NULL as NULL", () => {
    expect(cellText(2022)).toBe("2022");
    expect(cellText(984748)).toBe("984748");
    expect(cellText(0.123456789)).toBe("0,123457");
    expect(cellText(null)).toBe("NULL");
  });
  it("types Parquet columns from the result's kinds", () => {
    const cols = parquetColumns(result([["i", "integer"], ["big", "integer"], ["x", "number"], ["t", "text"], ["b", "boolean"]], [[1, 2 ** 40, 0.5, "a", true], [null, 1, null, null, null]]));
    expect(cols.map((c) => c.type)).toEqual(["INT32", "DOUBLE", "DOUBLE", "STRING", "BOOLEAN"]);
    expect(cols[0]!.data).toEqual([1, null]);
  });
});
