/**
 * The Rapport page's controller: a printable method report of the ranking
 * the link describes. `sida=nominering|utveckling` picks the ranking; every
 * other parameter is that page's own (the same URL state), so "Skapa
 * rapport" on Nominering and Utveckling opens the report of exactly the view
 * on screen, an edited model (`edited=`) included. The report is computed
 * once; it has no controls to change it.
 */
import {
  contributionBars,
  effectiveWeightShares,
  nothingRankedReason,
  periodText,
  prepareImprovement,
  prepareNomination,
  score,
  type ScoreResult,
  type UncertaintyRow
} from "../engine/index.js";
import {dataTable} from "../components/data-table.js";
import {scrollTable} from "../components/a11y.js";
import {resizeWithContainer} from "../components/fit-width.js";
import {dimensionContributionChart} from "../components/dimension-contribution-chart.js";
import {formatDate, formatDecimal, formatInteger, formatPercent} from "../components/format.js";
import {AGGREGATION_LABELS, METHOD_LABELS, NORMALISATION_LABELS} from "../components/method-labels.js";
import {qrCode} from "../components/qr-code.js";
import {unrankedList} from "../components/unranked-list.js";
import {urlNotice} from "../components/url-notice.js";
import type {ManifestInfo} from "../components/source-note.js";
import {kpiLoader} from "../lib/data/kpi-loader.js";
import type {Workbench} from "../lib/data/workbench.js";
import {methodSections} from "../lib/report/method-text.js";
import {effectiveEndYear, improvementSpec, type ImprovementState} from "../lib/state/improvement-state.js";
import {nominationSpec, type NominationState} from "../lib/state/nomination-state.js";
import {resolveModelChoice, type ModelChoice} from "../lib/state/model-state.js";
import {readPageState} from "../lib/state/page-state.js";
import {pageModel, SCOPE_GROUPING} from "../lib/state/ranking-state.js";
import {formatStateCompact, oneOf, type Spec} from "../lib/state/url-state.js";
import {workerLibraryFiles, type RobustnessClient} from "../lib/workers/robustness-client.js";

export const REPORT_PAGES = ["nominering", "utveckling"] as const;
export type ReportOf = (typeof REPORT_PAGES)[number];

type ReportState = ({sida: "nominering"} & NominationState) | ({sida: "utveckling"} & ImprovementState);

export interface ReportPage {
  notice: HTMLElement;
  title: HTMLElement;
  link: HTMLElement;
  model: HTMLElement;
  method: HTMLElement;
  data: HTMLElement;
  results: HTMLElement;
  unranked: HTMLElement;
  uncertainty: HTMLElement;
}

/** Which ranking a report query describes (`sida`; Nominering when absent or unknown). */
export function reportOf(search: string): ReportOf {
  return new URLSearchParams(search).get("sida") === "utveckling" ? "utveckling" : "nominering";
}

/** The report's URL spec: `sida` plus the ranking page's own parameters. */
export function reportSpec(wb: Workbench, of: ReportOf, choice: string | ModelChoice): Spec<ReportState> {
  const sida = oneOf(REPORT_PAGES, of);
  return (of === "nominering" ? {sida, ...nominationSpec(wb, choice)} : {sida, ...improvementSpec(wb, choice)}) as unknown as Spec<ReportState>;
}

export async function reportPage(wb: Workbench, startWorker: () => RobustnessClient): Promise<ReportPage> {
  const of = reportOf(window.location.search);
  const resolved = await resolveModelChoice(wb, window.location.search, kpiLoader(wb));
  const spec = reportSpec(wb, of, resolved.choice);
  const read = readPageState(spec);
  const state: ReportState = {...read.state, edited: resolved.choice.edited};
  const notices = [...resolved.notices, ...read.notices];
  const entry = pageModel(wb.models, state);
  const edited = state.edited !== null;
  const weights = {dimensions: state.dw, indicators: state.w};
  const grouping = SCOPE_GROUPING[state.scope];
  let result: ScoreResult;
  if (state.sida === "nominering") {
    result = score(prepareNomination(wb.matrix, entry, state.year, {normalisation: state.norm, aggregation: state.agg, winsorise: state.wins}), weights, {grouping});
  } else {
    const end = effectiveEndYear(state, wb.matrix.years[0]!);
    result = score(prepareImprovement(wb.matrix, entry, end, {window: state.window, method: state.method, aggregation: state.agg, winsorise: state.wins}), weights, {grouping, ...(state.steady > 0 ? {minSteadiness: state.steady} : {})});
  }
  const p = result.prepared;
  // Only the settings that differ from the defaults (a shorter link, a QR code that scans when printed).
  const query = formatStateCompact(state, spec, ["sida"]);
  const pageUrl = new URL(`./${state.sida}.html?${query.replace(/^sida=[^&]*&?/, "")}`, window.location.href).href;
  const reportUrl = new URL(`./rapport.html?${query}`, window.location.href).href;
  const today = new Date().toISOString().slice(0, 10);
  const kindLabel = state.sida === "nominering" ? `Nominering ${p.year}` : `Utvecklingskommun ${periodText(result)}`;

  // Title, date, links.
  const title = element("div", "report-title");
  title.append(heading("h2", kindLabel), paragraph(`${entry.name}${edited ? " (ändrad modell)" : ""} · ${formatDate(today)}`));
  const link = element("div", "report-link-box");
  const shareLink = document.createElement("a");
  shareLink.href = reportUrl;
  shareLink.textContent = reportUrl;
  shareLink.dataset.testid = "report-share-link";
  const back = document.createElement("a");
  back.href = pageUrl;
  back.textContent = `Öppna vyn i ${state.sida === "nominering" ? "Nominering" : "Utvecklingskommun"}`;
  const print = document.createElement("button");
  print.type = "button";
  print.textContent = "Skriv ut / spara som PDF";
  print.className = "no-print";
  print.dataset.testid = "print-report";
  print.addEventListener("click", () => window.print());
  const linkText = element("div", "report-link-text");
  linkText.append(paragraph("Länken återger rapporten, med samma modell, vikter och inställningar:"), paragraph(""), back, print);
  linkText.children[1]!.append(shareLink);
  link.append(qrCode(reportUrl, {label: "QR-kod med länken till rapporten", size: 180}), linkText);

  // The model.
  const shares = effectiveWeightShares(result);
  const model = element("div");
  if (entry.status === "proposal") model.append(paragraph(`Modellen ”${entry.name}” är ett förslag för analys, inte SKR:s modell: SKR har inte publicerat sina nyckeltal eller vikter.`, "model-note"));
  model.append(
    paragraph(
      `Dimensionsvikter: ${p.dimensions.map((d, i) => `${d.label} ${formatDecimal(result.weights.dimensions[i]!)}`).join(", ")}.` +
        ` Metod: ${p.kind === "nomination" ? NORMALISATION_LABELS[p.normalisation ?? "zscore"] : METHOD_LABELS[p.method ?? "theil-sen"]}, ${AGGREGATION_LABELS[p.aggregation].toLowerCase()}${p.winsorise ? ", winsoriserat" : ""}.`
    ),
    scrollTable(dataTable(
      p.indicators.map((ind, k) => ({ind, k})),
      [
        {label: "KPI", value: ({ind}) => ind.kpi},
        {label: "Titel (Kolada)", value: ({ind}) => wb.kpis.get(ind.kpi)?.title ?? ind.title ?? ind.kpi},
        {label: "Dimension", value: ({ind}) => p.dimensions[ind.dimensionIndex]!.label},
        {label: "Riktning", value: ({ind}) => (ind.direction === "higher_better" ? "högre är bättre" : "lägre är bättre")},
        {label: "Vikt", value: ({k}) => result.weights.indicators[k]!, format: formatDecimal, numeric: true},
        {label: "Andel av totalvikten", value: ({k}) => shares[k]!, format: (v) => formatPercent(v), numeric: true},
        {label: `Kommuner med värde (${p.window ? p.window.from : p.year})`, value: ({ind}) => ind.stats.n, format: formatInteger, numeric: true}
      ],
      {testId: "report-kpis", rowKey: ({ind}) => ind.kpi}
    ), "Tabell: modellens nyckeltal")
  );

  // The method in words.
  const method = element("div");
  for (const s of methodSections(result)) {
    method.append(heading("h3", s.heading), ...s.text.map((t) => paragraph(t)));
  }

  // The data.
  const manifest = wb.manifest as ManifestInfo & {files?: Record<string, {bytes: number; sha256: string}>};
  const data = element("div");
  data.append(
    paragraph(
      `Källa: ${manifest.source.kind === "snapshot" ? "Kolada, offline-ögonblicksbild" : "Kolada API (v3)"} från ${formatDate(manifest.source.date)}; ${formatInteger(manifest.row_counts.municipalities)} kommuner, år ${manifest.years[0]}–${manifest.years.at(-1)}. ${manifest.attribution}.`
    ),
    p.leftOut.length
      ? paragraph(`Utelämnade nyckeltal ${periodText(result)}: ${p.leftOut.map((l) => `${l.kpi} (${l.reason})`).join("; ")}.`)
      : paragraph(`Inga nyckeltal utelämnade ${periodText(result)}.`),
    scrollTable(dataTable(Object.entries(manifest.files ?? {}), [
      {label: "Fil", value: ([name]) => name},
      {label: "Byte", value: ([, f]) => f.bytes, format: formatInteger, numeric: true},
      {label: "SHA-256", value: ([, f]) => code(f.sha256)}
    ], {testId: "report-hashes"}), "Tabell: datafilerna")
  );

  // The results.
  const ranked = result.rows.filter((r) => r.rank !== null && r.rank <= state.top);
  const results = element("div");
  const nothing = nothingRankedReason(result);
  if (nothing) results.append(paragraph(`Ingen kommun kunde rankas: ${nothing}.`));
  results.append(
    paragraph(`${formatInteger(result.rows.filter((r) => r.rank !== null).length)} av ${formatInteger(result.rows.length)} kommuner rankade; de ${state.top} främsta${state.scope === "all" ? "" : " per grupp"}:`),
    scrollTable(dataTable(
      ranked,
      [
        {label: "Rang", value: (r) => r.rank, format: formatInteger, numeric: true},
        {label: "Kommun", value: (r) => r.name},
        ...(state.scope === "all" ? [] : [{label: "Grupp", value: (r: (typeof ranked)[number]) => r.group}]),
        {label: "Totalt", value: (r) => r.score, format: formatDecimal, numeric: true},
        ...p.dimensions.map((d, i) => ({label: d.label, value: (r: (typeof ranked)[number]) => r.dimensionScores[i] ?? null, format: formatDecimal, numeric: true}))
      ],
      {testId: "report-top", rowKey: (r) => r.code}
    ), "Tabell: de främsta kommunerna")
  );
  const chart = dimensionContributionChart({rows: Math.min(ranked.length, 30), width: 640});
  chart.update({bars: contributionBars(result, ranked, 30), dimensions: p.dimensions.map((d) => d.label), geometric: p.aggregation === "geometric"}, 1);
  // As wide as its section (640 px until laid out), so a phone never scrolls sideways.
  resizeWithContainer(chart);
  results.append(chart);
  const unranked = unrankedList();
  unranked.update(result, 1);

  // The uncertainty, from the robustness worker (the Robusthet page's defaults around these settings).
  const uncertainty = element("div");
  uncertainty.dataset.testid = "report-uncertainty";
  uncertainty.dataset.state = "running";
  uncertainty.append(paragraph("Beräknar osäkerheten (1 000 dragningar av vikterna ±25 %) …"));
  const client = startWorker();
  const library = edited ? await workerLibraryFiles() : null;
  client
    .analyse({
      model: state.model,
      edited: state.edited ? {model: state.edited, library} : null,
      sobol: 0,
      settings: {
        kind: state.sida === "nominering" ? "nomination" : "improvement",
        year: p.year,
        draws: 1000,
        seed: 1,
        noise: 0.25,
        topN: state.top,
        grouping,
        weights,
        nominal: p.kind === "nomination" ? {normalisation: state.sida === "nominering" ? state.norm : "zscore", aggregation: p.aggregation, winsorise: p.winsorise} : {window: p.window!.length as 3 | 4, method: p.method!, aggregation: p.aggregation, winsorise: p.winsorise, ...(result.minSteadiness !== null ? {minSteadiness: result.minSteadiness} : {})}
      }
    })
    .then(
      (reply) => {
        if (reply.cancelled) throw new Error("avbruten");
        const byCode = new Map<string, UncertaintyRow>(reply.result.rows.map((r) => [r.code, r]));
        uncertainty.replaceChildren(
          paragraph(`Osäkerhet: 1 000 dragningar där varje dimensions- och nyckeltalsvikt multipliceras med U(0,75; 1,25), frö 1 (som sidan Robusthet). P(topp ${state.top}) är andelen dragningar där kommunen är bland de ${state.top} främsta.`),
          scrollTable(dataTable(
            ranked,
            [
              {label: "Rang", value: (r) => r.rank, format: formatInteger, numeric: true},
              {label: "Kommun", value: (r) => r.name},
              {label: `P(topp ${state.top})`, value: (r) => byCode.get(r.code)?.pTopN ?? null, format: formatPercent, numeric: true},
              {label: "Median", value: (r) => byCode.get(r.code)?.medianRank ?? null, format: formatInteger, numeric: true},
              {label: "5–95 %", value: (r) => {
                const u = byCode.get(r.code);
                return u && u.q05 !== null ? `${u.q05}–${u.q95}` : null;
              }, numeric: true},
              {label: "Status", value: (r) => byCode.get(r.code)?.status ?? null}
            ],
            {testId: "report-uncertainty-table", rowKey: (r) => r.code}
          ), "Tabell: osäkerheten")
        );
        uncertainty.dataset.state = "done";
        client.terminate();
      },
      (error: Error) => {
        uncertainty.replaceChildren(paragraph(`Osäkerheten kunde inte beräknas: ${error.message}`));
        uncertainty.dataset.state = "error";
        client.terminate();
      }
    );

  return {notice: urlNotice(notices), title, link, model, method, data, results, unranked, uncertainty};
}

function element(tag: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  return el;
}

function heading(tag: "h2" | "h3", text: string): HTMLElement {
  const h = document.createElement(tag);
  h.textContent = text;
  return h;
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function code(text: string): HTMLElement {
  const c = document.createElement("code");
  c.textContent = text;
  return c;
}
