/**
 * The Utvecklingskommun page's controller: the improvement ranking (Theil-Sen
 * slope over a 3- or 4-year window, per first-year spread) with steadiness,
 * trend small multiples for the top municipalities, and level versus change.
 *
 * Memoised by real dependencies: `prepareImprovement` only when the model,
 * end year, window or method changes; the level ranking of the window's first
 * year only when the model or that year changes; the model-weight baseline
 * when those or the scope or steadiness change. Every change re-scores
 * (≈ 0.2 ms) and updates every view in place in the same task, each taking
 * the new state version as its `data-version`.
 *
 * The model is page state too (model-state.ts, the "Modell" panel): an edit
 * is a new model object, so every step that depends on the model re-runs.
 */
import {
  defaultWeights,
  IMPROVEMENT_METHODS,
  levelChangePoints,
  nationalGapPoints,
  nothingRankedReason,
  AGGREGATIONS,
  prepareImprovement,
  prepareNomination,
  score,
  topRows,
  type Aggregation,
  type ImprovementMethod,
  type Model,
  type Prepared,
  type RankingRow,
  type ScoreResult,
  type Weights
} from "../engine/index.js";
import {selectControl, winsoriseControl} from "../components/controls.js";
import {exportButtons, type ExportBar} from "../components/export-buttons.js";
import {AGGREGATION_LABELS, METHOD_LABELS} from "../components/method-labels.js";
import {formatInteger} from "../components/format.js";
import {levelChangeChart} from "../components/level-change-chart.js";
import {rankByCode, rankingTable} from "../components/ranking-table.js";
import {rankingControls, rowsToggle} from "../components/ranking-controls.js";
import {resizeWithContainer} from "../components/fit-width.js";
import {trendMultiples} from "../components/trend-multiples.js";
import {textView} from "../components/text-view.js";
import {unrankedList} from "../components/unranked-list.js";
import {weightsSlot} from "../components/weights-panel.js";
import {group, rankingSection, workbenchHeader} from "../components/workbench-layout.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";
import {memo} from "../lib/memo.js";
import {effectiveEndYear, improvementSpec, type ImprovementState} from "../lib/state/improvement-state.js";
import {resolveModelChoice} from "../lib/state/model-state.js";
import {matchesFilters, pageModel, SCOPE_GROUPING, tableRowLimit, rankingStore, type Scope} from "../lib/state/ranking-state.js";
import {modelEditor} from "./model-editor.js";

/** A number per model object, for the trend panels' redraw key (an edited model may keep its name). */
const serials = new WeakMap<Model, number>();
let nextSerial = 0;
function modelSerial(model: Model): number {
  let serial = serials.get(model);
  if (serial === undefined) serials.set(model, (serial = nextSerial++));
  return serial;
}

/** Municipalities shown as trend small multiples. */
const TREND_PANELS = 8;

/** The page's views, placed under their headings by utveckling.md. */
export interface ImprovementPage {
  header: HTMLElement;
  controls: HTMLElement;
  weights: HTMLElement;
  /** The "Modell" panel: the model, its download and upload, the editor. */
  model: HTMLElement;
  ranking: HTMLElement;
  trends: HTMLElement;
  levelChange: HTMLElement;
  unranked: HTMLElement;
  /** CSV, XLSX and Parquet of the ranking; image controls for the charts. */
  exports: ExportBar;
}

export async function improvementPage(wb: Workbench): Promise<ImprovementPage> {
  const editor = modelEditor(wb);
  const store = rankingStore(wb, (choice) => improvementSpec(wb, choice), await resolveModelChoice(wb, window.location.search, editor.ensureKpis));
  let version = 0;
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  const firstYear = wb.matrix.years[0]!;

  // The matrix is an argument: it grows when KPIs are added.
  const prepare = memo((matrix: Workbench["matrix"], model: Model, endYear: number, window: 3 | 4, method: ImprovementMethod, aggregation: Aggregation, winsorise: boolean) =>
    prepareImprovement(matrix, model, endYear, {window, method, aggregation, winsorise})
  );
  const prepareLevel = memo((matrix: Workbench["matrix"], model: Model, year: number) => prepareNomination(matrix, model, year));
  const rankOptions = (scope: Scope, steady: number) => ({grouping: SCOPE_GROUPING[scope], minSteadiness: steady > 0 ? steady : undefined});
  const baselineOf = memo((prepared: Prepared, scope: Scope, steady: number) => rankByCode(score(prepared, defaultWeights(prepared.model), rankOptions(scope, steady))));

  const header = workbenchHeader(store.notices, pageModel(wb.models, store.state), {report: "utveckling", edited: store.state.edited !== null});
  const summary = textView("p", "summary", "summary");
  const table = rankingTable();
  const toggle = rowsToggle(() => store.state, update);
  const trends = trendMultiples({panels: TREND_PANELS});
  resizeWithContainer(trends);
  const scatter = levelChangeChart();
  resizeWithContainer(scatter);
  const unranked = unrankedList();
  const leftOut = textView("div", "left-out");

  /**
   * The trend small multiples and level versus change. At load they come in a
   * task after the table's first render (the first rows wait only for the
   * data); after that they update with every change, in the same task.
   */
  let chartsOn = false;
  function drawCharts(result: ScoreResult, weights: Weights, keep: (row: RankingRow) => boolean, prepared: Prepared, model: Model): void {
    const state = store.state;
    const window = prepared.window!;
    const top = topRows(result, result.rows.filter(keep), TREND_PANELS);
    const mask = Array.from(result.weights.effective, (w) => (w > 0 ? 1 : 0)).join("");
    trends.update(
      {
        municipalities: top.map((r) => r.name),
        points: nationalGapPoints(prepared, result.weights.effective, top),
        dimensions: prepared.dimensions.map((d) => d.label),
        years: Array.from({length: window.length}, (_, i) => window.from + i)
      },
      `${modelSerial(model)}|${window.from}|${window.to}|${state.method}|${top.map((r) => r.code).join()}|${mask}`,
      version
    );
    const level = score(prepareLevel(wb.matrix, model, window.from), weights);
    scatter.update({points: levelChangePoints(level, result, state.top), fromYear: window.from, toYear: window.to}, version);
  }

  function render(): void {
    version++;
    const state = store.state;
    const model = pageModel(wb.models, state);
    const endYear = effectiveEndYear(state, firstYear);
    const prepared = prepare(wb.matrix, model, endYear, state.window, state.method, state.agg, state.wins);
    const window = prepared.window!;
    const baseline = baselineOf(prepared, state.scope, state.steady);
    const weights = {dimensions: state.dw, indicators: state.w};
    const result = score(prepared, weights, rankOptions(state.scope, state.steady));
    const keep = (row: RankingRow) => matchesFilters(state, row);
    table.update(result, {limit: tableRowLimit(state), topN: state.top, baselineRank: baseline, steadiness: true, filter: keep, profileHref: (code) => `./kommun.html?kommun=${code}`}, version);

    if (chartsOn) drawCharts(result, weights, keep, prepared, model);
    unranked.update(result, version);

    const ranked = result.rows.filter((r) => r.rank !== null).length;
    summary.update(
      (ranked === 0
        ? `Ingen kommun kunde rankas för ${window.from}–${window.to}: ${nothingRankedReason(result)}.`
        : `${ranked} av ${result.rows.length} kommuner rankade för ${window.from}–${window.to} (${window.length} år; ${result.usable} användbara nyckeltal med vikt > 0, minst ${result.required} krävs)` +
          (state.steady > 0 ? `; kräver stadighet minst ${formatInteger(state.steady * 100)} %.` : ".")) +
        (endYear !== state.year ? ` Slutåret flyttades till ${endYear} eftersom fönstret annars börjar före ${firstYear}.` : ""),
      version
    );
    leftOut.update(
      [
        prepared.leftOut.length ? `Utelämnade nyckeltal: ${prepared.leftOut.map((l) => `${l.kpi} (${l.reason}, ${l.year})`).join("; ")}.` : "",
        ...prepared.notes.map((n) => `${n.kpi}: ${n.note}.`)
      ]
        .filter(Boolean)
        .join(" "),
      version
    );
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

  function update(patch: Partial<ImprovementState>): void {
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

  const years = wb.matrix.years.filter((y) => y >= firstYear + 2);
  const steadyOutput = document.createElement("output");
  const steadyInput = Object.assign(document.createElement("input"), {type: "range", min: "0", max: "1", step: "0.05", value: String(initial.steady)});
  steadyInput.dataset.testid = "min-steadiness";
  const showSteady = () => void (steadyOutput.textContent = `${formatInteger(Number(steadyInput.value) * 100)} %`);
  showSteady();
  steadyInput.addEventListener("input", () => {
    showSteady();
    update({steady: Number(steadyInput.value)});
  });
  const steadyLabel = document.createElement("label");
  steadyLabel.className = "control";
  const steadyText = document.createElement("span");
  steadyText.textContent = "Minsta stadighet (andel förändringar i rätt riktning)";
  const steadyRow = document.createElement("span");
  steadyRow.append(steadyInput, " ", steadyOutput);
  steadyLabel.append(steadyText, steadyRow);

  const controls = document.createElement("div");
  controls.className = "controls";
  controls.append(
    selectControl("Slutår", [...years].reverse().map((y) => ({value: y, label: String(y)})), initial.year, (year) => update({year}), "year"),
    selectControl("Fönster", [{value: 4, label: "4 år"}, {value: 3, label: "3 år"}], initial.window, (window) => update({window: window as 3 | 4}), "window"),
    selectControl("Mått", IMPROVEMENT_METHODS.map((m) => ({value: m, label: METHOD_LABELS[m]})), initial.method, (method) => update({method}), "method"),
    selectControl("Aggregering", AGGREGATIONS.map((a) => ({value: a, label: AGGREGATION_LABELS[a]})), initial.agg, (agg) => update({agg}), "aggregation"),
    winsoriseControl(initial.wins, (wins) => update({wins})),
    steadyLabel,
    ...rankingControls(wb, initial, update)
  );

  const start = performance.now();
  render();
  performance.measure("utveckling: first render", {start});
  setTimeout(() => {
    chartsOn = true;
    render();
  }, 0);
  return {header, controls, weights, model: modelPanel, ranking: rankingSection(summary, toggle, table), trends, levelChange: scatter, unranked: group(unranked, leftOut), exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).improvementExport(wb, store.state))};
}
