/** KPI coverage: municipalities with a value per KPI and year, as a chart and a table. */
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import type {CoverageRow} from "../lib/data/queries.js";
import {plotImage, scrollRegion} from "./a11y.js";
import {formatInteger} from "./format.js";

/** A heat map: KPIs down, years across, colour and label = municipalities with a value. */
export function coverageChart(rows: readonly CoverageRow[], {width = 900, total = 290} = {}): SVGSVGElement | HTMLElement {
  const kpis = [...new Set(rows.map((r) => r.kpi))];
  return plotImage(Plot.plot({
    width,
    height: 40 + 18 * kpis.length,
    marginLeft: 70,
    padding: 0.05,
    x: {type: "band", label: "År", tickFormat: (d: number) => String(d)},
    y: {label: null, domain: kpis},
    color: {type: "linear", domain: [0, total], scheme: "blues", legend: true, label: "Kommuner med värde"},
    marks: [
      Plot.cell(rows, {x: "year", y: "kpi", fill: "n", title: (d: CoverageRow) => `${d.kpi} ${d.title}\n${d.year}: ${d.n} av ${total} kommuner`}),
      Plot.text(rows, {x: "year", y: "kpi", text: (d: CoverageRow) => String(d.n), fill: (d: CoverageRow) => (d.n > total * 0.6 ? "white" : "black"), fontSize: 9})
    ]
  }), `Antal kommuner med värde per nyckeltal och år, ${kpis.length} nyckeltal`);
}

/** The same numbers as a table: one row per KPI, one column per year; an empty cell is no value at all. */
export function coverageTable(rows: readonly CoverageRow[]): HTMLElement {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const byKpi = new Map<string, {title: string; n: Map<number, number>}>();
  for (const r of rows) {
    const entry = byKpi.get(r.kpi) ?? {title: r.title, n: new Map()};
    entry.n.set(r.year, r.n);
    byKpi.set(r.kpi, entry);
  }
  return scrollRegion(html`<div class="table-scroll"><table class="coverage" data-testid="coverage-table">
    <thead><tr><th>Nyckeltal</th><th>Titel</th>${years.map((y) => html`<th class="num">${y}</th>`)}</tr></thead>
    <tbody>${[...byKpi].map(
      ([kpi, {title, n}]) => html`<tr data-kpi=${kpi}><td>${kpi}</td><td>${title}</td>${years.map(
        (y) => html`<td class="num">${n.has(y) ? formatInteger(n.get(y)) : ""}</td>`
      )}</tr>`
    )}</tbody>
  </table></div>` as HTMLElement, "Tabell: kommuner med värde per nyckeltal och år");
}
