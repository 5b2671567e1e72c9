/**
 * The Robusthet page's controller: how sure is the nomination? The settings
 * (URL state, lib/state/robustness-state.ts) → an analysis request → the
 * robustness worker (Monte Carlo draws and Sobol indices, off the main
 * thread, with progress and cancel) → the views: a summary, the rank-interval
 * chart, the table with P(top N), intervals and status, the Sobol bars, and a
 * link that opens any draw on Nominering or Utveckling.
 *
 * Every settings change starts a new analysis after a short pause (the old
 * one is cancelled); results are cached by their request, so going back to
 * earlier settings shows their result at once.
 */
import {
  AGGREGATIONS,
  drawChoices,
  type DrawChoices,
  type RankRange,
  IMPROVEMENT_METHODS,
  NORMALISATIONS,
  parseBounds,
  parseDraws,
  parseNoise,
  parseSeed,
  UNCERTAINTY_NORMALISATIONS,
  varyForKind,
  formatBounds,
  type SobolResult,
  type UncertaintyResult,
  type VaryOption
} from "../engine/index.js";
import {checkboxGroup, parsedTextControl, selectControl, winsoriseControl} from "../components/controls.js";
import {appendRows, dataTable, type Column} from "../components/data-table.js";
import {exportButtons, type ExportBar} from "../components/export-buttons.js";
import {formatDecimal, formatInteger, formatPercent} from "../components/format.js";
import {AGGREGATION_LABELS, METHOD_LABELS, NORMALISATION_LABELS} from "../components/method-labels.js";
import {rankIntervalChart} from "../components/rank-interval-chart.js";
import {rankingControls} from "../components/ranking-controls.js";
import {sobolChart, type SobolBar} from "../components/sobol-chart.js";
import {chartData} from "../components/chart-data.js";
import {textView} from "../components/text-view.js";
import {weightsSlot} from "../components/weights-panel.js";
import {workbenchHeader} from "../components/workbench-layout.js";
import {kpiLoader} from "../lib/data/kpi-loader.js";
import type {Workbench} from "../lib/data/workbench.js";
import {resolveModelChoice} from "../lib/state/model-state.js";
import {effectiveEndYear, improvementSpec} from "../lib/state/improvement-state.js";
import {nominationSpec} from "../lib/state/nomination-state.js";
import {pageModel, SCOPE_GROUPING, rankingStore} from "../lib/state/ranking-state.js";
import {robustnessSpec, type RobustnessState} from "../lib/state/robustness-state.js";
import {formatNumber, formatState} from "../lib/state/url-state.js";
import {yieldToMain} from "../lib/yield.js";
import {workerLibraryFiles, type AnalysisProgress, type AnalysisRequest, type RobustnessClient, type WorkerLibraryFiles} from "../lib/workers/robustness-client.js";

/** Municipalities in the rank-interval chart: those with the highest P(top N). */
export const INTERVAL_ROWS = 40;
/** Base sample N of the Sobol design (N · (groups + 2) rankings). */
export const SOBOL_N = 500;
/** Rows of the result table built per task. */
const TABLE_SLICE = 40;
/** Pause after a settings change before a new analysis starts (ms). */
const RESTART_DELAY_MS = 400;

const VARY_LABELS: Record<VaryOption, string> = {
  dimension_weights: "Dimensionsvikter",
  kpi_weights: "Nyckeltalsvikter",
  normalisation: "Normalisering (z, min–max, percentil)",
  aggregation: "Aggregering (aritmetisk/geometrisk)",
  winsorise: "Winsorisering (av/på)",
  window: "Fönster (3 eller 4 år)",
  method: "Förbättringsmått"
};

export interface RobustnessPage {
  header: HTMLElement;
  controls: HTMLElement;
  analysis: HTMLElement;
  weights: HTMLElement;
  run: HTMLElement;
  summary: HTMLElement;
  intervals: HTMLElement;
  table: HTMLElement;
  sobol: HTMLElement;
  /** The Sobol indices as a table (closed until opened). */
  sobolData: HTMLElement;
  draws: HTMLElement;
  /** CSV, XLSX and Parquet of the result table (once the analysis is done); image controls for the charts. */
  exports: ExportBar;
}

/**
 * The worker request for a state: the engine's settings, nothing the page
 * alone knows. For improvement, an end year whose window would start before
 * the data (`firstYear`) moves forward, as on Utveckling.
 */
export function analysisRequest(state: RobustnessState, firstYear: number, library: WorkerLibraryFiles | null = null): AnalysisRequest {
  const vary = varyForKind(state.vary, state.kind);
  const has = (v: VaryOption) => vary.includes(v);
  return {
    model: state.model,
    edited: state.edited ? {model: state.edited, library} : null,
    sobol: SOBOL_N,
    settings: {
      kind: state.kind,
      year: state.kind === "improvement" ? effectiveEndYear(state, firstYear) : state.year,
      draws: state.draws,
      seed: state.seed,
      noise: state.noise,
      topN: state.top,
      grouping: SCOPE_GROUPING[state.scope],
      weights: {dimensions: state.dw, indicators: state.w},
      vary: {
        dimensionWeights: has("dimension_weights"),
        kpiWeights: has("kpi_weights"),
        normalisation: has("normalisation") ? [...UNCERTAINTY_NORMALISATIONS] : null,
        aggregation: has("aggregation"),
        winsorise: has("winsorise"),
        window: has("window"),
        method: has("method") ? [...IMPROVEMENT_METHODS] : null
      },
      nominal:
        state.kind === "nomination"
          ? {normalisation: state.norm, aggregation: state.agg, winsorise: state.wins}
          : {window: state.window, method: state.method, aggregation: state.agg, winsorise: state.wins}
    }
  };
}

/** The query of the Nominering or Utveckling page that shows the state's ranking with `weights` and (optionally) other method choices. */
export function rankingQuery(
  wb: Workbench,
  state: RobustnessState,
  weights: {dimensions: Record<string, number>; indicators: Record<string, number>},
  choices: Partial<Pick<DrawChoices, "normalisation" | "aggregation" | "winsorise" | "window" | "method">> = {}
): {page: "nominering" | "utveckling"; query: string} {
  const choice = {preset: state.model, edited: state.edited};
  const common = {model: state.model, edited: state.edited, scope: state.scope, top: state.top, lan: [], grupp: [], dw: weights.dimensions, w: weights.indicators, rader: "topp" as const};
  const agg = choices.aggregation ?? state.agg;
  const wins = choices.winsorise ?? state.wins;
  if (state.kind === "nomination") {
    const s = {...common, year: state.year, norm: choices.normalisation ?? state.norm, agg, wins};
    return {page: "nominering", query: formatState(s, nominationSpec(wb, choice))};
  }
  const s = {...common, year: state.year, window: choices.window ?? state.window, method: choices.method ?? state.method, steady: 0, agg, wins};
  return {page: "utveckling", query: formatState(s, improvementSpec(wb, choice))};
}

/** The query that shows draw `i` (its weights and method choices). */
export function drawQuery(wb: Workbench, state: RobustnessState, result: UncertaintyResult, i: number): {page: "nominering" | "utveckling"; query: string} {
  const c = drawChoices(result, i);
  return rankingQuery(wb, state, c.weights, {normalisation: c.normalisation, aggregation: c.aggregation, winsorise: c.winsorise, window: c.window, method: c.method});
}


export async function robustnessPage(wb: Workbench, startWorker: () => RobustnessClient): Promise<RobustnessPage> {
  const store = rankingStore(wb, (choice) => robustnessSpec(wb, choice), await resolveModelChoice(wb, window.location.search, kpiLoader(wb)));
  // A link's edited model is analysed as such; the worker gets the library's URLs for its KPIs.
  // (The page has no editor: choosing another preset leaves the edited model for good.)
  const library = store.state.edited ? await workerLibraryFiles() : null;
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  const header = workbenchHeader(store.notices, pageModel(wb.models, store.state), {edited: store.state.edited !== null});
  const summary = textView("p", "summary", "robustness-summary");
  const intervals = document.createElement("div");
  intervals.dataset.testid = "rank-intervals";
  const table = document.createElement("div");
  table.className = "table-scroll";
  table.tabIndex = 0;
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", "Robusthetstabell");
  const sobol = document.createElement("div");
  sobol.dataset.testid = "sobol";
  const sobolData = chartData<SobolBar>(
    "känslighetsindex per grupp",
    [
      {label: "Grupp", value: (b) => b.group},
      {label: "Första ordningen", value: (b) => b.first, format: formatDecimal},
      {label: "Första ordningen, 90 % intervall", value: (b) => `${formatDecimal(b.firstLow)} – ${formatDecimal(b.firstHigh)}`, numeric: true},
      {label: "Total", value: (b) => b.total, format: formatDecimal},
      {label: "Total, 90 % intervall", value: (b) => `${formatDecimal(b.totalLow)} – ${formatDecimal(b.totalHigh)}`, numeric: true}
    ],
    {testId: "sobol-data"}
  );
  const draws = document.createElement("div");
  draws.dataset.testid = "draw-link";
  /** The width of the results column (the charts' width), kept by a ResizeObserver. */
  let resultsWidth = 0;
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(([entry]) => void (resultsWidth = Math.floor(entry?.contentRect.width ?? 0))).observe(intervals);
  }

  // The run panel: progress bar, state line, Kör igen / Avbryt.
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.value = 0;
  progress.dataset.testid = "analysis-progress";
  const status = document.createElement("span");
  status.className = "run-status";
  status.setAttribute("role", "status");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.textContent = "Avbryt";
  cancel.dataset.testid = "cancel-analysis";
  const again = document.createElement("button");
  again.type = "button";
  again.textContent = "Kör analysen";
  again.dataset.testid = "run-analysis";
  const run = document.createElement("div");
  run.className = "run-panel";
  run.dataset.testid = "analysis";
  run.dataset.state = "idle";
  run.append(again, cancel, progress, status);

  const cache = new Map<string, {result: UncertaintyResult; sobol: SobolResult | null; ms: number}>();
  /** Best and worst ranks by request and bounds. */
  const extremesCache = new Map<string, Map<string, RankRange>>();
  let client: RobustnessClient | undefined;
  let current: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runId = 0;

  const setRunState = (state: "idle" | "running" | "done" | "cancelled" | "error", text: string) => {
    run.dataset.state = state;
    status.textContent = text;
    cancel.disabled = state !== "running";
  };

  /** The finished analysis and best/worst ranks of the current settings, for the downloads. */
  function exportedAnalysis(): [UncertaintyResult | undefined, Map<string, RankRange> | undefined] {
    const key = JSON.stringify(analysisRequest(store.state, wb.matrix.years[0]!, library));
    return [cache.get(key)?.result, extremesCache.get(`${key}|${formatBounds(store.state.bounds)}`)];
  }

  async function start(): Promise<void> {
    clearTimeout(timer);
    current?.abort();
    const id = ++runId;
    const state = store.state;
    const request = analysisRequest(state, wb.matrix.years[0]!, library);
    const key = JSON.stringify(request);
    const cached = cache.get(key);
    const extremesKey = `${key}|${formatBounds(state.bounds)}`;
    if (cached && extremesCache.has(extremesKey)) {
      await show(state, cached.result, cached.sobol, id, extremesCache.get(extremesKey)!);
      if (id !== runId) return;
      setRunState("done", `Klar (sparat resultat, ${formatInteger(cached.result.draws)} dragningar).`);
      return;
    }
    const abort = new AbortController();
    current = abort;
    setRunState("running", "Startar …");
    progress.value = 0;
    let shownAt = 0;
    const onProgress = (p: AnalysisProgress) => {
      if (id !== runId) return;
      // At most ten updates a second: the bar needs no more, and each one is main-thread work.
      const now = performance.now();
      if (now - shownAt < 100 && p.done < p.total) return;
      shownAt = now;
      // Draws are the first 60 % of the bar, the Sobol design the rest.
      const share = p.total ? p.done / p.total : 0;
      // Draws the first 30 % of the bar, the Sobol design the next 20 %, best and worst rank the rest.
      progress.value = p.phase === "data" ? 0 : p.phase === "draws" ? 0.3 * share : p.phase === "sobol" ? 0.3 + 0.2 * share : 0.5 + 0.5 * share;
      status.textContent =
        p.phase === "data"
          ? "Läser data …"
          : p.phase === "draws"
            ? `Dragningar ${formatInteger(p.done)} av ${formatInteger(p.total)} …`
            : p.phase === "sobol"
              ? `Känslighetsanalys ${formatInteger(p.done)} av ${formatInteger(p.total)} …`
              : `Bästa och sämsta möjliga rang: ${formatInteger(p.done)} av ${formatInteger(p.total)} kommuner …`;
    };
    try {
      client ??= startWorker();
      let analysed = cached;
      if (!analysed) {
        const reply = await client.analyse(request, {onProgress, signal: abort.signal});
        if (id !== runId) return;
        if (reply.cancelled) return setRunState("cancelled", "Avbruten.");
        cache.set(key, reply);
        analysed = reply;
        // For the browser bench: the worker's own times (ms).
        run.dataset.msDraws = String(Math.round(reply.times.draws));
        run.dataset.msSobol = String(Math.round(reply.times.sobol));
      }
      status.textContent = "Ritar resultatet …";
      await show(state, analysed.result, analysed.sobol, id, null);
      if (id !== runId) return;
      const extremes = await client.extremes(request, {bounds: state.bounds, code: null}, {onProgress, signal: abort.signal});
      if (id !== runId) return;
      if (extremes.cancelled) return setRunState("cancelled", "Avbruten (bästa och sämsta rang saknas).");
      const byCode = new Map(extremes.ranges.map((r) => [r.code, r]));
      extremesCache.set(extremesKey, byCode);
      run.dataset.msExtremes = String(Math.round(extremes.ms));
      progress.value = 1;
      await showTable(state, analysed.result, byCode, id);
      if (id !== runId) return;
      setRunState(
        "done",
        `Klar: ${formatInteger(analysed.result.draws)} dragningar${analysed.sobol ? ` och ${formatInteger(analysed.sobol.evaluations)} rangordningar för känsligheten` : ""} på ${(analysed.ms / 1000).toLocaleString("sv-SE", {maximumFractionDigits: 1})} s; bästa och sämsta rang för ${formatInteger(extremes.ranges.length)} kommuner på ${(extremes.ms / 1000).toLocaleString("sv-SE", {maximumFractionDigits: 1})} s.`
      );
    } catch (error) {
      if (id !== runId) return;
      setRunState("error", `Analysen kunde inte köras: ${(error as Error).message}`);
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    current?.abort();
    setRunState("running", "Väntar på fler ändringar …");
    timer = setTimeout(() => void start(), RESTART_DELAY_MS);
  }

  /**
   * Shows a result, one view per task (each 5–25 ms here), so that no task
   * on the main thread gets near 50 ms; stops when a newer run has started.
   */
  async function show(state: RobustnessState, result: UncertaintyResult, sobolResult: SobolResult | null, id: number, extremes: Map<string, RankRange> | null): Promise<void> {
    // Widths from the ResizeObserver: reading clientWidth here would force a layout of the whole page in this task.
    const width = Math.max(480, resultsWidth || 800);
    const byP = sortByChance(result);
    const safe = result.rows.filter((r) => r.status === "säker").length;
    const borderline = result.rows.filter((r) => r.status === "gränsfall").length;
    const scope = state.scope === "all" ? "" : " inom sin grupp";
    summary.update(
      `${formatInteger(result.draws)} dragningar (frö ${state.seed}, brus ±${formatPercent(state.noise)}). ${safe} kommuner är säkra (i topp ${state.top}${scope} i minst 90 % av dragningarna), ${borderline} är gränsfall.`,
      runId
    );
    await yieldToMain();
    if (id !== runId) return;
    intervals.replaceChildren(
      rankIntervalChart(
        byP.slice(0, INTERVAL_ROWS).map((r) => ({code: r.code, name: r.name, nominalRank: r.nominalRank, medianRank: r.medianRank, q05Rank: r.q05, q95Rank: r.q95, pTopN: r.pTopN})),
        {width, topN: state.top}
      )
    );
    await showTable(state, result, extremes, id);
    await yieldToMain();
    if (id !== runId) return;
    if (sobolResult && sobolResult.indices.length) {
      const bars: SobolBar[] = sobolResult.indices.map((g) => ({group: g.label, first: g.first, firstLow: g.firstBand[0], firstHigh: g.firstBand[1], total: g.total, totalLow: g.totalBand[0], totalHigh: g.totalBand[1]}));
      sobol.replaceChildren(sobolChart(bars, {width}));
      sobolData.update(bars);
    } else {
      sobol.textContent = "Inget varieras: ingen känslighet att visa.";
      sobolData.update([]);
    }
    draws.replaceChildren(drawLinkControl(wb, state, result));
    for (const el of [intervals, table, sobol, draws]) el.dataset.version = String(runId);
  }

  /** The table (its own task): Monte Carlo figures, then best and worst rank with links to their weights once computed. */
  async function showTable(state: RobustnessState, result: UncertaintyResult, extremes: Map<string, RankRange> | null, id: number): Promise<void> {
    await yieldToMain();
    if (id !== runId) return;
    const range = (code: string) => extremes?.get(code) ?? null;
    const bounds = `${formatBounds(state.bounds).replace(",", "–")} × modellens dimensionsvikter`;
    // The links to best and worst weights differ only in `dw`: the rest of the query is made once.
    const base = rankingQuery(wb, state, {dimensions: state.dw, indicators: state.w});
    const baseParams = new URLSearchParams(base.query);
    baseParams.delete("dw");
    const hrefPrefix = `./${base.page}.html?${baseParams.toString()}&dw=`;
    const extremeLink = (r: RankRange | null, which: "best" | "worst"): HTMLElement | null => {
      if (!r) return null;
      const weights = which === "best" ? r.bestWeights : r.worstWeights;
      const a = document.createElement("a");
      a.href = hrefPrefix + encodeURIComponent(Object.entries(weights).map(([id, w]) => `${id}:${formatNumber(w)}`).join(","));
      a.textContent = String(which === "best" ? r.bestRank : r.worstRank);
      a.dataset.testid = `${which}-link`;
      a.title = `Öppna vikterna som ger rang ${a.textContent}`;
      return a;
    };
    const rows = sortByChance(result);
    const columns: Column<(typeof rows)[number]>[] = [
      {label: "Kommun", value: (r) => profileLink(r.code, r.name)},
      {label: "Nu", value: (r) => r.nominalRank, format: formatInteger, numeric: true, title: "Rang med nuvarande vikter och metod"},
      {label: `P(topp ${state.top})`, value: (r) => r.pTopN, format: formatPercent, numeric: true},
      {label: "P(etta)", value: (r) => r.pFirst, format: formatPercent, numeric: true},
      {label: "Median", value: (r) => r.medianRank, format: formatInteger, numeric: true},
      {label: "5–95 %", value: (r) => (r.q05 === null ? null : `${r.q05}–${r.q95}`), numeric: true},
      {label: "Bästa", value: (r) => extremeLink(range(r.code), "best"), numeric: true, title: `Bästa möjliga rang när dimensionsvikterna får variera ${bounds} (exakt); länken öppnar vikterna`},
      {label: "Sämsta", value: (r) => extremeLink(range(r.code), "worst"), numeric: true, title: `Sämsta möjliga rang inom samma gränser`},
      {label: "Status", value: (r) => statusCell(r.status, range(r.code), state.top)}
    ];
    // 290 rows of links in one task took up to ~70 ms on a busy 2-core machine: build them in slices.
    const element = dataTable(rows.slice(0, TABLE_SLICE), columns, {testId: "robustness-table", rowKey: (r) => r.code});
    for (let i = TABLE_SLICE; i < rows.length; i += TABLE_SLICE) {
      await yieldToMain();
      if (id !== runId) return;
      appendRows(element, rows.slice(i, i + TABLE_SLICE), columns, (r) => r.code);
    }
    table.replaceChildren(element);
    table.dataset.extremes = extremes ? "done" : "pending";
    table.dataset.version = String(id);
  }

  function update(patch: Partial<RobustnessState>): void {
    if (store.apply(patch)) {
      const model = pageModel(wb.models, store.state);
      weights.show(model, {dimensions: store.state.dw, indicators: store.state.w});
      header.setModel(model, store.state.edited !== null);
    }
    store.save();
    schedule();
  }

  const initial = store.state;
  const weights = weightsSlot(titleOf, (w) => update({dw: w.dimensions, w: w.indicators}));
  weights.show(pageModel(wb.models, initial), {dimensions: initial.dw, indicators: initial.w});

  const years = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const controls = document.createElement("div");
  controls.className = "controls";
  const kindControl = selectControl(
    "Rangordning av",
    [
      {value: "nomination", label: "Nominering (nivå)"},
      {value: "improvement", label: "Utveckling (förbättring)"}
    ] as const,
    initial.kind,
    (kind) => update({kind}),
    "kind"
  );
  controls.append(
    kindControl,
    selectControl("År (utveckling: slutår)", years, initial.year, (year) => update({year}), "year"),
    selectControl("Normalisering (nominering)", NORMALISATIONS.map((n) => ({value: n, label: NORMALISATION_LABELS[n]})), initial.norm, (norm) => update({norm}), "normalisation"),
    selectControl("Fönster (utveckling)", [{value: 4, label: "4 år"}, {value: 3, label: "3 år"}], initial.window, (window) => update({window: window as 3 | 4}), "window"),
    selectControl("Mått (utveckling)", IMPROVEMENT_METHODS.map((m) => ({value: m, label: METHOD_LABELS[m]})), initial.method, (method) => update({method}), "method"),
    selectControl("Aggregering", AGGREGATIONS.map((a) => ({value: a, label: AGGREGATION_LABELS[a]})), initial.agg, (agg) => update({agg}), "aggregation"),
    winsoriseControl(initial.wins, (wins) => update({wins})),
    ...rankingControls(wb, initial, update).filter((c) => !c.querySelector("[data-testid^=filter-]"))
  );

  const analysis = document.createElement("div");
  analysis.className = "controls";
  analysis.append(
    parsedTextControl("Dragningar (1–20 000)", String(initial.draws), parseDraws, (draws) => update({draws}), "draws"),
    parsedTextControl("Brus f: vikt × U(1 − f, 1 + f)", String(initial.noise), parseNoise, (noise) => update({noise}), "noise"),
    parsedTextControl("Frö", String(initial.seed), parseSeed, (seed) => update({seed}), "seed"),
    checkboxGroup(
      "Varierar",
      (Object.keys(VARY_LABELS) as VaryOption[]).map((v) => ({value: v, label: VARY_LABELS[v]})),
      initial.vary,
      (vary) => update({vary}),
      "vary"
    ),
    parsedTextControl("Gränser för bästa/sämsta rang (faktor LÅG,HÖG; 0,inf = alla)", formatBounds(initial.bounds), parseBounds, (bounds) => update({bounds}), "bounds")
  );

  again.addEventListener("click", () => void start());
  cancel.addEventListener("click", () => {
    clearTimeout(timer);
    current?.abort();
    runId++;
    setRunState("cancelled", "Avbruten.");
  });
  store.save();
  void start();
  return {header, controls, analysis, weights, run, summary, intervals, table, sobol, sobolData, draws, exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).robustnessExport(wb, store.state, ...exportedAnalysis()))};
}

function profileLink(code: string, name: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = `./kommun.html?kommun=${code}`;
  a.textContent = name;
  return a;
}

/** The rows by P(top N) (highest first), then nominal rank, then code. */
function sortByChance(result: UncertaintyResult): UncertaintyResult["rows"] {
  return [...result.rows].sort((a, b) => b.pTopN - a.pTopN || (a.nominalRank ?? Infinity) - (b.nominalRank ?? Infinity) || (a.code < b.code ? -1 : 1));
}

/** The status word, and "når aldrig topp N" when even the best rank within the bounds is outside it. */
function statusCell(status: string, range: RankRange | null, topN: number): HTMLElement {
  const span = document.createElement("span");
  span.className = `status status-${status === "säker" ? "safe" : status === "gränsfall" ? "borderline" : "outside"}`;
  span.textContent = status;
  if (range && !range.canReachTopN) {
    const wrap = document.createElement("span");
    const never = document.createElement("small");
    never.className = "never-top";
    never.textContent = ` når aldrig topp ${topN}`;
    wrap.append(span, never);
    return wrap;
  }
  return span;
}

/** "Öppna dragning nr i": a number input and a link to the page that shows that draw. */
function drawLinkControl(wb: Workbench, state: RobustnessState, result: UncertaintyResult): HTMLElement {
  const wrap = document.createElement("p");
  const input = document.createElement("input");
  input.type = "number";
  input.min = "1";
  input.max = String(result.draws);
  input.value = "1";
  input.setAttribute("aria-label", "Dragningens nummer");
  input.dataset.testid = "draw-number";
  const link = document.createElement("a");
  link.dataset.testid = "draw-href";
  const set = () => {
    const i = Math.min(result.draws, Math.max(1, Math.round(Number(input.value)) || 1)) - 1;
    const {page, query} = drawQuery(wb, state, result, i);
    link.href = `./${page}.html?${query}`;
    link.textContent = `Öppna dragning ${i + 1} i ${page === "nominering" ? "Nominering" : "Utveckling"}`;
  };
  input.addEventListener("input", set);
  set();
  wrap.append("Dragning nr ", input, " ", link);
  return wrap;
}
