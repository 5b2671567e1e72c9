/**
 * What the Nominering and Utvecklingskommun pages share in their state: the
 * URL parameters for model, weights, scope, top N and filters, the row filter
 * and how many table rows to show. Each page adds its own parameters (year,
 * method, window ...) in nomination-state.ts / improvement-state.ts.
 */
import {defaultWeights, type Grouping, type RankingRow} from "../../engine/index.js";
import {defaultModelId, modelById, type ModelEntry, type Workbench} from "../data/workbench.js";
import {initialPageState, writePageState} from "./page-state.js";
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

/** The shared URL parameters; the weight parameters follow the chosen model. */
export function commonSpec(wb: Workbench, modelId: string): Spec<CommonState> {
  const weights = defaultWeights(modelById(wb.models, modelId));
  return {
    model: oneOf(
      wb.models.map((m) => m.id),
      defaultModelId(wb.models)
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
 * The state after switching to another model in place: the new model's own
 * weights (weights belong to a model), every other setting kept.
 */
export function withModel<S extends CommonState>(state: S, modelId: string, spec: Spec<S>): S {
  return {...state, model: modelId, dw: spec.dw.default, w: spec.w.default};
}

/** A ranking page's state: read from the URL once, changed by patches, written back to the URL. */
export interface RankingStore<S extends CommonState> {
  readonly state: S;
  readonly notices: readonly string[];
  /** Applies a patch; a new model brings its own weights (and URL spec). Returns whether the model changed. */
  apply(patch: Partial<S>): boolean;
  /** Writes the state to the URL (deferred until input rests; see page-state.ts). */
  save(): void;
}

export function rankingStore<S extends CommonState>(models: readonly ModelEntry[], specFor: (modelId: string) => Spec<S>): RankingStore<S> {
  let {state, notices, spec} = initialPageState(models, specFor);
  return {
    get state() {
      return state;
    },
    notices,
    apply(patch) {
      if (patch.model !== undefined && patch.model !== state.model) {
        spec = specFor(patch.model);
        state = withModel({...state, ...patch}, patch.model, spec);
        return true;
      }
      state = {...state, ...patch};
      return false;
    },
    save: () => writePageState(state, spec)
  };
}
