/**
 * The Kommunprofil page: pick a municipality, a model and a year; see every
 * model KPI with its value, percentile, Kolada-style colour class and trend
 * against the national and kommungrupp medians; the strengths and weaknesses;
 * the nomination and improvement rank over the years; and each KPI's
 * contribution to the total. The numbers come from profile-data.ts (pure);
 * this module only draws them and keeps the state in the URL.
 *
 * Work per model (once, cached): medians per KPI, year and kommungrupp, and
 * the ranking of every year and every 4-year window with the model's default
 * weights. Switching municipality or year only reads those.
 */
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import type {IndicatorStatus, Model} from "../engine/index.js";
import {selectControl} from "../components/controls.js";
import {formatDecimal, formatInteger} from "../components/format.js";
import {copyLinkButton} from "../components/copy-link.js";
import {urlNotice} from "../components/url-notice.js";
import {flushPageState, initialPageState, writePageState} from "../lib/state/page-state.js";
import {profileSpec, type ProfileState} from "../lib/state/profile-state.js";
import {
  COLOUR_LABELS,
  formatValue,
  kpiContributions,
  kpiProfiles,
  medianTable,
  rankHistories,
  rankHistoryFor,
  rankHistoriesInSteps,
  strengthsAndWeaknesses,
  type KpiProfile,
  type KpiTrend,
  type MedianTable,
  type RankHistories,
  type RankPoint
} from "../engine/profile.js";
import {DIMENSION_COLORS} from "../components/contribution-chart.js";
import {yieldToMain} from "../lib/data/parquet.js";
import type {MunicipalityInfo, Workbench} from "../lib/data/workbench.js";

/** How many strengths and weaknesses the lists show (the table has them all). */
const LIST_LIMIT = 6;

const SERIES_COLORS = {value: "#1f4e79", national: "#7f7f7f", group: "#d46a00"} as const;
const KIND_COLORS = {nomination: "#1f4e79", improvement: "#2ca02c"} as const;
const KIND_LABELS = {nomination: "Nominering", improvement: "Förbättring (4-årsfönster)"} as const;

// Municipality search ---------------------------------------------------------------------

interface Search extends HTMLElement {
  set(code: string): void;
}

/**
 * A text input with a datalist of all names: choosing a name (or typing it,
 * or a four-digit code) selects the municipality; Enter takes the first name
 * that starts with the text; leaving the field with no match restores the
 * current name.
 */
function municipalitySearch(municipalities: readonly MunicipalityInfo[], current: string, onSelect: (code: string) => void): Search {
  const byName = [...municipalities].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const nameOf = new Map(municipalities.map((m) => [m.code, m.name]));
  const key = (s: string) => s.trim().toLocaleLowerCase("sv");
  const exact = new Map(municipalities.map((m) => [key(m.name), m.code]));
  let selected = current;
  const input = html`<input type="search" list="profile-municipalities" autocomplete="off" spellcheck="false"
    data-testid="municipality-search" aria-label="Sök kommun" placeholder="Skriv ett kommunnamn" value=${nameOf.get(current) ?? ""}>` as HTMLInputElement;
  const datalist = html`<datalist id="profile-municipalities">${byName.map(
    (m) => html`<option value=${m.name} label=${`${m.code} · ${m.county}`}></option>`
  )}</datalist>` as HTMLDataListElement;

  const resolve = (text: string): string | undefined => {
    const t = key(text);
    if (/^\d{4}$/.test(t) && nameOf.has(t)) return t;
    const withCode = /\((\d{4})\)\s*$/.exec(t);
    if (withCode && nameOf.has(withCode[1]!)) return withCode[1]!;
    return exact.get(t);
  };
  const choose = (code: string | undefined) => {
    if (code === undefined || code === selected) return;
    selected = code;
    onSelect(code);
  };
  input.addEventListener("input", () => choose(resolve(input.value)));
  input.addEventListener("change", () => choose(resolve(input.value)));
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const t = key(input.value);
    const code = resolve(input.value) ?? byName.find((m) => key(m.name).startsWith(t))?.code;
    if (code) {
      input.value = nameOf.get(code)!;
      choose(code);
    }
  });
  input.addEventListener("blur", () => {
    if (resolve(input.value) !== selected) input.value = nameOf.get(selected) ?? "";
  });
  const element = html`<label class="control municipality-control"><span>Kommun</span>${input}${datalist}</label>` as Search;
  element.set = (code) => {
    selected = code;
    input.value = nameOf.get(code) ?? "";
  };
  return element;
}

// Small drawing helpers ---------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * A sparkline of the municipality's series (solid, dark), the median of all
 * municipalities (grey, dashed) and of its kommungrupp (orange), over the
 * matrix years; a vertical line marks the chosen year. Hand-drawn SVG: 26 of
 * them redraw in well under a millisecond each.
 */
function sparkline(trend: KpiTrend, year: number, unit: string | null, width = 150, height = 44): SVGSVGElement {
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, class: "sparkline", role: "img"});
  const {years} = trend;
  const all = [...trend.value, ...trend.nationalMedian, ...trend.groupMedian].filter((v): v is number => v !== null);
  const pad = 4;
  const x = (i: number) => pad + (years.length > 1 ? (i * (width - 2 * pad)) / (years.length - 1) : (width - 2 * pad) / 2);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (!all.length) {
    lo = 0;
    hi = 1;
  } else if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const y = (v: number) => height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad);
  const t = years.indexOf(year);
  if (t >= 0) svg.append(svgEl("line", {x1: x(t), x2: x(t), y1: 0, y2: height, stroke: "#c8c8c8", "stroke-width": 1}));

  const draw = (series: (number | null)[], stroke: string, strokeWidth: number, dash?: string) => {
    let d = "";
    series.forEach((v, i) => {
      if (v === null) return;
      const continues = i > 0 && series[i - 1] !== null;
      d += `${continues ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      const isolated = !continues && (i + 1 >= series.length || series[i + 1] === null);
      if (isolated) svg.append(svgEl("circle", {cx: x(i), cy: y(v), r: strokeWidth, fill: stroke}));
    });
    if (d) svg.append(svgEl("path", {d, fill: "none", stroke, "stroke-width": strokeWidth, "stroke-linejoin": "round", ...(dash ? {"stroke-dasharray": dash} : {})}));
  };
  draw(trend.nationalMedian, SERIES_COLORS.national, 1.3, "3,2");
  draw(trend.groupMedian, SERIES_COLORS.group, 1.5);
  draw(trend.value, SERIES_COLORS.value, 2.4);
  const current = t >= 0 ? trend.value[t] : null;
  if (current !== null && current !== undefined) svg.append(svgEl("circle", {cx: x(t), cy: y(current), r: 3.2, fill: SERIES_COLORS.value}));

  const title = svgEl("title", {});
  title.textContent = years
    .map((yr, i) => {
      const v = trend.value[i] ?? null;
      const parts = [`kommuner ${formatValue(trend.nationalMedian[i])}`, `kommungrupp ${formatValue(trend.groupMedian[i])}`];
      if (trend.riket[i] !== null) parts.push(`riket ${formatValue(trend.riket[i])}`);
      return v === null && trend.nationalMedian[i] === null ? null : `${yr}: ${formatValue(v, unit)} (median ${parts.join(", ")})`;
    })
    .filter((line) => line !== null)
    .join("\n");
  svg.prepend(title);
  svg.setAttribute("aria-label", `Utveckling ${years[0]}–${years.at(-1)}`);
  return svg;
}

function legendSwatch(color: string, label: string, dashed = false): HTMLElement {
  return html`<span class="legend-item"><svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke=${color} stroke-width="2.4" stroke-dasharray=${dashed ? "3,2" : null}></line></svg> ${label}</span>` as HTMLElement;
}

function td(tr: HTMLTableRowElement, content: string | Node, className?: string): HTMLTableCellElement {
  const cell = tr.insertCell();
  if (typeof content === "string") cell.textContent = content;
  else cell.append(content);
  if (className) cell.className = className;
  return cell;
}

function th(tr: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const cell = document.createElement("th");
  cell.textContent = text;
  if (className) cell.className = className;
  tr.append(cell);
  return cell;
}

function shorten(text: string, max = 52): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Why a KPI has no contribution. */
const STATUS_TEXT: Record<IndicatorStatus, string> = {
  used: "–",
  missing: "saknas",
  left_out: "utelämnat",
  zero_weight: "vikt 0"
};

const NBSP = "\u00a0";
const contributionFormat = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 3, maximumFractionDigits: 3});
/** Contributions are small (26 KPIs share a total near ±1): three decimals. */
const formatContribution = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "–" : contributionFormat.format(v));

const directionText = (d: KpiProfile["direction"]) => (d === "higher_better" ? "↑ högre är bättre" : "↓ lägre är bättre");
/** Whole percent; below 0.5 (the last of many, P = 100/n) "<1" rather than a misleading 0. */
const percentileText = (p: number | null) => (p === null ? "–" : p < 0.5 ? "<1" : formatInteger(Math.round(p)));

// The view ---------------------------------------------------------------------------------

interface ModelCache {
  medians: MedianTable;
  histories: RankHistories;
  /** Milliseconds spent computing the rank histories (shown in a data attribute). */
  historyMs: number;
}

/** Builds the whole page body. */
export async function profileView(wb: Workbench): Promise<HTMLElement> {
  const started = performance.now();
  let {state, notices, spec} = initialPageState(wb.models, (id) => profileSpec(wb, id));
  const munByCode = new Map(wb.municipalities.map((m) => [m.code, m]));
  const entryOf = (id: string) => wb.models.find((m) => m.id === id)!;
  const model = (): Model => entryOf(state.model).model;
  const unitOf = (kpi: string) => wb.kpis.get(kpi)?.unit ?? null;
  const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title;

  const caches = new Map<string, ModelCache>();
  const kpiMedians = (m: Model) =>
    medianTable(
      wb.matrix,
      m.indicators.map((i) => i.kpi)
    );
  /** Medians and rank history per model; a model chosen later is computed at once (rare, the page is up). */
  function cache(): ModelCache {
    let c = caches.get(state.model);
    if (!c) {
      const t0 = performance.now();
      const histories = rankHistories(wb.matrix, model(), {window: 4});
      c = {medians: kpiMedians(model()), histories, historyMs: performance.now() - t0};
      caches.set(state.model, c);
    }
    return c;
  }

  // The first model's medians and rank history in small steps before the first render.
  {
    const medians = kpiMedians(model());
    await yieldToMain();
    const t0 = performance.now();
    const histories = await rankHistoriesInSteps(wb.matrix, model(), {window: 4}, yieldToMain);
    caches.set(state.model, {medians, histories, historyMs: performance.now() - t0});
  }

  const header = html`<div class="profile-header" data-testid="profile-header"></div>` as HTMLElement;
  const strengths = html`<ol class="sw-list" data-testid="strengths"></ol>` as HTMLOListElement;
  const weaknesses = html`<ol class="sw-list" data-testid="weaknesses"></ol>` as HTMLOListElement;
  const strengthsNote = html`<p class="sw-note"></p>` as HTMLElement;
  const weaknessesNote = html`<p class="sw-note"></p>` as HTMLElement;
  const table = html`<table class="profile-kpis" data-testid="profile-kpis" data-version="0"></table>` as HTMLTableElement;
  const tableNote = html`<p class="table-note"></p>` as HTMLElement;
  const history = html`<div class="rank-history" data-testid="rank-history"></div>` as HTMLElement;
  const contributions = html`<div class="contributions" data-testid="contributions"></div>` as HTMLElement;
  const modelNote = html`<p class="model-note" data-testid="model-note"></p>` as HTMLElement;

  function renderHeader(mun: MunicipalityInfo, rankNow: RankPoint | undefined, improvementNow: RankPoint | undefined): void {
    const rankText = (p: RankPoint | undefined, label: string) =>
      p === undefined ? `${label}: ingen rangordning` : p.rank === null ? `${label}: ej rankad (av ${p.of})` : `${label}: ${p.rank} av ${p.of}`;
    header.replaceChildren(
      html`<h2>${mun.name} <small>${mun.code}</small></h2>`,
      html`<div class="profile-facts">${mun.county} · kommungrupp ${mun.kommungrupp} ${mun.kommungruppName} · ${formatInteger(mun.population)} invånare</div>`,
      html`<div class="profile-ranks">
        <span class="rank-badge nomination" data-testid="rank-now">${rankText(rankNow, `Nomineringsrang ${state.year}`)}</span>
        <span class="rank-badge improvement" data-testid="improvement-rank-now">${rankText(improvementNow, `Förbättringsrang ${state.year - 3}–${state.year}`)}</span>
      </div>`
    );
  }

  function renderStrengths(profiles: KpiProfile[]): void {
    const all = strengthsAndWeaknesses(profiles);
    const fill = (list: HTMLOListElement, note: HTMLElement, rows: KpiProfile[], empty: string) => {
      list.replaceChildren(
        ...rows.slice(0, LIST_LIMIT).map((p) => {
          const li = html`<li data-kpi=${p.kpi}>
            <span class=${`sw-mark class-${p.colour}`} aria-hidden="true"></span><strong>${shorten(p.title, 90)}</strong>
            <span class="sw-detail">${formatValue(p.value, unitOf(p.kpi))} · percentil ${percentileText(p.percentile)} · plats ${p.place} av ${p.n} · median ${formatValue(p.nationalMedian)}</span>
          </li>` as HTMLElement;
          li.title = p.title;
          return li;
        })
      );
      note.textContent = !rows.length ? empty : rows.length > LIST_LIMIT ? `… och ${rows.length - LIST_LIMIT} till (se tabellen).` : "";
    };
    fill(strengths, strengthsNote, all.strengths, `Inget nyckeltal i bästa kvartilen år ${state.year}.`);
    // With no weakness in the worst quarter, name the relatively weakest KPI instead of saying nothing.
    const weakest = profiles.filter((p) => p.percentile !== null).sort((a, b) => a.percentile! - b.percentile! || a.order - b.order)[0];
    const noWeakness =
      `Inget nyckeltal i sämsta kvartilen år ${state.year}.` +
      (weakest ? ` Lägst percentil: ${shorten(weakest.title, 70)} (percentil ${percentileText(weakest.percentile)}, plats ${weakest.place} av ${weakest.n}).` : "");
    fill(weaknesses, weaknessesNote, all.weaknesses, noWeakness);
  }

  function renderTable(profiles: KpiProfile[], mun: MunicipalityInfo): void {
    const m = model();
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    th(head, "Nyckeltal");
    th(head, `Värde ${state.year}`, "num");
    th(head, "Median kommuner", "num");
    th(head, `Median ${mun.kommungrupp}`, "num");
    th(head, "Percentil", "num");
    th(head, "Klass");
    th(head, `Trend ${wb.matrix.years[0]}–${wb.matrix.years.at(-1)}`);
    const body = table.createTBody();
    const colSpan = head.cells.length;
    for (const dim of m.dimensions) {
      const rows = profiles.filter((p) => p.dimension === dim.id);
      if (!rows.length) continue;
      const group = body.insertRow();
      group.className = "dimension-row";
      const cell = td(group, dim.label);
      cell.colSpan = colSpan;
      for (const p of rows) {
        const unit = unitOf(p.kpi);
        const tr = body.insertRow();
        tr.dataset.kpi = p.kpi;
        tr.dataset.class = p.colour;
        const name = td(tr, html`<span class="kpi-title">${p.title}</span><br><small>${p.kpi} · ${directionText(p.direction)}${p.weight === 0 ? " · vikt 0" : ""}</small>` as Node, "kpi-name");
        name.title = p.title;
        // Short units ("%") follow the number; long ones ("kg/invånare (justerat)") go below it.
        const unitNode = !unit || p.value === null ? "" : unit.length <= 3 ? html`<span class="unit">${NBSP}${unit}</span>` : html`<br><small class="unit">${unit}</small>`;
        td(tr, html`<span class="number">${formatValue(p.value)}</span>${unitNode}` as Node, "num value");
        td(tr, formatValue(p.nationalMedian), "num");
        td(tr, formatValue(p.groupMedian), "num");
        const pct = td(tr, html`<span class="number">${percentileText(p.percentile)}</span>${p.place !== null ? html`<br><small>plats ${p.place} av ${p.n}</small>` : ""}` as Node, "num percentile");
        pct.title = "Andel av kommunerna med värde som kommunen är minst lika bra som (riktningsjusterat)";
        td(tr, COLOUR_LABELS[p.colour], `colour class-${p.colour}`);
        td(tr, sparkline(p.trend, state.year, unit), "trend");
      }
    }
    const missing = profiles.filter((p) => p.value === null).length;
    tableNote.textContent =
      `Percentil: andelen av kommunerna med värde år ${state.year} som ${mun.name} är minst lika bra som, med hänsyn till nyckeltalets riktning (lika värden räknas som minst lika bra). ` +
      `Bästa kvartilen: percentil över 75; sämsta kvartilen: 25 eller lägre. Medianer över kommunerna (riket = Koladas värde för hela landet, i verktygstipset).` +
      (missing ? ` ${missing} nyckeltal saknar värde för ${mun.name} år ${state.year}.` : "");
    table.dataset.version = String(Number(table.dataset.version) + 1);
    table.dataset.municipality = mun.code;
    table.dataset.year = String(state.year);
  }

  function renderHistory(points: {nomination: RankPoint[]; improvement: RankPoint[]}, c: ModelCache): void {
    const years = wb.matrix.years;
    const data = [...points.nomination, ...points.improvement];
    const maxOf = Math.max(1, ...data.map((p) => p.of));
    const label = (p: RankPoint) => (p.kind === "nomination" ? `${KIND_LABELS.nomination} ${p.year}` : `Förbättring ${p.from}–${p.year}`);
    const ranked = data.filter((p) => p.rank !== null);
    const chart = Plot.plot({
      width: 960,
      height: 300,
      marginLeft: 56,
      marginRight: 30,
      marginBottom: 44,
      style: {fontSize: "13px"},
      x: {domain: [years[0]!, years.at(-1)!], tickFormat: "d", label: "År (förbättring: fönstrets sista år)", labelAnchor: "center", labelOffset: 38, ticks: years.length},
      y: {domain: [1, maxOf], reverse: true, label: "Rang (1 = bäst)", grid: true, ticks: [1, 50, 100, 150, 200, 250].filter((t) => t <= maxOf)},
      color: {domain: [KIND_LABELS.nomination, KIND_LABELS.improvement], range: [KIND_COLORS.nomination, KIND_COLORS.improvement], legend: true},
      marks: [
        Plot.ruleX([state.year], {stroke: "#bbb", strokeDasharray: "4,3"}),
        Plot.line(data, {x: "year", y: (p: RankPoint) => p.rank ?? NaN, z: "kind", stroke: (p: RankPoint) => KIND_LABELS[p.kind], strokeWidth: 2.2}),
        Plot.dot(ranked, {
          x: "year",
          y: "rank",
          fill: (p: RankPoint) => KIND_LABELS[p.kind],
          r: 4,
          title: (p: RankPoint) => `${label(p)}: rang ${p.rank} av ${p.of}`
        })
      ]
    });
    const tbl = document.createElement("table");
    tbl.className = "rank-table";
    tbl.dataset.testid = "rank-history-table";
    const head = tbl.createTHead().insertRow();
    th(head, "Rang");
    for (const y of years) {
      const h = th(head, String(y), "num");
      if (y === state.year) h.classList.add("current");
    }
    const body = tbl.createTBody();
    for (const kind of ["nomination", "improvement"] as const) {
      const tr = body.insertRow();
      tr.dataset.kind = kind;
      th(tr, kind === "nomination" ? "Nominering" : "Förbättring");
      const byYear = new Map(points[kind].map((p) => [p.year, p]));
      for (const y of years) {
        const p = byYear.get(y);
        const cell = td(tr, p === undefined ? "" : p.rank === null ? "–" : String(p.rank), "num");
        if (p) {
          cell.dataset.year = String(y);
          cell.title = p.rank === null ? `${label(p)}: ej rankad (${p.of} rankade)` : `${label(p)}: rang ${p.rank} av ${p.of}`;
          if (p.rank !== null) cell.append(html`<small>/${p.of}</small>` as Node);
        }
        if (y === state.year) cell.classList.add("current");
      }
    }
    history.replaceChildren(chart as Node, html`<div class="table-scroll-x">${tbl}</div>` as Node);
    history.dataset.computeMs = c.historyMs.toFixed(1);
  }

  function renderContributions(mun: MunicipalityInfo, c: ModelCache): void {
    const m = model();
    const ranking = c.histories.nomination.find((r) => r.year === state.year);
    if (!ranking) {
      contributions.replaceChildren(html`<p>Ingen nomineringsrangordning år ${state.year} (för lite data för modellen).</p>` as Node);
      return;
    }
    const res = kpiContributions(ranking.result, mun.code);
    const dimLabel = new Map(m.dimensions.map((d) => [d.id, d.label]));
    const labels = m.dimensions.map((d) => d.label);
    const short = (kpi: string) => shorten(titleOf(kpi) ?? kpi, 50);
    const ranked = res.total !== null;
    const valueOf = (k: (typeof res.kpis)[number]) => (ranked ? k.contribution : k.normalised);
    // Ranked: by contribution (kpiContributions' order); not ranked: by z-score.
    const data = res.kpis.filter((k) => valueOf(k) !== null).sort((a, b) => valueOf(b)! - valueOf(a)!);
    const summary = ranked
      ? html`<p class="summary">Totalpoäng år ${state.year}: <strong>${formatDecimal(res.total)}</strong> (rang ${res.rank} av ${res.ranked}). Bidrag = nyckeltalets andel av den totala vikten × z-poäng; bidragen summerar till totalpoängen.</p>`
      : html`<p class="summary not-ranked">${mun.name} är inte rankad år ${state.year}: ${res.reasons.join("; ")}. Diagrammet visar z-poäng (utan vikt) för de nyckeltal som har värde.</p>`;
    const chart = Plot.plot({
      width: 960,
      height: 70 + 24 * Math.max(1, data.length),
      marginLeft: 400,
      marginRight: 60,
      marginBottom: 44,
      style: {fontSize: "13px"},
      x: {
        label: ranked ? "Bidrag till totalpoängen" : "z-poäng",
        grid: true,
        labelAnchor: "center",
        labelOffset: 38,
        tickFormat: (v: number) => (ranked ? formatContribution(v) : formatDecimal(v)),
        // Room for the value labels beside the longest bars.
        insetLeft: 48,
        insetRight: 48
      },
      y: {label: null, domain: data.map((k) => short(k.kpi))},
      color: {domain: labels, range: DIMENSION_COLORS.slice(0, labels.length), legend: true},
      marks: [
        Plot.barX(data, {
          x: (k: (typeof data)[number]) => valueOf(k),
          y: (k: (typeof data)[number]) => short(k.kpi),
          fill: (k: (typeof data)[number]) => dimLabel.get(k.dimension),
          title: (k: (typeof data)[number]) =>
            `${titleOf(k.kpi) ?? k.kpi}\nz-poäng ${formatDecimal(k.normalised)}${k.weightShare !== null ? `, viktandel ${formatDecimal(k.weightShare * 100)} %` : ""}${k.contribution !== null ? `, bidrag ${formatContribution(k.contribution)}` : ""}`
        }),
        // Value labels outside the bar end: right of positive bars, left of negative ones.
        ...([1, -1] as const).map((side) =>
          Plot.text(
            data.filter((k) => (valueOf(k)! >= 0 ? 1 : -1) === side),
            {
              x: (k: (typeof data)[number]) => valueOf(k),
              y: (k: (typeof data)[number]) => short(k.kpi),
              text: (k: (typeof data)[number]) => (ranked ? formatContribution(valueOf(k)) : formatDecimal(valueOf(k))),
              textAnchor: side === 1 ? "start" : "end",
              dx: 4 * side,
              fill: "currentColor"
            }
          )
        ),
        Plot.ruleX([0])
      ]
    });
    const tbl = document.createElement("table");
    tbl.className = "contribution-table";
    const head = tbl.createTHead().insertRow();
    for (const h of ["Nyckeltal", "Dimension", `Värde ${state.year}`, "z-poäng", "Viktandel", "Bidrag"]) th(head, h, h === "Nyckeltal" || h === "Dimension" ? undefined : "num");
    const body = tbl.createTBody();
    for (const k of res.kpis) {
      const tr = body.insertRow();
      tr.dataset.kpi = k.kpi;
      td(tr, titleOf(k.kpi) ?? k.kpi);
      td(tr, dimLabel.get(k.dimension) ?? k.dimension);
      td(tr, formatValue(k.raw, unitOf(k.kpi)), "num");
      td(tr, formatDecimal(k.normalised), "num");
      td(tr, k.weightShare === null ? "–" : `${formatDecimal(k.weightShare * 100)} %`, "num");
      td(tr, k.contribution === null ? STATUS_TEXT[k.status] : formatContribution(k.contribution), "num");
    }
    contributions.replaceChildren(
      summary as Node,
      chart as Node,
      html`<details><summary>Visa som tabell</summary>${tbl}</details>` as Node
    );
    contributions.dataset.municipality = mun.code;
  }

  function render(): void {
    const mun = munByCode.get(state.kommun)!;
    const c = cache();
    const profiles = kpiProfiles(wb.matrix, model(), mun.code, state.year, c.medians, titleOf);
    const index = wb.matrix.municipalityIndex.get(mun.code)!;
    const points = rankHistoryFor(c.histories, index);
    renderHeader(
      mun,
      points.nomination.find((p) => p.year === state.year),
      points.improvement.find((p) => p.year === state.year)
    );
    renderStrengths(profiles);
    renderTable(profiles, mun);
    renderHistory(points, c);
    renderContributions(mun, c);
    const m = model();
    modelNote.textContent = `Rang med modellens vikter bland alla kommuner. Modell: ${m.name}${m.status === "proposal" ? " – ett förslag, inte SKR:s modell." : "."} Värden: kön totalt, kommunnivå.`;
    root.dataset.municipality = mun.code;
    writePageState(state, spec);
    flushPageState(); // discrete choices, no slider: write the URL at once
  }

  function update(patch: Partial<ProfileState>): void {
    if (patch.model !== undefined && patch.model !== state.model) spec = profileSpec(wb, patch.model);
    state = {...state, ...patch};
    render();
  }

  const search = municipalitySearch(wb.municipalities, state.kommun, (kommun) => update({kommun}));
  const yearOptions = [...wb.matrix.years].reverse().map((y) => ({value: y, label: String(y)}));
  const modelOptions = wb.models.map((m) => ({value: m.id, label: m.model.name}));
  const controls = html`<div class="profile-controls">
    ${search}
    ${selectControl("Modell", modelOptions, state.model, (id) => update({model: id}), "model")}
    ${selectControl("År", yearOptions, state.year, (year) => update({year}), "year")}
    ${copyLinkButton()}
  </div>`;

  const root = html`<div class="workbench profile">
    ${urlNotice(notices)}
    ${controls}
    ${header}${modelNote}
    <section class="sw-grid">
      <div class="sw strengths"><h3>Styrkor <small>bästa kvartilen</small></h3>${strengths}${strengthsNote}</div>
      <div class="sw weaknesses"><h3>Svagheter <small>sämsta kvartilen</small></h3>${weaknesses}${weaknessesNote}</div>
    </section>
    <h3>Nyckeltal</h3>
    <p class="legend">
      ${legendSwatch(SERIES_COLORS.value, "kommunen")}
      ${legendSwatch(SERIES_COLORS.group, "median i kommungruppen")}
      ${legendSwatch(SERIES_COLORS.national, "median alla kommuner", true)}
      <span class="legend-item">│ valt år</span>
      <span class="legend-item"><span class="chip class-green">Bästa kvartilen</span> <span class="chip class-yellow">Mellersta hälften</span> <span class="chip class-red">Sämsta kvartilen</span> <span class="chip class-grey">Uppgift saknas</span></span>
    </p>
    <div class="table-scroll-x">${table}</div>
    ${tableNote}
    <h3>Rang över åren</h3>
    <p class="hint">Nominering: rangen varje år med modellens vikter. Förbättring: rangen för utvecklingen under fyra år (Theil–Sen), visad vid fönstrets sista år.</p>
    ${history}
    <h3>Bidrag per nyckeltal till totalpoängen</h3>
    ${contributions}
  </div>` as HTMLElement;

  render();
  // The first build of the view (medians, rank histories, every section), for performance checks.
  root.dataset.viewMs = (performance.now() - started).toFixed(1);
  return root;
}
