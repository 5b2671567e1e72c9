/**
 * An SQL result as a table: the first 1 000 rows (`data-testid="sql-result"`,
 * with the full row count in `data-rows`), numbers right-aligned with a
 * decimal comma and no grouping (years stay "2022"), NULL shown as "NULL".
 */
import type {Cell, QueryResult} from "../lib/data/query-result.js";
import {td, th} from "./table-cells.js";

/** Rows the table shows; the exports and the chart take every row. */
export const RESULT_ROW_LIMIT = 1000;

const number = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 6, useGrouping: false});

/** A cell's text in the table: 0.123456789 → "0,123457", -2 → "−2", null → "NULL". */
export function cellText(value: Cell): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? number.format(value) : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return value;
}

export function resultTable(result: QueryResult): HTMLElement {
  const table = document.createElement("table");
  table.className = "data-table sql-result";
  table.dataset.testid = "sql-result";
  table.dataset.rows = String(result.rows.length);
  const numeric = result.columns.map((c) => c.kind === "integer" || c.kind === "number");
  const head = table.createTHead().insertRow();
  result.columns.forEach((c, j) => {
    const cell = th(head, c.name, numeric[j] ? "num" : undefined);
    cell.scope = "col";
    cell.title = c.type;
  });
  const body = table.createTBody();
  for (const row of result.rows.slice(0, RESULT_ROW_LIMIT)) {
    const tr = body.insertRow();
    row.forEach((v, j) => td(tr, cellText(v), v === null ? "null" : numeric[j] ? "num" : undefined));
  }
  const box = document.createElement("div");
  box.className = "sql-result-scroll";
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Frågans resultat");
  box.append(table);
  return box;
}
