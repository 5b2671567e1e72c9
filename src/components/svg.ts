/**
 * Small helpers for the hand-drawn SVG charts that update in place (Plot
 * redraws a whole chart, too slow to follow a slider): elements with
 * attributes, a linear scale with nice ticks, and an x or y axis whose ticks
 * are reused between updates.
 */
import {nice, ticks} from "d3-array";
import {formatTick} from "./format.js";

export const SVG_NS = "http://www.w3.org/2000/svg";

export function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.append(el);
  return el;
}

/** Sets an attribute only when it changes (no style invalidation for equal values). */
export function setAttr(el: Element, name: string, value: string | number): void {
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

/**
 * Sets an element's text only when it changes, by changing its text node's
 * data in place: replacing the node (`textContent =`) destroys and recreates
 * its layout object on every change.
 */
export function setText(el: Node, text: string): void {
  const first = el.firstChild;
  if (first && first.nodeType === Node.TEXT_NODE && !first.nextSibling) {
    if ((first as Text).data !== text) (first as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}

export interface LinearScale {
  (x: number): number;
  domain: [number, number];
  ticks: number[];
}

/** A linear scale from a domain made nice (round ends) to a pixel range, with about `count` ticks. */
export function linearScale(lo: number, hi: number, range: [number, number], count = 5): LinearScale {
  if (!(hi > lo)) [lo, hi] = lo === hi && Number.isFinite(lo) ? [lo - 1, hi + 1] : [-1, 1];
  const [a, b] = nice(lo, hi, count);
  const [r0, r1] = range;
  const k = (r1 - r0) / (b - a);
  const scale = ((x: number) => r0 + (x - a) * k) as LinearScale;
  scale.domain = [a, b];
  scale.ticks = ticks(a, b, count);
  return scale;
}

/** Axis ticks that are created once and moved on each update; unused ones are hidden. */
export interface Axis {
  element: SVGGElement;
  update(scale: LinearScale, format?: (x: number) => string): void;
}

/**
 * An axis along x (at `y`, ticks running `length` px up as grid lines) or
 * along y (at `x`, grid lines running `length` px right).
 */
export function axis(orientation: "x" | "y", at: number, length: number, className = "axis"): Axis {
  const element = svgElement("g", {class: className});
  const ticks: {g: SVGGElement; line: SVGLineElement; text: SVGTextElement}[] = [];
  return {
    element,
    update(scale, format = formatTick) {
      scale.ticks.forEach((value, i) => {
        let tick = ticks[i];
        if (!tick) {
          const g = svgElement("g", {}, element);
          const line = svgElement("line", orientation === "x" ? {y1: 0, y2: -length} : {x1: 0, x2: length}, g);
          const text = svgElement("text", orientation === "x" ? {y: 14, "text-anchor": "middle"} : {x: -4, dy: "0.32em", "text-anchor": "end"}, g);
          ticks.push((tick = {g, line, text}));
        }
        const p = scale(value);
        setAttr(tick.g, "transform", orientation === "x" ? `translate(${p.toFixed(1)},${at})` : `translate(${at},${p.toFixed(1)})`);
        setAttr(tick.line, "class", value === 0 ? "zero" : "grid");
        setText(tick.text, format(value));
        if (tick.g.style.display) tick.g.style.display = "";
      });
      for (let i = scale.ticks.length; i < ticks.length; i++) ticks[i]!.g.style.display = "none";
    }
  };
}
