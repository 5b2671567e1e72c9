/**
 * Each KPI's contribution to the municipality's total as horizontal bars,
 * coloured by dimension, with the value beside each bar; and the line above
 * it with the total. For a municipality that is not ranked, the bars show the
 * z-scores (unweighted) instead, and the line says why it is not ranked.
 */
import * as Plot from "@observablehq/plot";
import {plotImage} from "./a11y.js";
import {html} from "htl";
import type {IndicatorExplanation, KpiContributions, Model} from "../engine/index.js";
import {formatDecimal} from "./format.js";
import {formatContribution, shorten} from "./profile-format.js";
import {DIMENSION_COLORS} from "./colors.js";

export interface ContributionOptions {
  model: Model;
  year: number;
  municipalityName: string;
  titleOf: (kpi: string) => string;
}

/** Ranked: the contribution; not ranked: the z-score. */
const shownValue = (c: KpiContributions) => (k: IndicatorExplanation) => (c.total !== null ? k.contribution : k.normalised);

/** The line above the chart: the total and rank, or why the municipality is not ranked. */
export function contributionSummary(c: KpiContributions, {year, municipalityName}: Pick<ContributionOptions, "year" | "municipalityName">): HTMLElement {
  return (
    c.total !== null
      ? html`<p class="summary">Totalpoäng år ${year}: <strong>${formatDecimal(c.total)}</strong> (rang ${c.rank} av ${c.ranked}). Bidrag = nyckeltalets andel av den totala vikten × z-poäng; bidragen summerar till totalpoängen.</p>`
      : html`<p class="summary not-ranked">${municipalityName} är inte rankad år ${year}: ${c.reasons.join("; ")}. Diagrammet visar z-poäng (utan vikt) för de nyckeltal som har värde.</p>`
  ) as HTMLElement;
}

/** Below this width (px) the KPI names go above their bars. */
export const NARROW_WIDTH = 520;

export function kpiContributionChart(c: KpiContributions, {model, titleOf, width}: Pick<ContributionOptions, "model" | "titleOf"> & {width: number}): SVGSVGElement | HTMLElement {
  const ranked = c.total !== null;
  const value = shownValue(c);
  const format = (v: number | null) => (ranked ? formatContribution(v) : formatDecimal(v));
  // Bars largest first (ranked: kpiContributions' order; not ranked: by z-score).
  const data = c.kpis.filter((k) => value(k) !== null).sort((a, b) => value(b)! - value(a)!);
  const dimLabel = new Map(model.dimensions.map((d) => [d.id, d.label]));
  const labels = model.dimensions.map((d) => d.label);
  // Wide: the KPI names left of the bars, up to 40 % of the width (at most 400 px), cut to fit
  // (~8 px per character at 13 px). Narrow (a phone): each name on its own line above its bar, so
  // the bars and the axis keep the whole width and the ticks never run into each other.
  const narrow = width < NARROW_WIDTH;
  const marginLeft = narrow ? 12 : Math.round(Math.min(400, Math.max(140, width * 0.4)));
  const name = (kpi: string) => shorten(titleOf(kpi), Math.floor(((narrow ? width : marginLeft) - 10) / 8));
  // One row per KPI id (two titles may shorten to the same text); the axis shows the title.
  const row = (k: IndicatorExplanation) => k.kpi;
  const insets = 48;
  const plotWidth = width - marginLeft - 60 - 2 * insets;
  return plotImage(Plot.plot({
    width,
    height: 70 + (narrow ? 40 : 24) * Math.max(1, data.length),
    marginLeft,
    marginRight: 60,
    marginBottom: 44,
    style: {fontSize: "13px"},
    x: {
      label: ranked ? "Bidrag till totalpoängen" : "z-poäng",
      grid: true,
      labelAnchor: "center",
      labelOffset: 38,
      tickFormat: format,
      ticks: Math.max(2, Math.floor(plotWidth / 90)),
      // Room for the value labels beside the longest bars.
      insetLeft: insets,
      insetRight: insets
    },
    y: narrow ? {label: null, domain: data.map(row), axis: null, paddingInner: 0.5, paddingOuter: 0.3, align: 1} : {label: null, domain: data.map(row), tickFormat: name},
    color: {domain: labels, range: DIMENSION_COLORS.slice(0, labels.length), legend: true},
    marks: [
      Plot.barX(data, {
        x: value,
        y: row,
        fill: (k: IndicatorExplanation) => dimLabel.get(k.dimension),
        title: (k: IndicatorExplanation) =>
          `${titleOf(k.kpi)}\nz-poäng ${formatDecimal(k.normalised)}${k.weightShare !== null ? `, viktandel ${formatDecimal(k.weightShare * 100)} %` : ""}${k.contribution !== null ? `, bidrag ${formatContribution(k.contribution)}` : ""}`
      }),
      // Value labels outside the bar end: right of positive bars, left of negative ones.
      ...([1, -1] as const).map((side) =>
        Plot.text(
          data.filter((k) => (value(k)! >= 0 ? 1 : -1) === side),
          {x: value, y: row, text: (k: IndicatorExplanation) => format(value(k)), textAnchor: side === 1 ? "start" : "end", dx: 4 * side, fill: "currentColor"}
        )
      ),
      Plot.ruleX([0]),
      // Narrow: the names above their bars.
      ...(narrow ? [Plot.text(data, {y: row, text: (k: IndicatorExplanation) => name(k.kpi), frameAnchor: "left", textAnchor: "start", dy: -15, dx: -marginLeft + 2, fill: "currentColor"})] : [])
    ]
  }), `${ranked ? "Varje nyckeltals bidrag till totalpoängen" : "Varje nyckeltals z-poäng"}, ${data.length} nyckeltal`);
}
