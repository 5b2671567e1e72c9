/**
 * A scenario as a link: the URL of its page with its settings, which opens
 * the page exactly as it was saved. The preset's id and the weights are the
 * pages' URL state; a model that differs from that preset (edited, uploaded,
 * or a preset that has changed since) travels whole in the `edited`
 * parameter (lib/state/model-codec.ts). The link is made and read back
 * through the page's own URL spec and model codec; a scenario is a link only
 * when that gives back exactly its settings and model. Pure given the
 * workbench.
 */
import type {Workbench} from "../data/workbench.js";
import {improvementSpec} from "../state/improvement-state.js";
import {modelFromCompact, readModelLink, sameModel} from "../state/model-codec.js";
import {EDITED_PARAM, modelReference, normaliseChoice} from "../state/model-state.js";
import {nominationSpec} from "../state/nomination-state.js";
import type {Scenario} from "../state/scenario-codec.js";
import {formatState, parseState, type ParsedState, type Spec} from "../state/url-state.js";

export type ScenarioLink =
  | {
      /** Relative to the site's pages: `./nominering.html?model=…`. */
      href: string;
      /** The link carries the model itself (it differs from the preset of its id). */
      edited: boolean;
    }
  | {reason: string};

/** The query of `state` and what the page reads back from it. */
function withSpec<S>(spec: Spec<S>, state: S): {query: string; back: ParsedState<S>} {
  const query = formatState(state, spec);
  return {query, back: parseState(query, spec)};
}

export function scenarioLink(s: Scenario, wb: Workbench): ScenarioLink {
  const preset = wb.models.find((m) => m.id === s.settings.model);
  if (!preset) return {reason: `modellen ”${s.settings.model}” finns inte bland den här webbplatsens modeller`};
  const ref = modelReference(wb, preset.id);
  const choice = normaliseChoice(wb, {preset: preset.id, edited: s.model});
  const {query, back} =
    s.page === "nominering"
      ? withSpec(nominationSpec(wb, choice), {...s.settings, edited: choice.edited})
      : withSpec(improvementSpec(wb, choice), {...s.settings, edited: choice.edited});
  if (back.notices.length) return {reason: `länken kan inte återge inställningarna (${back.notices.join(" ")})`};
  const {edited: _edited, ...settingsBack} = back.state;
  if (JSON.stringify(settingsBack) !== JSON.stringify(s.settings)) return {reason: "länken kan inte återge inställningarna exakt"};
  // The model the page will read from the link: the preset, or the edited model decoded.
  const text = new URLSearchParams(query).get(EDITED_PARAM);
  if (text === null) {
    if (!sameModel(preset.model, s.model, ref)) return {reason: "länken kan inte återge modellen"};
  } else {
    const read = readModelLink(text);
    const built = "error" in read ? read : modelFromCompact(read.compact, ref);
    if ("error" in built) return {reason: `länken kan inte återge modellen (${built.error})`};
    if (!sameModel(built.model, s.model, ref)) return {reason: "länken kan inte återge modellen exakt"};
  }
  return {href: `./${s.page}.html?${query}`, edited: text !== null};
}
