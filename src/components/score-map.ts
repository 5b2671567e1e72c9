/**
 * A map of Sweden's 290 municipalities coloured by score. The shapes are
 * projected and drawn once (Plot, ~40 ms); an update only changes fills and
 * the legend's numbers, which needs no layout. The tooltip of a municipality
 * is written when the pointer reaches it (writing 290 tooltips per change
 * cost more than the fills).
 */
import * as Plot from "@observablehq/plot";
import {interpolateRdYlBu} from "d3-scale-chromatic";
import {feature} from "topojson-client";
import type {ScoreResult} from "../engine/index.js";
import {formatDecimal} from "./format.js";
import {setAttr, setText} from "./svg.js";

export interface ScoreMap extends HTMLElement {
  update(result: ScoreResult, version: number): void;
}

const NO_DATA = "#d9d9d9";

/** The diverging palette in 101 steps (blue good, red poor), computed once. */
const PALETTE = Array.from({length: 101}, (_, i) => interpolateRdYlBu(i / 100));

/** A diverging colour for a score in [−extent, extent]: 0 is the palette's middle. */
export function scoreColor(score: number, extent: number): string {
  const t = extent > 0 ? 0.5 + Math.max(-1, Math.min(1, score / extent)) / 2 : 0.5;
  return PALETTE[Math.round(t * 100)]!;
}

/** Draws the municipalities once (`topology` from kommuner.topojson, object `swe-maps-kommun`). */
export function scoreMap(topology: any, {width = 360, title = "Totalpoäng"} = {}): ScoreMap {
  const geo = feature(topology, topology.objects["swe-maps-kommun"]) as any;
  const features: any[] = geo.features;
  const codes = features.map((f) => String(f.properties.kommun_kod).padStart(4, "0"));
  const names = features.map((f) => String(f.properties.kommun));
  const height = Math.round(width * 2.1);
  const svg = Plot.plot({
    width,
    height,
    projection: {type: "transverse-mercator", rotate: [-15, -62], domain: geo},
    marks: [Plot.geo(features, {fill: NO_DATA, stroke: "white", strokeWidth: 0.3})]
  }) as SVGSVGElement;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Karta över kommunerna färgade efter totalpoäng");
  const paths = [...svg.querySelectorAll<SVGPathElement>("g[aria-label=geo] path")];
  const tooltip = document.createElementNS("http://www.w3.org/2000/svg", "title");
  const pathIndex = new Map(paths.map((p, i) => [p as Element, i]));
  let byCode = new Map<string, ScoreResult["rows"][number]>();
  svg.addEventListener("pointerover", (event) => {
    const i = pathIndex.get(event.target as Element);
    if (i === undefined) return;
    const row = byCode.get(codes[i]!);
    tooltip.textContent = `${names[i]}: ${row && row.score !== null ? `${formatDecimal(row.score)} (rang ${row.rank})` : "ej rankad"}`;
    paths[i]!.append(tooltip);
  });

  const low = document.createElement("span");
  const high = document.createElement("span");
  const bar = document.createElement("span");
  bar.className = "gradient";
  bar.style.background = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateRdYlBu(t)).join(", ")})`;
  const legend = document.createElement("div");
  legend.className = "map-legend";
  const caption = document.createElement("span");
  caption.textContent = `${title}: `;
  const none = document.createElement("span");
  none.className = "no-data";
  none.innerHTML = `<span class="swatch" style="background:${NO_DATA}"></span>ej rankad`;
  legend.append(caption, low, bar, high, none);

  const element = document.createElement("div") as unknown as ScoreMap;
  element.className = "score-map";
  element.dataset.testid = "map";
  element.style.width = `${width}px`;
  element.style.height = `${height + 32}px`;
  element.append(legend, svg);

  element.update = (result, version) => {
    let extent = 0;
    for (const r of result.rows) if (r.score !== null) extent = Math.max(extent, Math.abs(r.score));
    byCode = new Map(result.rows.map((r) => [r.code, r]));
    paths.forEach((path, i) => {
      const row = byCode.get(codes[i]!);
      setAttr(path, "fill", row !== undefined && row.score !== null ? scoreColor(row.score, extent) : NO_DATA);
    });
    setText(low, formatDecimal(-extent));
    setText(high, formatDecimal(extent));
    element.dataset.version = String(version);
  };
  return element;
}
