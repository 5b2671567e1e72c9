/**
 * The "Modell" panel of the ranking pages: which model the page ranks with,
 * "Ladda ner modell (JSON)" and "Ladda upp modell", and (in a <details>)
 * the editor: the model's dimensions and KPIs; a KPI's direction and
 * dimension; remove a KPI; add, rename and remove dimensions; add a KPI from
 * the library.
 *
 * An input: `value` is the model the analyst made (`model`, null = back to
 * the preset) with how the weights follow (`weights`: "keep" after an edit,
 * "model" after an upload), and every change fires `input` on the panel.
 * The page answers with `show(view)`, so the panel always shows the page's
 * state. The operations are lib/state/model-edit.ts; an edit they refuse
 * shows its Swedish message and changes nothing.
 */
import {html} from "htl";
import {DIRECTIONS, ModelError, parseModelText, type Direction, type Model} from "../engine/index.js";
import type {KpiLibrary, KpiLibraryEntry} from "../lib/data/kpi-library.js";
import {
  addDimension,
  addIndicator,
  dimensionId,
  linkSafetyIssues,
  ModelEditError,
  removeDimension,
  removeIndicator,
  renameDimension,
  renameModel,
  setDirection,
  setIndicatorDimension,
  type RemovedKpis
} from "../lib/state/model-edit.js";
import {swedishModelIssues} from "../lib/state/model-errors.js";
import type {WeightsAfter} from "../lib/state/ranking-state.js";
import {kpiSearch, type KpiSearchElement} from "./kpi-search.js";

export const DIRECTION_TEXT: Record<Direction, string> = {higher_better: "↑ Högre är bättre", lower_better: "↓ Lägre är bättre"};

/** What the page shows: its model, the preset it is or started from, and whether it is edited. */
export interface ModelView {
  model: Model;
  presetName: string;
  edited: boolean;
}

export interface ModelPanelOptions {
  /** A KPI's title (Kolada's) for the lists. */
  titleOf(kpi: string): string;
  /** The KPI library, loaded on first use. */
  library(): Promise<KpiLibrary>;
  /** Loads the values of KPIs the page does not have yet (may fetch); rejects with a Swedish reason. */
  ensureKpis(kpis: string[]): Promise<unknown>;
  /** The KPIs whose values the page has already (the search marks them). */
  loadedKpis(): Iterable<string>;
  /** Saves the page's model with its current weights; returns the file name. */
  download(): string;
}

export interface ModelPanel extends HTMLElement {
  value: {model: Model | null; weights: WeightsAfter};
  show(view: ModelView): void;
}

function button(text: string, testId: string, label?: string): HTMLButtonElement {
  const b = html`<button type="button" data-testid=${testId}>${text}</button>` as HTMLButtonElement;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

function select<T extends string>(label: string, options: readonly {value: T; label: string}[], value: T | "", testId: string): HTMLSelectElement {
  return html`<select data-testid=${testId} aria-label=${label}>${options.map((o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}</select>` as HTMLSelectElement;
}

export function modelPanel(initial: ModelView, options: ModelPanelOptions): ModelPanel {
  let view = initial;
  /** A dimension whose removal waits for the analyst's choice of what happens to its KPIs. */
  let removing: string | null = null;

  const status = html`<p class="model-status" data-testid="model-status"></p>` as HTMLElement;
  const message = html`<div class="model-message" data-testid="model-message" role="status"></div>` as HTMLElement;
  const download = button("Ladda ner modell (JSON)", "download-model");
  const upload = html`<input type="file" accept=".json,application/json" data-testid="upload-model">` as HTMLInputElement;
  const summary = html`<summary></summary>` as HTMLElement;
  const body = html`<div class="model-editor-body"></div>` as HTMLElement;
  const addKpi = addKpiSection();
  const details = html`<details class="model-editor" data-testid="model-editor">${summary}${body}${addKpi.element}</details>` as HTMLDetailsElement;
  const root = html`<div class="model-panel" data-testid="model-panel">
    ${status}
    <div class="model-files">${download}<label class="upload-model"><span>Ladda upp modell (JSON)</span>${upload}</label></div>
    ${message}
    ${details}
  </div>` as ModelPanel;

  // The panel's own controls fire `input` too: only the panel's own event leaves it.
  root.addEventListener("input", (event) => {
    if (event.target !== root) event.stopPropagation();
  });

  /** Shows a message; several lines (an upload's issues) as a list. */
  function say(text: string, kind: "info" | "error" = "info", lines: string[] = []): void {
    message.dataset.kind = kind;
    message.setAttribute("role", kind === "error" ? "alert" : "status");
    const p = document.createElement("p");
    p.textContent = text;
    const list = document.createElement("ul");
    for (const line of lines) list.append(Object.assign(document.createElement("li"), {textContent: line}));
    message.replaceChildren(p, ...(lines.length ? [list] : []));
  }

  function emit(model: Model | null, weights: WeightsAfter): void {
    root.value = {model, weights};
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  /** Runs an edit of the current model; a refused edit says why and changes nothing. */
  function edit(change: (model: Model) => Model, done?: string): void {
    try {
      emit(change(view.model), "keep");
      if (done) say(done);
    } catch (error) {
      if (!(error instanceof ModelEditError)) throw error;
      say(error.message, "error");
    }
  }

  const labelOf = (id: string) => view.model.dimensions.find((d) => d.id === id)?.label ?? id;
  const kpiName = (kpi: string) => `${options.titleOf(kpi)} (${kpi})`;

  function dimensionBlock(dimensionId: string): HTMLElement {
    const d = view.model.dimensions.find((x) => x.id === dimensionId)!;
    const kpis = view.model.indicators.filter((i) => i.dimension === d.id);
    const name = html`<input type="text" value=${d.label} data-testid=${`dimension-label-${d.id}`}>` as HTMLInputElement;
    name.addEventListener("change", () => edit((m) => renameDimension(m, d.id, name.value), `Dimensionen heter nu ${name.value.trim()}.`));
    const remove = button("Ta bort dimensionen", `remove-dimension-${d.id}`, `Ta bort dimensionen ${d.label}`);
    remove.disabled = view.model.dimensions.length === 1;
    if (remove.disabled) remove.title = "Modellen måste ha minst en dimension.";
    remove.addEventListener("click", () => {
      if (kpis.length === 0) return edit((m) => removeDimension(m, d.id, "remove"), `Dimensionen ${d.label} togs bort.`);
      removing = d.id;
      render();
      body.querySelector<HTMLElement>("[data-testid=removal-choice]")?.focus();
    });

    const rows = kpis.map((i) => {
      const direction = select("Riktning för " + i.kpi, DIRECTIONS.map((v) => ({value: v, label: DIRECTION_TEXT[v]})), i.direction, `direction-${i.kpi}`);
      direction.addEventListener("change", () => edit((m) => setDirection(m, i.kpi, direction.value as Direction), `${i.kpi}: ${DIRECTION_TEXT[direction.value as Direction].slice(2).toLowerCase()}.`));
      const dimension = select("Dimension för " + i.kpi, view.model.dimensions.map((x) => ({value: x.id, label: x.label})), i.dimension, `dimension-${i.kpi}`);
      dimension.addEventListener("change", () => edit((m) => setIndicatorDimension(m, i.kpi, dimension.value), `${i.kpi} flyttades till ${labelOf(dimension.value)}.`));
      const drop = button("Ta bort", `remove-kpi-${i.kpi}`, `Ta bort ${kpiName(i.kpi)}`);
      drop.disabled = view.model.indicators.length === 1;
      drop.addEventListener("click", () => edit((m) => removeIndicator(m, i.kpi), `${kpiName(i.kpi)} togs bort.`));
      return html`<li data-kpi=${i.kpi}>
        <span class="kpi-name">${kpiName(i.kpi)}</span>
        <span class="kpi-tools">${direction}${dimension}${drop}</span>
      </li>`;
    });

    return html`<fieldset class="model-dimension" data-dimension=${d.id}>
      <legend>${d.label} <small>(${kpis.length} nyckeltal)</small></legend>
      <div class="dimension-tools"><label><span>Namn</span>${name}</label>${remove}</div>
      ${removing === d.id && kpis.length ? removalChoice(d.id, kpis.length) : ""}
      ${kpis.length ? html`<ul class="model-kpis">${rows}</ul>` : html`<p class="hint">Inga nyckeltal. Med vikt över 0 gör en tom dimension att ingen kommun kan rankas: lägg till nyckeltal eller sätt dess vikt till 0.</p>`}
    </fieldset>` as HTMLElement;
  }

  /** Where a removed dimension's KPIs go: another dimension, or away with it. */
  function removalChoice(id: string, count: number): HTMLElement {
    const choices = [
      ...view.model.dimensions.filter((d) => d.id !== id).map((d) => ({value: `move:${d.id}`, label: `Flytta dem till ${d.label}`})),
      {value: "remove", label: `Ta bort dem också`}
    ];
    const choice = select(`Vad ska hända med nyckeltalen i ${labelOf(id)}?`, choices, choices[0]!.value, "removal-choice");
    const confirm = button("Ta bort dimensionen", "confirm-remove-dimension");
    const cancel = button("Avbryt", "cancel-remove-dimension");
    confirm.addEventListener("click", () => {
      const kpis: RemovedKpis = choice.value === "remove" ? "remove" : {moveTo: choice.value.slice("move:".length)};
      const label = labelOf(id);
      removing = null;
      edit((m) => removeDimension(m, id, kpis), kpis === "remove" ? `Dimensionen ${label} och dess ${count} nyckeltal togs bort.` : `Dimensionen ${label} togs bort; dess ${count} nyckeltal finns nu i ${labelOf(kpis.moveTo)}.`);
      render();
    });
    cancel.addEventListener("click", () => {
      removing = null;
      render();
      body.querySelector<HTMLElement>(`[data-testid="remove-dimension-${id}"]`)?.focus();
    });
    return html`<div class="dimension-removal" role="group" aria-label=${`Ta bort ${labelOf(id)}`}>
      <p>${labelOf(id)} har ${count} nyckeltal. Vad ska hända med dem?</p>
      ${choice} ${confirm} ${cancel}
    </div>` as HTMLElement;
  }

  /**
   * The dimension of the model a library suggestion names ("resultatkvalitet"
   * → the dimension labelled Resultatkvalitet, or with that id), if any.
   */
  function suggestedDimension(kpi: KpiLibraryEntry): string | null {
    const name = kpi.suggestion?.dimension;
    if (!name) return null;
    const id = dimensionId(name, new Set());
    return view.model.dimensions.find((d) => d.label.toLowerCase() === name.toLowerCase() || d.id === id)?.id ?? null;
  }

  /** The add-a-KPI form: it keeps its search and choices across renders. */
  function addKpiSection() {
    const slot = html`<div class="kpi-search-slot"><p class="hint">Nyckeltalsbiblioteket laddas när du öppnar redigeringen.</p></div>` as HTMLElement;
    const chosen = html`<p class="chosen-kpi" data-testid="chosen-kpi">Inget nyckeltal valt.</p>` as HTMLElement;
    const dimension = html`<select data-testid="add-kpi-dimension"></select>` as HTMLSelectElement;
    const direction = html`<select data-testid="add-kpi-direction"></select>` as HTMLSelectElement;
    const suggestion = html`<p class="hint" data-testid="direction-suggestion"></p>` as HTMLElement;
    const add = button("Lägg till nyckeltalet", "add-kpi");
    /** The model's KPIs and the loaded ones, for the search's marks (sets it reads when it lists). */
    const inModel = new Set<string>();
    const loaded = new Set<string>();
    let kpi: KpiLibraryEntry | null = null;
    let loading: Promise<void> | undefined;

    const refresh = () => {
      const exists = kpi !== null && view.model.indicators.some((i) => i.kpi === kpi!.id);
      chosen.textContent = kpi ? `Valt: ${kpi.title} (${kpi.id})${exists ? " – finns redan i modellen" : ""}` : "Inget nyckeltal valt.";
      add.disabled = !kpi || exists || direction.value === "" || (kpi !== null && !kpi.hasValues);
    };
    /** Directions: the library's suggestion preselected and marked; without one the analyst must choose. */
    const setDirections = () => {
      const s = kpi?.suggestion?.direction;
      const suggested = s === "higher_better" || s === "lower_better" ? s : null;
      direction.replaceChildren(
        ...(suggested ? [] : [html`<option value="" selected>Välj riktning</option>`]),
        ...DIRECTIONS.map((v) => html`<option value=${v} selected=${v === suggested}>${DIRECTION_TEXT[v]}${v === suggested ? " (förslag)" : ""}</option>`)
      );
      const basis = kpi?.suggestion?.basis === "documented" ? "dokumenterad i Kolada" : "härledd i kandidatlistan, inte dokumenterad";
      suggestion.textContent = !kpi
        ? ""
        : !kpi.hasValues
          ? "Nyckeltalets värden hämtades inte när webbplatsen byggdes; det kan inte läggas till."
          : suggested
            ? `Förvald riktning är ett förslag (${basis}): kontrollera den.`
            : s === "none"
              ? "Kandidatlistan kallar nyckeltalet sammanhang, utan bättre riktning: välj en riktning om det ska ingå."
              : "Biblioteket har ingen riktning för nyckeltalet: välj en innan du lägger till det.";
    };
    /** Dimensions: the one the library suggests preselected and marked, if the model has it. */
    const setDimensions = () => {
      const suggested = kpi ? suggestedDimension(kpi) : null;
      const current = view.model.dimensions.some((d) => d.id === dimension.value) ? dimension.value : view.model.dimensions[0]!.id;
      const selected = suggested ?? current;
      dimension.replaceChildren(...view.model.dimensions.map((d) => html`<option value=${d.id} selected=${d.id === selected}>${d.label}${d.id === suggested ? " (förslag)" : ""}</option>`));
      dimension.value = selected;
    };
    direction.addEventListener("change", refresh);
    add.addEventListener("click", async () => {
      if (!kpi || !direction.value) return;
      const adding = kpi;
      const dir = direction.value as Direction;
      const into = dimension.value;
      add.disabled = true;
      say(`Hämtar värdena för ${adding.id} …`);
      try {
        await options.ensureKpis([adding.id]);
      } catch (error) {
        say(`${adding.id} kunde inte läggas till: ${(error as Error).message}`, "error");
        refresh();
        return;
      }
      edit((m) => addIndicator(m, {kpi: adding.id, dimension: into, direction: dir, title: adding.title}), `${adding.title} (${adding.id}) lades till i ${labelOf(into)} med vikt 1.`);
      refresh();
    });

    const load = () =>
      (loading ??= options.library().then(
        (library) => {
          const search: KpiSearchElement = kpiSearch(library, {inModel, loaded, headingLevel: 4, limit: 10, label: "Sök nyckeltal i Kolada"});
          search.addEventListener("input", () => {
            kpi = search.value;
            setDirections();
            setDimensions();
            refresh();
          });
          slot.replaceChildren(search);
        },
        (error: Error) => {
          loading = undefined;
          slot.replaceChildren(Object.assign(document.createElement("p"), {className: "hint", textContent: `Nyckeltalsbiblioteket kunde inte laddas: ${error.message}`}));
        }
      ));
    setDirections();
    const element = html`<section class="add-kpi" aria-labelledby="add-kpi-heading">
      <h4 id="add-kpi-heading">Lägg till nyckeltal</h4>
      ${slot}${chosen}
      <div class="add-kpi-choices"><label><span>Dimension</span>${dimension}</label><label><span>Riktning</span>${direction}</label></div>
      ${suggestion}${add}
    </section>` as HTMLElement;
    return {
      element,
      load,
      update: () => {
        inModel.clear();
        for (const i of view.model.indicators) inModel.add(i.kpi);
        loaded.clear();
        for (const k of options.loadedKpis()) loaded.add(k);
        setDimensions();
        refresh();
      }
    };
  }

  const addDimensionName = html`<input type="text" data-testid="new-dimension-label" placeholder="t.ex. Miljö">` as HTMLInputElement;
  const addDimensionButton = button("Lägg till dimension", "add-dimension");
  addDimensionButton.addEventListener("click", () => {
    let id = "";
    edit((m) => {
      const added = addDimension(m, addDimensionName.value);
      id = added.id;
      return added.model;
    }, `Dimensionen ${addDimensionName.value.trim()} lades till med vikt 1.`);
    if (id) addDimensionName.value = "";
  });
  const modelName = html`<input type="text" data-testid="model-name">` as HTMLInputElement;
  modelName.addEventListener("change", () => edit((m) => renameModel(m, modelName.value), `Modellen heter nu ${modelName.value.trim()}.`));
  const reset = button("Återgå till förvald modell", "reset-model");
  reset.addEventListener("click", () => {
    emit(null, "model");
    say(`Den förvalda modellen ${view.presetName} används igen, med sina egna vikter.`);
  });

  function render(): void {
    const active = document.activeElement as HTMLElement | null;
    const focusKey = active && root.contains(active) ? active.dataset.testid : undefined;
    const {model} = view;
    summary.textContent = `Redigera modellen (${model.indicators.length} nyckeltal i ${model.dimensions.length} dimensioner)`;
    status.replaceChildren(
      view.edited ? `Ändrad modell${model.name !== view.presetName ? ` ”${model.name}”` : ""}, utgår från ${view.presetName}. ` : `Förvald modell: ${model.name}. `,
      ...(view.edited ? [reset] : [])
    );
    modelName.value = model.name;
    body.replaceChildren(
      html`<label class="model-name"><span>Modellens namn</span>${modelName}</label>`,
      ...model.dimensions.map((d) => dimensionBlock(d.id)),
      html`<div class="add-dimension"><label><span>Ny dimension</span>${addDimensionName}</label>${addDimensionButton}</div>`
    );
    addKpi.update();
    if (focusKey && !root.contains(document.activeElement)) {
      (root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focusKey)}"]`) ?? summary).focus();
    }
  }

  details.addEventListener("toggle", () => {
    if (details.open) void addKpi.load();
  });

  download.addEventListener("click", () => {
    try {
      say(`Sparad: ${options.download()}`);
    } catch (error) {
      say(`Modellen kunde inte sparas: ${(error as Error).message}`, "error");
    }
  });

  upload.addEventListener("change", async () => {
    const file = upload.files?.[0];
    if (!file) return;
    const text = await file.text();
    upload.value = "";
    const refused = (lines: string[]) => say(`Modellen i ${file.name} kunde inte användas; inget har ändrats:`, "error", lines);
    let model: Model;
    try {
      model = parseModelText(text, file.name);
    } catch (error) {
      if (error instanceof ModelError) return refused(swedishModelIssues(error));
      throw error;
    }
    const unsafe = linkSafetyIssues(model);
    if (unsafe.length) return refused(unsafe);
    say(`Läser ${file.name} …`);
    let library: KpiLibrary;
    try {
      library = await options.library();
    } catch (error) {
      return say(`Nyckeltalsbiblioteket kunde inte laddas: ${(error as Error).message}. Inget har ändrats.`, "error");
    }
    const unknown = model.indicators.flatMap((i, n) => (library.byId.has(i.kpi) ? [] : [`indicators[${n}].kpi: nyckeltalet ${i.kpi} finns inte i nyckeltalsbiblioteket`]));
    if (unknown.length) return refused(unknown);
    say(`Hämtar värdena för ${model.indicators.length} nyckeltal …`);
    try {
      await options.ensureKpis(model.indicators.map((i) => i.kpi));
    } catch (error) {
      return refused([(error as Error).message]);
    }
    emit(model, "model");
    say(`Modellen ”${model.name}” ur ${file.name} används: ${model.indicators.length} nyckeltal i ${model.dimensions.length} dimensioner, med filens vikter.`);
  });

  root.value = {model: view.model, weights: "keep"};
  root.show = (next) => {
    view = next;
    root.value = {model: next.model, weights: "keep"};
    render();
  };
  render();
  return root;
}
