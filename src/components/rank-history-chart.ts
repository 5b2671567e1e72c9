/** The municipality's nomination and improvement rank over the years, as lines (rank 1 at the top). */
import * as Plot from "@observablehq/plot";
import {plotImage} from "./a11y.js";
import type {RankPoint} from "../engine/index.js";

export const KIND_COLORS = {nomination: "#1f4e79", improvement: "#2ca02c"} as const;
export const KIND_LABELS = {nomination: "Nominering", improvement: "Förbättring (4-årsfönster)"} as const;

export interface RankHistoryPoints {
  nomination: RankPoint[];
  improvement: RankPoint[];
}

/** "Nominering 2022" or "Förbättring 2019–2022": what a point is. */
export function rankPointLabel(p: RankPoint): string {
  return p.kind === "nomination" ? `${KIND_LABELS.nomination} ${p.year}` : `Förbättring ${p.from}–${p.year}`;
}

export function rankHistoryChart(points: RankHistoryPoints, {years, year, width}: {years: readonly number[]; year: number; width: number}): SVGSVGElement | HTMLElement {
  const data = [...points.nomination, ...points.improvement];
  const maxOf = Math.max(1, ...data.map((p) => p.of));
  const ranked = data.filter((p) => p.rank !== null);
  return plotImage(Plot.plot({
    width,
    height: 300,
    marginLeft: 56,
    marginRight: 30,
    marginBottom: 44,
    style: {fontSize: "13px"},
    x: {domain: [years[0]!, years.at(-1)!], tickFormat: "d", label: "År (förbättring: fönstrets sista år)", labelAnchor: "center", labelOffset: 38, ticks: Math.min(years.length, Math.floor(width / 45))},
    y: {domain: [1, maxOf], reverse: true, label: "Rang (1 = bäst)", grid: true, ticks: [1, 50, 100, 150, 200, 250].filter((t) => t <= maxOf)},
    color: {domain: [KIND_LABELS.nomination, KIND_LABELS.improvement], range: [KIND_COLORS.nomination, KIND_COLORS.improvement], legend: true},
    marks: [
      Plot.ruleX([year], {stroke: "#8c8c8c", strokeDasharray: "4,3"}),
      Plot.line(data, {x: "year", y: (p: RankPoint) => p.rank ?? NaN, z: "kind", stroke: (p: RankPoint) => KIND_LABELS[p.kind], strokeWidth: 2.2}),
      Plot.dot(ranked, {
        x: "year",
        y: "rank",
        fill: (p: RankPoint) => KIND_LABELS[p.kind],
        r: 4,
        title: (p: RankPoint) => `${rankPointLabel(p)}: rang ${p.rank} av ${p.of}`
      })
    ]
  }), `Rang år för år, ${KIND_LABELS.nomination.toLowerCase()} och förbättring`);
}
