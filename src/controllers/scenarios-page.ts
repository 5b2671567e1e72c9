/**
 * The Scenarier page's controller: the saved scenarios (localStorage, via
 * lib/state/scenario-store.ts) → the chosen 2–6, a year and a top N (in the
 * URL) → the engine's rankings and comparison (lib/scenarios/comparison.ts,
 * engine/compare.ts) → the membership table, the bump chart, the pairwise
 * figures and the differences in words.
 *
 * Export writes every saved scenario to one JSON file; import validates a
 * whole file (zod, and against this data) and changes nothing on any error.
 * A scenario whose model uses KPIs outside the page's data (an edited model)
 * has their values loaded from the KPI library first, as on the ranking pages.
 * Another tab's changes arrive through the `storage` event.
 */
import {html} from "htl";
import {bumpChart} from "../components/bump-chart.js";
import {integerControl, selectControl} from "../components/controls.js";
import {download} from "../components/export-buttons.js";
import {fitWidth} from "../components/fit-width.js";
import {membershipTable} from "../components/membership-table.js";
import {pairTable} from "../components/pair-table.js";
import {browserStorage} from "../components/scenario-save.js";
import {scenarioFileControls, scenarioList, type ScenarioListItem} from "../components/scenario-list.js";
import type {Workbench} from "../lib/data/workbench.js";
import {compareScenarios, MAX_COMPARED, MIN_COMPARED, scenarioLetter} from "../lib/scenarios/comparison.js";
import {scenarioDifferences} from "../lib/scenarios/differences.js";
import {scenarioLink} from "../lib/scenarios/link.js";
import {parseScenarioFile, scenarioDataProblems, scenarioFileText, type Scenario, type ScenarioContext} from "../lib/state/scenario-codec.js";
import {importScenarios, readScenarios, removeScenario, SCENARIO_STORAGE_KEY, type StoredScenarios} from "../lib/state/scenario-store.js";
import {scenariosPageSpec, type ScenariosPageState} from "../lib/state/scenarios-page-state.js";
import {formatStateCompact, parseState} from "../lib/state/url-state.js";

export interface ScenariosPage {
  /** Notices: scenarios set aside, link parameters ignored. */
  notices: HTMLElement;
  /** The saved scenarios: choose, open, remove; export and import. */
  list: HTMLElement;
  /** Year and top N of the comparison, and what to do with fewer than two. */
  settings: HTMLElement;
  membership: HTMLElement;
  bump: HTMLElement;
  pairs: HTMLElement;
  differences: HTMLElement;
}

const HOW_TO =
  "Spara minst två scenarier: ställ in modell, vikter, år, metod och urval på sidan Nominering eller Utvecklingskommun, skriv ett namn under ”Spara inställningarna som scenario” och klicka ”Spara scenario”. Ändra sedan något och spara igen. Du kan också importera en scenariofil här ovan.";

export async function scenariosPage(wb: Workbench): Promise<ScenariosPage> {
  const storage = browserStorage();
  let stored: StoredScenarios = readScenarios(storage);
  const parsed = parseState(window.location.search, scenariosPageSpec(wb.matrix.years, stored.scenarios.length));
  let state: ScenariosPageState = parsed.state;
  let version = 0;
  const counties = new Set(wb.municipalities.map((m) => m.countyCode));
  const groups = new Set(wb.municipalities.map((m) => m.kommungrupp));
  /** What the data offers now (the matrix grows when a scenario's KPIs are loaded from the library). */
  const ctx = (): ScenarioContext => ({years: wb.matrix.years, kpis: new Set(wb.matrix.kpis), counties, groups});
  /** Why a scenario's KPIs could not be loaded, by scenario name. */
  const loadProblems = new Map<string, string>();

  /**
   * Loads the values of the scenarios' KPIs that the page's data lacks (a
   * model edited with KPIs from the library), as the ranking pages do.
   * What cannot be loaded stays missing: that scenario then cannot be
   * compared, and the list says why.
   */
  async function loadKpisOf(scenarios: readonly Scenario[]): Promise<void> {
    for (const s of scenarios) {
      const missing = s.model.indicators.map((i) => i.kpi).filter((kpi) => !wb.matrix.kpiIndex.has(kpi));
      if (!missing.length) continue;
      try {
        // The library's module too loads only when a scenario needs it.
        const {ensureKpiValues} = await import("../lib/data/kpi-library.js");
        await ensureKpiValues(wb, missing);
        loadProblems.delete(s.name);
      } catch (error) {
        loadProblems.set(s.name, (error as Error).message);
      }
    }
  }
  const names = new Map(wb.municipalities.map((m) => [m.code, m.name]));
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title;

  // Views.
  const notices = html`<div class="url-notice" role="status" data-testid="scenario-notices"></div>` as HTMLElement;
  const files = scenarioFileControls(exportFile, (file) => void importFile(file));
  const listSlot = document.createElement("div");
  const list = html`<div class="scenario-manager">${listSlot}${files.element}${files.status}</div>` as HTMLElement;
  const message = html`<p class="scenario-message" data-testid="scenario-message"></p>` as HTMLElement;
  const yearOptions = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const yearControl = selectControl("År (utveckling: fönstrets sista år)", yearOptions, state.year ?? wb.matrix.years.at(-1)!, (year) => update({year}), "scenario-year");
  const topControl = integerControl("Topp N", state.top ?? 10, 1, 290, (top) => update({top}), "scenario-top");
  const settings = html`<div class="scenario-settings"><div class="controls scenario-controls">${yearControl}${topControl}</div>${message}</div>` as HTMLElement;
  const membership = html`<div class="scenario-result" data-testid="scenario-membership"></div>` as HTMLElement;
  const bump = fitWidth("scenario-result");
  const pairs = html`<div class="scenario-result"></div>` as HTMLElement;
  const differences = html`<div class="scenario-result" data-testid="scenario-differences"></div>` as HTMLElement;

  /** The saved scenarios that can be ranked with this data, by position. */
  const rankable = () => stored.scenarios.map((s) => scenarioDataProblems(s, ctx()).length === 0);

  /** The compared positions: the link's, else the first six rankable; never more than six. */
  function chosen(): number[] {
    const ok = rankable();
    const from = state.val ?? stored.scenarios.map((_, i) => i);
    return from.filter((i) => ok[i]).slice(0, MAX_COMPARED);
  }

  function showNotices(extra: readonly string[] = []): void {
    const lines = [...stored.notices, ...parsed.notices.splice(0), ...extra];
    notices.hidden = lines.length === 0;
    notices.replaceChildren(...lines.map((l) => html`<p>${l}</p>`));
  }

  function writeUrl(): void {
    const url = new URL(window.location.href);
    url.search = formatStateCompact(state, scenariosPageSpec(wb.matrix.years, stored.scenarios.length));
    window.history.replaceState(window.history.state, "", url);
  }

  function status(text: string, error = false): void {
    files.status.dataset.state = error ? "error" : "ok";
    files.status.replaceChildren(...text.split("\n").map((line) => html`<p>${line}</p>`));
  }

  function render(): void {
    version++;
    const picked = chosen();
    const letterOf = new Map(picked.map((p, k) => [p, scenarioLetter(k)]));
    const items: ScenarioListItem[] = stored.scenarios.map((s, i) => {
      const problems = scenarioDataProblems(s, ctx());
      const loading = loadProblems.get(s.name);
      return {scenario: s, letter: letterOf.get(i) ?? null, link: scenarioLink(s, wb), problems: problems.length && loading ? [...problems, loading] : problems};
    });
    listSlot.replaceChildren(stored.scenarios.length ? scenarioList(items, choose, remove) : html`<p>Inga sparade scenarier i den här webbläsaren.</p>`);
    const scenarios: Scenario[] = picked.map((i) => stored.scenarios[i]!);
    const first = scenarios[0];
    const year = state.year ?? first?.settings.year ?? wb.matrix.years.at(-1)!;
    const top = state.top ?? first?.settings.top ?? 10;
    yearControl.set(year);
    topControl.set(top);
    for (const view of [membership, bump, pairs, differences]) view.dataset.version = String(version);
    if (scenarios.length < MIN_COMPARED) {
      const text = stored.scenarios.length < MIN_COMPARED ? HOW_TO : "Välj minst två scenarier att jämföra i listan ovan (högst sex).";
      message.textContent = text;
      message.dataset.state = "empty";
      for (const view of [membership, pairs, differences]) view.replaceChildren(html`<p>Inget att jämföra ännu.</p>`);
      bump.draw(() => html`<p>Inget att jämföra ännu.</p>`);
      settings.dataset.state = "empty";
      return;
    }
    settings.dataset.state = "ready";
    const result = compareScenarios(wb.matrix, scenarios, {year, top});
    const letters = scenarios.map((_, k) => scenarioLetter(k));
    message.dataset.state = "ready";
    message.textContent = `${scenarios.map((s, k) => `${letters[k]} = ”${s.name}”`).join(", ")}. Alla rangordnas år ${year} med topp ${top}.${result.notes.length ? ` ${result.notes.join(" ")}` : ""}`;
    membership.replaceChildren(membershipTable(result.comparison, letters, names, top));
    bump.draw((width) => bumpChart({rows: result.comparison.membership, letters, names, top}, {width}));
    pairs.replaceChildren(pairTable(result.comparison.pairs, letters));
    const list = html`<ul class="scenario-differences"></ul>` as HTMLElement;
    for (let k = 1; k < scenarios.length; k++) {
      const sentences = scenarioDifferences(scenarios[0]!, scenarios[k]!, letters[k]!, titleOf, year);
      list.append(html`<li data-scenario=${letters[k]}><strong>${letters[k]} (”${scenarios[k]!.name}”)</strong> jämfört med A: ${sentences.map((t) => `${t}.`).join(" ")}</li>`);
    }
    differences.replaceChildren(html`<p>Varje scenario beskrivs mot A (”${scenarios[0]!.name}”). Topp N, filter och antal visade rader skiljer inte rangordningen och nämns inte.</p>`, list);
  }

  function update(patch: Partial<ScenariosPageState>): void {
    state = {...state, ...patch};
    writeUrl();
    render();
  }

  function choose(index: number, on: boolean): void {
    const current = chosen();
    if (on && current.length >= MAX_COMPARED) {
      status(`Högst ${MAX_COMPARED} scenarier kan jämföras samtidigt. Avmarkera ett först.`, true);
      render();
      return;
    }
    const next = on ? [...current, index].sort((a, b) => a - b) : current.filter((i) => i !== index);
    update({val: next});
  }

  function reload(extra: readonly string[] = []): void {
    stored = readScenarios(storage);
    showNotices(extra);
  }

  function remove(name: string): void {
    const index = stored.scenarios.findIndex((s) => s.name === name);
    const result = removeScenario(storage, name);
    if (!result.ok) {
      status(result.errors.join("\n"), true);
      return;
    }
    // Positions after the removed one move up by one.
    if (state.val) state = {...state, val: state.val.filter((i) => i !== index).map((i) => (i > index ? i - 1 : i))};
    reload();
    status(result.message);
    writeUrl();
    render();
  }

  function exportFile(): void {
    reload();
    if (!stored.scenarios.length) {
      status("Det finns inga sparade scenarier att exportera.", true);
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    download(scenarioFileText(stored.scenarios), `scenarier_${day}.json`, "application/json");
    status(`${stored.scenarios.length} ${stored.scenarios.length === 1 ? "scenario" : "scenarier"} exporterade till scenarier_${day}.json.`);
  }

  async function importFile(file: File): Promise<void> {
    const text = await file.text();
    const parsedFile = parseScenarioFile(text);
    if ("scenarios" in parsedFile) await loadKpisOf(parsedFile.scenarios);
    const result = importScenarios(storage, text, ctx());
    if (!result.ok) {
      status(`Filen ”${file.name}” importerades inte; inget har ändrats.\n${result.errors.join("\n")}`, true);
      return;
    }
    reload();
    status(result.message);
    render();
  }

  window.addEventListener("storage", (event) => {
    if (event.key !== SCENARIO_STORAGE_KEY) return;
    reload();
    void loadKpisOf(stored.scenarios).then(render);
  });

  await loadKpisOf(stored.scenarios);
  showNotices();
  // A link's parameters the page could not use are dropped from the URL (as the other pages do).
  if (window.location.search) writeUrl();
  render();
  return {notices, list, settings, membership, bump, pairs, differences};
}
