/**
 * "Top 30: contribution per dimension": one horizontal bar per municipality,
 * split into its dimensions' contributions (positive ones stacked right of 0,
 * negative ones left), and a dot at the sum. Drawn once as SVG and updated in
 * place: a weight change only moves rectangles and rewrites labels.
 */
import type {ContributionBar} from "../engine/index.js";
import {DIMENSION_COLORS} from "./colors.js";
import {formatDecimal} from "./format.js";
import {legend} from "./legend.js";
import {axis, linearScale, setAttr, setText, svgElement, type Axis} from "./svg.js";

export interface DimensionContributionData {
  bars: readonly ContributionBar[];
  dimensions: readonly string[];
  geometric: boolean;
}

export interface DimensionContributionChart extends HTMLElement {
  update(data: DimensionContributionData, version: number): void;
  /** Redraws at a new width (the container's). */
  resize(width: number): void;
}

const ROW = 16;
const MARGIN = {top: 8, right: 16, bottom: 34, left: 160};

interface BarRow {
  g: SVGGElement;
  label: SVGTextElement;
  title: SVGTitleElement;
  rects: SVGRectElement[];
  dot: SVGCircleElement;
}

/** The chart for at most `rows` bars, `width` px wide. */
export function dimensionContributionChart({rows = 30, width = 640} = {}): DimensionContributionChart {
  const element = document.createElement("div") as unknown as DimensionContributionChart;
  element.className = "chart contribution-chart";
  element.dataset.testid = "contribution-chart";
  const height = MARGIN.top + rows * ROW + MARGIN.bottom;
  element.style.height = `${height + 28}px`;
  const legendSlot = document.createElement("div");
  element.append(legendSlot);
  let last: DimensionContributionData | undefined;
  let legendKey = "";
  let svg: SVGSVGElement;
  let xAxis: Axis;
  let zero: SVGLineElement;
  let axisLabel: SVGTextElement;
  let barRows: BarRow[] = [];

  function skeleton(w: number): void {
    width = Math.max(320, w);
    svg?.remove();
    svg = svgElement("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Bidrag per dimension för de främsta kommunerna"});
    xAxis = axis("x", height - MARGIN.bottom, rows * ROW);
    svg.append(xAxis.element);
    axisLabel = svgElement("text", {x: width - MARGIN.right, y: height - 4, "text-anchor": "end", class: "axis-label"}, svg);
    barRows = [];
    for (let i = 0; i < rows; i++) {
      const g = svgElement("g", {transform: `translate(0,${MARGIN.top + i * ROW})`}, svg);
      const title = svgElement("title", {}, g);
      const label = svgElement("text", {x: MARGIN.left - 6, y: ROW / 2, dy: "0.32em", "text-anchor": "end"}, g);
      barRows.push({g, label, title, rects: [], dot: svgElement("circle", {r: 2.5, cy: ROW / 2, fill: "black"})});
    }
    zero = svgElement("line", {y1: MARGIN.top, y2: height - MARGIN.bottom, stroke: "black"}, svg);
    element.append(svg);
  }

  function draw(data: DimensionContributionData): void {
    const {bars, dimensions} = data;
    const key = dimensions.join("|");
    if (key !== legendKey) {
      legendKey = key;
      legendSlot.replaceChildren(legend(dimensions.map((d, i) => ({label: d, color: DIMENSION_COLORS[i % DIMENSION_COLORS.length]!}))));
    }
    // Stack: positives right of 0, negatives left, in dimension order.
    let lo = 0;
    let hi = 0;
    const stacks = bars.map((bar) => {
      let pos = 0;
      let neg = 0;
      const spans = bar.contributions.map((v) => {
        const span = v >= 0 ? [pos, (pos += v)] : [(neg += v), neg - v];
        return span as [number, number];
      });
      lo = Math.min(lo, neg, bar.total);
      hi = Math.max(hi, pos, bar.total);
      return spans;
    });
    const x = linearScale(lo, hi, [MARGIN.left, width - MARGIN.right], Math.max(2, Math.round((width - MARGIN.left) / 90)));
    xAxis.update(x);
    setText(axisLabel, data.geometric ? "Bidrag till log(totalpoäng + c) →" : "Bidrag till totalpoängen →");
    const x0 = x(0).toFixed(1);
    setAttr(zero, "x1", x0);
    setAttr(zero, "x2", x0);
    barRows.forEach((row, i) => {
      const bar = bars[i];
      if (!bar) {
        if (row.g.style.display !== "none") row.g.style.display = "none";
        return;
      }
      if (row.g.style.display) row.g.style.display = "";
      setText(row.label, `${bar.rank}. ${bar.name}`);
      setText(row.title, `${bar.name}: ${formatDecimal(bar.total)}\n${dimensions.map((d, j) => `${d}: ${formatDecimal(bar.contributions[j])}`).join("\n")}`);
      while (row.rects.length < dimensions.length) {
        const rect = svgElement("rect", {y: 2, height: ROW - 4});
        row.g.insertBefore(rect, row.dot.parentNode ? row.dot : null);
        row.rects.push(rect);
      }
      if (!row.dot.parentNode) row.g.append(row.dot);
      row.rects.forEach((rect, j) => {
        const span = stacks[i]![j];
        if (!span) return setAttr(rect, "width", 0);
        setAttr(rect, "fill", DIMENSION_COLORS[j % DIMENSION_COLORS.length]!);
        setAttr(rect, "x", x(span[0]).toFixed(1));
        setAttr(rect, "width", Math.max(0, x(span[1]) - x(span[0])).toFixed(1));
      });
      setAttr(row.dot, "cx", x(bar.total).toFixed(1));
    });
  }

  element.update = (data, version) => {
    last = data;
    draw(data);
    element.dataset.version = String(version);
  };
  element.resize = (w) => {
    if (Math.max(320, w) === width && svg) return;
    skeleton(w);
    legendKey = "";
    if (last) draw(last);
  };
  skeleton(width);
  return element;
}
