/**
 * Trend small multiples of the improvement page: one panel per municipality,
 * a thin line per KPI (coloured by dimension) and the mean in black, as the
 * distance to the nation (0) in first-year standard deviations. Redrawn only
 * when the municipalities or the KPIs shown change; otherwise an update only
 * records the version.
 */
import {meanGapByYear, type NationalGapPoint} from "../engine/index.js";
import {DIMENSION_COLORS} from "./contribution-chart.js";
import {legend} from "./legend.js";
import {axis, linearScale, svgElement} from "./svg.js";

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

export function trendMultiples({panels = 8, width = 640} = {}): TrendMultiples {
  const element = document.createElement("div") as unknown as TrendMultiples;
  element.className = "chart trend-multiples";
  element.dataset.testid = "trend-chart";
  const legendSlot = document.createElement("div");
  const svgSlot = document.createElement("div");
  element.append(legendSlot, svgSlot);
  let last: TrendMultiplesData | undefined;
  let lastKey = "";
  const columnsFor = (w: number) => (w < 560 ? 2 : 4);
  const rowsFor = (w: number) => Math.ceil(panels / columnsFor(w));
  const heightFor = (w: number) => rowsFor(w) * (PANEL_HEIGHT + GAP) + MARGIN.top + MARGIN.bottom;
  element.style.height = `${heightFor(width) + 32}px`;

  function draw(data: TrendMultiplesData): void {
    legendSlot.replaceChildren(legend(data.dimensions.map((d, i) => ({label: d, color: DIMENSION_COLORS[i % DIMENSION_COLORS.length]!}))));
    const columns = columnsFor(width);
    const height = heightFor(width);
    element.style.height = `${height + 32}px`;
    const svg = svgElement("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Utveckling mot riket för de främsta kommunerna"});
    const panelWidth = (width - MARGIN.left - GAP * (columns - 1)) / columns;
    let lo = 0;
    let hi = 0;
    for (const p of data.points) {
      lo = Math.min(lo, p.gap);
      hi = Math.max(hi, p.gap);
    }
    const firstYear = data.years[0]!;
    const lastYear = data.years.at(-1)!;
    data.municipalities.forEach((name, i) => {
      const px = MARGIN.left + (i % columns) * (panelWidth + GAP);
      const py = MARGIN.top + Math.floor(i / columns) * (PANEL_HEIGHT + GAP);
      const g = svgElement("g", {transform: `translate(${px.toFixed(1)},${py})`, class: "panel"}, svg);
      const y = linearScale(lo, hi, [PANEL_HEIGHT - 18, 16], 4);
      const inset = 10;
      const x = (year: number) => inset + ((year - firstYear) / Math.max(1, lastYear - firstYear)) * (panelWidth - 2 * inset);
      svgElement("rect", {width: panelWidth.toFixed(1), height: PANEL_HEIGHT - 18, class: "frame"}, g);
      const yAxis = axis("y", 0, panelWidth, "axis y-axis");
      yAxis.update(y);
      if (i % columns !== 0) yAxis.element.classList.add("no-labels");
      g.append(yAxis.element);
      for (const year of data.years) {
        svgElement("text", {x: x(year).toFixed(1), y: PANEL_HEIGHT - 4, "text-anchor": "middle", class: "tick-label"}, g).textContent = String(year);
      }
      const mine = data.points.filter((p) => p.municipality === name);
      const byKpi = new Map<string, NationalGapPoint[]>();
      for (const p of mine) byKpi.set(p.kpi, [...(byKpi.get(p.kpi) ?? []), p]);
      for (const series of byKpi.values()) {
        const d = series.map((p, j) => `${j ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.gap).toFixed(1)}`).join("");
        svgElement("path", {d, fill: "none", stroke: DIMENSION_COLORS[series[0]!.dimensionIndex % DIMENSION_COLORS.length]!, "stroke-opacity": 0.55, "stroke-width": 1}, g);
      }
      const mean = meanGapByYear(mine);
      if (mean.length) {
        const d = mean.map((p, j) => `${j ? "L" : "M"}${x(p.year).toFixed(1)},${y(p.gap).toFixed(1)}`).join("");
        svgElement("path", {d, fill: "none", stroke: "black", "stroke-width": 2.5}, g);
      }
      svgElement("text", {x: 4, y: 12, class: "panel-title"}, g).textContent = name;
    });
    svgElement("text", {x: 4, y: height - 2, class: "axis-label"}, svg).textContent = "↑ Avstånd till riket (sd, riktningsjusterat)";
    svgSlot.replaceChildren(svg);
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
    const next = Math.max(320, w);
    if (next === width) return;
    width = next;
    if (last) draw(last);
  };
  return element;
}
