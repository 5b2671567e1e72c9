/**
 * "Spara scenario" on the ranking pages: saves the page's whole state (model,
 * weights, year, method, scope, filters) under a name in the browser's
 * localStorage (lib/state/scenario-store.ts), for the Scenarier page.
 */
import {html} from "htl";
import type {Model} from "../engine/index.js";
import {makeScenario, type ImprovementSettings, type NominationSettings, type ScenarioPage} from "../lib/state/scenario-codec.js";
import {addScenario, nextScenarioName, readScenarios, type KeyValueStorage} from "../lib/state/scenario-store.js";

/** What the page saves: read when the button is pressed. */
export interface ScenarioDraft {
  page: ScenarioPage;
  model: Model;
  settings: NominationSettings | ImprovementSettings;
}

/** The browser's localStorage, or null where it is blocked. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function scenarioSaveControl(draft: () => ScenarioDraft, storage: () => KeyValueStorage | null = browserStorage): HTMLElement {
  const input = html`<input type="text" maxlength="80" autocomplete="off" placeholder="t.ex. Effekt dubbelt" data-testid="scenario-name">` as HTMLInputElement;
  const button = html`<button type="button" data-testid="save-scenario">Spara scenario</button>` as HTMLButtonElement;
  const status = html`<p class="scenario-save-status" role="status" data-testid="scenario-save-status"></p>` as HTMLElement;
  button.addEventListener("click", () => {
    const store = storage();
    const {page, model, settings} = draft();
    const name = input.value.trim() || nextScenarioName(readScenarios(store).scenarios);
    const made = makeScenario(name, page, model, settings, new Date());
    if ("problems" in made) {
      status.dataset.state = "error";
      status.textContent = `Scenariot kunde inte sparas: ${made.problems.join("; ")}.`;
      return;
    }
    const result = addScenario(store, made.scenario);
    status.dataset.state = result.ok ? "saved" : "error";
    if (!result.ok) {
      status.textContent = result.errors.join(" ");
      return;
    }
    input.value = "";
    const link = html`<a href="./scenarier.html">Jämför på sidan Scenarier</a>`;
    status.replaceChildren(`${[...result.stored.notices, result.message].join(" ")} `, link, ".");
  });
  return html`<div class="scenario-save" data-testid="scenario-save"><label class="control"><span>Spara inställningarna som scenario</span>${input}</label>${button}${status}</div>` as HTMLElement;
}
