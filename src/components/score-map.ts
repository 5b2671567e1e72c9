/**
 * A map of Sweden's 290 municipalities coloured by score. The shapes are
 * projected and drawn once (Plot, ~40 ms); an update only changes the fills
 * of municipalities whose colour class changed, and
 * the legend's numbers, which needs no layout. The tooltip of a municipality
 * is written when the pointer reaches it (writing 290 tooltips per change
 * cost more than the fills).
 */
import {plotImage} from "./a11y.js";
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

/**
 * Nine diverging classes (blue good, red poor; the middle class holds 0). A
 * classed map is easier to read than a continuous one, and a weight change
 * repaints only the municipalities whose class changes.
 */
export const MAP_CLASSES = 9;
const PALETTE = Array.from({length: MAP_CLASSES}, (_, i) => interpolateRdYlBu((i + 0.5) / MAP_CLASSES));

/** The class (0 … 8) of a score in [−extent, extent]: equal-width classes, symmetric around 0. */
export function scoreClass(score: number, extent: number): number {
  const t = extent > 0 ? 0.5 + Math.max(-1, Math.min(1, score / extent)) / 2 : 0.5;
  return Math.min(MAP_CLASSES - 1, Math.floor(t * MAP_CLASSES));
}

export function scoreColor(score: number, extent: number): string {
  return PALETTE[scoreClass(score, extent)]!;
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
  const paths = [...svg.querySelectorAll<SVGPathElement>("g[aria-label=geo] path")];
  plotImage(svg, "Karta över kommunerna färgade efter totalpoäng; samma siffror finns i rangordningstabellen");
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
  bar.style.background = `linear-gradient(to right, ${PALETTE.map((c, i) => `${c} ${(100 * i) / MAP_CLASSES}% ${(100 * (i + 1)) / MAP_CLASSES}%`).join(", ")})`;
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
