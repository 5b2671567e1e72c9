/**
 * The profile's KPI table: per dimension of the model, every KPI with its
 * value, the national and kommungrupp medians, the percentile and place, the
 * colour class in words, and a sparkline of the years. Below it, a note on
 * how the percentile is defined.
 */
import {html} from "htl";
import type {KpiProfile, Model} from "../engine/index.js";
import type {MunicipalityInfo} from "../lib/data/workbench.js";
import {COLOUR_LABELS} from "./colour-class.js";
import {formatValue} from "./format.js";
import {directionText, percentileText} from "./profile-format.js";
import {sparkline} from "./sparkline.js";
import {td, th} from "./table-cells.js";
import {scrollRegion} from "./a11y.js";

export interface KpiTableOptions {
  model: Model;
  municipality: MunicipalityInfo;
  year: number;
  /** The matrix years (the sparklines' range). */
  years: readonly number[];
  unitOf: (kpi: string) => string | null;
}

const NBSP = "\u00a0";

/** The value with its unit: a short unit ("%") follows the number, a long one goes below it. */
function valueCell(p: KpiProfile, unit: string | null): Node {
  const unitNode = !unit || p.value === null ? "" : unit.length <= 3 ? html`<span class="unit">${NBSP}${unit}</span>` : html`<br><small class="unit">${unit}</small>`;
  return html`<span class="number">${formatValue(p.value)}</span>${unitNode}` as Node;
}

function kpiRow(body: HTMLTableSectionElement, p: KpiProfile, {year, unitOf}: KpiTableOptions): void {
  const unit = unitOf(p.kpi);
  const tr = body.insertRow();
  tr.dataset.kpi = p.kpi;
  tr.dataset.class = p.colour;
  const name = td(tr, html`<span class="kpi-title">${p.title}</span><br><small>${p.kpi} · ${directionText(p.direction)}${p.weight === 0 ? " · vikt 0" : ""}</small>` as Node, "kpi-name");
  name.title = p.title;
  td(tr, valueCell(p, unit), "num value");
  td(tr, formatValue(p.nationalMedian), "num");
  td(tr, formatValue(p.groupMedian), "num");
  const pct = td(tr, html`<span class="number">${percentileText(p.percentile)}</span>${p.place !== null ? html`<br><small>plats ${p.place} av ${p.n}</small>` : ""}` as Node, "num percentile");
  pct.title = "Andel av kommunerna med värde som kommunen är minst lika bra som (riktningsjusterat)";
  td(tr, COLOUR_LABELS[p.colour], `colour class-${p.colour}`);
  td(tr, sparkline(p.trend, {year, unit}), "trend");
}

function kpiTable(profiles: readonly KpiProfile[], options: KpiTableOptions): HTMLTableElement {
  const {model, municipality: mun, year, years} = options;
  const table = html`<table class="profile-kpis" data-testid="profile-kpis"></table>` as HTMLTableElement;
  const head = table.createTHead().insertRow();
  th(head, "Nyckeltal");
  th(head, `Värde ${year}`, "num");
  th(head, "Median kommuner", "num");
  th(head, `Median ${mun.kommungrupp}`, "num");
  th(head, "Percentil", "num");
  th(head, "Klass");
  th(head, `Trend ${years[0]}–${years.at(-1)}`);
  const body = table.createTBody();
  for (const dim of model.dimensions) {
    const rows = profiles.filter((p) => p.dimension === dim.id);
    if (!rows.length) continue;
    const group = body.insertRow();
    group.className = "dimension-row";
    td(group, dim.label).colSpan = head.cells.length;
    for (const p of rows) kpiRow(body, p, options);
  }
  table.dataset.municipality = mun.code;
  table.dataset.year = String(year);
  return table;
}

function percentileNote(profiles: readonly KpiProfile[], {municipality: mun, year}: KpiTableOptions): HTMLElement {
  const missing = profiles.filter((p) => p.value === null).length;
  return html`<p class="profile-note">${
    `Percentil: andelen av kommunerna med värde år ${year} som ${mun.name} är minst lika bra som, med hänsyn till nyckeltalets riktning (lika värden räknas som minst lika bra). ` +
    `Bästa kvartilen: percentil över 75; sämsta kvartilen: 25 eller lägre. Medianer över kommunerna (riket = Koladas värde för hela landet, i verktygstipset).` +
    (missing ? ` ${missing} nyckeltal saknar värde för ${mun.name} år ${year}.` : "")
  }</p>` as HTMLElement;
}

/** The table (scrolling sideways when narrow) and its note. */
export function profileKpiTable(profiles: readonly KpiProfile[], options: KpiTableOptions): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(scrollRegion(html`<div class="profile-scroll-x">${kpiTable(profiles, options)}</div>` as HTMLElement, "Tabell: kommunens nyckeltal"), percentileNote(profiles, options));
  return fragment;
}
