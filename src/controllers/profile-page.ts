/**
 * The Kommunprofil page's controller: holds the state (municipality, model,
 * year; kept in the URL), runs the engine and updates the views. The numbers
 * come from the engine (medians.ts, rank-history.ts, profile.ts,
 * contributions.ts), the drawing from the components; this module only wires
 * them. It returns one element per section, which kommun.md places under its
 * headings.
 *
 * Work by its real dependencies, each memoised per model:
 * - the medians per KPI, year and kommungrupp (~10 ms): the KPI table and the
 *   strengths and weaknesses need only these, so they show at once;
 * - the ranking of every year and every 4-year window with the model's weights
 *   (~100 ms, one year per task, with a progress line): the ranks in the
 *   header, the rank history and the contributions fill in when it is done.
 *   A year's scoring is that year's entry of these rankings, so it is computed
 *   once per model, never again for another municipality or year.
 * Per municipality and year (each change) only the KPI profile (a scan of 26
 * columns), the rank points and the explanation of the year's ranking are
 * computed. A model change happens in place: the same steps for the new model.
 */
import {scrollRegion} from "../components/a11y.js";
import {html} from "htl";
import {
  kpiContributions,
  kpiProfiles,
  medianTable,
  rankHistoriesInSteps,
  rankHistoryFor,
  type MedianTable,
  type Model,
  type RankHistories,
  type RankPoint
} from "../engine/index.js";
import {contributionSummary, kpiContributionChart} from "../components/kpi-contribution-chart.js";
import {kpiContributionTable} from "../components/kpi-contribution-table.js";
import {selectControl} from "../components/controls.js";
import {copyLinkButton} from "../components/copy-link.js";
import {exportButtons, type ExportBar} from "../components/export-buttons.js";
import {fitWidth} from "../components/fit-width.js";
import {loadProgress} from "../components/load-progress.js";
import {municipalitySearch} from "../components/municipality-search.js";
import {profileHeader} from "../components/profile-header.js";
import {profileKpiTable} from "../components/profile-kpi-table.js";
import {profileLegend} from "../components/profile-legend.js";
import {rankHistoryChart} from "../components/rank-history-chart.js";
import {rankHistoryTable} from "../components/rank-history-table.js";
import {strengthsWeaknesses} from "../components/strengths-weaknesses.js";
import {urlNotice} from "../components/url-notice.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";
import {memoByKey} from "../lib/memo.js";
import {yieldToMain} from "../lib/yield.js";
import {flushPageState, initialPageState, writePageState} from "../lib/state/page-state.js";
import {profileSpec, type ProfileState} from "../lib/state/profile-state.js";
import type {RobustnessClient} from "../lib/workers/robustness-client.js";
import {profileRobustness} from "./profile-robustness.js";

/** The improvement window of the rank history, in years. */
const WINDOW = 4;

/** The page's sections, each an element that updates in place. */
export interface ProfileViews {
  /** Ignored URL parameters (hidden when there are none). */
  notice: HTMLElement;
  /** Municipality search, model, year, "Kopiera länk". */
  controls: HTMLElement;
  /** Name, facts, this year's ranks (once computed), the model line. */
  header: HTMLElement;
  strengths: HTMLElement;
  /** Legend, KPI table and its note. */
  kpis: HTMLElement;
  /** Rank over the years: chart and table (a progress line while the rankings are computed). */
  rankHistory: HTMLElement;
  /** Each KPI's contribution to the total: summary, chart and table. */
  contributions: HTMLElement;
  /** How sure the nomination is: P(top N) and the rank interval (the robustness worker). */
  robustness: HTMLElement;
  /** CSV, XLSX and Parquet of the KPI table (`.table("rang")`: the rank history); image controls for the charts. */
  exports: ExportBar;
}

/** The rankings of every year with the model's weights, and how long they took. */
interface HistoryWork {
  histories: RankHistories;
  /** Milliseconds spent computing the rank histories (shown in a data attribute). */
  ms: number;
}

/**
 * Builds the page's sections for the state in the URL and shows the profile
 * at once; the rankings are computed in the background (see the module
 * comment) and fill in their sections when done. Charts draw at their
 * section's width once the sections are on the page.
 */
export function profilePage(wb: Workbench, startWorker: () => RobustnessClient): ProfileViews {
  performance.mark("kommun:start");
  let {state, notices, spec} = initialPageState(wb.models, (id) => profileSpec(wb, id));
  const munByCode = new Map(wb.municipalities.map((m) => [m.code, m]));
  const years = wb.matrix.years;
  const unitOf = (kpi: string) => wb.kpis.get(kpi)?.unit ?? null;
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title ?? kpi;
  /** Kolada's title when known (else kpiProfiles takes the model's title). */
  const knownTitle = (kpi: string) => wb.kpis.get(kpi)?.title;
  const modelOf = (id: string): Model => modelById(wb.models, id);

  // Per-model work, memoised.
  const mediansFor = memoByKey((id): MedianTable =>
    medianTable(
      wb.matrix,
      modelOf(id).indicators.map((i) => i.kpi)
    )
  );
  const historiesDone = new Map<string, HistoryWork>();
  const historiesFor = memoByKey(async (id): Promise<HistoryWork> => {
    await yieldToMain(); // let the sections show first
    const t0 = performance.now();
    const histories = await rankHistoriesInSteps(wb.matrix, modelOf(id), {window: WINDOW}, ({year, done, total}) => {
      if (state.model === id) historyProgress.update({done, total, step: `År ${year} klart`});
      return yieldToMain();
    });
    const work = {histories, ms: performance.now() - t0};
    historiesDone.set(id, work);
    return work;
  });

  // The sections; render() fills them.
  const header = html`<div class="profile-header-slot"></div>` as HTMLElement;
  const strengths = html`<div class="profile-strengths"></div>` as HTMLElement;
  const kpiTableSlot = html`<div class="profile-kpi-table"></div>` as HTMLElement;
  const kpis = html`<div class="profile-kpis-section">${profileLegend()}${kpiTableSlot}</div>` as HTMLElement;
  const historyProgress = loadProgress("Rangordnar kommunerna med modellens vikter");
  const historyChart = fitWidth("rank-history-chart");
  const historyTableSlot = html`<div></div>` as HTMLElement;
  const rankHistory = html`<div class="rank-history" data-testid="rank-history">${historyProgress}${historyChart}${historyTableSlot}</div>` as HTMLElement;
  const contributionSummarySlot = html`<div></div>` as HTMLElement;
  const contributionChart = fitWidth("contribution-chart");
  const contributionTableSlot = html`<div></div>` as HTMLElement;
  const contributions = html`<div class="contributions" data-testid="contributions">${contributionSummarySlot}${contributionChart}${contributionTableSlot}</div>` as HTMLElement;

  /** The header, with this year's ranks when `points` are known. */
  function renderHeader(points: {nomination: RankPoint[]; improvement: RankPoint[]} | undefined): void {
    const {year} = state;
    header.replaceChildren(
      profileHeader({
        municipality: munByCode.get(state.kommun)!,
        model: modelOf(state.model),
        year,
        ranks: points && {nomination: points.nomination.find((p) => p.year === year), improvement: points.improvement.find((p) => p.year === year)},
        window: WINDOW
      })
    );
  }

  /** Strengths, weaknesses and the KPI table: they need only the medians. */
  function renderProfile(): void {
    const mun = munByCode.get(state.kommun)!;
    const model = modelOf(state.model);
    const {year} = state;
    const profiles = kpiProfiles(wb.matrix, model, mun.code, year, mediansFor(state.model), knownTitle);
    strengths.replaceChildren(strengthsWeaknesses(profiles, {year, unitOf}));
    kpiTableSlot.replaceChildren(profileKpiTable(profiles, {model, municipality: mun, year, years, unitOf}));
  }

  /** The header's ranks, the rank history and the contributions, from the model's rankings (or a progress line until they are done). */
  function renderRanks(): void {
    const work = historiesDone.get(state.model);
    if (!work) {
      const id = state.model;
      renderHeader(undefined);
      historyChart.draw(() => null);
      historyTableSlot.replaceChildren();
      contributionSummarySlot.replaceChildren(html`<p class="profile-note">Bidragen visas när rangordningarna är beräknade.</p>` as Node);
      contributionChart.draw(() => null);
      contributionTableSlot.replaceChildren();
      void historiesFor(id).then(() => {
        if (state.model === id) renderRanks();
      });
      return;
    }
    historyProgress.done();
    const mun = munByCode.get(state.kommun)!;
    const model = modelOf(state.model);
    const {year} = state;
    const points = rankHistoryFor(work.histories, wb.matrix.municipalityIndex.get(mun.code)!);
    renderHeader(points);

    historyChart.draw((width) => rankHistoryChart(points, {years, year, width}));
    historyTableSlot.replaceChildren(rankHistoryTable(points, {years, year}));
    rankHistory.dataset.computeMs = work.ms.toFixed(1);

    // The year's scoring is the rank history's entry for the year.
    const ranking = work.histories.nomination.find((r) => r.year === year);
    if (ranking) {
      const c = kpiContributions(ranking.result, mun.code);
      contributionSummarySlot.replaceChildren(contributionSummary(c, {year, municipalityName: mun.name}));
      contributionChart.draw((width) => kpiContributionChart(c, {model, titleOf, width}));
      // A wide table scrolls in its own focusable box (WCAG 1.4.10: the page itself never scrolls sideways).
      const box = scrollRegion(document.createElement("div"), "Bidrag per nyckeltal som tabell");
      box.className = "chart-data-scroll";
      box.append(kpiContributionTable(c, {model, year, titleOf, unitOf}));
      contributionTableSlot.replaceChildren(html`<details><summary>Visa som tabell</summary>${box}</details>` as Node);
    } else {
      contributionSummarySlot.replaceChildren(html`<p>Ingen nomineringsrangordning år ${year} (för lite data för modellen).</p>` as Node);
      contributionChart.draw(() => null);
      contributionTableSlot.replaceChildren();
    }
    contributions.dataset.municipality = mun.code;
  }

  const robustness = profileRobustness(wb, startWorker);

  function render(): void {
    renderProfile();
    renderRanks();
    robustness.show(state);
    writePageState(state, spec);
    flushPageState(); // discrete choices, no slider: write the URL at once
  }

  function update(patch: Partial<ProfileState>): void {
    if (patch.model !== undefined && patch.model !== state.model) spec = profileSpec(wb, patch.model);
    state = {...state, ...patch};
    render();
  }

  const yearOptions = [...years].reverse().map((y) => ({value: y, label: String(y)}));
  const modelOptions = wb.models.map((m) => ({value: m.id, label: m.model.name}));
  const controls = html`<div class="profile-controls">
    ${municipalitySearch(wb.municipalities, state.kommun, (kommun) => update({kommun}))}
    ${selectControl("Modell", modelOptions, state.model, (model) => update({model}), "model")}
    ${selectControl("År", yearOptions, state.year, (year) => update({year}), "year")}
    ${copyLinkButton()}
  </div>` as HTMLElement;

  render();
  performance.measure("kommun: first render", "kommun:start");
  return {notice: urlNotice(notices), controls, header, strengths, kpis, rankHistory, contributions, robustness, exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).profileExport(wb, state))};
}
