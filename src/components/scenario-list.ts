/**
 * The saved scenarios on the Scenarier page: which to compare (checkboxes,
 * 2–6), each one's letter, page, model, year, when it was saved, its link
 * (or why it has none) and "Ta bort". Stateless: drawn again on every change.
 */
import {html} from "htl";
import type {ScenarioLink} from "../lib/scenarios/link.js";
import type {Scenario} from "../lib/state/scenario-codec.js";
import {scrollTable} from "./a11y.js";
import {formatDate} from "./format.js";
import {td, th} from "./table-cells.js";

export interface ScenarioListItem {
  scenario: Scenario;
  /** Its letter when chosen for the comparison. */
  letter: string | null;
  link: ScenarioLink;
  /** Why it cannot be ranked with this data (then it cannot be chosen). */
  problems: string[];
}

const PAGE_NAMES = {nominering: "Nominering", utveckling: "Utvecklingskommun"} as const;

export function scenarioList(items: readonly ScenarioListItem[], onChoose: (index: number, chosen: boolean) => void, onRemove: (name: string) => void): HTMLElement {
  const table = document.createElement("table");
  table.className = "data-table scenario-list";
  table.dataset.testid = "scenario-list";
  const head = table.createTHead().insertRow();
  for (const label of ["Jämför", "", "Namn", "Sida", "Modell", "År", "Sparat", "Länk", ""]) th(head, label).scope = "col";
  head.cells[1]!.append(html`<span class="visually-hidden">Bokstav</span>`);
  head.cells[8]!.append(html`<span class="visually-hidden">Ta bort</span>`);
  const body = table.createTBody();
  items.forEach((item, i) => {
    const s = item.scenario;
    const tr = body.insertRow();
    tr.dataset.scenario = s.name;
    const box = html`<input type="checkbox" checked=${item.letter !== null} disabled=${item.problems.length > 0}>` as HTMLInputElement;
    box.addEventListener("change", () => onChoose(i, box.checked));
    td(tr, html`<label class="scenario-choose">${box}<span class="visually-hidden">Jämför ${s.name}</span></label>`);
    td(tr, item.letter ?? "", "scenario-letter");
    const nameCell = td(tr, s.name);
    if (item.problems.length) nameCell.append(html`<br><small class="control-error">Kan inte jämföras: ${item.problems.join("; ")}</small>`);
    td(tr, PAGE_NAMES[s.page]);
    td(tr, s.model.name);
    td(tr, String(s.settings.year), "num");
    td(tr, formatDate(s.saved.slice(0, 10)));
    if ("href" in item.link) {
      const cell = td(tr, html`<a href=${item.link.href} data-testid="scenario-link">Öppna</a>`);
      if (item.link.edited) cell.append(html`<br><small>med ändrad modell</small>`);
    } else {
      td(tr, html`<small>Ingen länk: ${item.link.reason}.</small>`);
    }
    const remove = html`<button type="button" class="scenario-remove">Ta bort<span class="visually-hidden"> ${s.name}</span></button>` as HTMLButtonElement;
    remove.addEventListener("click", () => onRemove(s.name));
    td(tr, remove);
  });
  return scrollTable(table, "Sparade scenarier");
}

/** Export (one JSON file) and import (a file chosen), with the status line. */
export function scenarioFileControls(onExport: () => void, onImport: (file: File) => void): {element: HTMLElement; status: HTMLElement} {
  const exportButton = html`<button type="button" data-testid="export-scenarios">Exportera scenarier (JSON)</button>` as HTMLButtonElement;
  exportButton.addEventListener("click", onExport);
  const input = html`<input type="file" accept="application/json,.json" data-testid="import-scenarios">` as HTMLInputElement;
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) onImport(file);
    input.value = "";
  });
  const status = html`<div class="scenario-status" role="status" data-testid="scenario-status"></div>` as HTMLElement;
  const element = html`<div class="scenario-files">${exportButton}<label class="control"><span>Importera scenarier (JSON-fil)</span>${input}</label></div>` as HTMLElement;
  return {element, status};
}
