/**
 * Trend small multiples of the improvement page: one panel per municipality,
 * a thin line per KPI (coloured by dimension) and the mean in black, as the
 * distance to the nation (0) in first-year standard deviations. Redrawn only
 * when the municipalities or the KPIs shown change; otherwise an update only
 * records the version.
 */
import {meanGapByYear, type NationalGapPoint} from "../engine/index.js";
import {DIMENSION_COLORS} from "./colors.js";
import {legend} from "./legend.js";
import {axis, linearScale, setAttr, setText, svgElement, type Axis} from "./svg.js";

export interface TrendMultiplesData {
  /** The municipalities in panel order (names), and their points. */
  municipalities: readonly string[];
  points: readonly NationalGapPoint[];
  dimensions: readonly string[];
  years: readonly number[];
}

export interface TrendMultiples extends HTMLElement {
  /** `key` identifies the data: when it is unchanged, nothing is redrawn. */
  update(data: TrendMultiplesData, key: string, version: number): void;
  resize(width: number): void;
}

const PANEL_HEIGHT = 150;
const GAP = 14;
const MARGIN = {top: 4, left: 44, bottom: 22};

interface Panel {
  g: SVGGElement;
  frame: SVGRectElement;
  yAxis: Axis;
  years: SVGTextElement[];
  /** One path per KPI, created as needed. */
  lineLayer: SVGGElement;
  mean: SVGPathElement;
  title: SVGTextElement;
}

export function trendMultiples({panels = 8, width = 640} = {}): TrendMultiples {
  const element = document.createElement("div") as unknown as TrendMultiples;
  element.className = "chart trend-multiples";
  element.dataset.testid = "trend-chart";
  const legendSlot = document.createElement("div");
  element.append(legendSlot);
  let last: TrendMultiplesData | undefined;
  let lastKey = "";
  let legendKey = "";
  const columnsFor = (w: number) => (w < 560 ? 2 : 4);
  const heightFor = (w: number) => Math.ceil(panels / columnsFor(w)) * (PANEL_HEIGHT + GAP) + MARGIN.top + MARGIN.bottom;
  let svg: SVGSVGElement | undefined;
  let slots: Panel[] = [];

  /** The panels, created once per width; an update fills them. */
  function skeleton(w: number): void {
    width = Math.max(320, w);
    const height = heightFor(width);
    element.style.height = `${height + 32}px`;
    svg?.remove();
    svg = svgElement("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Utveckling mot riket för de främsta kommunerna"});
    const columns = columnsFor(width);
    const panelWidth = (width - MARGIN.left - GAP * (columns - 1)) / columns;
    slots = Array.from({length: panels}, (_, i) => {
      const px = MARGIN.left + (i % columns) * (panelWidth + GAP);
      const py = MARGIN.top + Math.floor(i / columns) * (PANEL_HEIGHT + GAP);
      const g = svgElement("g", {transform: `translate(${px.toFixed(1)},${py})`, class: "panel"}, svg);
      const frame = svgElement("rect", {width: panelWidth.toFixed(1), height: PANEL_HEIGHT - 18, class: "frame"}, g);
      const yAxis = axis("y", 0, panelWidth, `axis y-axis${i % columns ? " no-labels" : ""}`);
      g.append(yAxis.element);
      const lineLayer = svgElement("g", {}, g);
      const mean = svgElement("path", {fill: "none", stroke: "black", "stroke-width": 2.5}, g);
      const title = svgElement("text", {x: 4, y: 12, class: "panel-title"}, g);
      return {g, frame, yAxis, years: [], lineLayer, mean, title};
    });
    svgElement("text", {x: 4, y: height - 2, class: "axis-label"}, svg).textContent = "↑ Avstånd till riket (sd, riktningsjusterat)";
    element.append(svg);
  }

  function draw(data: TrendMultiplesData): void {
    const key = data.dimensions.join("|");
    if (key !== legendKey) {
      legendKey = key;
      legendSlot.replaceChildren(legend(data.dimensions.map((d, i) => ({label: d, color: DIMENSION_COLORS[i % DIMENSION_COLORS.length]!}))));
    }
    const columns = columnsFor(width);
    const panelWidth = (width - MARGIN.left - GAP * (columns - 1)) / columns;
    let lo = 0;
    let hi = 0;
    for (const p of data.points) {
      lo = Math.min(lo, p.gap);
      hi = Math.max(hi, p.gap);
    }
    const y = linearScale(lo, hi, [PANEL_HEIGHT - 18, 16], 4);
    const firstYear = data.years[0]!;
    const lastYear = data.years.at(-1)!;
    const inset = 16;
    const x = (year: number) => inset + ((year - firstYear) / Math.max(1, lastYear - firstYear)) * (panelWidth - 2 * inset);
    const path = (series: readonly {year: number; gap: number}[]) => series.map((p, j) => `${j ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.gap).toFixed(1)}`).join("");
    slots.forEach((panel, i) => {
      const name = data.municipalities[i];
      if (name === undefined) {
        if (panel.g.style.display !== "none") panel.g.style.display = "none";
        return;
      }
      if (panel.g.style.display) panel.g.style.display = "";
      panel.yAxis.update(y);
      data.years.forEach((year, j) => {
        const label = (panel.years[j] ??= svgElement("text", {y: PANEL_HEIGHT - 4, "text-anchor": "middle", class: "tick-label"}, panel.g));
        setAttr(label, "x", x(year).toFixed(1));
        setText(label, String(year));
      });
      panel.years.slice(data.years.length).forEach((label) => setText(label, ""));
      const layer = panel.lineLayer;
      const byKpi = new Map<string, NationalGapPoint[]>();
      const mine = data.points.filter((p) => p.municipality === name);
      for (const p of mine) byKpi.set(p.kpi, [...(byKpi.get(p.kpi) ?? []), p]);
      const series = [...byKpi.values()];
      while (layer.childElementCount < series.length) svgElement("path", {fill: "none", "stroke-opacity": 0.55, "stroke-width": 1}, layer);
      [...layer.children].forEach((line, j) => {
        const s = series[j];
        setAttr(line, "d", s ? path(s) : "");
        if (s) setAttr(line, "stroke", DIMENSION_COLORS[s[0]!.dimensionIndex % DIMENSION_COLORS.length]!);
      });
      setAttr(panel.mean, "d", path(meanGapByYear(mine)));
      setText(panel.title, name);
    });
  }

  element.update = (data, key, version) => {
    last = data;
    if (key !== lastKey) {
      lastKey = key;
      draw(data);
    }
    element.dataset.version = String(version);
  };
  element.resize = (w) => {
    if (Math.max(320, w) === width && svg) return;
    skeleton(w);
    if (last) draw(last);
  };
  skeleton(width);
  return element;
}
