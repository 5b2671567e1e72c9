/**
 * Robusthet's URL state: the ranking it analyses (model, weights, kind, year,
 * method, scope, top N) and the analysis settings (draws, noise, what varies,
 * seed, bounds). A bad value gives a notice and its default, as on the other
 * pages; the text parsers are the `robustness` command's own
 * (engine/robustness-options.ts).
 */
import {
  AGGREGATIONS,
  DEFAULT_BOUNDS,
  DEFAULT_DRAWS,
  DEFAULT_NOISE,
  DEFAULT_SEED,
  DEFAULT_VARY,
  formatBounds,
  IMPROVEMENT_METHODS,
  latestYear,
  NORMALISATIONS,
  parseBounds,
  parseDraws,
  parseNoise,
  parseSeed,
  parseVary,
  VARY_OPTIONS,
  type Aggregation,
  type Bounds,
  type ImprovementMethod,
  type Normalisation,
  type Parsed,
  type VaryOption
} from "../../engine/index.js";
import type {Workbench} from "../data/workbench.js";
import {choiceModel, type ModelChoice} from "./model-state.js";
import {commonSpec, type CommonState} from "./ranking-state.js";
import {flag, integer, oneOf, type Param, type Spec} from "./url-state.js";

export interface RobustnessState extends CommonState {
  kind: "nomination" | "improvement";
  year: number;
  norm: Normalisation;
  agg: Aggregation;
  /** JRC winsorising on or off in the nominal ranking. */
  wins: boolean;
  window: 3 | 4;
  method: ImprovementMethod;
  draws: number;
  noise: number;
  vary: VaryOption[];
  seed: number;
  bounds: Bounds;
}

/** A parameter from one of the shared text parsers; the URL notice says the error in Swedish terms. */
function fromParser<T>(fallback: T, parse: (raw: string) => Parsed<T>, format: (v: T) => string, swedish: string): Param<T> {
  return {
    default: fallback,
    parse: (raw) => {
      const r = parse(raw);
      return "error" in r ? {error: swedish} : r;
    },
    format
  };
}

export function robustnessSpec(wb: Workbench, choice: string | ModelChoice): Spec<RobustnessState> {
  const years = wb.matrix.years;
  const {model: modelParam, edited, ...common} = commonSpec(wb, choice);
  const windowParam = oneOf(["3", "4"] as const, "4");
  return {
    model: modelParam,
    edited,
    kind: oneOf(["nomination", "improvement"] as const, "nomination"),
    year: integer(latestYear(wb.matrix, choiceModel(wb.models, typeof choice === "string" ? {preset: choice, edited: null} : choice)), years[0]!, years.at(-1)!),
    norm: oneOf(NORMALISATIONS, "zscore"),
    agg: oneOf(AGGREGATIONS, "arithmetic"),
    wins: flag(false),
    window: {
      default: 4,
      parse: (raw) => {
        const r = windowParam.parse(raw);
        return "error" in r ? r : {value: Number(r.value) as 3 | 4};
      },
      format: String
    },
    method: oneOf(IMPROVEMENT_METHODS, "theil-sen"),
    draws: fromParser(DEFAULT_DRAWS, parseDraws, String, "ska vara ett heltal 1–20000"),
    noise: fromParser(DEFAULT_NOISE, parseNoise, String, "ska vara ett tal 0–1"),
    vary: fromParser([...DEFAULT_VARY], parseVary, (v) => v.join(","), `ska vara en lista av ${VARY_OPTIONS.join(", ")}`),
    seed: fromParser(DEFAULT_SEED, parseSeed, String, "ska vara ett heltal 0–4294967295"),
    bounds: fromParser({...DEFAULT_BOUNDS}, parseBounds, formatBounds, "ska ha formen LÅG,HÖG med 0 ≤ LÅG ≤ HÖG (eller 0,inf)"),
    ...common
  };
}
