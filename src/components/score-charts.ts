/** Charts of a scored ranking: top-30 bars split into dimension contributions, and the map of Sweden. */
import * as Plot from "@observablehq/plot";
import {feature} from "topojson-client";
import type {RankingRow, ScoreResult} from "../engine/index.js";
import {formatDecimal} from "./format.js";

/** The four dimension colours, in model order (colour-blind safe). */
export const DIMENSION_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948"];

interface Contribution {
  name: string;
  code: string;
  rank: number;
  dimension: string;
  value: number;
}

/** Contribution of each dimension to the total: W(d) / ΣW × D(d, m). */
export function dimensionContributions(result: ScoreResult, rows: readonly RankingRow[]): Contribution[] {
  const W = result.weights.dimensions;
  let sumW = 0;
  for (const w of W) if (w > 0) sumW += w;
  const out: Contribution[] = [];
  for (const row of rows) {
    result.prepared.dimensions.forEach((d, i) => {
      const score = row.dimensionScores[i];
      if (W[i]! > 0 && score !== null && score !== undefined) {
        out.push({name: row.name, code: row.code, rank: row.rank!, dimension: d.label, value: (W[i]! / sumW) * score});
      }
    });
  }
  return out;
}

/**
 * Horizontal bars of the first `n` ranked rows, each split into its dimension
 * contributions (they add up to the total for arithmetic aggregation).
 */
export function contributionChart(result: ScoreResult, rows: readonly RankingRow[], {width = 640, n = 30} = {}): SVGSVGElement | HTMLElement {
  // Within groups, ranks repeat: order and label by the overall rank instead.
  const rankOf = (r: RankingRow) => (result.grouping === "none" ? r.rank! : r.overallRank!);
  const top = rows
    .filter((r) => r.rank !== null)
    .sort((a, b) => rankOf(a) - rankOf(b))
    .slice(0, n);
  const data = dimensionContributions(result, top);
  const labels = result.prepared.dimensions.map((d) => d.label);
  const label = new Map(top.map((r) => [r.code, `${rankOf(r)}. ${r.name}`]));
  const order = top.map((r) => label.get(r.code)!);
  const geometric = result.prepared.aggregation === "geometric";
  return Plot.plot({
    width,
    height: 40 + 16 * Math.max(top.length, 1),
    marginLeft: 150,
    x: {label: geometric ? "Bidrag (andel × dimensionspoäng; geometrisk total visas som punkt)" : "Bidrag till totalpoängen", grid: true},
    y: {domain: order, label: null},
    color: {domain: labels, range: DIMENSION_COLORS.slice(0, labels.length), legend: true},
    marks: [
      Plot.barX(data, {
        x: "value",
        y: (d: Contribution) => label.get(d.code),
        fill: "dimension",
        title: (d: Contribution) => `${d.name}\n${d.dimension}: ${formatDecimal(d.value)}`
      }),
      Plot.dot(top, {x: (r: RankingRow) => r.score, y: (r: RankingRow) => label.get(r.code), fill: "black", r: 2.5, title: (r: RankingRow) => `Totalt ${formatDecimal(r.score)}`}),
      Plot.ruleX([0])
    ]
  });
}

/** A map of Sweden's municipalities whose colours can be updated without redrawing the shapes. */
export interface ScoreMap {
  element: HTMLElement;
  update(result: ScoreResult, title?: string): void;
}

const NO_DATA = "#d9d9d9";

/** Draws the 290 municipalities once (`topology` from kommuner.topojson, object `swe-maps-kommun`). */
export function scoreMap(topology: any, {width = 420} = {}): ScoreMap {
  const geo = feature(topology, topology.objects["swe-maps-kommun"]) as any;
  const features: any[] = geo.features;
  const codes = features.map((f) => String(f.properties.kommun_kod).padStart(4, "0"));
  const svg = Plot.plot({
    width,
    height: width * 2.1,
    projection: {type: "transverse-mercator", rotate: [-15, -62], domain: geo},
    marks: [Plot.geo(features, {fill: NO_DATA, stroke: "white", strokeWidth: 0.3})]
  }) as SVGSVGElement;
  const paths = [...svg.querySelectorAll<SVGPathElement>("g[aria-label=geo] path")];
  const titles = paths.map((p) => {
    const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
    p.append(t);
    return t;
  });
  const legend = document.createElement("div");
  const element = document.createElement("div");
  element.className = "score-map";
  element.dataset.testid = "map";
  element.append(legend, svg);
  const names = features.map((f) => String(f.properties.kommun));
  return {
    element,
    update(result, title = "Totalpoäng") {
      let extent = 0;
      for (const r of result.rows) if (r.score !== null) extent = Math.max(extent, Math.abs(r.score));
      const scale = Plot.scale({color: {type: "diverging", scheme: "RdYlBu", domain: [-extent || -1, extent || 1]}});
      const byCode = new Map(result.rows.map((r) => [r.code, r]));
      paths.forEach((path, i) => {
        const row = byCode.get(codes[i]!);
        const ranked = row && row.score !== null;
        path.setAttribute("fill", ranked ? String(scale.apply(row.score)) : NO_DATA);
        titles[i]!.textContent = `${names[i]}: ${ranked ? `${formatDecimal(row.score)} (rang ${row.rank})` : "ej rankad"}`;
      });
      legend.replaceChildren(Plot.legend({color: {type: "diverging", scheme: "RdYlBu", domain: [-extent || -1, extent || 1], label: title}}) as Node);
      element.dataset.version = String(Number(element.dataset.version ?? 0) + 1);
    }
  };
}
