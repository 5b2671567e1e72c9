/**
 * The KPI search: find a KPI of the library by id, title, operating area or
 * description, see what it is, and choose it.
 *
 * Stable API (the Nyckeltal page and the model editor use it):
 *
 * ```ts
 * kpiSearch(library: KpiLibrary, options?: KpiSearchOptions): KpiSearchElement
 * ```
 *
 * - The search field has `data-testid="kpi-search"`; typing searches at once
 *   (`searchKpis`, best first). An operating-area filter narrows the list; with
 *   an area and no text it lists the whole area (browsing).
 * - Each result shows id, title, operating area, the suggested direction
 *   (marked "förslag", with its basis: documented by Kolada or inferred) and
 *   the coverage in the latest year.
 * - Choosing a result (click, or Enter on it) shows its description, unit,
 *   direction, suggested dimension and coverage per year (a table, whose bars
 *   are decoration: the numbers are the text), sets `element.value` to the
 *   chosen `KpiLibraryEntry` and fires `input` (bubbling) on the element.
 *   Setting `element.value` (an entry, or null) shows it without an event.
 * - Typing in the field does not fire `input` on the element (the field's own
 *   events stop there); `onSearch` hears the text and area instead.
 */
import {html} from "htl";
import type {KpiLibrary, KpiLibraryEntry, KpiSuggestion} from "../lib/data/kpi-library-types.js";
import {searchKpis} from "../lib/data/kpi-search.js";
import {formatInteger} from "./format.js";

export interface KpiSearchOptions {
  /** The width available (the component lays itself out with CSS; kept for the components' common signature). */
  width?: number;
  /** The KPI shown as chosen at start, by id (no `input` event). */
  value?: string | null;
  /** Text in the search field at start. */
  query?: string;
  /** Operating area chosen at start ("" or null: all). */
  area?: string | null;
  /** KPIs the page has values for already (shown as "redan inläst"). */
  loaded?: ReadonlySet<string>;
  /** KPIs of the current model (shown as "i modellen"). */
  inModel?: ReadonlySet<string>;
  /** How many municipalities there are, for "289 av 290"; default 290. */
  municipalityCount?: number;
  /** Results shown before "Visa fler"; default 20. */
  limit?: number;
  /** The search field's label; default "Sök nyckeltal". */
  label?: string;
  /** Heading level of the chosen KPI's title; default 3. */
  headingLevel?: 2 | 3 | 4;
  /** Called after every change of the text or the area (e.g. to keep them in the URL). */
  onSearch?: (search: {query: string; area: string}) => void;
}

export interface KpiSearchElement extends HTMLElement {
  /** The chosen KPI, or null. */
  value: KpiLibraryEntry | null;
  /** The text in the search field. */
  readonly query: string;
  /** The chosen operating area ("" = all). */
  readonly area: string;
}

const DIRECTION_LABEL = {higher_better: "högre är bättre", lower_better: "lägre är bättre", none: "ingen riktning (sammanhang)"} as const;

/** "förslag: högre är bättre (dokumenterad i Kolada)"; null without a suggested direction. */
export function suggestionLabel(suggestion: KpiSuggestion | null): string | null {
  if (!suggestion) return null;
  const basis = suggestion.basis === "documented" ? "dokumenterad i Kolada" : suggestion.basis === "inferred" ? "härledd, ej dokumenterad" : null;
  return `förslag: ${DIRECTION_LABEL[suggestion.direction]}${basis ? ` (${basis})` : ""}`;
}

/** "289 av 290 kommuner 2022", "värden ej hämtade", or "inga värden". */
export function coverageLabel(kpi: KpiLibraryEntry, municipalityCount = 290): string {
  if (!kpi.coverage) return "värden ej hämtade i den här versionen";
  const latestWithValues = [...kpi.coverage].reverse().find((c) => c.municipalities > 0);
  if (!latestWithValues) return "inga kommunvärden";
  return `${formatInteger(latestWithValues.municipalities)} av ${formatInteger(municipalityCount)} kommuner ${latestWithValues.year}`;
}

let instances = 0;

/** The KPI search (see the module comment). */
export function kpiSearch(library: KpiLibrary, options: KpiSearchOptions = {}): KpiSearchElement {
  const id = `kpi-search-${++instances}`;
  const limitStep = options.limit ?? 20;
  const municipalityCount = options.municipalityCount ?? 290;
  let shown = limitStep;
  let chosen: KpiLibraryEntry | null = options.value ? (library.byId.get(options.value) ?? null) : null;

  const input = html`<input type="search" data-testid="kpi-search" autocomplete="off" spellcheck="false"
    placeholder="Ord ur titeln, id (N15428) eller verksamhet" aria-describedby=${`${id}-status`}>` as HTMLInputElement;
  input.value = options.query ?? "";
  const area = html`<select data-testid="kpi-search-area">
    <option value="">Alla verksamhetsområden</option>
    ${library.operatingAreas.map((a) => html`<option value=${a}>${a}</option>`)}
  </select>` as HTMLSelectElement;
  area.value = options.area && library.operatingAreas.includes(options.area) ? options.area : "";
  const status = html`<p class="kpi-search-status" id=${`${id}-status`} role="status" aria-live="polite"></p>` as HTMLElement;
  const list = html`<ul class="kpi-search-results" aria-label="Sökträffar" data-testid="kpi-search-results"></ul>` as HTMLUListElement;
  const more = html`<button type="button" class="kpi-search-more">Visa fler</button>` as HTMLButtonElement;
  const detail = html`<section class="kpi-detail" data-testid="kpi-detail" aria-live="polite"></section>` as HTMLElement;

  const element = html`<div class="kpi-search">
    <div class="kpi-search-controls">
      <label class="control"><span>${options.label ?? "Sök nyckeltal"}</span>${input}</label>
      <label class="control"><span>Verksamhetsområde</span>${area}</label>
    </div>
    ${status}
    <div class="kpi-search-body"><div class="kpi-search-list">${list}${more}</div>${detail}</div>
  </div>` as KpiSearchElement;

  /** The entries to list: the search's hits in the area, or (no text) the whole area by id. */
  const results = (): {kpis: KpiLibraryEntry[]; total: number} => {
    const text = input.value.trim();
    const inArea = (k: KpiLibraryEntry) => !area.value || k.operatingArea === area.value;
    if (!text) {
      if (!area.value) return {kpis: [], total: 0};
      const all = library.kpis.filter(inArea);
      return {kpis: all, total: all.length};
    }
    const hits = searchKpis(library, text)
      .map((h) => h.kpi)
      .filter(inArea);
    return {kpis: hits, total: hits.length};
  };

  const resultItem = (kpi: KpiLibraryEntry): HTMLElement => {
    const marks = [
      options.inModel?.has(kpi.id) ? "i modellen" : null,
      !options.inModel?.has(kpi.id) && options.loaded?.has(kpi.id) ? "redan inläst" : null
    ].filter(Boolean);
    const meta = [kpi.operatingArea ?? "verksamhetsområde okänt", suggestionLabel(kpi.suggestion), coverageLabel(kpi, municipalityCount), ...marks].filter(Boolean).join(" · ");
    const button = html`<button type="button" class="kpi-result" data-kpi=${kpi.id} aria-pressed=${chosen?.id === kpi.id ? "true" : "false"}>
      <span class="kpi-result-title"><span class="kpi-id">${kpi.id}</span> ${kpi.title}</span>
      <span class="kpi-result-meta">${meta}</span>
    </button>` as HTMLButtonElement;
    button.addEventListener("click", () => choose(kpi));
    return html`<li>${button}</li>` as HTMLElement;
  };

  const renderList = () => {
    const {kpis, total} = results();
    const text = input.value.trim();
    list.replaceChildren(...kpis.slice(0, shown).map(resultItem));
    more.hidden = total <= shown;
    more.textContent = `Visa fler (${formatInteger(Math.min(limitStep, total - shown))} av ${formatInteger(total - shown)} till)`;
    status.textContent = !text && !area.value
      ? `${formatInteger(library.kpis.length)} nyckeltal. Sök på ord ur titeln eller beskrivningen, ett id eller ett verksamhetsområde, eller välj ett verksamhetsområde.`
      : total === 0
        ? `Inga nyckeltal matchar${text ? ` ”${text}”` : ""}${area.value ? ` i ${area.value}` : ""}.`
        : `${formatInteger(total)} nyckeltal${text ? ` matchar ”${text}”` : ""}${area.value ? ` i ${area.value}` : ""}${total > shown ? `; visar de ${formatInteger(Math.min(shown, total))} första` : ""}.`;
  };

  const renderDetail = () => {
    if (!chosen) {
      detail.replaceChildren();
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    const kpi = chosen;
    const heading = document.createElement(`h${options.headingLevel ?? 3}`);
    heading.textContent = `${kpi.id} ${kpi.title}`;
    const facts: [string, string][] = [
      ["Verksamhetsområde", kpi.operatingArea ?? "okänt"],
      ["Enhet", kpi.unit ?? "framgår inte av titeln"],
      ["Riktning", suggestionLabel(kpi.suggestion) ?? "ingen föreslagen riktning: välj själv när nyckeltalet läggs till"],
      ...(kpi.suggestion?.note ? [["Koladas beskrivning av riktningen", kpi.suggestion.note] as [string, string]] : []),
      ["Dimension", kpi.suggestion?.dimension ? `förslag: ${kpi.suggestion.dimension}` : "inget förslag"],
      ["Uppdelat på kön", kpi.isDividedByGender ? "ja (verktyget använder totalen)" : "nej"],
      ["Värden", kpi.hasValues ? (options.loaded?.has(kpi.id) ? "redan inlästa på sidan" : "hämtas när nyckeltalet läggs till") : "hämtades inte när webbplatsen byggdes"]
    ];
    const description = kpi.description
      ? html`<p class="kpi-description">${kpi.description}</p>`
      : html`<p class="kpi-description muted">${kpi.catalogue === "v2" ? "Nyckeltalet finns inte längre i Koladas katalog; titeln är från Koladas äldre API (v2). Ingen beskrivning." : "Ingen beskrivning i Koladas katalog."}</p>`;
    detail.replaceChildren(
      heading,
      description,
      factList(facts),
      coverageTable(kpi, municipalityCount)
    );
  };

  function choose(kpi: KpiLibraryEntry): void {
    chosen = kpi;
    for (const b of list.querySelectorAll<HTMLButtonElement>("button.kpi-result")) b.setAttribute("aria-pressed", b.dataset.kpi === kpi.id ? "true" : "false");
    renderDetail();
    // In one column the details are below the list: bring them into view.
    if (getComputedStyle(element.querySelector(".kpi-search-body")!).gridTemplateColumns.split(" ").length < 2) detail.scrollIntoView({block: "nearest"});
    element.dispatchEvent(new Event("input", {bubbles: true}));
  }

  const searchChanged = () => {
    shown = limitStep;
    renderList();
    options.onSearch?.({query: input.value, area: area.value});
  };
  for (const control of [input, area]) {
    // The field's own events stop here: the component's `input` means "a KPI was chosen".
    control.addEventListener("input", (event) => {
      event.stopPropagation();
      searchChanged();
    });
    control.addEventListener("change", (event) => event.stopPropagation());
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "Enter") {
      const first = list.querySelector<HTMLButtonElement>("button.kpi-result");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...list.querySelectorAll<HTMLButtonElement>("button.kpi-result")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && at === 0) input.focus();
    else buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))]!.focus();
  });
  more.addEventListener("click", () => {
    const firstNew = shown;
    shown += limitStep;
    renderList();
    list.querySelectorAll<HTMLButtonElement>("button.kpi-result")[firstNew]?.focus();
  });

  Object.defineProperty(element, "value", {
    get: () => chosen,
    set: (v: KpiLibraryEntry | null) => {
      chosen = v;
      for (const b of list.querySelectorAll<HTMLButtonElement>("button.kpi-result")) b.setAttribute("aria-pressed", b.dataset.kpi === v?.id ? "true" : "false");
      renderDetail();
    }
  });
  Object.defineProperty(element, "query", {get: () => input.value});
  Object.defineProperty(element, "area", {get: () => area.value});
  renderList();
  renderDetail();
  return element;
}

/** A definition list of label → text (dt and dd directly in the dl, as ARIA requires). */
function factList(facts: readonly [string, string][]): HTMLDListElement {
  const dl = document.createElement("dl");
  dl.className = "kpi-facts";
  for (const [label, text] of facts) {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = text;
    dl.append(dt, dd);
  }
  return dl;
}

/** Coverage per year: a table (the numbers are the text; each bar beside its number is decoration, hidden from assistive technology). */
function coverageTable(kpi: KpiLibraryEntry, municipalityCount: number): HTMLElement {
  if (!kpi.coverage) return html`<p class="kpi-coverage-none">Täckning okänd: värdena hämtades inte när webbplatsen byggdes.</p>` as HTMLElement;
  return html`<table class="kpi-coverage" data-testid="kpi-coverage">
    <caption>Täckning per år: kommuner med ett värde (kön totalt) av ${formatInteger(municipalityCount)}</caption>
    <thead><tr><th scope="col">År</th><th scope="col">Kommuner</th></tr></thead>
    <tbody>${kpi.coverage.map(
      (c) => html`<tr><th scope="row">${c.year}</th><td><span class="kpi-coverage-bar" aria-hidden="true"
        style=${`width:${((5 * Math.min(c.municipalities, municipalityCount)) / municipalityCount).toFixed(2)}rem`}></span>${formatInteger(c.municipalities)}</td></tr>`
    )}</tbody>
  </table>` as HTMLElement;
}
