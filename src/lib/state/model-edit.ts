/**
 * The model editor's operations ("Modell" panel): pure functions from a
 * model to a new, valid model. An edit that would make the model invalid
 * (the last KPI or dimension removed, a KPI added twice, an empty name)
 * throws a {@link ModelEditError} with a Swedish message, and the page keeps
 * the model it had.
 *
 * Decisions:
 * - A KPI added or a dimension added gets weight 1 (in the model and on its
 *   slider); a new KPI goes last in the model's list.
 * - Removing a dimension that has KPIs needs a decision from the analyst:
 *   move them to another dimension, or remove them with it. The panel asks;
 *   nothing is moved or removed silently.
 * - A new dimension's id is made from its label (lower case, å/ä→a, ö→o,
 *   other characters → "-"), made unique with "-2", "-3" …; renaming a
 *   dimension changes its label only, so links and weights keep the id.
 * - A model keeps at least one dimension and one KPI (ModelSchema).
 */
import {parseModel, ModelError, type Direction, type Model} from "../../engine/index.js";
import {swedishModelIssues} from "./model-errors.js";

/** An edit the model cannot take; the message is Swedish and says why. */
export class ModelEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelEditError";
  }
}

/** Validates the edited model with ModelSchema (the edits keep it valid; this is the guarantee). */
function valid(model: Model): Model {
  try {
    return parseModel(model, "ändringen");
  } catch (error) {
    if (error instanceof ModelError) throw new ModelEditError(swedishModelIssues(error).join("; "));
    throw error;
  }
}

function dimensionOf(model: Model, id: string) {
  const d = model.dimensions.find((x) => x.id === id);
  if (!d) throw new ModelEditError(`Modellen har ingen dimension ”${id}”.`);
  return d;
}

function indicatorOf(model: Model, kpi: string) {
  const i = model.indicators.find((x) => x.kpi === kpi);
  if (!i) throw new ModelEditError(`Nyckeltalet ${kpi} finns inte i modellen.`);
  return i;
}

/** The model under a new name. */
export function renameModel(model: Model, name: string): Model {
  const trimmed = name.trim();
  if (!trimmed) throw new ModelEditError("Modellen måste ha ett namn.");
  return valid({...model, name: trimmed});
}

/** A dimension id from a label: `Miljö och klimat` → `miljo-och-klimat`, unique among `taken`. */
export function dimensionId(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "dimension";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Adds a dimension with weight 1; returns the model and the new dimension's id. */
export function addDimension(model: Model, label: string): {model: Model; id: string} {
  const trimmed = label.trim();
  if (!trimmed) throw new ModelEditError("Den nya dimensionen måste ha ett namn.");
  if (model.dimensions.some((d) => d.label.toLowerCase() === trimmed.toLowerCase())) throw new ModelEditError(`Modellen har redan en dimension som heter ”${trimmed}”.`);
  const id = dimensionId(trimmed, new Set(model.dimensions.map((d) => d.id)));
  return {model: valid({...model, dimensions: [...model.dimensions, {id, label: trimmed, weight: 1}]}), id};
}

/** Gives a dimension a new label (its id, and so the links' weights, stay). */
export function renameDimension(model: Model, id: string, label: string): Model {
  dimensionOf(model, id);
  const trimmed = label.trim();
  if (!trimmed) throw new ModelEditError("En dimension måste ha ett namn.");
  if (model.dimensions.some((d) => d.id !== id && d.label.toLowerCase() === trimmed.toLowerCase())) throw new ModelEditError(`Modellen har redan en dimension som heter ”${trimmed}”.`);
  return valid({...model, dimensions: model.dimensions.map((d) => (d.id === id ? {...d, label: trimmed} : d))});
}

/** What happens to a removed dimension's KPIs: moved to another dimension, or removed too. */
export type RemovedKpis = {moveTo: string} | "remove";

/** Removes a dimension; its KPIs move or go as `kpis` says. */
export function removeDimension(model: Model, id: string, kpis: RemovedKpis): Model {
  const dimension = dimensionOf(model, id);
  if (model.dimensions.length === 1) throw new ModelEditError("Modellen måste ha minst en dimension.");
  const own = model.indicators.filter((i) => i.dimension === id);
  let indicators = model.indicators;
  if (own.length) {
    if (kpis === "remove") {
      indicators = model.indicators.filter((i) => i.dimension !== id);
      if (!indicators.length) throw new ModelEditError(`Alla modellens nyckeltal finns i ${dimension.label}; flytta dem till en annan dimension i stället.`);
    } else {
      if (kpis.moveTo === id) throw new ModelEditError("Nyckeltalen kan inte flyttas till dimensionen som tas bort.");
      dimensionOf(model, kpis.moveTo);
      indicators = model.indicators.map((i) => (i.dimension === id ? {...i, dimension: kpis.moveTo} : i));
    }
  }
  return valid({...model, dimensions: model.dimensions.filter((d) => d.id !== id), indicators});
}

/** What the analyst chose for a KPI to add. */
export interface NewIndicator {
  kpi: string;
  dimension: string;
  direction: Direction;
  /** Kolada's title, kept in the model file for a reader. */
  title?: string;
}

/** Adds a KPI last, with weight 1. */
export function addIndicator(model: Model, add: NewIndicator): Model {
  if (model.indicators.some((i) => i.kpi === add.kpi)) throw new ModelEditError(`Nyckeltalet ${add.kpi} finns redan i modellen.`);
  dimensionOf(model, add.dimension);
  const indicator = {kpi: add.kpi, dimension: add.dimension, direction: add.direction, weight: 1, ...(add.title ? {title: add.title} : {})};
  return valid({...model, indicators: [...model.indicators, indicator]});
}

/** Removes a KPI (not the last one). */
export function removeIndicator(model: Model, kpi: string): Model {
  indicatorOf(model, kpi);
  if (model.indicators.length === 1) throw new ModelEditError("Modellen måste ha minst ett nyckeltal.");
  return valid({...model, indicators: model.indicators.filter((i) => i.kpi !== kpi)});
}

/** Sets a KPI's direction. */
export function setDirection(model: Model, kpi: string, direction: Direction): Model {
  indicatorOf(model, kpi);
  return valid({...model, indicators: model.indicators.map((i) => (i.kpi === kpi ? {...i, direction} : i))});
}

/** Moves a KPI to another dimension (it keeps its place in the model's list). */
export function setIndicatorDimension(model: Model, kpi: string, dimension: string): Model {
  indicatorOf(model, kpi);
  dimensionOf(model, dimension);
  return valid({...model, indicators: model.indicators.map((i) => (i.kpi === kpi ? {...i, dimension} : i))});
}

/**
 * What a page's link needs of a model beyond ModelSchema: the weights
 * travel as `id:weight,id:weight`, so a dimension id with a comma or a
 * colon cannot be in a link. One Swedish line per offending field.
 */
export function linkSafetyIssues(model: Model): string[] {
  return model.dimensions.flatMap((d, i) => (/[,:]/.test(d.id) ? [`dimensions[${i}].id: får inte innehålla komma eller kolon (”${d.id}”)`] : []));
}
