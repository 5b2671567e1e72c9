/**
 * The Granskning page's controller: the indicator audit (engine/audit.ts) of
 * the model, year and method in the URL, with the weights in the URL (the
 * same parameters as Nominering, so "Granska" carries the current view).
 * The audit re-prepares the model once per KPI and dimension (drop-one), so
 * it runs once per change of settings, after the page has shown its frame.
 */
import {AGGREGATIONS, auditIndicators, NORMALISATIONS, prepareNomination, type IndicatorAudit} from "../engine/index.js";
import {selectControl, winsoriseControl} from "../components/controls.js";
import {AGGREGATION_LABELS, NORMALISATION_LABELS} from "../components/method-labels.js";
import {correlationHeatmap, type CorrelationCell} from "../components/correlation-heatmap.js";
import {chartData} from "../components/chart-data.js";
import {dataTable} from "../components/data-table.js";
import {exportButtons, type ExportBar} from "../components/export-buttons.js";
import {formatDecimal, formatInteger, formatPercent} from "../components/format.js";
import {integerControl} from "../components/controls.js";
import {resizeWithContainer} from "../components/fit-width.js";
import {textView} from "../components/text-view.js";
import {weightsSlot} from "../components/weights-panel.js";
import {workbenchHeader} from "../components/workbench-layout.js";
import {kpiLoader} from "../lib/data/kpi-loader.js";
import type {Workbench} from "../lib/data/workbench.js";
import {resolveModelChoice} from "../lib/state/model-state.js";
import {nominationSpec, type NominationState} from "../lib/state/nomination-state.js";
import {pageModel, rankingStore} from "../lib/state/ranking-state.js";
import {scrollRegion} from "../components/a11y.js";

export interface AuditPage {
  header: HTMLElement;
  controls: HTMLElement;
  weights: HTMLElement;
  summary: HTMLElement;
  flags: HTMLElement;
  kpis: HTMLElement;
  correlations: HTMLElement;
  /** Every pair's Spearman correlation as a table (closed until opened). */
  correlationsData: HTMLElement;
  dimensions: HTMLElement;
  /** CSV, XLSX and Parquet of the KPI table (`.table("dimensioner")`: the dimensions); an image control for the heat map. */
  exports: ExportBar;
}

const FLAG_LABELS: Record<string, string> = {
  double_counting: "Trolig dubbelräkning",
  direction_conflict: "Riktningskonflikt",
  outlier: "Extremvärden",
  influence_high: "Väger mer än sin vikt",
  influence_low: "Väger mindre än sin vikt"
};

const decimal = (v: number) => formatDecimal(v);
const percent = (v: number) => formatPercent(v);

/** The correlation matrix as heat-map cells, each with its flag (if any). */
export function correlationCells(audit: IndicatorAudit): CorrelationCell[] {
  const flagOf = new Map<string, string>();
  for (const f of audit.flags) {
    if (f.code !== "double_counting" && f.code !== "direction_conflict") continue;
    const [a, b] = f.kpis as [string, string];
    const label = f.code === "double_counting" ? "dubbelräkning" : "riktningskonflikt";
    flagOf.set(`${a}|${b}`, label);
    flagOf.set(`${b}|${a}`, label);
  }
  const {kpis, r} = audit.correlations;
  return kpis.flatMap((row, i) => kpis.map((column, j) => ({row, column, r: r[i]![j]!, flag: flagOf.get(`${row}|${column}`) ?? null})));
}

export async function auditPage(wb: Workbench): Promise<AuditPage> {
  const store = rankingStore(wb, (choice) => nominationSpec(wb, choice), await resolveModelChoice(wb, window.location.search, kpiLoader(wb)));
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  const header = workbenchHeader(store.notices, pageModel(wb.models, store.state), {edited: store.state.edited !== null});
  const summary = textView("p", "audit-summary", "summary");
  const flags = document.createElement("div");
  flags.dataset.testid = "audit-flags";
  const kpis = document.createElement("div");
  kpis.className = "table-scroll-x";
  scrollRegion(kpis, "Tabell: nyckeltalen");
  const correlations = document.createElement("div") as HTMLDivElement & {resize(width: number): void};
  correlations.dataset.testid = "correlation-heatmap";
  const correlationsData = chartData<CorrelationCell>(
    "Spearmans rangkorrelation för varje par av nyckeltal",
    [
      {label: "Nyckeltal A", value: (c) => c.row},
      {label: "Nyckeltal B", value: (c) => c.column},
      {label: "Spearmans ρ", value: (c) => c.r, format: formatDecimal},
      {label: "Flagga", value: (c) => c.flag ?? ""}
    ],
    {testId: "correlation-data"}
  );
  let drawHeatmap: ((width: number) => void) | undefined;
  let heatmapWidth = 0;
  correlations.resize = (width) => {
    if (width === heatmapWidth) return;
    heatmapWidth = width;
    drawHeatmap?.(width);
  };
  const dimensions = document.createElement("div");
  dimensions.className = "table-scroll-x";
  scrollRegion(dimensions, "Tabell: dimensionerna");
  let version = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;

  function render(): void {
    const v = ++version;
    summary.update("Beräknar granskningen …", v);
    clearTimeout(pending);
    // After this frame: the audit takes 0.1–0.3 s (one re-prepare per KPI and dimension).
    pending = setTimeout(() => show(v), 0);
    store.save();
  }

  function show(v: number): void {
    const state = store.state;
    const model = pageModel(wb.models, state);
    const prepared = prepareNomination(wb.matrix, model, state.year, {normalisation: state.norm, aggregation: state.agg, winsorise: state.wins});
    const audit = auditIndicators(prepared, {weights: {dimensions: state.dw, indicators: state.w}, topN: state.top});
    if (v !== version) return;
    summary.update(
      `${audit.kpis.length} nyckeltal, år ${audit.year}; ${audit.ranked} av ${audit.nMunicipalities} kommuner rankade. ${audit.flags.length} flaggor. Utan-ett-i-taget jämför med topp ${audit.topN}.`,
      v
    );
    flags.replaceChildren(flagList(audit));
    kpis.replaceChildren(kpiTable(audit, titleOf));
    const cells = correlationCells(audit);
    drawHeatmap = (width: number) => correlations.replaceChildren(correlationHeatmap(cells, {kpis: audit.correlations.kpis, width}));
    drawHeatmap(heatmapWidth || correlations.clientWidth || 800);
    // Each pair once (the matrix is symmetric), in the heat map's order.
    const order = new Map(audit.correlations.kpis.map((k, i) => [k, i]));
    correlationsData.update(cells.filter((c) => order.get(c.row)! < order.get(c.column)!));
    dimensions.replaceChildren(dimensionTable(audit));
    for (const el of [flags, kpis, correlations, dimensions]) el.dataset.version = String(v);
  }

  function update(patch: Partial<NominationState>): void {
    if (store.apply(patch)) {
      const model = pageModel(wb.models, store.state);
      weights.show(model, {dimensions: store.state.dw, indicators: store.state.w});
      header.setModel(model, store.state.edited !== null);
    }
    render();
  }

  const initial = store.state;
  const weights = weightsSlot(titleOf, (w) => update({dw: w.dimensions, w: w.indicators}));
  weights.show(pageModel(wb.models, initial), {dimensions: initial.dw, indicators: initial.w});
  const controls = document.createElement("div");
  controls.className = "controls";
  controls.append(
    ...(wb.models.length > 1 ? [selectControl("Modell", wb.models.map((m) => ({value: m.id, label: m.model.name})), initial.model, (model) => update({model}), "model")] : []),
    selectControl("År", [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)})), initial.year, (year) => update({year}), "year"),
    selectControl("Normalisering", NORMALISATIONS.map((n) => ({value: n, label: NORMALISATION_LABELS[n]})), initial.norm, (norm) => update({norm}), "normalisation"),
    selectControl("Aggregering", AGGREGATIONS.map((a) => ({value: a, label: AGGREGATION_LABELS[a]})), initial.agg, (agg) => update({agg}), "aggregation"),
    winsoriseControl(initial.wins, (wins) => update({wins})),
    integerControl("Topp N (för utan-ett-i-taget)", initial.top, 1, 290, (top) => update({top}), "top-n")
  );
  resizeWithContainer(correlations);
  render();
  return {header, controls, weights, summary, flags, kpis, correlations, correlationsData, dimensions, exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).auditExport(wb, store.state))};
}

function flagList(audit: IndicatorAudit): HTMLElement {
  if (!audit.flags.length) {
    const p = document.createElement("p");
    p.textContent = "Inga flaggor.";
    return p;
  }
  const list = document.createElement("ul");
  list.className = "audit-flags";
  for (const f of audit.flags) {
    const li = document.createElement("li");
    li.dataset.flag = f.code;
    li.title = FLAG_LABELS[f.code] ?? f.code;
    li.append(f.message);
    list.append(li);
  }
  return list;
}

function kpiTable(audit: IndicatorAudit, titleOf: (kpi: string) => string): HTMLTableElement {
  return dataTable(
    audit.kpis,
    [
      {label: "KPI", value: (k) => withTitle(k.kpi, titleOf(k.kpi))},
      {label: "Dimension", value: (k) => k.dimension},
      {label: "Täckning", value: (k) => k.coverage, format: percent, numeric: true},
      {label: "Medel", value: (k) => k.mean, format: decimal, numeric: true},
      {label: "Sd", value: (k) => k.sd, format: decimal, numeric: true},
      {label: "Skevhet", value: (k) => k.skewness, format: decimal, numeric: true},
      {label: "Kurtosis", value: (k) => k.kurtosis, format: decimal, numeric: true},
      {label: "Extremvärden", value: (k) => (k.outlier === null ? null : k.outlier ? `ja (${k.winsorisedPoints})` : "nej")},
      {label: "r dimension", value: (k) => k.rDimension, format: decimal, numeric: true, title: "Pearsons r mellan nyckeltalet och dess dimensionspoäng"},
      {label: "r totalt", value: (k) => k.rTotal, format: decimal, numeric: true, title: "Pearsons r mellan nyckeltalet och totalpoängen"},
      {label: "Viktandel", value: (k) => k.weightShare, format: percent, numeric: true},
      {label: "Påverkan / vikt", value: (k) => k.influenceRatio, format: decimal, numeric: true, title: "Andel av påverkan (r² mot totalen) delad med viktandelen; under 0,5 eller över 2 flaggas"},
      {label: "Utan: medel |Δrang|", value: (k) => k.drop?.meanAbsRankShift ?? null, format: decimal, numeric: true},
      {label: "Utan: max |Δrang|", value: (k) => k.drop?.maxAbsRankShift ?? null, format: formatInteger, numeric: true},
      {label: `Utan: byten i topp ${audit.topN}`, value: (k) => k.drop?.topNChanges ?? null, format: formatInteger, numeric: true}
    ],
    {testId: "audit-kpis", rowKey: (k) => k.kpi}
  );
}

function dimensionTable(audit: IndicatorAudit): HTMLTableElement {
  return dataTable(
    audit.dimensions,
    [
      {label: "Dimension", value: (d) => d.label},
      {label: "Vikt", value: (d) => d.weight, format: decimal, numeric: true},
      {label: "Nyckeltal", value: (d) => d.kpis.length, format: formatInteger, numeric: true},
      {label: "Cronbachs α", value: (d) => d.alpha, format: decimal, numeric: true},
      {label: "Fall", value: (d) => d.alphaN, format: formatInteger, numeric: true, title: "Kommuner med alla dimensionens nyckeltal"},
      {label: "Utan: medel |Δrang|", value: (d) => d.drop?.meanAbsRankShift ?? null, format: decimal, numeric: true},
      {label: "Utan: max |Δrang|", value: (d) => d.drop?.maxAbsRankShift ?? null, format: formatInteger, numeric: true},
      {label: `Utan: byten i topp ${audit.topN}`, value: (d) => d.drop?.topNChanges ?? null, format: formatInteger, numeric: true}
    ],
    {testId: "audit-dimensions", rowKey: (d) => d.id}
  );
}

/** A KPI id with its Kolada title on hover (the table stays narrow enough for its numbers). */
function withTitle(kpi: string, title: string): HTMLElement {
  const abbr = document.createElement("abbr");
  abbr.title = title;
  abbr.textContent = kpi;
  return abbr;
}
