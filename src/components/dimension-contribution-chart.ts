/**
 * "Top 30: contribution per dimension": one horizontal bar per municipality,
 * split into its dimensions' contributions (positive ones stacked right of 0,
 * negative ones left), and a dot at the sum. The bars are painted on a
 * canvas on each update; the ticks are SVG text laid over it and the row
 * names one block of text beside it (one line per bar, one text node: a
 * weight change that reorders the top 30 lays out one block instead of 30
 * SVG texts), each rewritten only when it changes (all-SVG bars cost ~3 ms of
 * layout and paint per change; names drawn on the canvas measured the same as
 * this block, README "Speed"). Both are aria-hidden: the chart is an image
 * with a label, its numbers are in the table. Hovering a bar shows its
 * numbers as a tooltip.
 */
import type {ContributionBar} from "../engine/index.js";
import {clear, grid, layeredChart, type ChartCanvas, type LayeredState} from "./canvas.js";
import {DIMENSION_COLORS} from "./colors.js";
import {formatDecimal} from "./format.js";
import {legend} from "./legend.js";
import {axis, linearScale, setText, svgElement, type Axis} from "./svg.js";

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
const LABEL = "Stapeldiagram: varje dimensions bidrag till totalpoängen för de främsta kommunerna (samma tal som i tabellen).";

interface Overlay {
  svg: SVGSVGElement;
  xAxis: Axis;
  axisLabel: SVGTextElement;
}

/** Stacks a bar's contributions: positives right of 0, negatives left, in dimension order. */
export function stackContributions(contributions: readonly number[]): [number, number][] {
  let pos = 0;
  let neg = 0;
  return contributions.map((v) => (v >= 0 ? [pos, (pos += v)] : [(neg += v), neg - v]));
}

/** The chart for at most `rows` bars, `width` px wide until it is resized to its container. */
export function dimensionContributionChart({rows = 30, width = 640} = {}): DimensionContributionChart {
  const element = document.createElement("div") as unknown as DimensionContributionChart;
  element.className = "chart contribution-chart";
  element.dataset.testid = "contribution-chart";
  const height = MARGIN.top + rows * ROW + MARGIN.bottom;
  element.style.height = `${height + 28}px`;
  const legendSlot = document.createElement("div");
  element.append(legendSlot);
  let legendKey = "";
  // The row names: one line per bar ("3. Name"), right-aligned against the bars (style.css .row-labels).
  const rowLabels = document.createElement("div");
  rowLabels.className = "row-labels";
  rowLabels.setAttribute("aria-hidden", "true");
  rowLabels.style.cssText = `top: ${MARGIN.top}px; width: ${MARGIN.left - 6}px; line-height: ${ROW}px; height: ${rows * ROW}px`;

  /** The SVG text over the canvas: the x ticks and the axis title. */
  const overlay = (c: ChartCanvas): Overlay => {
    const svg = svgElement("svg", {width: c.width, height, viewBox: `0 0 ${c.width} ${height}`, "aria-hidden": "true", class: "overlay"});
    const xAxis = axis("x", height - MARGIN.bottom, 0);
    svg.append(xAxis.element);
    const axisLabel = svgElement("text", {x: c.width - MARGIN.right, y: height - 4, "text-anchor": "end", class: "axis-label"}, svg);
    return {svg, xAxis, axisLabel};
  };

  function draw({c, overlay}: LayeredState<DimensionContributionData, Overlay>, data: DimensionContributionData): void {
    const {bars, dimensions} = data;
    const key = dimensions.join("|");
    if (key !== legendKey) {
      legendKey = key;
      legendSlot.replaceChildren(legend(dimensions.map((d, i) => ({label: d, color: DIMENSION_COLORS[i % DIMENSION_COLORS.length]!}))));
    }
    const stacks = bars.map((bar) => stackContributions(bar.contributions));
    let lo = 0;
    let hi = 0;
    stacks.forEach((spans, i) => {
      for (const [a, b] of spans) {
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      lo = Math.min(lo, bars[i]!.total);
      hi = Math.max(hi, bars[i]!.total);
    });
    const x = linearScale(lo, hi, [MARGIN.left, c.width - MARGIN.right], Math.max(2, Math.round((c.width - MARGIN.left) / 90)));
    const ctx = clear(c);
    const bottom = c.height - MARGIN.bottom;
    grid(c, "x", x, MARGIN.top, bottom);
    overlay.xAxis.update(x);
    setText(rowLabels, bars.map((bar) => `${bar.rank}. ${bar.name}`).join("\n"));
    setText(overlay.axisLabel, data.geometric ? "Bidrag till log(totalpoäng + c) →" : "Bidrag till totalpoängen →");
    bars.forEach((bar, i) => {
      const y = MARGIN.top + i * ROW;
      stacks[i]!.forEach(([a, b], j) => {
        ctx.fillStyle = DIMENSION_COLORS[j % DIMENSION_COLORS.length]!;
        // A 1 px white gap between neighbouring parts, so each keeps 3:1 against its neighbour's edge.
        ctx.fillRect(x(a) + 0.5, y + 2, Math.max(0, x(b) - x(a) - 1), ROW - 4);
      });
      ctx.fillStyle = "black";
      ctx.beginPath();
      ctx.arc(x(bar.total), y + ROW / 2, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    });
  }

  const live = layeredChart(element, {width, height, label: LABEL, overlay, draw});
  element.querySelector(".layered")!.append(rowLabels);
  live.c.canvas.addEventListener("pointermove", (event) => {
    const i = Math.floor((event.offsetY - MARGIN.top) / ROW);
    const data = live.last;
    const bar = data?.bars[i];
    live.c.canvas.title = bar && data ? `${bar.name}: ${formatDecimal(bar.total)}\n${data.dimensions.map((d, j) => `${d}: ${formatDecimal(bar.contributions[j])}`).join("\n")}` : "";
  });
  return element;
}
