/**
 * A map of Sweden's 290 municipalities coloured by score. The shapes are
 * projected and drawn once (Plot, ~40 ms); an update only changes the fills
 * of municipalities whose colour class changed, and
 * the legend's numbers, which needs no layout. The tooltip of a municipality
 * is written when the pointer reaches it (writing 290 tooltips per change
 * cost more than the fills).
 *
 * Colour is not the only cue (WCAG 1.4.11): neighbouring classes of a
 * diverging palette cannot all be 3:1 apart, so the class picker under the
 * legend ("Markera klass") names each class with its bounds and count, and
 * highlights its municipalities by fading every other one; "ej rankad" is
 * hatched as well as grey, apart from the pale middle class.
 */
import {plotImage} from "./a11y.js";
import * as Plot from "@observablehq/plot";
import {interpolateRdYlBu} from "d3-scale-chromatic";
import {feature} from "topojson-client";
import {scoreClasses, type ScoreClasses, type ScoreResult} from "../engine/index.js";
import {formatDecimal} from "./format.js";
import {setAttr, setText} from "./svg.js";

export interface ScoreMap extends HTMLElement {
  update(result: ScoreResult, version: number): void;
  /** The class chosen in "Markera klass" ("" none, "0" … "8", "none" the unranked). */
  readonly chosenClass: string;
}

const NO_DATA = "#d9d9d9";
/** The hatch drawn over NO_DATA (a pattern in the map's own <defs>; the legend swatch repeats it in CSS). */
const NO_DATA_HATCH = "#707070";
let mapCount = 0;

/**
 * Nine diverging classes (blue good, red poor; the middle class holds 0). A
 * classed map is easier to read than a continuous one, and a weight change
 * repaints only the municipalities whose class changes.
 */
export const MAP_CLASSES = 9;
const PALETTE = Array.from({length: MAP_CLASSES}, (_, i) => interpolateRdYlBu((i + 0.5) / MAP_CLASSES));

/** The class picker's words for class k (0 worst … 8 best) with its bounds and count. */
export function classLabel(k: number, [from, to]: readonly [number, number], count: number): string {
  const end = k === MAP_CLASSES - 1 ? " (bäst)" : k === 0 ? " (sämst)" : "";
  return `Klass ${k + 1} av ${MAP_CLASSES}${end}: ${formatDecimal(from)} till ${formatDecimal(to)}, ${count} ${count === 1 ? "kommun" : "kommuner"}`;
}

/** Draws the municipalities once (`topology` from kommuner.topojson, object `swe-maps-kommun`). */
export function scoreMap(topology: any, {width = 360, title = "Totalpoäng", chosenClass = ""} = {}): ScoreMap {
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
  const hatchId = `map-no-data-${++mapCount}`;
  const noDataFill = `url(#${hatchId})`;
  svg.insertAdjacentHTML(
    "afterbegin",
    `<defs><pattern id="${hatchId}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="${NO_DATA}"></rect><line x1="0" y1="0" x2="0" y2="5" stroke="${NO_DATA_HATCH}" stroke-width="1.5"></line></pattern></defs>`
  );
  for (const path of paths) path.setAttribute("fill", noDataFill);
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
  none.innerHTML = `<span class="swatch hatched"></span>ej rankad`;
  legend.append(caption, low, bar, high, none);

  // The class picker: highlights one class (or the unranked) by fading the rest (style.css).
  const picker = document.createElement("label");
  picker.className = "map-class-picker";
  const select = document.createElement("select");
  select.dataset.testid = "map-class";
  const noOption = new Option("Ingen, visa alla klasser", "");
  const classOptions = Array.from({length: MAP_CLASSES}, (_, k) => new Option(`Klass ${k + 1}`, String(k))).reverse();
  const unrankedOption = new Option("Ej rankade", "none");
  select.append(noOption, ...classOptions, unrankedOption);
  select.value = chosenClass; // a map redrawn at another width keeps the class chosen on the old one
  picker.append("Markera klass ", select);
  // Per path: its class ("0" … "8", or "none" when unranked). Only a chosen class touches the
  // paths' class attribute (an attribute per path on every change cost ~0.5 ms of style).
  const classKeys: string[] = paths.map(() => "none");
  const highlight = () => {
    const chosen = select.value;
    paths.forEach((path, i) => setAttr(path, "class", chosen === "" ? "" : classKeys[i] === chosen ? "chosen" : "faded"));
  };
  // The options' words are written when someone can read them: while a class is chosen (its label
  // shows in the closed select), and before the select is used (writing ten labels on every
  // change cost ~0.5 ms of style in each frame).
  let classes: ScoreClasses | null = null;
  let labelsCurrent = false;
  const writeLabels = () => {
    if (labelsCurrent || !classes) return;
    labelsCurrent = true;
    classOptions.forEach((option, j) => {
      const k = MAP_CLASSES - 1 - j;
      setText(option, classLabel(k, classes!.bounds[k]!, classes!.counts[k]!));
    });
    setText(unrankedOption, `Ej rankade: ${classes.missing} ${classes.missing === 1 ? "kommun" : "kommuner"}`);
  };
  for (const type of ["focus", "pointerdown", "keydown"]) select.addEventListener(type, writeLabels);
  select.addEventListener("input", () => {
    writeLabels();
    highlight();
  });

  const element = document.createElement("div") as unknown as ScoreMap;
  element.className = "score-map";
  element.dataset.testid = "map";
  element.style.width = `${width}px`;
  // The legend and the picker have fixed heights (style.css): the map's box does not depend on its content.
  element.style.height = `calc(${height}px + var(--map-legend-height))`;
  element.append(legend, picker, svg);
  Object.defineProperty(element, "chosenClass", {get: () => select.value});

  element.update = (result, version) => {
    byCode = new Map(result.rows.map((r) => [r.code, r]));
    const current = scoreClasses(
      codes.map((code) => byCode.get(code)?.score ?? null),
      MAP_CLASSES
    );
    classes = current;
    labelsCurrent = false;
    paths.forEach((path, i) => {
      const k = current.classOf[i]!;
      setAttr(path, "fill", k >= 0 ? PALETTE[k]! : noDataFill);
      classKeys[i] = k >= 0 ? String(k) : "none";
    });
    setText(low, formatDecimal(-current.extent));
    setText(high, formatDecimal(current.extent));
    if (select.value !== "" || document.activeElement === select) {
      writeLabels();
      highlight();
    }
    element.dataset.version = String(version);
  };
  return element;
}
