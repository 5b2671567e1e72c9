/**
 * The Nominering workbench: controls → engine → table, charts and map, all
 * updated synchronously on every input event, with the state in the URL.
 * The expensive, weight-independent work (prepareNomination) runs only when
 * the year, method or model changes; a weight change only recombines.
 */
import {html} from "htl";
import {
  AGGREGATIONS,
  defaultWeights,
  latestYear,
  NORMALISATIONS,
  prepareNomination,
  score,
  type Aggregation,
  type Normalisation,
  type Prepared,
  type RankingRow,
  type ScoreResult,
  type Weights
} from "../engine/index.js";
import {selectControl} from "../components/controls.js";
import {writePageState} from "../lib/state/page-state.js";
import {rankByCode, rankingTable, renderRankingTable, renderUnranked} from "../components/ranking-table.js";
import {contributionChart, scoreMap, type ScoreMap} from "../components/score-charts.js";
import {integer, oneOf, type Spec} from "../lib/state/url-state.js";
import {commonSpec, matchesFilters, SCOPE_GROUPING, tableRowLimit, type CommonState} from "../lib/state/ranking-state.js";
import {rankingControls, rowsToggle} from "../components/ranking-controls.js";
import {workbenchLayout} from "../components/workbench-layout.js";
import {initialPageState} from "../lib/state/page-state.js";
import {weightsPanel} from "../components/weights-panel.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";

const NORMALISATION_LABELS: Record<Normalisation, string> = {
  zscore: "z-poäng (standard)",
  minmax: "Min–max",
  percentile: "Percentilrang",
  goalposts: "Målstolpar"
};
const AGGREGATION_LABELS: Record<Aggregation, string> = {arithmetic: "Aritmetiskt medel (standard)", geometric: "Geometriskt medel"};

export interface NominationState extends CommonState {
  year: number;
  norm: Normalisation;
  agg: Aggregation;
}

/** The URL parameters of the page; weights and defaults follow the chosen model. */
export function nominationSpec(wb: Workbench, modelId: string): Spec<NominationState> {
  const model = modelById(wb.models, modelId);
  const years = wb.matrix.years;
  const {model: modelParam, ...common} = commonSpec(wb, modelId);
  return {
    model: modelParam,
    year: integer(latestYear(wb.matrix, model), years[0]!, years.at(-1)!),
    norm: oneOf(NORMALISATIONS, "zscore"),
    agg: oneOf(AGGREGATIONS, "arithmetic"),
    ...common
  };
}

/** Builds the whole page body; `topology` is kommuner.topojson. */
export function nominationView(wb: Workbench, topology: unknown): HTMLElement {
  const {state: initial, notices, spec} = initialPageState(wb.models, (id) => nominationSpec(wb, id));
  let state = initial;
  const model = () => modelById(wb.models, state.model);
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;

  let prepared: Prepared;
  let baseline: Map<string, number>;
  let preparedKey = "";

  const table = rankingTable();
  const chart = html`<div class="chart" data-testid="contribution-chart"></div>` as HTMLElement;
  const unranked = html`<div data-testid="unranked-list"></div>` as HTMLElement;
  const leftOut = html`<div class="left-out"></div>` as HTMLElement;
  const summary = html`<p class="summary" data-testid="summary"></p>` as HTMLElement;
  // The map (290 projected shapes, ~40 ms) is drawn in its own task after the first render.
  const mapSlot = html`<div class="map-slot"></div>` as HTMLElement;
  let map: ScoreMap | undefined;
  let latest: ScoreResult | undefined;

  function ensurePrepared(): void {
    const key = `${state.model}|${state.year}|${state.norm}|${state.agg}|${state.scope}`;
    if (key === preparedKey) return;
    preparedKey = key;
    prepared = prepareNomination(wb.matrix, model(), state.year, {normalisation: state.norm, aggregation: state.agg});
    baseline = rankByCode(score(prepared, defaultWeights(model()), {grouping: SCOPE_GROUPING[state.scope]}));
  }

  const rowFilter = (row: RankingRow) => matchesFilters(state, row);

  function render(): void {
    ensurePrepared();
    const weights: Weights = {dimensions: state.dw, indicators: state.w};
    const result: ScoreResult = score(prepared, weights, {grouping: SCOPE_GROUPING[state.scope]});
    renderRankingTable(table, result, {limit: tableRowLimit(state), topN: state.top, baselineRank: baseline, filter: rowFilter, profileHref: (code) => `./kommun.html?kommun=${code}`});
    const shown = result.rows.filter((r) => r.rank !== null && rowFilter(r));
    chart.replaceChildren(contributionChart(result, shown, {width: 640}) as Node);
    latest = result;
    map?.update(result);
    renderUnranked(unranked, result);
    const ranked = result.rows.filter((r) => r.rank !== null).length;
    summary.textContent = `${ranked} av ${result.rows.length} kommuner rankade år ${state.year} (${result.usable} användbara nyckeltal med vikt > 0; minst ${result.required} krävs per kommun).`;
    leftOut.textContent = prepared.leftOut.length
      ? `Utelämnade nyckeltal ${state.year}: ${prepared.leftOut.map((l) => `${l.kpi} (${l.reason})`).join("; ")}.`
      : "";
    writePageState(state, spec);
  }

  function update(patch: Partial<NominationState>): void {
    if (patch.model !== undefined && patch.model !== state.model) return window.location.assign(`?model=${encodeURIComponent(patch.model)}`);
    state = {...state, ...patch};
    render();
    toggle.sync();
  }

  const yearOptions = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const weights = weightsPanel(model(), {dimensions: state.dw, indicators: state.w}, titleOf, (w) => update({dw: w.dimensions, w: w.indicators}));
  const controls = html`<div class="controls">
    ${selectControl("År", yearOptions, state.year, (year) => update({year}), "year")}
    ${selectControl("Normalisering", NORMALISATIONS.map((n) => ({value: n, label: NORMALISATION_LABELS[n]})), state.norm, (norm) => update({norm}), "normalisation")}
    ${selectControl("Aggregering", AGGREGATIONS.map((a) => ({value: a, label: AGGREGATION_LABELS[a]})), state.agg, (agg) => update({agg}), "aggregation")}
    ${rankingControls(wb, state, update)}
  </div>`;

  const toggle = rowsToggle(() => state, update);
  const start = performance.now();
  render();
  performance.measure("nominering: first render", {start});
  setTimeout(() => {
    map = scoreMap(topology);
    mapSlot.append(map.element);
    if (latest) map.update(latest);
  }, 0);
  return workbenchLayout("nomination", notices, model(), controls, weights, [
    summary,
    toggle,
    html`<div class="table-scroll">${table}</div>`,
    html`<h3>Topp 30: bidrag per dimension</h3>`,
    chart,
    html`<h3>Karta</h3>`,
    mapSlot,
    html`<h3>Ej rankade kommuner</h3>`,
    unranked,
    leftOut
  ]);
}
