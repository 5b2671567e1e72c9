/** The Kommunprofil's URL state: municipality, model and year. */
import {latestYear} from "../../engine/index.js";
import {defaultModelId, modelById, type Workbench} from "../data/workbench.js";
import {integer, oneOf, type Param, type Spec} from "./url-state.js";

export interface ProfileState {
  kommun: string;
  model: string;
  year: number;
}

/**
 * The municipality shown when the URL names none (or an invalid one):
 * Stockholm (0180), the largest municipality and the one every audience
 * recognises, so an unadorned link opens on a meaningful profile. If a data
 * set lacked it, the first municipality in code order is used instead.
 */
export const DEFAULT_MUNICIPALITY = "0180";

function defaultMunicipality(wb: Workbench): string {
  return wb.municipalities.some((m) => m.code === DEFAULT_MUNICIPALITY) ? DEFAULT_MUNICIPALITY : wb.municipalities[0]!.code;
}

/** The URL parameters; the default year follows the chosen model. */
export function profileSpec(wb: Workbench, modelId: string): Spec<ProfileState> {
  const model = modelById(wb.models, modelId);
  const years = wb.matrix.years;
  return {
    kommun: municipalityParam(
      wb.municipalities.map((m) => m.code),
      defaultMunicipality(wb)
    ),
    model: oneOf(
      wb.models.map((m) => m.id),
      defaultModelId(wb.models)
    ),
    year: integer(latestYear(wb.matrix, model), years[0]!, years.at(-1)!)
  };
}

/**
 * The `kommun` URL parameter: one of the known four-digit codes. The error
 * names the format instead of listing all 290 codes.
 */
export function municipalityParam(codes: readonly string[], fallback: string): Param<string> {
  const known = new Set(codes);
  return {
    default: fallback,
    parse: (raw) => (known.has(raw) ? {value: raw} : {error: "ska vara en kommuns fyrsiffriga kod, t.ex. 0180 för Stockholm"}),
    format: (v) => v
  };
}
