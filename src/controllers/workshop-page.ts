/**
 * The Workshop page's controller (src/workshop.md): one page, two roles, no server.
 *
 * - Facilitator (`roll` absent): chooses the workshop (model, year, top N,
 *   whether participants may set KPI weights), shares the participant link,
 *   collects proposal codes, links and files, and sees each proposal, the
 *   spread per weight, the pooled weights (mean, median or geometric mean of
 *   the normalised weights, engine/pool.ts), the ranking under them and who is
 *   nominated under every proposal, a majority and at least one.
 * - Participant (`roll=deltagare`): sets weights, gets a proposal code, a
 *   link holding it and a proposal file.
 * - Projector (`projektor=1`): large text, no editing controls.
 *
 * State lives in the URL (lib/state/workshop-state.ts), the collected
 * proposals too. The workshop's definition is locked while proposals are
 * collected: another year, top N, model or KPI setting is another workshop,
 * whose id the collected codes would not match.
 */
import {html} from "htl";
import {
  checkModelKpis,
  defaultWeights,
  ModelError,
  nominationAgreement,
  normaliseWeights,
  nothingRankedReason,
  parseModelText,
  pooledWeights,
  poolProposals,
  POOL_METHODS,
  POOL_METHOD_LABELS,
  prepareNomination,
  score,
  spread,
  topNCodes,
  WeightsError,
  type AgreementLevel,
  type Model,
  type PoolMethod,
  type Weights
} from "../engine/index.js";
import {scrollTable} from "../components/a11y.js";
import {integerControl, selectControl} from "../components/controls.js";
import {copyLinkButton, copyTextButton} from "../components/copy-link.js";
import {download} from "../components/export-buttons.js";
import {fitWidth} from "../components/fit-width.js";
import {formatDecimal, formatInteger, formatPercent} from "../components/format.js";
import {qrCode} from "../components/qr-code.js";
import {rankByCode, rankingTable} from "../components/ranking-table.js";
import {textView} from "../components/text-view.js";
import {urlNotice} from "../components/url-notice.js";
import {weightSpreadChart, type SpreadItem} from "../components/weight-spread-chart.js";
import {weightsPanel} from "../components/weights-panel.js";
import {group, rankingSection} from "../components/workbench-layout.js";
import {ensureKpiValues} from "../lib/data/kpi-library.js";
import {type Workbench} from "../lib/data/workbench.js";
import {memo} from "../lib/memo.js";
import {swedishModelIssues} from "../lib/state/model-errors.js";
import {editedParam, modelReference, normaliseChoice, resolveModelChoice} from "../lib/state/model-state.js";
import {writePageState} from "../lib/state/page-state.js";
import {encodeProposal, workshopId, type ProposalContent} from "../lib/state/proposal-codec.js";
import {parseState} from "../lib/state/url-state.js";
import {
  collectFile,
  collectFromUrl,
  collectText,
  MAX_NAME_LENGTH,
  participantProposal,
  participantQuery,
  proposalFile,
  proposalName,
  proposalQuery,
  rejectionText,
  workshopOf,
  workshopSpec,
  type CollectedProposal,
  type CollectResult,
  type Rejection,
  type WorkshopState
} from "../lib/state/workshop-state.js";

export interface WorkshopPage {
  role: WorkshopState["roll"];
  header: HTMLElement;
  setup: HTMLElement;
  collect: HTMLElement;
  proposals: HTMLElement;
  spread: HTMLElement;
  pooled: HTMLElement;
  ranking: HTMLElement;
  agreement: HTMLElement;
  participant: HTMLElement;
  proposal: HTMLElement;
  preview: HTMLElement;
}

/** Parameters always written to the URL: the workshop's definition (a link must not depend on a default that moves). */
const KEEP = ["model", "year", "top", "kpi"] as const;

const LEVEL_TEXT: Record<AgreementLevel, string> = {
  alla: "under alla förslag",
  majoritet: "under en majoritet av förslagen (men inte alla)",
  "minst ett": "under minst ett förslag (men inte en majoritet)"
};

function pageUrl(query: string): string {
  const url = new URL(window.location.href);
  url.search = query;
  url.hash = "";
  return url.href;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Builds the page. Async: a link's edited model (`edited=`, model-codec.ts)
 * may use KPIs the page has not loaded; they are fetched from the KPI library
 * first (model-state.ts `resolveModelChoice`).
 */
export async function workshopPage(wb: Workbench): Promise<WorkshopPage> {
  const ensureKpis = (kpis: string[]) => ensureKpiValues(wb, kpis);
  const resolved = await resolveModelChoice(wb, window.location.search, ensureKpis);
  const specFor = (preset: string, edited: Model | null) => workshopSpec(wb.models, wb.matrix, preset, editedParam(edited, modelReference(wb, preset)), edited);
  let spec = specFor(resolved.choice.preset, resolved.choice.edited);
  const parsed = parseState(window.location.search, spec);
  let state: WorkshopState = parsed.state;
  const notices = [...resolved.notices, ...parsed.notices];
  /** The edited model's link text ("" for a preset), for the participant and proposal links. */
  const editedText = () => spec.edited.format(state.edited);
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  const root = document.documentElement;
  root.dataset.workshopRole = state.roll;
  if (state.projektor) {
    root.dataset.projector = "1";
    // The page fills the screen: Framework's sidebar closes (for this view only; its toggle still opens it).
    const toggle = document.getElementById("observablehq-sidebar-toggle") as HTMLInputElement | null;
    if (toggle) {
      toggle.indeterminate = false;
      toggle.checked = false;
    }
  }

  let workshop = workshopOf(wb.models, state);
  let collected: CollectedProposal[] = [];
  if (state.roll === "ledare") {
    const fromUrl = collectFromUrl(workshop, state.forslag);
    collected = fromUrl.collected;
    for (const r of fromUrl.rejected) notices.push(`${rejectionText(r)}. Förslaget ignorerades.`);
    state = {...state, forslag: collected.map((c) => c.code)};
  }
  const save = () => writePageState(state, spec, KEEP);

  const prepare = memo((model: Model, year: number) => prepareNomination(wb.matrix, model, year));
  const baselineOf = memo((prepared: ReturnType<typeof prepare>) => rankByCode(score(prepared, defaultWeights(prepared.model))));
  let version = 0;

  // Header: notices, what this workshop is, and the link to this view ----------------------------
  const description = el("p", "model-note");
  description.dataset.testid = "workshop-description";
  const headerLinks = el("p", "ws-header-links");
  const header = group(urlNotice(notices), description, headerLinks);
  header.className = "workbench-header";
  function describe(): void {
    const m = workshop.model;
    description.textContent = `Workshop ${workshopId(workshop)} · modell ${m.name}${state.edited ? " (ändrad modell)" : ""} · år ${workshop.year} · topp ${workshop.top} · ${
      workshop.allowKpiWeights ? "deltagarna sätter dimensions- och nyckeltalsvikter" : "deltagarna sätter dimensionsvikter"
    }`;
    description.dataset.workshop = workshopId(workshop);
  }
  describe();
  if (state.roll === "ledare") {
    const projector = el("a", "ws-projector-link", state.projektor ? "Avsluta projektorläge" : "Projektorläge");
    projector.dataset.testid = "projector-link";
    const refresh = () => {
      const params = new URLSearchParams(window.location.search);
      if (state.projektor) params.delete("projektor");
      else params.set("projektor", "1");
      projector.href = `?${params}`;
    };
    for (const event of ["pointerdown", "focus", "click"]) projector.addEventListener(event, refresh);
    refresh();
    headerLinks.append(copyLinkButton(), " ", projector);
  }

  // Facilitator: the workshop and the participant link -------------------------------------------
  const setup = el("div", "ws-setup");
  const lockNote = el("p", "ws-lock-note");
  lockNote.dataset.testid = "workshop-locked";
  const clearAll = html`<button type="button" data-testid="clear-proposals">Ta bort alla förslag</button>` as HTMLButtonElement;
  clearAll.addEventListener("click", () => {
    if (!collected.length || !window.confirm(`Ta bort alla ${collected.length} förslag?`)) return;
    collected = [];
    messages.replaceChildren();
    commit();
  });
  const years = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const modelControl = selectControl("Modell", wb.models.map((m) => ({value: m.id, label: m.model.name})), state.model, (model) => define({model}), "workshop-model");
  const yearControl = selectControl("År", years, state.year, (year) => define({year}), "workshop-year");
  const topControl = integerControl("Topp N (antal nominerade)", state.top, 1, 290, (top) => define({top}), "workshop-top");
  const kpiControl = selectControl(
    "Deltagarna sätter",
    [
      {value: "0", label: "Bara dimensionsvikter"},
      {value: "1", label: "Dimensions- och nyckeltalsvikter"}
    ] as const,
    state.kpi ? "1" : "0",
    (v) => define({kpi: v === "1"}),
    "workshop-kpi"
  );
  const uploadInput = html`<input type="file" accept=".json,application/json" data-testid="workshop-upload-model">` as HTMLInputElement;
  const uploadLabel = el("label", "control ws-upload");
  uploadLabel.append(el("span", undefined, "eller ladda upp en ändrad modell (JSON, t.ex. från Nominering)"), uploadInput);
  const presetButton = html`<button type="button" data-testid="workshop-preset-model">Använd den förvalda modellen</button>` as HTMLButtonElement;
  const uploadStatus = el("div", "ws-upload-status");
  uploadStatus.dataset.testid = "workshop-model-status";
  uploadStatus.setAttribute("role", "status");
  presetButton.addEventListener("click", () => {
    uploadStatus.textContent = "";
    define({edited: null});
  });
  uploadInput.addEventListener("change", async () => {
    const file = uploadInput.files?.[0];
    uploadInput.value = "";
    if (!file || collected.length) return;
    let model: Model;
    try {
      model = parseModelText(await file.text(), file.name);
      await ensureKpis(model.indicators.map((i) => i.kpi));
      checkModelKpis(model, new Set(wb.matrix.kpis), file.name);
    } catch (error) {
      uploadStatus.textContent = `${file.name} kunde inte användas, workshopen är oförändrad: ${error instanceof ModelError ? swedishModelIssues(error).join("; ") : (error as Error).message}`;
      return;
    }
    const choice = normaliseChoice(wb, {preset: state.model, edited: model});
    uploadStatus.textContent = choice.edited ? `Workshopen använder modellen ”${model.name}” från ${file.name}.` : `${file.name} är samma modell som den förvalda.`;
    define({edited: choice.edited});
  });
  const definitionControls = el("div", "controls ws-definition");
  definitionControls.append(modelControl, uploadLabel, yearControl, topControl, kpiControl);
  const participantLink = el("a", "ws-link");
  participantLink.dataset.testid = "participant-link";
  const qrSlot = el("div", "ws-qr");
  const linkBox = el("div", "ws-link-box");
  const linkText = el("div");
  linkText.append(el("p", undefined, "Skicka den här länken till deltagarna (eller låt dem skanna QR-koden):"), participantLink, el("br"), copyTextButton("Kopiera deltagarlänken", () => participantLink.href, "copy-participant-link"));
  linkBox.append(linkText, qrSlot);
  setup.append(definitionControls, presetButton, uploadStatus, lockNote, linkBox);
  function showDefinition(): void {
    const locked = collected.length > 0;
    for (const c of [modelControl, uploadLabel, yearControl, topControl, kpiControl]) for (const input of c.querySelectorAll("select, input")) (input as HTMLInputElement).disabled = locked;
    presetButton.disabled = locked;
    presetButton.hidden = state.edited === null;
    lockNote.replaceChildren();
    if (locked) lockNote.append(`Inställningarna är låsta medan ${collected.length} förslag finns: ett annat år, en annan modell, topp N eller KPI-inställning är en ny workshop, och förslagen gäller den här. `, clearAll);
    const href = pageUrl(participantQuery(state, editedText()));
    participantLink.href = href;
    participantLink.textContent = href;
    const qr = qrCode(href, {label: "QR-kod för deltagarlänken", size: 180});
    qr.dataset.testid = "participant-qr";
    qrSlot.replaceChildren(qr);
  }

  /** Changes the workshop's definition (only while no proposals are collected). Another preset drops an edited model. */
  function define(patch: Partial<Pick<WorkshopState, "model" | "edited" | "year" | "top" | "kpi">>): void {
    if (collected.length) return;
    const preset = patch.model ?? state.model;
    const edited = patch.model !== undefined && patch.model !== state.model ? null : patch.edited !== undefined ? patch.edited : state.edited;
    if (preset !== state.model || edited !== state.edited) {
      spec = specFor(preset, edited);
      state = {...state, ...patch, model: preset, edited, dw: spec.dw.default, w: spec.w.default};
      modelControl.set(preset);
    } else state = {...state, ...patch};
    workshop = workshopOf(wb.models, state);
    describe();
    commit();
  }

  // Facilitator: collecting ----------------------------------------------------------------------
  const textarea = html`<textarea rows="4" data-testid="proposal-input" spellcheck="false" autocomplete="off"></textarea>` as HTMLTextAreaElement;
  const addButton = html`<button type="button" data-testid="add-proposals">Lägg till</button>` as HTMLButtonElement;
  const fileInput = html`<input type="file" multiple accept=".json,application/json" data-testid="proposal-files">` as HTMLInputElement;
  const messages = el("div", "ws-messages");
  messages.dataset.testid = "proposal-messages";
  messages.setAttribute("role", "status");
  const collect = el("div", "ws-collect");
  const pasteLabel = el("label", "control ws-paste");
  pasteLabel.append(el("span", undefined, "Klistra in förslagskoder eller förslagslänkar, en per rad"), textarea);
  const fileLabel = el("label", "control ws-files");
  fileLabel.append(el("span", undefined, "eller importera förslagsfiler (.json)"), fileInput);
  const actions = el("div", "ws-actions");
  actions.append(addButton);
  collect.append(pasteLabel, actions, fileLabel, messages);

  function report(before: number, rejected: Rejection[]): void {
    const added = collected.length - before;
    messages.replaceChildren();
    messages.append(el("p", "ws-added", `${added} förslag lades till${rejected.length ? `, ${rejected.length} avvisades` : ""}. Nu ${collected.length} förslag.`));
    if (rejected.length) {
      const list = el("ul", "ws-rejected");
      list.dataset.testid = "proposal-rejections";
      for (const r of rejected) list.append(el("li", undefined, rejectionText(r)));
      messages.append(list);
    }
  }
  function apply(result: CollectResult, before: number): void {
    collected = result.collected;
    report(before, result.rejected);
    commit();
  }
  addButton.addEventListener("click", () => {
    const before = collected.length;
    const result = collectText(workshop, collected, textarea.value);
    textarea.value = result.rejectedLines.join("\n");
    apply(result, before);
  });
  fileInput.addEventListener("change", async () => {
    const before = collected.length;
    const rejected: Rejection[] = [];
    let current = collected;
    for (const file of fileInput.files ?? []) {
      const r = collectFile(workshop, current, file.name, await file.text());
      current = r.collected;
      rejected.push(...r.rejected);
    }
    fileInput.value = "";
    apply({collected: current, rejected, rejectedLines: []}, before);
  });

  // Facilitator: results --------------------------------------------------------------------------
  const proposals = el("div", "ws-proposals");
  const spreadBox = el("div", "ws-spread");
  const dimensionSpread = fitWidth("ws-spread-chart");
  const kpiSpread = fitWidth("ws-spread-chart");
  const kpiSpreadDetails = el("details", "ws-kpi-spread");
  kpiSpreadDetails.append(el("summary", undefined, "Spridning per nyckeltal (andel inom dimensionen)"), kpiSpread);
  spreadBox.append(dimensionSpread, el("p", "chart-note", "Varje punkt är ett förslags normaliserade vikt; lådan går från första till tredje kvartilen, det tjocka strecket är medianen, linjen går från minsta till största värdet och romben är den poolade vikten. Talen finns i tabellerna Förslagen och Poolade vikter."), kpiSpreadDetails);
  const pooledBox = el("div", "ws-pooled");
  const methodControl = selectControl("Poolning av de normaliserade vikterna", POOL_METHODS.map((m) => ({value: m, label: `${POOL_METHOD_LABELS[m].charAt(0).toUpperCase()}${POOL_METHOD_LABELS[m].slice(1)}`})), state.metod, (metod) => {
    state = {...state, metod};
    save();
    render();
  }, "pool-method");
  methodControl.classList.add("ws-edit");
  const pooledContent = el("div");
  pooledBox.append(methodControl, pooledContent);
  const summary = textView("p", "summary", "summary");
  const table = rankingTable();
  const ranking = rankingSection(summary, document.createTextNode(""), table);
  const agreement = el("div", "ws-agreement");

  function proposalsTable(model: Model, normalised: Weights[]): HTMLElement {
    const t = el("table", "data-table ws-proposal-table");
    t.dataset.testid = "proposal-table";
    const head = t.createTHead().insertRow();
    for (const label of ["Förslag", ...model.dimensions.map((d) => d.label)]) {
      const th = el("th", label === "Förslag" ? undefined : "num", label);
      th.scope = "col";
      head.append(th);
    }
    const remove = el("th", "ws-edit", "Ta bort");
    remove.scope = "col";
    head.append(remove);
    const body = t.createTBody();
    collected.forEach((c, i) => {
      const tr = body.insertRow();
      tr.dataset.proposal = String(i);
      const name = el("th", undefined, proposalName(c.proposal, i));
      name.scope = "row";
      tr.append(name);
      for (const d of model.dimensions) {
        const td = tr.insertCell();
        td.className = "num";
        td.textContent = `${formatDecimal(c.proposal.dimensions[d.id] ?? d.weight)} (${formatPercent(normalised[i]!.dimensions[d.id])})`;
      }
      const cell = tr.insertCell();
      cell.className = "ws-edit";
      const button = html`<button type="button" class="ws-remove" aria-label=${`Ta bort ${proposalName(c.proposal, i)}`} data-testid="remove-proposal">×</button>` as HTMLButtonElement;
      button.addEventListener("click", () => {
        collected = collected.filter((_, j) => j !== i);
        commit();
      });
      cell.append(button);
    });
    const box = el("div");
    box.append(scrollTable(t, "Förslagens dimensionsvikter"), el("p", "chart-note", "Vikten som deltagaren satte (0–5) och, inom parentes, dess andel av förslagets summa."));
    if (workshop.allowKpiWeights) {
      const kt = el("table", "data-table");
      kt.dataset.testid = "proposal-kpi-table";
      const kh = kt.createTHead().insertRow();
      for (const label of ["Nyckeltal", ...collected.map((c, i) => proposalName(c.proposal, i))]) {
        const th = el("th", label === "Nyckeltal" ? undefined : "num", label);
        th.scope = "col";
        kh.append(th);
      }
      const kb = kt.createTBody();
      for (const k of model.indicators) {
        const tr = kb.insertRow();
        const th = el("th", undefined, `${titleOf(k.kpi)} (${k.kpi})`);
        th.scope = "row";
        tr.append(th);
        collected.forEach((c, i) => {
          const td = tr.insertCell();
          td.className = "num";
          td.textContent = `${formatDecimal(c.proposal.indicators?.[k.kpi] ?? k.weight)} (${formatPercent(normalised[i]!.indicators[k.kpi])})`;
        });
      }
      const details = el("details");
      details.append(el("summary", undefined, "Nyckeltalsvikter per förslag"), scrollTable(kt, "Förslagens nyckeltalsvikter"), el("p", "chart-note", "Inom parentes: andelen av dimensionens nyckeltalsvikter i förslaget."));
      box.append(details);
    }
    return box;
  }

  function pooledTable(model: Model, pooled: Weights, method: PoolMethod): HTMLElement {
    const sum = model.dimensions.reduce((s, d) => s + pooled.dimensions[d.id]!, 0);
    const t = el("table", "data-table ws-pooled-table");
    t.dataset.testid = "pooled-weights";
    columnHeads(t, [["Dimension", false], ["Poolad vikt", true], ["Andel", true]]);
    const body = t.createTBody();
    for (const d of model.dimensions) {
      const tr = body.insertRow();
      tr.dataset.dimension = d.id;
      tr.dataset.weight = String(pooled.dimensions[d.id]);
      const th = el("th", undefined, d.label);
      th.scope = "row";
      tr.append(th);
      const w = tr.insertCell();
      w.className = "num";
      w.textContent = POOLED_WEIGHT.format(pooled.dimensions[d.id]!);
      const share = tr.insertCell();
      share.className = "num";
      share.textContent = formatPercent(pooled.dimensions[d.id]! / sum);
    }
    const box = el("div");
    box.append(el("p", "ws-method", `Poolat med ${POOL_METHOD_LABELS[method]} av ${collected.length} förslags normaliserade vikter.`), scrollTable(t, "Poolade dimensionsvikter"));
    if (workshop.allowKpiWeights) {
      const kt = el("table", "data-table");
      kt.dataset.testid = "pooled-kpi-weights";
      columnHeads(kt, [["Nyckeltal", false], ["Dimension", false], ["Poolad vikt", true]]);
      const kb = kt.createTBody();
      for (const k of model.indicators) {
        const tr = kb.insertRow();
        tr.dataset.kpi = k.kpi;
        tr.dataset.weight = String(pooled.indicators[k.kpi]);
        const th = el("th", undefined, `${titleOf(k.kpi)} (${k.kpi})`);
        th.scope = "row";
        tr.append(th, el("td", undefined, model.dimensions.find((d) => d.id === k.dimension)!.label), el("td", "num", POOLED_WEIGHT.format(pooled.indicators[k.kpi]!)));
      }
      const details = el("details");
      details.append(el("summary", undefined, "Poolade nyckeltalsvikter"), scrollTable(kt, "Poolade nyckeltalsvikter"));
      box.append(details);
    }
    const downloadButton = html`<button type="button" class="ws-edit" data-testid="download-pooled-model">Ladda ner poolad modell (JSON)</button>` as HTMLButtonElement;
    downloadButton.addEventListener("click", () => {
      const pooledModel = poolProposals(model, collected.map((c) => c.proposal), method);
      download(JSON.stringify(pooledModel, null, 2) + "\n", `workshop_${workshopId(workshop)}_${method}.json`, "application/json");
    });
    box.append(el("p", "chart-note", "Modellfilen fungerar med rank --model och på kommandoraden: npm run pool ger samma vikter ur förslagsfilerna."), downloadButton);
    return box;
  }

  function agreementView(lists: string[][], pooledRank: ReadonlyMap<string, number>): HTMLElement {
    const rows = nominationAgreement(lists);
    const nameOf = new Map(wb.municipalities.map((m) => [m.code, m.name]));
    const box = el("div");
    box.append(el("p", "summary", `Topp ${workshop.top} under vart och ett av de ${lists.length} förslagen:`));
    const dl = el("dl", "ws-levels");
    for (const level of ["alla", "majoritet", "minst ett"] as const) {
      const members = rows.filter((r) => r.level === level);
      dl.append(el("dt", undefined, `Nominerade ${LEVEL_TEXT[level]} (${members.length})`));
      const dd = el("dd");
      dd.dataset.testid = `agreement-${level.replace(" ", "-")}`;
      if (!members.length) dd.textContent = "ingen";
      members.forEach((r, i) => {
        const span = el("span", undefined, `${nameOf.get(r.code) ?? r.code}${i < members.length - 1 ? ", " : ""}`);
        span.dataset.municipality = r.code;
        dd.append(span);
      });
      dl.append(dd);
    }
    box.append(dl);
    const t = el("table", "data-table");
    t.dataset.testid = "agreement-table";
    const head = t.createTHead().insertRow();
    for (const label of ["Kommun", "I topp N under", "Nivå", "Rang med poolade vikter"]) {
      const th = el("th", label === "Kommun" || label === "Nivå" ? undefined : "num", label);
      th.scope = "col";
      head.append(th);
    }
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      tr.dataset.municipality = r.code;
      const th = el("th", undefined, nameOf.get(r.code) ?? r.code);
      th.scope = "row";
      tr.append(th, el("td", "num", `${r.count} av ${r.of}`), el("td", undefined, r.level), el("td", "num", formatInteger(pooledRank.get(r.code) ?? null)));
    }
    box.append(scrollTable(t, "Nominerade per förslag"));
    return box;
  }

  function render(): void {
    if (state.roll !== "ledare") return;
    version++;
    const model = workshop.model;
    const prepared = prepare(model, workshop.year);
    const list = collected.map((c) => c.proposal);
    if (!list.length) {
      proposals.replaceChildren(el("p", "summary", "Inga förslag ännu. Klistra in koder eller länkar från deltagarna ovan, eller importera deras förslagsfiler."));
      dimensionSpread.draw(() => null);
      kpiSpread.draw(() => null);
      kpiSpreadDetails.hidden = true;
      pooledContent.replaceChildren(el("p", "summary", "Inga förslag att poola."));
      agreement.replaceChildren(el("p", "summary", "Inga förslag ännu."));
      ranking.hidden = true;
      spreadBox.hidden = true;
      return;
    }
    ranking.hidden = false;
    spreadBox.hidden = false;
    const normalised = list.map((p) => normaliseWeights(model, p));
    proposals.replaceChildren(proposalsTable(model, normalised));
    let pooled: Weights | null = null;
    let poolError = "";
    try {
      pooled = pooledWeights(model, list, state.metod);
    } catch (error) {
      if (!(error instanceof WeightsError)) throw error;
      poolError = `Förslagen kan inte poolas med ${POOL_METHOD_LABELS[state.metod]}: ${error.issues.join("; ")}. Välj medelvärde.`;
    }
    const dimSum = pooled ? model.dimensions.reduce((s, d) => s + pooled!.dimensions[d.id]!, 0) : 1;
    const names = list.map((p, i) => proposalName(p, i));
    const dimItems: SpreadItem[] = model.dimensions.map((d) => {
      const values = normalised.map((n, i) => ({proposal: names[i]!, value: n.dimensions[d.id]!}));
      return {label: d.label, values, spread: spread(values.map((v) => v.value)), pooled: pooled ? pooled.dimensions[d.id]! / dimSum : null};
    });
    dimensionSpread.draw((width) => weightSpreadChart(dimItems, {width, label: "Spridning per dimensionsvikt över förslagen, med den poolade vikten"}));
    kpiSpreadDetails.hidden = !workshop.allowKpiWeights;
    if (workshop.allowKpiWeights) {
      const kpiItems: SpreadItem[] = model.indicators.map((k) => {
        const values = normalised.map((n, i) => ({proposal: names[i]!, value: n.indicators[k.kpi]!}));
        const members = model.indicators.filter((i) => i.dimension === k.dimension);
        const s = pooled ? members.reduce((t, i) => t + pooled!.indicators[i.kpi]!, 0) : 0;
        return {label: `${k.kpi} ${titleOf(k.kpi).slice(0, 28)}`, values, spread: spread(values.map((v) => v.value)), pooled: pooled && s > 0 ? pooled.indicators[k.kpi]! / s : null};
      });
      kpiSpread.draw((width) => weightSpreadChart(kpiItems, {width, label: "Spridning per nyckeltalsvikt över förslagen"}));
    }
    if (pooled) pooledContent.replaceChildren(pooledTable(model, pooled, state.metod));
    else {
      const p = el("p", "ws-error", poolError);
      p.dataset.testid = "pool-error";
      p.setAttribute("role", "alert");
      pooledContent.replaceChildren(p);
    }
    const perProposal = list.map((p) => topNCodes(score(prepared, {dimensions: p.dimensions, ...(p.indicators ? {indicators: p.indicators} : {})}), workshop.top));
    if (pooled) {
      const result = score(prepared, pooled);
      const ranked = result.rows.filter((r) => r.rank !== null).length;
      summary.update(
        ranked === 0
          ? `Ingen kommun kunde rankas år ${workshop.year}: ${nothingRankedReason(result)}.`
          : `Rangordning år ${workshop.year} med de poolade vikterna (${POOL_METHOD_LABELS[state.metod]}, ${list.length} förslag): ${ranked} av ${result.rows.length} kommuner rankade; ★ = topp ${workshop.top}. Ändring = mot modellens egna vikter.`,
        version
      );
      table.update(result, {limit: state.projektor ? workshop.top : Math.max(20, workshop.top), topN: workshop.top, baselineRank: baselineOf(prepared), profileHref: (code) => `./kommun.html?kommun=${code}`}, version);
      table.hidden = false;
      agreement.replaceChildren(agreementView(perProposal, rankByCode(result)));
    } else {
      summary.update(poolError, version);
      table.hidden = true;
      agreement.replaceChildren(agreementView(perProposal, new Map()));
    }
  }

  function commit(): void {
    state = {...state, forslag: collected.map((c) => c.code)};
    save();
    showDefinition();
    render();
  }

  // Participant ------------------------------------------------------------------------------------
  const participant = el("div", "ws-participant-form");
  const proposalBox = el("div", "ws-proposal-box");
  const preview = el("div", "ws-preview");
  const codeOutput = el("output", "ws-code");
  codeOutput.dataset.testid = "proposal-code";
  const proposalLink = el("a", "ws-link");
  proposalLink.dataset.testid = "proposal-link";
  const previewList = el("ol", "ws-top-list");
  previewList.dataset.testid = "participant-top";
  let currentCode = "";
  let currentProposal: ProposalContent | null = null;

  function updateParticipant(): void {
    currentProposal = participantProposal(workshop, state);
    currentCode = encodeProposal(workshop, currentProposal);
    codeOutput.textContent = currentCode;
    const href = pageUrl(proposalQuery(state, currentCode, editedText()));
    proposalLink.href = href;
    proposalLink.textContent = href;
    const result = score(prepare(workshop.model, workshop.year), {dimensions: currentProposal.dimensions, ...(currentProposal.indicators ? {indicators: currentProposal.indicators} : {})});
    const top = result.rows.filter((r) => r.rank !== null && r.rank <= workshop.top);
    previewList.replaceChildren(...top.map((r) => {
      const li = el("li", undefined, r.name);
      li.dataset.municipality = r.code;
      return li;
    }));
    preview.dataset.version = String(++version);
    if (!top.length) previewList.replaceChildren(el("li", undefined, `Ingen kommun kan rankas med de här vikterna: ${nothingRankedReason(result)}.`));
    save();
  }

  if (state.roll === "deltagare") {
    const nameInput = html`<input type="text" maxlength=${MAX_NAME_LENGTH} autocomplete="name" data-testid="participant-name">` as HTMLInputElement;
    nameInput.value = state.namn;
    nameInput.addEventListener("input", () => {
      state = {...state, namn: nameInput.value.slice(0, MAX_NAME_LENGTH)};
      updateParticipant();
    });
    const nameLabel = el("label", "control ws-name");
    nameLabel.append(el("span", undefined, "Ditt namn (visas för workshopledaren; får vara tomt)"), nameInput);
    const panel = weightsPanel(workshop.model, {dimensions: state.dw, indicators: state.w}, titleOf, (w) => {
      state = {...state, dw: w.dimensions, w: w.indicators};
      updateParticipant();
    }, {kpiWeights: workshop.allowKpiWeights});
    participant.append(
      el("p", undefined, workshop.allowKpiWeights
        ? "Sätt en vikt per dimension och, om du vill, per nyckeltal (0–5). Bara förhållandet mellan vikterna spelar roll."
        : "Sätt en vikt per dimension (0–5). Bara förhållandet mellan vikterna spelar roll; nyckeltalen inom en dimension behåller modellens vikter."),
      nameLabel,
      panel
    );
    const downloadButton = html`<button type="button" data-testid="download-proposal">Ladda ner förslagsfil</button>` as HTMLButtonElement;
    downloadButton.addEventListener("click", () => {
      const p = currentProposal ?? participantProposal(workshop, state);
      const slug = (p.name || "forslag").normalize("NFD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "forslag";
      download(proposalFile(workshop, p), `forslag_${slug}_${workshopId(workshop)}.json`, "application/json");
    });
    proposalBox.append(
      el("p", undefined, "Skicka koden (eller länken) till workshopledaren, t.ex. i chatten. Den ändras när du ändrar vikterna: skicka den när du är klar."),
      el("p", "ws-code-line", ""),
      copyTextButton("Kopiera koden", () => currentCode, "copy-proposal-code"),
      el("p", undefined, "Länk med ditt förslag:"),
      proposalLink,
      el("br"),
      copyTextButton("Kopiera länken", () => proposalLink.href, "copy-proposal-link"),
      el("p", undefined, "Eller ladda ner förslaget som fil och skicka filen:"),
      downloadButton
    );
    proposalBox.querySelector(".ws-code-line")!.append("Din förslagskod: ", codeOutput);
    preview.append(el("p", "summary", `De ${workshop.top} kommuner som nomineras med dina vikter (år ${workshop.year}):`), previewList);
    updateParticipant();
  } else {
    showDefinition();
    render();
    save();
  }

  return {role: state.roll, header, setup, collect, proposals, spread: spreadBox, pooled: pooledBox, ranking, agreement, participant, proposal: proposalBox, preview};
}

/** A pooled weight as the tables show it: three decimals. */
const POOLED_WEIGHT = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 3, maximumFractionDigits: 3});

/** A table's header row: one column header per label, right-aligned where numeric. */
function columnHeads(table: HTMLTableElement, columns: readonly [label: string, numeric: boolean][]): void {
  const row = table.createTHead().insertRow();
  for (const [label, numeric] of columns) {
    const th = el("th", numeric ? "num" : undefined, label);
    th.scope = "col";
    row.append(th);
  }
}
