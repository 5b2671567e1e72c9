/**
 * The frame pieces of a ranking page (the page's .md arranges them under its
 * headings): the header with the URL notice and the model line with "Kopiera
 * länk", and the ranking section (summary, "show all" toggle, the table in
 * its scroll box).
 */
import type {Model} from "../engine/index.js";
import {flushPageState} from "../lib/state/page-state.js";
import {copyLinkButton} from "./copy-link.js";
import {urlNotice} from "./url-notice.js";

export interface WorkbenchHeader extends HTMLElement {
  /** Shows another model's name (the model changed in place; `edited`: made in the "Modell" panel). */
  setModel(model: Model, edited?: boolean): void;
}

function modelLine(model: Model, edited: boolean): string {
  return `${model.name}${edited ? " (ändrad)" : ""}${model.status === "proposal" ? " – ett förslag, inte SKR:s modell." : ""}`;
}

export function workbenchHeader(notices: readonly string[], model: Model, {report, edited = false}: {report?: "nominering" | "utveckling"; edited?: boolean} = {}): WorkbenchHeader {
  const element = document.createElement("div") as unknown as WorkbenchHeader;
  element.className = "workbench-header";
  const line = document.createElement("p");
  line.className = "model-note";
  const name = document.createElement("strong");
  line.append("Modell: ", name, " ", copyLinkButton());
  if (report) line.append(" ", reportLink(report));
  element.append(urlNotice(notices), line);
  element.setModel = (m, e = false) => void (name.textContent = modelLine(m, e));
  element.setModel(model, edited);
  return element;
}

/** Summary, toggle and table; the table scrolls in a box of fixed height, so its updates never move the page. */
export function rankingSection(summary: Node, toggle: Node, table: Node): HTMLElement {
  const box = document.createElement("div");
  box.className = "table-scroll ranking-scroll";
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Rangordningstabell");
  box.append(table);
  return group(summary, toggle, box);
}

/** Nodes in one plain container. */
export function group(...nodes: Node[]): HTMLElement {
  const element = document.createElement("div");
  element.append(...nodes);
  return element;
}

/**
 * "Skapa rapport": opens the Rapport page with this page's settings. The
 * href is made when the link is used (the URL is written a moment after the
 * last change), from the state in the URL, written at once.
 */
function reportLink(page: "nominering" | "utveckling"): HTMLAnchorElement {
  const a = document.createElement("a");
  a.textContent = "Skapa rapport";
  a.dataset.testid = "report-link";
  a.className = "report-link";
  const refresh = () => {
    flushPageState();
    const query = window.location.search.replace(/^\?/, "");
    a.href = `./rapport.html?sida=${page}${query ? `&${query}` : ""}`;
  };
  a.href = `./rapport.html?sida=${page}`;
  for (const event of ["pointerdown", "focus", "click", "contextmenu"]) a.addEventListener(event, refresh);
  return a;
}
