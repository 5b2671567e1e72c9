/**
 * What the Nominering and Utvecklingskommun pages share: the URL parameters
 * for model, weights, scope, top N and filters, their controls, and the row
 * filter. Each page adds its own parameters (year, method, window ...).
 */
import {html} from "htl";
import {defaultWeights, type Grouping, type Model, type RankingRow} from "../engine/index.js";
import {integerControl, multiSelectControl, selectControl} from "./controls.js";
import {copyLinkButton, readPageState, urlNotice} from "./page-state.js";
import {idSet, integer, oneOf, weightMap, type Spec} from "./url-state.js";
import {WEIGHT_RANGE} from "./weights-panel.js";
import type {Workbench} from "./workbench.js";

export const SCOPES = ["all", "kommungrupp", "mainGroup"] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_LABELS: Record<Scope, string> = {
  all: "Alla kommuner",
  kommungrupp: "Inom kommungrupp",
  mainGroup: "Bäst per huvudgrupp"
};

/** Scope → the engine's grouping (ranks restart within each group; scores stay national). */
export const SCOPE_GROUPING: Record<Scope, Grouping> = {all: "none", kommungrupp: "kommungrupp", mainGroup: "mainGroup"};

/** The settings both ranking pages have. */
export interface CommonState {
  model: string;
  scope: Scope;
  top: number;
  lan: string[];
  grupp: string[];
  dw: Record<string, number>;
  w: Record<string, number>;
  /** Show the top rows of the table ("topp") or every ranked row ("alla"). */
  rader: "topp" | "alla";
}

/** The default model: `skk-standard` if present, else the first file. */
export function defaultModelId(wb: Workbench): string {
  return (wb.models.find((m) => m.id === "skk-standard") ?? wb.models[0]!).id;
}

/** The shared URL parameters; the weight parameters follow the chosen model. */
export function commonSpec(wb: Workbench, modelId: string): Spec<CommonState> {
  const model = wb.models.find((m) => m.id === modelId)!.model;
  const weights = defaultWeights(model);
  return {
    model: oneOf(
      wb.models.map((m) => m.id),
      defaultModelId(wb)
    ),
    scope: oneOf(SCOPES, "all"),
    top: integer(10, 1, 290),
    lan: idSet([...new Set(wb.municipalities.map((m) => m.countyCode))].sort()),
    grupp: idSet([...new Set(wb.municipalities.map((m) => m.kommungrupp))].sort()),
    dw: weightMap(weights.dimensions, WEIGHT_RANGE),
    w: weightMap(weights.indicators, WEIGHT_RANGE),
    rader: oneOf(["topp", "alla"] as const, "topp")
  };
}

/**
 * Reads a page's state from the URL. The model is read first because the
 * weight parameters (and defaults such as the year) depend on it.
 */
export function initialPageState<S>(wb: Workbench, specFor: (modelId: string) => Spec<S>): {state: S; notices: string[]; spec: Spec<S>} {
  const requested = new URLSearchParams(window.location.search).get("model");
  const modelId = wb.models.some((m) => m.id === requested) ? requested! : defaultModelId(wb);
  const spec = specFor(modelId);
  return {...readPageState(spec), spec};
}

/** Keeps a row when it matches the county and kommungrupp filters (empty = all). Ranks are not recomputed. */
export function matchesFilters(state: Pick<CommonState, "lan" | "grupp">, row: RankingRow): boolean {
  return (!state.lan.length || state.lan.includes(row.code.slice(0, 2))) && (!state.grupp.length || state.grupp.includes(row.kommungrupp));
}

/** Scope, top N and the two filters, wired to `update`. */
export function commonControls(wb: Workbench, state: CommonState, update: (patch: Partial<CommonState>) => void): HTMLElement[] {
  const counties = new Map(wb.municipalities.map((m) => [m.countyCode, m.county]));
  const groups = new Map(wb.municipalities.map((m) => [m.kommungrupp, m.kommungruppName]));
  const modelChoice = selectControl(
    "Modell",
    wb.models.map((m) => ({value: m.id, label: m.model.name})),
    state.model,
    // Weights belong to a model: a new model starts from its own defaults (a fresh URL).
    (model) => window.location.assign(`?model=${encodeURIComponent(model)}`),
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

/**
 * The page frame of a ranking page: URL notice, model line with "Kopiera länk",
 * the inputs (controls and weights) beside the results.
 */
export function workbenchLayout(kind: string, notices: readonly string[], model: Model, controls: Node, weights: Node, results: unknown[]): HTMLElement {
  return html`<div class="workbench ${kind}">
    ${urlNotice(notices)}
    <p class="model-note">Modell: <strong>${model.name}</strong>${model.status === "proposal" ? " – ett förslag, inte SKR:s modell." : ""} ${copyLinkButton()}</p>
    <div class="workbench-grid">
      <aside class="inputs">${controls}<h3>Vikter</h3>${weights}</aside>
      <section class="results">${results}</section>
    </div>
  </div>` as HTMLElement;
}

/** Rows the table shows: all, or the top max(50, N) (per group: max(10, N)). */
export function tableRowLimit(state: Pick<CommonState, "rader" | "top" | "scope">): number {
  if (state.rader === "alla") return Infinity;
  return state.scope === "all" ? Math.max(50, state.top) : Math.max(10, state.top);
}

/** The button above the table that switches between the top rows and all rows. */
export function rowsToggle(state: () => Pick<CommonState, "rader">, update: (patch: Partial<CommonState>) => void): HTMLButtonElement & {sync(): void} {
  const button = html`<button type="button" class="rows-toggle" data-testid="rows-toggle"></button>` as HTMLButtonElement & {sync(): void};
  button.sync = () => void (button.textContent = state().rader === "alla" ? "Visa bara de främsta" : "Visa alla rankade");
  button.addEventListener("click", () => update({rader: state().rader === "alla" ? "topp" : "alla"}));
  button.sync();
  return button;
}
