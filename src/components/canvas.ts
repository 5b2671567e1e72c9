/**
 * Canvas helpers for the charts that follow every slider movement. A canvas
 * redraw costs the page no layout and one paint item, where moving a few
 * hundred SVG shapes cost milliseconds of layout and paint per change. Each
 * canvas chart has role="img" and a label; its numbers are also in the table.
 * Text is drawn in an SVG laid over the canvas ({@link layered}).
 */
import type {LinearScale} from "./svg.js";

export interface ChartCanvas {
  canvas: HTMLCanvasElement;
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  /** The theme's text colour, read once (reading styles per change would force a style recalc). */
  ink: string;
}

/** A canvas of `width` × `height` CSS pixels, sharp on high-density screens. */
export function chartCanvas(width: number, height: number, label: string, previous?: ChartCanvas): ChartCanvas {
  const canvas = previous?.canvas ?? document.createElement("canvas");
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  const context = canvas.getContext("2d")!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const ink = (canvas.isConnected && getComputedStyle(canvas).color) || "#1b1e23";
  return {canvas, context, width, height, ink};
}

/** Clears the canvas. */
export function clear(c: ChartCanvas): CanvasRenderingContext2D {
  c.context.clearRect(0, 0, c.width, c.height);
  return c.context;
}

/**
 * A canvas with an SVG on top of it, same size: shapes are painted on the
 * canvas, text (labels, ticks) lives in the SVG, where an unchanged label
 * costs nothing and text zooms with the page (README "Speed").
 */
function layered(c: ChartCanvas, svg: SVGSVGElement): HTMLElement {
  const box = document.createElement("div");
  box.className = "layered";
  svg.classList.add("overlay");
  box.append(c.canvas, svg);
  return box;
}

/** Grid lines at a scale's ticks: vertical ("x") over [from, to] in y, or horizontal ("y") over [from, to] in x. The zero line is darker. */
export function grid(c: ChartCanvas, orientation: "x" | "y", scale: LinearScale, from: number, to: number): void {
  const ctx = c.context;
  for (const t of scale.ticks) {
    const p = Math.round(scale(t)) + 0.5;
    ctx.strokeStyle = t === 0 ? c.ink : "rgba(127,127,127,0.25)";
    ctx.globalAlpha = t === 0 ? 0.6 : 1;
    ctx.beginPath();
    if (orientation === "x") {
      ctx.moveTo(p, from);
      ctx.lineTo(p, to);
    } else {
      ctx.moveTo(from, p);
      ctx.lineTo(to, p);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}

/** What a layered chart draws with: the canvas, its overlay's parts, and the data last shown. */
export interface LayeredState<D, O> {
  c: ChartCanvas;
  overlay: O;
  last: D | undefined;
}

/** The narrowest a chart draws: a 320 px phone (WCAG 1.4.10 reflow) leaves its container about 290 px. */
const MIN_WIDTH = 240;

/**
 * Wires a canvas chart with an SVG text overlay into `element` (appended
 * after whatever it holds): `update(data, version)` draws and records the
 * version in `data-version`; `resize(width)` resizes the canvas, rebuilds the
 * overlay and redraws. Returns the live state, for tooltips.
 */
export function layeredChart<D, O extends {svg: SVGSVGElement}>(
  element: HTMLElement & {update(data: D, version: number): void; resize(width: number): void},
  options: {width: number; height: number; label: string; overlay: (c: ChartCanvas) => O; draw: (state: LayeredState<D, O>, data: D) => void}
): LayeredState<D, O> {
  const c = chartCanvas(Math.max(MIN_WIDTH, options.width), options.height, options.label);
  const state: LayeredState<D, O> = {c, overlay: options.overlay(c), last: undefined};
  element.append(layered(c, state.overlay.svg));
  element.update = (data, version) => {
    state.last = data;
    options.draw(state, data);
    element.dataset.version = String(version);
  };
  element.resize = (width) => {
    const next = Math.max(MIN_WIDTH, width);
    if (next === state.c.width) return;
    state.c = chartCanvas(next, options.height, options.label, state.c);
    const overlay = options.overlay(state.c);
    state.overlay.svg.replaceWith(overlay.svg);
    state.overlay = overlay;
    if (state.last !== undefined) options.draw(state, state.last);
  };
  return state;
}
