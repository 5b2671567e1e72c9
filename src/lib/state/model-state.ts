/**
 * The page's model as state: a preset from data/models/ (`model=<id>`) and,
 * once edited, the whole model (`edited=<text>`, model-codec.ts). This
 * module reads a link's model (async: its KPIs may need loading first),
 * gives the `edited` URL parameter, and says how the weights follow a model
 * edit. Pure but for the `ensureKpis` callback the page passes in.
 */
import {checkModelKpis, defaultWeights, ModelError, type Model, type Weights} from "../../engine/index.js";
import {defaultModelId, modelById, type ModelEntry, type Workbench} from "../data/workbench.js";
import {compactKpis, modelFromCompact, readModelLink, sameModel, writeModelLink, type ModelReference} from "./model-codec.js";
import {swedishModelIssues} from "./model-errors.js";
import type {Param} from "./url-state.js";

/** Which model a page shows: the preset it started from and, when edited, the edited model. */
export interface ModelChoice {
  preset: string;
  edited: Model | null;
}

/** The model a choice stands for. */
export function choiceModel(models: readonly ModelEntry[], choice: ModelChoice): Model {
  return choice.edited ?? modelById(models, choice.preset);
}

/** What an edited model's link text is written against: its preset and the KPI titles the page knows. */
export function modelReference(wb: Pick<Workbench, "models" | "kpis">, preset: string): ModelReference {
  return {preset: modelById(wb.models, preset), titleOf: (kpi) => wb.kpis.get(kpi)?.title};
}

/** An edited model equal to its preset is the preset: the link then says `model=<id>` only. */
export function normaliseChoice(wb: Pick<Workbench, "models" | "kpis">, choice: ModelChoice): ModelChoice {
  if (choice.edited && sameModel(choice.edited, modelById(wb.models, choice.preset), modelReference(wb, choice.preset))) return {...choice, edited: null};
  return choice;
}

/** The parameter name of an edited model in a link. */
export const EDITED_PARAM = "edited";

/**
 * The `edited` URL parameter. `resolved` is what the page made of the
 * link's text before building its spec (reading it may load KPIs, which a
 * synchronous parser cannot): `parse` gives that. A page that cannot show an
 * edited model passes `"unsupported"`: the parameter is then refused with a
 * notice, never silently dropped. Absent when the model is a preset.
 */
export function editedParam(resolved: Model | null | "unsupported", ref: ModelReference): Param<Model | null> {
  // The URL is written after every change, the model changes rarely: keep the last text.
  let written: {model: Model; text: string} | undefined;
  return {
    default: null,
    parse: () => (resolved === "unsupported" ? {error: "den här sidan kan ännu inte visa en ändrad modell; den förvalda modellen används"} : {value: resolved}),
    format: (model) => {
      if (!model) return "";
      if (written?.model !== model) written = {model, text: writeModelLink(model, ref)};
      return written.text;
    },
    omitWhenEmpty: true
  };
}

/** A link's model as far as the page could read it, and what it could not use. */
export interface ResolvedModel {
  choice: ModelChoice;
  notices: string[];
}

/**
 * Reads the model a link asks for: the preset (`model`, else the default)
 * and, when the link has `edited`, that model: its text (model-codec), then
 * its KPIs' values (`ensureKpis`, which may fetch them), then ModelSchema.
 * Any failure gives one Swedish notice naming what is wrong, and the preset.
 */
export async function resolveModelChoice(
  wb: Pick<Workbench, "models" | "kpis" | "matrix">,
  search: string,
  ensureKpis: (kpis: string[]) => Promise<unknown>
): Promise<ResolvedModel> {
  const params = new URLSearchParams(search);
  const requested = params.get("model");
  const preset = wb.models.some((m) => m.id === requested) ? requested! : defaultModelId(wb.models);
  const text = params.get(EDITED_PARAM);
  if (text === null) return {choice: {preset, edited: null}, notices: []};
  const fail = (why: string): ResolvedModel => ({
    choice: {preset, edited: null},
    notices: [`Den ändrade modellen i länken kunde inte användas: ${why}. Modellen ”${modelById(wb.models, preset).name}” visas i stället.`]
  });
  const read = readModelLink(text);
  if ("error" in read) return fail(read.error);
  try {
    await ensureKpis(compactKpis(read.compact));
  } catch (error) {
    return fail((error as Error).message);
  }
  const built = modelFromCompact(read.compact, modelReference(wb, preset));
  if ("error" in built) return fail(built.error);
  try {
    checkModelKpis(built.model, new Set(wb.matrix.kpis), "länken");
  } catch (error) {
    if (error instanceof ModelError) return fail(swedishModelIssues(error).join("; "));
    throw error;
  }
  return {choice: normaliseChoice(wb, {preset, edited: built.model}), notices: []};
}

/**
 * The weights after a model edit: a dimension or KPI still in the model
 * keeps its current weight; a new one takes its weight in the model (1 for
 * what the editor adds); one removed is dropped.
 */
export function weightsAfterEdit(current: Weights, model: Model): Weights {
  const own = defaultWeights(model);
  const keep = (mine: Record<string, number>, now: Record<string, number>) => Object.fromEntries(Object.entries(mine).map(([id, w]) => [id, Object.hasOwn(now, id) ? now[id]! : w]));
  return {dimensions: keep(own.dimensions, current.dimensions), indicators: keep(own.indicators, current.indicators)};
}

/** The model with the given weights as its own: what "Ladda ner modell" saves. */
export function withWeights(model: Model, weights: Weights): Model {
  return {
    ...model,
    dimensions: model.dimensions.map((d) => ({...d, weight: weights.dimensions[d.id] ?? d.weight})),
    indicators: model.indicators.map((i) => ({...i, weight: weights.indicators[i.kpi] ?? i.weight}))
  };
}
