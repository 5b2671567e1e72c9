/**
 * The Utvecklingskommun workbench: the improvement ranking (Theil-Sen slope
 * over a 3- or 4-year window, per first-year spread) with steadiness, updated
 * synchronously on every input, state in the URL. Beside the table: trend
 * small multiples for the top municipalities and level versus change.
 */
import {html} from "htl";
import {
  defaultWeights,
  latestYear,
  IMPROVEMENT_METHODS,
  prepareImprovement,
  prepareNomination,
  score,
  type ImprovementMethod,
  type Prepared,
  type RankingRow,
  type ScoreResult,
  type Weights
} from "../engine/index.js";
import {selectControl} from "../components/controls.js";
import {formatInteger} from "../components/format.js";
import {levelChangePoints, levelChangeScatter, trendMultiples, trendPoints} from "../components/improvement-charts.js";
import {writePageState} from "../lib/state/page-state.js";
import {rankByCode, rankingTable, renderRankingTable, renderUnranked} from "../components/ranking-table.js";
import {decimal, integer, oneOf, type Spec} from "../lib/state/url-state.js";
import {commonSpec, matchesFilters, SCOPE_GROUPING, tableRowLimit, type CommonState} from "../lib/state/ranking-state.js";
import {rankingControls, rowsToggle} from "../components/ranking-controls.js";
import {workbenchLayout} from "../components/workbench-layout.js";
import {initialPageState} from "../lib/state/page-state.js";
import {weightsPanel} from "../components/weights-panel.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";

const METHOD_LABELS: Record<ImprovementMethod, string> = {
  "theil-sen": "Theil–Sen-lutning (standard)",
  national: "Relativt rikets utveckling",
  regression: "Justerad för regression mot medelvärdet"
};

/** Municipalities shown as trend small multiples. */
const TREND_PANELS = 8;

export interface ImprovementState extends CommonState {
  year: number;
  window: 3 | 4;
  method: ImprovementMethod;
  steady: number;
}

/** The URL parameters of the page. */
export function improvementSpec(wb: Workbench, modelId: string): Spec<ImprovementState> {
  const model = modelById(wb.models, modelId);
  const years = wb.matrix.years;
  const {model: modelParam, ...common} = commonSpec(wb, modelId);
  const windowParam = oneOf(["3", "4"] as const, "4");
  return {
    model: modelParam,
    year: integer(latestYear(wb.matrix, model), years[0]! + 2, years.at(-1)!),
    window: {default: 4, parse: (raw) => {
      const r = windowParam.parse(raw);
      return "error" in r ? r : {value: Number(r.value) as 3 | 4};
    }, format: String},
    method: oneOf(IMPROVEMENT_METHODS, "theil-sen"),
    steady: decimal(0, 0, 1, 0.05),
    ...common
  };
}

/** Builds the page body. */
export function improvementView(wb: Workbench): HTMLElement {
  const {state: initial, notices, spec} = initialPageState(wb.models, (id) => improvementSpec(wb, id));
  let state = initial;
  const model = () => modelById(wb.models, state.model);
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  const firstYear = wb.matrix.years[0]!;

  let prepared: Prepared;
  let level: Prepared;
  let baseline: Map<string, number>;
  let preparedKey = "";
  let trendKey = "";

  const table = rankingTable();
  const summary = html`<p class="summary" data-testid="summary"></p>` as HTMLElement;
  const trends = html`<div class="chart" data-testid="trend-chart"></div>` as HTMLElement;
  const scatter = html`<div class="chart" data-testid="level-change-chart"></div>` as HTMLElement;
  const unranked = html`<div data-testid="unranked-list"></div>` as HTMLElement;
  const leftOut = html`<div class="left-out"></div>` as HTMLElement;

  /** The end year actually used: a 4-year window cannot end before the data's fourth year. */
  const endYear = () => Math.max(state.year, firstYear + state.window - 1);

  /** Scope and steadiness filter: the same for the ranking and its baseline (the model's weights). */
  const rankOptions = () => ({grouping: SCOPE_GROUPING[state.scope], minSteadiness: state.steady > 0 ? state.steady : undefined});

  function ensurePrepared(): void {
    const key = `${state.model}|${endYear()}|${state.window}|${state.method}|${state.scope}|${state.steady}`;
    if (key === preparedKey) return;
    preparedKey = key;
    prepared = prepareImprovement(wb.matrix, model(), endYear(), {window: state.window, method: state.method});
    level = prepareNomination(wb.matrix, model(), prepared.window!.from);
    baseline = rankByCode(score(prepared, defaultWeights(model()), rankOptions()));
  }

  /** False until the page has shown its table: the charts of the first render come in a task of their own. */
  let chartsOn = false;

  function render(): void {
    ensurePrepared();
    const weights: Weights = {dimensions: state.dw, indicators: state.w};
    const result = score(prepared, weights, rankOptions());
    const rowFilter = (row: RankingRow) => matchesFilters(state, row);
    renderRankingTable(table, result, {limit: tableRowLimit(state), topN: state.top, baselineRank: baseline, steadiness: true, filter: rowFilter, profileHref: (code) => `./kommun.html?kommun=${code}`});

    if (chartsOn) renderCharts(result, weights, rowFilter);
    renderUnranked(unranked, result);

    const ranked = result.rows.filter((r) => r.rank !== null).length;
    const w = prepared.window!;
    summary.textContent =
      `${ranked} av ${result.rows.length} kommuner rankade för ${w.from}–${w.to} (${w.length} år; ${result.usable} användbara nyckeltal med vikt > 0, minst ${result.required} krävs)` +
      (state.steady > 0 ? `; kräver stadighet minst ${formatInteger(state.steady * 100)} %.` : ".") +
      (endYear() !== state.year ? ` Slutåret flyttades till ${endYear()} eftersom fönstret annars börjar före ${firstYear}.` : "");
    leftOut.textContent = [
      prepared.leftOut.length ? `Utelämnade nyckeltal: ${prepared.leftOut.map((l) => `${l.kpi} (${l.reason}, ${l.year})`).join("; ")}.` : "",
      ...prepared.notes.map((n) => `${n.kpi}: ${n.note}.`)
    ]
      .filter(Boolean)
      .join(" ");
    writePageState(state, spec);
  }

  function renderCharts(result: ScoreResult, weights: Weights, rowFilter: (row: RankingRow) => boolean): void {
    const shown = result.rows.filter((r) => r.rank !== null && rowFilter(r)).sort((a, b) => a.overallRank! - b.overallRank!);
    const top = shown.slice(0, TREND_PANELS);
    const key = `${preparedKey}|${top.map((r) => r.code).join()}|${Array.from(result.weights.effective, (w) => (w > 0 ? 1 : 0)).join("")}`;
    if (key !== trendKey) {
      trendKey = key;
      trends.replaceChildren(trendMultiples(trendPoints(prepared, result.weights.effective, top), prepared.dimensions.map((d) => d.label), {width: 640}) as Node);
    }
    const levelResult = score(level, weights);
    scatter.replaceChildren(levelChangeScatter(levelChangePoints(levelResult, result, state.top), prepared.window!.from, prepared.window!.to, {width: 640}) as Node);
  }

  function update(patch: Partial<ImprovementState>): void {
    if (patch.model !== undefined && patch.model !== state.model) return window.location.assign(`?model=${encodeURIComponent(patch.model)}`);
    state = {...state, ...patch};
    render();
    toggle.sync();
  }

  const years = wb.matrix.years.filter((y) => y >= firstYear + 2);
  const steadyOutput = html`<output>${formatInteger(state.steady * 100)} %</output>` as HTMLElement;
  const steadyInput = html`<input type="range" min="0" max="1" step="0.05" value=${state.steady} data-testid="min-steadiness">` as HTMLInputElement;
  steadyInput.addEventListener("input", () => {
    steadyOutput.textContent = `${formatInteger(Number(steadyInput.value) * 100)} %`;
    update({steady: Number(steadyInput.value)});
  });
  const weights = weightsPanel(model(), {dimensions: state.dw, indicators: state.w}, titleOf, (w) => update({dw: w.dimensions, w: w.indicators}));
  const controls = html`<div class="controls">
    ${selectControl("Slutår", [...years].reverse().map((y) => ({value: y, label: String(y)})), state.year, (year) => update({year}), "year")}
    ${selectControl("Fönster", [{value: 4, label: "4 år"}, {value: 3, label: "3 år"}], state.window, (window) => update({window: window as 3 | 4}), "window")}
    ${selectControl("Mått", IMPROVEMENT_METHODS.map((m) => ({value: m, label: METHOD_LABELS[m]})), state.method, (method) => update({method}), "method")}
    <label class="control"><span>Minsta stadighet (andel förändringar i rätt riktning)</span><span>${steadyInput} ${steadyOutput}</span></label>
    ${rankingControls(wb, state, update)}
  </div>`;

  const toggle = rowsToggle(() => state, update);
  render();
  setTimeout(() => {
    chartsOn = true;
    render();
  }, 0);
  return workbenchLayout("improvement", notices, model(), controls, weights, [
    summary,
    toggle,
    html`<div class="table-scroll">${table}</div>`,
    html`<h3>Utveckling för de främsta kommunerna</h3>
      <p class="chart-note">Varje tunn linje är ett nyckeltal (färg = dimension), den svarta linjen medelvärdet. 0 = riket; uppåt = bättre än riket, i standardavvikelser för fönstrets första år.</p>`,
    trends,
    html`<h3>Nivå mot förändring</h3>
      <p class="chart-note">Kommuner som började lågt förbättras ofta mest (regression mot medelvärdet). En fallande linje visar det; välj måttet ”Justerad för regression mot medelvärdet” för att rensa bort effekten.</p>`,
    scatter,
    html`<h3>Ej rankade kommuner</h3>`,
    unranked,
    leftOut
  ]);
}
