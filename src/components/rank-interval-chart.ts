/**
 * Rank intervals from a Monte Carlo analysis: per municipality the 5–95 %
 * interval of its rank as a bar, the median as a dot, and its nominal rank
 * (the current settings) as a tick. A vertical line marks the top-N cut.
 * Rank 1 is on the left.
 */
import * as Plot from "@observablehq/plot";
import {plotImage} from "./a11y.js";
import {formatInteger, formatPercent} from "./format.js";

export interface RankInterval {
  code: string;
  name: string;
  nominalRank: number | null;
  medianRank: number | null;
  q05Rank: number | null;
  q95Rank: number | null;
  pTopN: number;
}

export function rankIntervalChart(rows: readonly RankInterval[], {width, topN}: {width: number; topN: number}): SVGSVGElement | HTMLElement {
  const shown = rows.filter((r) => r.medianRank !== null);
  const maxRank = Math.max(topN + 1, ...shown.map((r) => r.q95Rank ?? 0), ...shown.map((r) => r.nominalRank ?? 0));
  const label = (r: RankInterval) => `${r.name} (${formatPercent(r.pTopN)})`;
  return plotImage(Plot.plot({
    width,
    height: 28 + 16 * Math.max(shown.length, 1),
    marginLeft: 190,
    marginRight: 20,
    style: {fontSize: "12px"},
    x: {domain: [0.5, maxRank + 0.5], label: "Rang (1 = bäst): stapel 5–95 %, punkt median, streck nuvarande", grid: true},
    y: {domain: shown.map(label), label: null},
    marks: [
      Plot.ruleX([topN + 0.5], {stroke: "#b35900", strokeDasharray: "4 3"}),
      // The band at 3.3:1 against the page (WCAG 1.4.11); the median dot and the current-rank tick differ in shape.
      Plot.ruleY(shown, {y: label, x1: "q05Rank", x2: "q95Rank", stroke: "#6f8fc2", strokeWidth: 6}),
      Plot.dot(shown, {y: label, x: "medianRank", fill: "#1f4e79", r: 3.5}),
      Plot.tickX(
        shown.filter((r) => r.nominalRank !== null),
        {y: label, x: "nominalRank", stroke: "#000", strokeWidth: 2}
      ),
      Plot.tip(
        shown,
        Plot.pointerY({
          y: label,
          x: "medianRank",
          title: (r: RankInterval) =>
            `${r.name}\nP(topp ${topN}): ${formatPercent(r.pTopN)}\nMedianrang: ${formatInteger(r.medianRank!)}\n5–95 %: ${formatInteger(r.q05Rank!)}–${formatInteger(r.q95Rank!)}\nNuvarande rang: ${r.nominalRank === null ? "ej rankad" : formatInteger(r.nominalRank)}`
        })
      )
    ]
  }), `Rangintervall (5–95 %) och medianrang för de ${shown.length} mest sannolika kommunerna`);
}
