/**
 * Level versus change: every municipality ranked in both as a dot (level in
 * the window's first year against its improvement score), the nominated in
 * red, and the least-squares line. The dots and the line are painted on a
 * canvas on each update (moving 290 SVG circles cost milliseconds of layout
 * per change); the ticks and titles are SVG text laid over it.
 * Hovering a dot shows its municipality and numbers as a tooltip.
 */
import {leastSquares, type LevelChangePoint} from "../engine/index.js";
import {clear, grid, layeredChart, type ChartCanvas, type LayeredState} from "./canvas.js";
import {formatDecimal} from "./format.js";
import {legend} from "./legend.js";
import {axis, linearScale, setText, svgElement, type Axis, type LinearScale} from "./svg.js";

export interface LevelChangeData {
  points: readonly LevelChangePoint[];
  fromYear: number;
  toYear: number;
}

export interface LevelChangeChart extends HTMLElement {
  update(data: LevelChangeData, version: number): void;
  resize(width: number): void;
}

const HEIGHT = 380;
const MARGIN = {top: 24, right: 16, bottom: 36, left: 48};
const COLORS = {top: "#c0392b", other: "#8a96a3"};
interface Overlay {
  svg: SVGSVGElement;
  xAxis: Axis;
  yAxis: Axis;
  xLabel: SVGTextElement;
  yLabel: SVGTextElement;
}

const LABEL = "Punktdiagram: varje kommuns nivå första året mot dess förbättring, med en regressionslinje.";

export function levelChangeChart({width = 640} = {}): LevelChangeChart {
  const element = document.createElement("div") as unknown as LevelChangeChart;
  element.className = "chart level-change-chart";
  element.dataset.testid = "level-change-chart";
  element.style.height = `${HEIGHT + 32}px`;
  element.append(legend([{label: "Topp N", color: COLORS.top}, {label: "Övriga", color: COLORS.other}]));
  let scales: {x: LinearScale; y: LinearScale} | undefined;

  const overlay = (c: ChartCanvas): Overlay => {
    const svg = svgElement("svg", {width: c.width, height: HEIGHT, viewBox: `0 0 ${c.width} ${HEIGHT}`, "aria-hidden": "true", class: "overlay"});
    const xAxis = axis("x", HEIGHT - MARGIN.bottom, 0);
    const yAxis = axis("y", MARGIN.left, 0);
    svg.append(xAxis.element, yAxis.element);
    const xLabel = svgElement("text", {x: c.width - MARGIN.right, y: HEIGHT - 4, "text-anchor": "end", class: "axis-label"}, svg);
    const yLabel = svgElement("text", {x: MARGIN.left + 6, y: MARGIN.top - 10, class: "axis-label"}, svg);
    return {svg, xAxis, yAxis, xLabel, yLabel};
  };

  function draw({c, overlay}: LayeredState<LevelChangeData, Overlay>, {points, fromYear, toYear}: LevelChangeData): void {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = 0;
    let y1 = 0;
    for (const p of points) {
      x0 = Math.min(x0, p.level);
      x1 = Math.max(x1, p.level);
      y0 = Math.min(y0, p.change);
      y1 = Math.max(y1, p.change);
    }
    if (!points.length) [x0, x1] = [-1, 1];
    const bottom = HEIGHT - MARGIN.bottom;
    const x = linearScale(x0, x1, [MARGIN.left, c.width - MARGIN.right], Math.max(2, Math.round(c.width / 100)));
    const y = linearScale(y0, y1, [bottom, MARGIN.top], 6);
    scales = {x, y};
    const ctx = clear(c);
    grid(c, "x", x, MARGIN.top, bottom);
    grid(c, "y", y, MARGIN.left, c.width - MARGIN.right);
    overlay.xAxis.update(x);
    overlay.yAxis.update(y);
    setText(overlay.xLabel, `Nivå ${fromYear} (totalpoäng, samma vikter) →`);
    setText(overlay.yLabel, `↑ Förbättring ${fromYear}–${toYear}`);
    // Others first, the nominated on top.
    for (const top of [false, true]) {
      ctx.fillStyle = top ? COLORS.top : COLORS.other;
      ctx.beginPath();
      for (const p of points) {
        if (p.top !== top) continue;
        const px = x(p.level);
        const py = y(p.change);
        ctx.moveTo(px + 3, py);
        ctx.arc(px, py, 3, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    const line = leastSquares(points);
    if (line) {
      const [a, b] = x.domain;
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, c.width - MARGIN.left - MARGIN.right, bottom - MARGIN.top);
      ctx.clip();
      ctx.strokeStyle = "#333";
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x(a), y(line.intercept + line.slope * a));
      ctx.lineTo(x(b), y(line.intercept + line.slope * b));
      ctx.stroke();
      ctx.restore();
    }
  }

  const live = layeredChart(element, {width, height: HEIGHT, label: LABEL, overlay, draw});
  live.c.canvas.addEventListener("pointermove", (event) => {
    const data = live.last;
    if (!data || !scales) return;
    let best: LevelChangePoint | undefined;
    let bestDistance = 36; // within 6 px
    for (const p of data.points) {
      const d = (scales.x(p.level) - event.offsetX) ** 2 + (scales.y(p.change) - event.offsetY) ** 2;
      if (d < bestDistance) [best, bestDistance] = [p, d];
    }
    live.c.canvas.title = best ? `${best.name}\nNivå ${formatDecimal(best.level)}, förbättring ${formatDecimal(best.change)}` : "";
  });
  return element;
}
