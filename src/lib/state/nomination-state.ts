/** Nominering's URL state: the shared ranking settings plus year, normalisation and aggregation. */
import {AGGREGATIONS, latestYear, NORMALISATIONS, type Aggregation, type Normalisation} from "../../engine/index.js";
import type {Workbench} from "../data/workbench.js";
import {choiceModel, type ModelChoice} from "./model-state.js";
import {commonSpec, type CommonState} from "./ranking-state.js";
import {flag, integer, oneOf, type Spec} from "./url-state.js";

export interface NominationState extends CommonState {
  year: number;
  norm: Normalisation;
  agg: Aggregation;
  /** JRC winsorising on or off. */
  wins: boolean;
}

/** The URL parameters of the page; weights and the default year follow the chosen model. */
export function nominationSpec(wb: Workbench, choice: string | ModelChoice): Spec<NominationState> {
  const years = wb.matrix.years;
  const {model: modelParam, edited, ...common} = commonSpec(wb, choice);
  return {
    model: modelParam,
    edited,
    year: integer(latestYear(wb.matrix, choiceModel(wb.models, typeof choice === "string" ? {preset: choice, edited: null} : choice)), years[0]!, years.at(-1)!),
    norm: oneOf(NORMALISATIONS, "zscore"),
    agg: oneOf(AGGREGATIONS, "arithmetic"),
    wins: flag(false),
    ...common
  };
}
