/**
 * Sobol sensitivity indices per input group: first-order (what the choice
 * explains alone) and total (including its interactions), each with its 90 %
 * bootstrap band. Tells a steering group which choice the ranking depends on.
 */
import * as Plot from "@observablehq/plot";
import {plotImage} from "./a11y.js";
import {formatDecimal} from "./format.js";

export interface SobolBar {
  group: string;
  first: number;
  firstLow: number;
  firstHigh: number;
  total: number;
  totalLow: number;
  totalHigh: number;
}

const KINDS = {first: "Första ordningen", total: "Total"} as const;

export function sobolChart(bars: readonly SobolBar[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const long = bars.flatMap((b) => [
    {group: b.group, kind: KINDS.first, value: b.first, low: b.firstLow, high: b.firstHigh},
    {group: b.group, kind: KINDS.total, value: b.total, low: b.totalLow, high: b.totalHigh}
  ]);
  const max = Math.max(0.1, ...long.map((d) => d.high), ...long.map((d) => d.value));
  const min = Math.min(0, ...long.map((d) => d.low));
  return plotImage(Plot.plot({
    width,
    height: 50 + 40 * Math.max(bars.length, 1),
    marginLeft: 210,
    marginRight: 20,
    style: {fontSize: "12px"},
    x: {domain: [min, max], label: "Sobol-index (andel av variansen i rangförskjutningen); linje = 90 % bootstrapintervall", grid: true, tickFormat: (d: number) => formatDecimal(d)},
    fy: {domain: bars.map((b) => b.group), label: null, axis: "left"},
    y: {domain: Object.values(KINDS), axis: null},
    color: {domain: Object.values(KINDS), range: ["#4a6fa5", "#b35900"], legend: true},
    marks: [
      Plot.barX(long, {fy: "group", y: "kind", x: "value", fill: "kind", title: (d: (typeof long)[number]) => `${d.group}, ${d.kind.toLowerCase()}: ${formatDecimal(d.value)} (90 %: ${formatDecimal(d.low)}–${formatDecimal(d.high)})`}),
      Plot.ruleY(long, {fy: "group", y: "kind", x1: "low", x2: "high", stroke: "#000", strokeWidth: 1.5}),
      Plot.ruleX([0])
    ]
  }), "Sobolindex per indatagrupp: första ordningens och totala");
}
