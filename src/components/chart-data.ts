/**
 * A chart's data as a table, one click away (WCAG 1.1.1: the text alternative
 * of a chart that has more to say than its summary). A closed <details> whose
 * table is built only while it is open: charts that follow the weight sliders
 * hand it their rows on every change, and a closed table costs nothing in the
 * frame (README "Speed"); opening it draws the rows it was last given.
 */
import {scrollRegion} from "./a11y.js";
import {dataTable, type Column} from "./data-table.js";

export interface ChartData<R> extends HTMLDetailsElement {
  /** The rows the table shows (now if open, else when opened). */
  update(rows: readonly R[], version?: number): void;
}

export function chartData<R>(label: string, columns: readonly Column<R>[], {testId}: {testId?: string} = {}): ChartData<R> {
  const details = document.createElement("details") as ChartData<R>;
  details.className = "chart-data";
  if (testId) details.dataset.testid = testId;
  const summary = document.createElement("summary");
  summary.textContent = `Visa data: ${label}`;
  const box = scrollRegion(document.createElement("div"), `Data: ${label}`);
  box.className = "chart-data-scroll";
  details.append(summary, box);
  let rows: readonly R[] = [];
  let drawn: readonly R[] | null = null;
  const draw = () => {
    if (!details.open || drawn === rows) return;
    drawn = rows;
    box.replaceChildren(dataTable(rows, columns));
  };
  details.addEventListener("toggle", draw);
  details.update = (next, version) => {
    rows = next;
    if (version !== undefined) details.dataset.version = String(version);
    draw();
  };
  return details;
}
