/**
 * A plain table of records with named columns: text or numbers (right-aligned,
 * formatted in Swedish), missing values as "–". For the result tables of the
 * audit and robustness pages, which change only when an analysis finishes.
 */
import {th, td} from "./table-cells.js";

export interface Column<R> {
  label: string;
  /** The cell: text, a number (formatted with `format`), a node, or null (missing). */
  value: (row: R) => string | number | Node | null;
  format?: (value: number) => string;
  /** Numbers are right-aligned by default. */
  numeric?: boolean;
  title?: string;
}

export function dataTable<R>(rows: readonly R[], columns: readonly Column<R>[], {testId, rowKey}: {testId?: string; rowKey?: (row: R) => string} = {}): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "data-table";
  if (testId) table.dataset.testid = testId;
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const cell = th(head, c.label, c.numeric ? "num" : undefined);
    cell.scope = "col";
    if (c.title) cell.title = c.title;
  }
  table.createTBody();
  appendRows(table, rows, columns, rowKey);
  return table;
}

/** Appends rows to a table made by {@link dataTable} (to build a long table in several tasks). */
export function appendRows<R>(table: HTMLTableElement, rows: readonly R[], columns: readonly Column<R>[], rowKey?: (row: R) => string): void {
  const body = table.tBodies[0]!;
  for (const row of rows) {
    const tr = body.insertRow();
    if (rowKey) tr.dataset.key = rowKey(row);
    for (const c of columns) {
      const v = c.value(row);
      if (v === null || (typeof v === "number" && !Number.isFinite(v))) td(tr, "–", c.numeric ? "num" : undefined);
      else if (typeof v === "number") td(tr, c.format ? c.format(v) : String(v), c.numeric === false ? undefined : "num");
      else td(tr, v, c.numeric ? "num" : undefined);
    }
  }
}
