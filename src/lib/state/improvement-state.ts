/** Utvecklingskommun's URL state: the shared ranking settings plus end year, window, method and steadiness. */
import {AGGREGATIONS, IMPROVEMENT_METHODS, latestYear, type Aggregation, type ImprovementMethod} from "../../engine/index.js";
import type {Workbench} from "../data/workbench.js";
import {choiceModel, type ModelChoice} from "./model-state.js";
import {commonSpec, type CommonState} from "./ranking-state.js";
import {decimal, flag, integer, oneOf, type Spec} from "./url-state.js";

export interface ImprovementState extends CommonState {
  year: number;
  window: 3 | 4;
  method: ImprovementMethod;
  steady: number;
  agg: Aggregation;
  /** JRC winsorising on or off. */
  wins: boolean;
}

/** The URL parameters of the page. */
export function improvementSpec(wb: Workbench, choice: string | ModelChoice): Spec<ImprovementState> {
  const years = wb.matrix.years;
  const {model: modelParam, edited, ...common} = commonSpec(wb, choice);
  const windowParam = oneOf(["3", "4"] as const, "4");
  return {
    model: modelParam,
    edited,
    year: integer(latestYear(wb.matrix, choiceModel(wb.models, typeof choice === "string" ? {preset: choice, edited: null} : choice)), years[0]! + 2, years.at(-1)!),
    window: {
      default: 4,
      parse: (raw) => {
        const r = windowParam.parse(raw);
        return "error" in r ? r : {value: Number(r.value) as 3 | 4};
      },
      format: String
    },
    method: oneOf(IMPROVEMENT_METHODS, "theil-sen"),
    steady: decimal(0, 0, 1, 0.05),
    agg: oneOf(AGGREGATIONS, "arithmetic"),
    wins: flag(false),
    ...common
  };
}

/** The end year actually used: a window cannot start before the data's first year. */
export function effectiveEndYear(state: Pick<ImprovementState, "year" | "window">, firstYear: number): number {
  return Math.max(state.year, firstYear + state.window - 1);
}
