/**
 * Level versus change: every municipality ranked in both as a dot (level in
 * the window's first year against its improvement score), the nominated in
 * red, and the least-squares line. The 290 dots are created once and moved
 * on each update; a dot's tooltip is written when the pointer reaches it.
 */
import {leastSquares, type LevelChangePoint} from "../engine/index.js";
import {formatDecimal} from "./format.js";
import {legend} from "./legend.js";
import {axis, linearScale, setAttr, setText, svgElement, type Axis} from "./svg.js";

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
const MARGIN = {top: 10, right: 16, bottom: 36, left: 48};
const COLORS = {top: "#c0392b", other: "#8a96a3"};

export function levelChangeChart({municipalities = 290, width = 640} = {}): LevelChangeChart {
  const element = document.createElement("div") as unknown as LevelChangeChart;
  element.className = "chart level-change-chart";
  element.dataset.testid = "level-change-chart";
  element.style.height = `${HEIGHT + 32}px`;
  element.append(legend([{label: "Topp N", color: COLORS.top}, {label: "Övriga", color: COLORS.other}]));
  let last: LevelChangeData | undefined;
  let svg: SVGSVGElement;
  let xAxis: Axis;
  let yAxis: Axis;
  let xLabel: SVGTextElement;
  let yLabel: SVGTextElement;
  let fit: SVGLineElement;
  let dots: SVGCircleElement[] = [];
  let byIndex = new Map<number, LevelChangePoint>();
  const tooltip = svgElement("title");

  function skeleton(w: number): void {
    width = Math.max(320, w);
    svg?.remove();
    svg = svgElement("svg", {width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": "Nivå mot förändring"});
    xAxis = axis("x", HEIGHT - MARGIN.bottom, HEIGHT - MARGIN.top - MARGIN.bottom);
    yAxis = axis("y", MARGIN.left, width - MARGIN.left - MARGIN.right);
    svg.append(xAxis.element, yAxis.element);
    xLabel = svgElement("text", {x: width - MARGIN.right, y: HEIGHT - 4, "text-anchor": "end", class: "axis-label"}, svg);
    yLabel = svgElement("text", {x: MARGIN.left + 6, y: MARGIN.top + 10, class: "axis-label"}, svg);
    const dotLayer = svgElement("g", {}, svg);
    dots = Array.from({length: municipalities}, (_, i) => svgElement("circle", {r: 3, "data-index": i}, dotLayer));
    dotLayer.addEventListener("pointerover", (event) => {
      const p = byIndex.get(Number((event.target as Element).getAttribute("data-index")));
      if (!p) return;
      tooltip.textContent = `${p.name}\nNivå ${formatDecimal(p.level)}, förbättring ${formatDecimal(p.change)}`;
      dots[p.index]!.append(tooltip);
    });
    fit = svgElement("line", {stroke: "#333", "stroke-width": 1.5}, svg);
    element.append(svg);
  }

  function draw({points, fromYear, toYear}: LevelChangeData): void {
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
    const x = linearScale(x0, x1, [MARGIN.left, width - MARGIN.right], Math.max(2, Math.round(width / 100)));
    const y = linearScale(y0, y1, [HEIGHT - MARGIN.bottom, MARGIN.top], 6);
    xAxis.update(x);
    yAxis.update(y);
    setText(xLabel, `Nivå ${fromYear} (totalpoäng, samma vikter) →`);
    setText(yLabel, `↑ Förbättring ${fromYear}–${toYear}`);
    byIndex = new Map(points.map((p) => [p.index, p]));
    dots.forEach((dot, i) => {
      const p = byIndex.get(i);
      if (!p) {
        if (dot.style.display !== "none") dot.style.display = "none";
        return;
      }
      setAttr(dot, "cx", x(p.level).toFixed(1));
      setAttr(dot, "cy", y(p.change).toFixed(1));
      setAttr(dot, "fill", p.top ? COLORS.top : COLORS.other);
      if (dot.style.display) dot.style.display = "";
    });
    const line = leastSquares(points);
    if (line) {
      const [a, b] = x.domain;
      setAttr(fit, "x1", x(a).toFixed(1));
      setAttr(fit, "x2", x(b).toFixed(1));
      setAttr(fit, "y1", y(line.intercept + line.slope * a).toFixed(1));
      setAttr(fit, "y2", y(line.intercept + line.slope * b).toFixed(1));
      fit.style.display = "";
    } else fit.style.display = "none";
  }

  element.update = (data, version) => {
    last = data;
    draw(data);
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
