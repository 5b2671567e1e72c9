/**
 * The Nominering page's controller: state (from the URL) → engine → views.
 *
 * A change goes one synchronous way: `update(patch)` → new state → the
 * memoised engine steps (`prepareNomination` only when the model, year,
 * normalisation or aggregation changes; the model-weight baseline only when
 * that or the scope changes; `score` on every change, ≈ 0.2 ms) → every view
 * updates in place and takes the new state version as its `data-version`, in
 * the same task, so the next frame shows one consistent state.
 *
 * The model is page state too (model-state.ts): a preset, or the model the
 * "Modell" panel made (an edit re-ranks like a weight change: the new model
 * object re-runs `prepareNomination`). A link with an edited model may name
 * KPIs the page has not loaded: the page loads them before its first render.
 */
import {
  AGGREGATIONS,
  contributionBars,
  defaultWeights,
  NORMALISATIONS,
  nothingRankedReason,
  prepareNomination,
  score,
  type Aggregation,
  type Model,
  type Normalisation,
  type RankingRow,
  type ScoreResult
} from "../engine/index.js";
import {dimensionContributionChart} from "../components/dimension-contribution-chart.js";
import {exportButtons, type ExportBar} from "../components/export-buttons.js";
import {selectControl, winsoriseControl} from "../components/controls.js";
import {AGGREGATION_LABELS, NORMALISATION_LABELS} from "../components/method-labels.js";
import {rankByCode, rankingTable} from "../components/ranking-table.js";
import {rankingControls, rowsToggle} from "../components/ranking-controls.js";
import {scenarioSaveControl} from "../components/scenario-save.js";
import {scoreMap, type ScoreMap} from "../components/score-map.js";
import {resizeWithContainer} from "../components/fit-width.js";
import {textView} from "../components/text-view.js";
import {unrankedList} from "../components/unranked-list.js";
import {weightsSlot} from "../components/weights-panel.js";
import {group, rankingSection, workbenchHeader} from "../components/workbench-layout.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";
import {memo} from "../lib/memo.js";
import {resolveModelChoice} from "../lib/state/model-state.js";
import {nominationSpec, type NominationState} from "../lib/state/nomination-state.js";
import {matchesFilters, pageModel, SCOPE_GROUPING, tableRowLimit, rankingStore, type Scope} from "../lib/state/ranking-state.js";
import {modelEditor} from "./model-editor.js";


/** Bars in the contribution chart. */
const TOP_BARS = 30;

/** The page's views, placed under their headings by nominering.md. */
export interface NominationPage {
  header: HTMLElement;
  controls: HTMLElement;
  weights: HTMLElement;
  /** The "Modell" panel: the model, its download and upload, the editor. */
  model: HTMLElement;
  /** Summary line, the "show all" toggle and the table. */
  ranking: HTMLElement;
  contributions: HTMLElement;
  map: HTMLElement;
  unranked: HTMLElement;
  /** CSV, XLSX and Parquet of the ranking; image controls for the charts. */
  exports: ExportBar;
}

export async function nominationPage(wb: Workbench, topology: unknown): Promise<NominationPage> {
  const editor = modelEditor(wb);
  const store = rankingStore(wb, (choice) => nominationSpec(wb, choice), await resolveModelChoice(wb, window.location.search, editor.ensureKpis));
  let version = 0;
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;

  // Engine steps, each memoised by exactly what it depends on (the matrix grows when KPIs are added).
  const prepare = memo((matrix: Workbench["matrix"], model: Model, year: number, normalisation: Normalisation, aggregation: Aggregation, winsorise: boolean) =>
    prepareNomination(matrix, model, year, {normalisation, aggregation, winsorise})
  );
  const baselineOf = memo((prepared: ReturnType<typeof prepare>, scope: Scope) => rankByCode(score(prepared, defaultWeights(prepared.model), {grouping: SCOPE_GROUPING[scope]})));

  // Views.
  const header = workbenchHeader(store.notices, pageModel(wb.models, store.state), {report: "nominering", edited: store.state.edited !== null});
  const summary = textView("p", "summary", "summary");
  const table = rankingTable();
  const toggle = rowsToggle(() => store.state, update);
  const chart = dimensionContributionChart({rows: TOP_BARS});
  resizeWithContainer(chart);
  const unranked = unrankedList();
  const leftOut = textView("div", "left-out");
  // The map (290 projected shapes, ~40 ms) is drawn in a task of its own after the first render.
  const mapSlot = document.createElement("div");
  mapSlot.className = "map-slot";
  let map: ScoreMap | undefined;
  let latest: ScoreResult | undefined;

  function render(): void {
    version++;
    const state = store.state;
    const prepared = prepare(wb.matrix, pageModel(wb.models, state), state.year, state.norm, state.agg, state.wins);
    const baseline = baselineOf(prepared, state.scope);
    const result = score(prepared, {dimensions: state.dw, indicators: state.w}, {grouping: SCOPE_GROUPING[state.scope]});
    latest = result;
    const keep = (row: RankingRow) => matchesFilters(state, row);
    table.update(result, {limit: tableRowLimit(state), topN: state.top, baselineRank: baseline, filter: keep, profileHref: (code) => `./kommun.html?kommun=${code}`}, version);
    chart.update({bars: contributionBars(result, result.rows.filter(keep), TOP_BARS), dimensions: prepared.dimensions.map((d) => d.label), geometric: prepared.aggregation === "geometric"}, version);
    map?.update(result, version);
    unranked.update(result, version);
    const ranked = result.rows.filter((r) => r.rank !== null).length;
    summary.update(
      ranked === 0
        ? `Ingen kommun kunde rankas år ${state.year}: ${nothingRankedReason(result)}.`
        : `${ranked} av ${result.rows.length} kommuner rankade år ${state.year} (${result.usable} användbara nyckeltal med vikt > 0; minst ${result.required} krävs per kommun).`,
      version
    );
    leftOut.update(prepared.leftOut.length ? `Utelämnade nyckeltal ${state.year}: ${prepared.leftOut.map((l) => `${l.kpi} (${l.reason})`).join("; ")}.` : "", version);
    toggle.sync();
    store.save();
  }

  /** The views that show the model itself follow a new model (a preset, an edit, an upload). */
  function modelChanged(): void {
    const state = store.state;
    const model = pageModel(wb.models, state);
    weights.show(model, {dimensions: state.dw, indicators: state.w});
    header.setModel(model, state.edited !== null);
    modelPanel.show({model, presetName: modelById(wb.models, state.model).name, edited: state.edited !== null});
  }

  function update(patch: Partial<NominationState>): void {
    if (store.apply(patch)) modelChanged();
    render();
  }

  const initial = store.state;
  const weights = weightsSlot(titleOf, (w) => update({dw: w.dimensions, w: w.indicators}));
  weights.show(pageModel(wb.models, initial), {dimensions: initial.dw, indicators: initial.w});
  const modelPanel = editor.panel(store, titleOf, () => {
    modelChanged();
    render();
  });

  const yearOptions = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const controls = document.createElement("div");
  controls.className = "controls";
  controls.append(
    selectControl("År", yearOptions, initial.year, (year) => update({year}), "year"),
    selectControl("Normalisering", NORMALISATIONS.map((n) => ({value: n, label: NORMALISATION_LABELS[n]})), initial.norm, (norm) => update({norm}), "normalisation"),
    selectControl("Aggregering", AGGREGATIONS.map((a) => ({value: a, label: AGGREGATION_LABELS[a]})), initial.agg, (agg) => update({agg}), "aggregation"),
    winsoriseControl(initial.wins, (wins) => update({wins})),
    ...rankingControls(wb, initial, update),
    scenarioSaveControl(() => ({page: "nominering", model: pageModel(wb.models, store.state), settings: store.state}))
  );

  const start = performance.now();
  render();
  performance.measure("nominering: first render", {start});
  // The map follows its slot's width (280–420 px), redrawn only when that changes.
  const mapWidth = () => Math.min(420, Math.max(280, mapSlot.clientWidth || 360));
  function drawMap(): void {
    map = scoreMap(topology, {width: mapWidth(), chosenClass: map?.chosenClass ?? ""});
    if (latest) map.update(latest, version);
    mapSlot.replaceChildren(map);
  }
  setTimeout(() => {
    drawMap();
    new ResizeObserver(() => {
      if (map && mapWidth() !== Math.round(parseFloat(map.style.width))) drawMap();
    }).observe(mapSlot);
  }, 0);

  return {header, controls, weights, model: modelPanel, ranking: rankingSection(summary, toggle, table), contributions: chart, map: mapSlot, unranked: group(unranked, leftOut), exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).nominationExport(wb, store.state))};
}
