/**
 * The spread of each normalised weight over the workshop's proposals, as a dot
 * plot: one dot per proposal, the quartile box, the median as a bar across it,
 * the whiskers from min to max, and the pooled weight as a diamond.
 */
import * as Plot from "@observablehq/plot";
import type {Spread} from "../engine/index.js";
import {plotImage} from "./a11y.js";
import {formatPercent} from "./format.js";

export interface SpreadItem {
  /** The weight's label (a dimension, or a KPI). */
  label: string;
  /** Each proposal's normalised value (0–1). */
  values: {proposal: string; value: number}[];
  spread: Spread;
  /** The pooled weight as a share (0–1), if pooling succeeded. */
  pooled: number | null;
}

export function weightSpreadChart(items: readonly SpreadItem[], {width, label}: {width: number; label: string}): SVGSVGElement | HTMLElement {
  const dots = items.flatMap((it) => it.values.map((v) => ({label: it.label, ...v})));
  const boxes = items.map((it) => ({label: it.label, ...it.spread}));
  const pooled = items.filter((it) => it.pooled !== null).map((it) => ({label: it.label, value: it.pooled!}));
  const max = Math.min(1, Math.max(0.1, ...dots.map((d) => d.value), ...pooled.map((p) => p.value)) * 1.05);
  const chart = Plot.plot({
    width,
    height: 40 + 44 * Math.max(items.length, 1),
    marginLeft: Math.min(260, Math.max(110, width * 0.3)),
    marginRight: 16,
    style: {fontSize: "13px"},
    x: {domain: [0, max], label: "Normaliserad vikt (andel av summan)", grid: true, tickFormat: (d: number) => formatPercent(d)},
    y: {domain: items.map((it) => it.label), label: null, padding: 0.35},
    marks: [
      Plot.ruleY(boxes, {y: "label", x1: "min", x2: "max", stroke: "#595959", strokeWidth: 1.5}),
      Plot.barX(boxes, {y: "label", x1: "q1", x2: "q3", fill: "#c9d7ea", stroke: "#1f4e79", insetTop: 4, insetBottom: 4}),
      Plot.tickX(boxes, {y: "label", x: "median", stroke: "#1f4e79", strokeWidth: 3}),
      Plot.dot(dots, {y: "label", x: "value", r: 4.5, fill: "#1a1a1a", fillOpacity: 0.7, title: (d: (typeof dots)[number]) => `${d.proposal}: ${formatPercent(d.value)}`}),
      Plot.dot(pooled, {y: "label", x: "value", symbol: "diamond", r: 7, fill: "#b35900", stroke: "#fff", strokeWidth: 1.5, title: (d: (typeof pooled)[number]) => `Poolad: ${formatPercent(d.value)}`})
    ]
  });
  const element = plotImage(chart, label);
  element.setAttribute("data-testid", "weight-spread");
  return element;
}
