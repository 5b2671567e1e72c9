/**
 * A scenario as a link: the URL of its page with its settings, which opens
 * the page exactly as it was saved. Links carry the preset model's id and
 * the weights (the pages' URL state), so a scenario is a link while its model
 * is a preset of this site; the scenario itself keeps the full model, and the
 * link says so when the preset has changed since. Pure given the workbench.
 */
import type {Workbench} from "../data/workbench.js";
import {improvementSpec} from "../state/improvement-state.js";
import {nominationSpec} from "../state/nomination-state.js";
import type {Scenario} from "../state/scenario-codec.js";
import {formatState, parseState, type Spec} from "../state/url-state.js";

export type ScenarioLink =
  | {
      /** Relative to the site's pages: `./nominering.html?model=…`. */
      href: string;
      /** The preset of that id is not the model the scenario saved: the link opens the preset as it is now. */
      presetChanged: boolean;
    }
  | {reason: string};

export function scenarioLink(s: Scenario, wb: Workbench): ScenarioLink {
  const preset = wb.models.find((m) => m.id === s.settings.model);
  if (!preset) return {reason: `modellen ”${s.settings.model}” finns inte bland den här webbplatsens modeller`};
  const query =
    s.page === "nominering"
      ? formatState(s.settings, nominationSpec(wb, preset.id))
      : formatState(s.settings, improvementSpec(wb, preset.id) as Spec<typeof s.settings>);
  // The page must read back exactly these settings (every value within its link rules).
  const back = s.page === "nominering" ? parseState(query, nominationSpec(wb, preset.id)) : parseState(query, improvementSpec(wb, preset.id));
  if (back.notices.length) return {reason: `länken kan inte återge inställningarna (${back.notices.join(" ")})`};
  if (JSON.stringify(back.state) !== JSON.stringify(s.settings)) return {reason: "länken kan inte återge inställningarna exakt"};
  return {href: `./${s.page}.html?${query}`, presetChanged: JSON.stringify(preset.model) !== JSON.stringify(s.model)};
}
