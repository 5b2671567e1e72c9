/**
 * The controls both ranking pages share: model, scope, top N and the county
 * and kommungrupp filters, plus the button that shows every ranked row.
 */
import {html} from "htl";
import type {Workbench} from "../lib/data/workbench.js";
import {SCOPES, SCOPE_LABELS, type CommonState} from "../lib/state/ranking-state.js";
import {integerControl, multiSelectControl, selectControl} from "./controls.js";
import {setText} from "./svg.js";

/** Model (when there is more than one), scope, top N and the two filters, wired to `update`. */
export function rankingControls(wb: Workbench, state: CommonState, update: (patch: Partial<CommonState>) => void): HTMLElement[] {
  const counties = new Map(wb.municipalities.map((m) => [m.countyCode, m.county]));
  const groups = new Map(wb.municipalities.map((m) => [m.kommungrupp, m.kommungruppName]));
  const modelChoice = selectControl(
    "Modell",
    wb.models.map((m) => ({value: m.id, label: m.model.name})),
    state.model,
    (model) => update({model}),
    "model"
  );
  return [
    ...(wb.models.length > 1 ? [modelChoice] : []),
    selectControl("Rangordning", SCOPES.map((s) => ({value: s, label: SCOPE_LABELS[s]})), state.scope, (scope) => update({scope}), "scope"),
    integerControl("Antal nominerade (topp N)", state.top, 1, 290, (top) => update({top}), "top-n"),
    multiSelectControl("Län", [...counties].sort().map(([value, label]) => ({value, label})), state.lan, (lan) => update({lan}), "filter-county"),
    multiSelectControl("Kommungrupp", [...groups].sort().map(([value, label]) => ({value, label: `${value} ${label}`})), state.grupp, (grupp) => update({grupp}), "filter-group")
  ];
}

/** The button above the table that switches between the top rows and all rows. */
export function rowsToggle(state: () => Pick<CommonState, "rader">, update: (patch: Partial<CommonState>) => void): HTMLButtonElement & {sync(): void} {
  const button = html`<button type="button" class="rows-toggle" data-testid="rows-toggle"></button>` as HTMLButtonElement & {sync(): void};
  button.sync = () => setText(button, state().rader === "alla" ? "Visa bara de främsta" : "Visa alla rankade"); // written only when it changes
  button.addEventListener("click", () => update({rader: state().rader === "alla" ? "topp" : "alla"}));
  button.sync();
  return button;
}
