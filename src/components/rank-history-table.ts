/** The rank over the years as a table: a column per year, a row per kind; the chosen year highlighted. */
import {html} from "htl";
import type {RankPoint} from "../engine/index.js";
import {rankPointLabel, type RankHistoryPoints} from "./rank-history-chart.js";
import {td, th} from "./table-cells.js";
import {scrollRegion} from "./a11y.js";

function rankCell(tr: HTMLTableRowElement, p: RankPoint | undefined, y: number, year: number): void {
  const cell = td(tr, p === undefined ? "" : p.rank === null ? "–" : String(p.rank), "num");
  if (p) {
    cell.dataset.year = String(y);
    cell.title = p.rank === null ? `${rankPointLabel(p)}: ej rankad (${p.of} rankade)` : `${rankPointLabel(p)}: rang ${p.rank} av ${p.of}`;
    if (p.rank !== null) cell.append(html`<small>/${p.of}</small>` as Node);
  }
  if (y === year) cell.classList.add("current");
}

export function rankHistoryTable(points: RankHistoryPoints, {years, year}: {years: readonly number[]; year: number}): HTMLElement {
  const table = document.createElement("table");
  table.className = "rank-table";
  table.dataset.testid = "rank-history-table";
  const head = table.createTHead().insertRow();
  th(head, "Rang");
  for (const y of years) {
    const cell = th(head, String(y), "num");
    if (y === year) cell.classList.add("current");
  }
  const body = table.createTBody();
  for (const kind of ["nomination", "improvement"] as const) {
    const tr = body.insertRow();
    tr.dataset.kind = kind;
    th(tr, kind === "nomination" ? "Nominering" : "Förbättring");
    const byYear = new Map(points[kind].map((p) => [p.year, p]));
    for (const y of years) rankCell(tr, byYear.get(y), y, year);
  }
  return scrollRegion(html`<div class="profile-scroll-x">${table}</div>` as HTMLElement, "Tabell: rang år för år");
}
