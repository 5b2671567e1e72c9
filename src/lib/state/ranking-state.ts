/**
 * What the Nominering and Utvecklingskommun pages share in their state: the
 * URL parameters for model (a preset, and the edited model when there is
 * one), weights, scope, top N and filters, the row filter and how many table
 * rows to show. Each page adds its own parameters (year, method, window ...)
 * in nomination-state.ts / improvement-state.ts.
 */
import {defaultWeights, type Grouping, type Model, type RankingRow} from "../../engine/index.js";
import {defaultModelId, type ModelEntry, type Workbench} from "../data/workbench.js";
import {choiceModel, editedParam, modelReference, normaliseChoice, weightsAfterEdit, type ModelChoice, type ResolvedModel} from "./model-state.js";
import {initialPageState, readPageState, writePageState} from "./page-state.js";
import {idSet, integer, oneOf, weightMap, type Spec, type WeightRange} from "./url-state.js";

/** The weight sliders' range; URL weights are held to the same values. */
export const WEIGHT_RANGE: WeightRange = {max: 5, step: 0.1};

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
  /** The preset the page's model is or started from (`model=<id>`). */
  model: string;
  /** The edited model (`edited=…`), or null when the page shows the preset as it is. */
  edited: Model | null;
  scope: Scope;
  top: number;
  lan: string[];
  grupp: string[];
  dw: Record<string, number>;
  w: Record<string, number>;
  /** Show the top rows of the table ("topp") or every ranked row ("alla"). */
  rader: "topp" | "alla";
}

/** The model a page ranks with: the edited model, else the preset. */
export function pageModel(models: readonly ModelEntry[], state: Pick<CommonState, "model" | "edited">): Model {
  return choiceModel(models, {preset: state.model, edited: state.edited});
}

/**
 * The shared URL parameters; the weight parameters follow the chosen model.
 * `choice` is a preset id on pages that cannot show an edited model (an
 * `edited` parameter then gets a notice), or the model the page resolved
 * from its link (model-state.ts).
 */
export function commonSpec(wb: Workbench, choice: string | ModelChoice): Spec<CommonState> {
  const {preset, edited} = typeof choice === "string" ? {preset: choice, edited: "unsupported" as const} : choice;
  const weights = defaultWeights(choiceModel(wb.models, {preset, edited: edited === "unsupported" ? null : edited}));
  return {
    model: oneOf(
      wb.models.map((m) => m.id),
      defaultModelId(wb.models)
    ),
    edited: editedParam(edited, modelReference(wb, preset)),
    scope: oneOf(SCOPES, "all"),
    top: integer(10, 1, 290),
    lan: idSet([...new Set(wb.municipalities.map((m) => m.countyCode))].sort()),
    grupp: idSet([...new Set(wb.municipalities.map((m) => m.kommungrupp))].sort()),
    dw: weightMap(weights.dimensions, WEIGHT_RANGE),
    w: weightMap(weights.indicators, WEIGHT_RANGE),
    rader: oneOf(["topp", "alla"] as const, "topp")
  };
}

/** Rows of the limited table, nationally and per group. */
export const TOP_ROWS = 20;
export const TOP_ROWS_PER_GROUP = 10;

/** Keeps a row when it matches the county and kommungrupp filters (empty = all). Ranks are not recomputed. */
export function matchesFilters(state: Pick<CommonState, "lan" | "grupp">, row: RankingRow): boolean {
  return (!state.lan.length || state.lan.includes(row.code.slice(0, 2))) && (!state.grupp.length || state.grupp.includes(row.kommungrupp));
}

/**
 * Rows the table shows: all, or the top max(20, N) (per group: max(10, N)).
 * 20 rows fit the table's box without scrolling; each shown row costs about
 * 0.2 ms of layout and paint per change on a 2-core machine, so 50 rows took
 * a weight change past three times the touch floor.
 */
export function tableRowLimit(state: Pick<CommonState, "rader" | "top" | "scope">): number {
  if (state.rader === "alla") return Infinity;
  return state.scope === "all" ? Math.max(TOP_ROWS, state.top) : Math.max(TOP_ROWS_PER_GROUP, state.top);
}

/**
 * The state after switching to another preset in place: the preset as it is
 * (no edits) with its own weights (weights belong to a model), every other
 * setting kept.
 */
export function withModel<S extends CommonState>(state: S, modelId: string, spec: Spec<S>): S {
  return {...state, model: modelId, edited: null, dw: spec.dw.default, w: spec.w.default};
}

/** How a new model's weights are set: kept for what stays (an edit) or the model's own (an upload). */
export type WeightsAfter = "keep" | "model";

/** A ranking page's state: read from the URL once, changed by patches, written back to the URL. */
export interface RankingStore<S extends CommonState> {
  readonly state: S;
  readonly notices: readonly string[];
  /** Applies a patch; a new preset brings its own weights (and URL spec). Returns whether the model changed. */
  apply(patch: Partial<S>): boolean;
  /**
   * Shows another model built on the current preset (an edit, an upload;
   * null = the preset as it is). Weights: see {@link WeightsAfter}. A
   * model equal to the preset becomes the preset.
   */
  setModel(model: Model | null, weights: WeightsAfter): void;
  /** Writes the state to the URL (deferred until input rests; see page-state.ts). */
  save(): void;
}

/**
 * The store of a page. `specFor` takes the page's model choice; pages that
 * can show an edited model pass the model resolved from their link
 * (`resolved`, model-state.ts) and get `setModel`; the others read the
 * preset from the URL and never call it.
 */
export function rankingStore<S extends CommonState>(
  wb: Workbench,
  specFor: (choice: string | ModelChoice) => Spec<S>,
  resolved?: ResolvedModel
): RankingStore<S> {
  let {state, notices, spec} = resolved
    ? (() => {
        const first = specFor(resolved.choice);
        const read = readPageState(first);
        return {state: {...read.state, edited: resolved.choice.edited}, notices: [...resolved.notices, ...read.notices], spec: first};
      })()
    : initialPageState(wb.models, specFor);
  return {
    get state() {
      return state;
    },
    notices,
    apply(patch) {
      if (patch.model !== undefined && patch.model !== state.model) {
        spec = specFor(resolved ? {preset: patch.model, edited: null} : patch.model);
        state = withModel({...state, ...patch}, patch.model, spec);
        return true;
      }
      state = {...state, ...patch};
      return false;
    },
    setModel(model, weights) {
      if (!resolved) throw new Error("this page cannot show an edited model");
      const choice = normaliseChoice(wb, {preset: state.model, edited: model});
      spec = specFor(choice);
      const next = choiceModel(wb.models, choice);
      const w = weights === "keep" ? weightsAfterEdit({dimensions: state.dw, indicators: state.w}, next) : defaultWeights(next);
      state = {...state, edited: choice.edited, dw: w.dimensions, w: w.indicators};
    },
    save: () => writePageState(state, spec)
  };
}
