/**
 * "Spara bild": a chart as SVG or PNG. The chart is composed into one SVG
 * from what the page shows, as it is laid out:
 * - each `<svg>` (Plot's, the hand-drawn charts', the text overlays of the
 *   canvas charts, Plot's legend swatches) is cloned with the computed styles
 *   it needs inlined (fill, stroke, font, …: the page's CSS and
 *   `currentColor` do not travel with the file);
 * - each `<canvas>` (canvas.ts: bars and dots) becomes an `<image>` with its
 *   pixels as a PNG data URL, under the SVG text laid over it, so a canvas
 *   chart is one picture;
 * - HTML legends become rectangles (background colours and CSS gradients)
 *   and `<text>` at their laid-out positions;
 * on the page's background colour. PNG: that SVG drawn on a canvas at twice
 * the size (no `foreignObject`, so the canvas stays readable). No DOM library,
 * no server.
 */
const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/** Computed properties copied onto every cloned SVG element. */
const SVG_STYLE = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  "visibility",
  "display"
] as const;

/** Never part of a picture: controls and the export bars. */
const SKIP = "button, input, select, textarea, .chart-image, .export-bar, title";

export interface ComposedImage {
  svg: string;
  width: number;
  height: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const transparent = (color: string) => color === "transparent" || /^rgba\(.*,\s*0\)$/.test(color);

function element<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The first non-transparent background colour from `el` up; white if none. */
function backgroundOf(el: Element | null): string {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (!transparent(bg)) return bg;
  }
  return "#ffffff";
}

/** Copies the computed styles of `from` and its descendants onto its clone `to`. */
function inlineStyles(from: Element, to: Element): void {
  const sources = [from, ...from.querySelectorAll("*")];
  const targets = [to, ...to.querySelectorAll("*")];
  sources.forEach((source, i) => {
    const target = targets[i] as SVGElement | undefined;
    if (!target || !("style" in target)) return;
    const cs = getComputedStyle(source);
    target.setAttribute("style", SVG_STYLE.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";"));
  });
}

/** A CSS linear-gradient (as computed) as SVG gradient stops; null if it cannot be read. */
export function gradientStops(css: string): {horizontal: boolean; stops: {offset: number; color: string}[]} | null {
  const m = /linear-gradient\((.*)\)\s*$/.exec(css);
  if (!m) return null;
  const horizontal = /^\s*(to right|90deg)/.test(m[1]!);
  const stops: {offset: number; color: string}[] = [];
  const re = /(rgba?\([^)]*\)|#[0-9a-f]{3,8})((?:\s+-?[\d.]+%)*)/gi;
  let s: RegExpExecArray | null;
  const raw: {color: string; at: number[]}[] = [];
  while ((s = re.exec(m[1]!))) raw.push({color: s[1]!, at: [...s[2]!.matchAll(/(-?[\d.]+)%/g)].map((p) => Number(p[1]) / 100)});
  if (!raw.length) return null;
  raw.forEach((r, i) => {
    const at = r.at.length ? r.at : [raw.length === 1 ? 0 : i / (raw.length - 1)];
    for (const offset of at) stops.push({offset, color: r.color});
  });
  return {horizontal, stops};
}

/**
 * Composes what `root` shows into one standalone SVG (see the module
 * comment). Coordinates are the layout's, in CSS pixels, cropped to what is
 * drawn plus a margin of 8 px.
 */
export function composeChartSvg(root: Element, {margin = 8} = {}): ComposedImage {
  const origin = root.getBoundingClientRect();
  const items: Element[] = [];
  const defs = element("defs", {});
  let bounds: Box | undefined;
  let gradients = 0;
  const extend = (r: DOMRect | Box) => {
    if (r.right - r.left <= 0 || r.bottom - r.top <= 0) return;
    bounds = bounds
      ? {left: Math.min(bounds.left, r.left), top: Math.min(bounds.top, r.top), right: Math.max(bounds.right, r.right), bottom: Math.max(bounds.bottom, r.bottom)}
      : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  };
  const x = (r: {left: number}) => r.left - origin.left;
  const y = (r: {top: number}) => r.top - origin.top;

  function addSvg(svg: SVGSVGElement): void {
    const r = svg.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const clone = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, clone);
    clone.querySelectorAll("title").forEach((t) => t.remove());
    if (!clone.hasAttribute("viewBox")) {
      const w = svg.width.baseVal.value || r.width;
      const h = svg.height.baseVal.value || r.height;
      clone.setAttribute("viewBox", `0 0 ${w} ${h}`);
    }
    for (const [k, v] of Object.entries({x: x(r), y: y(r), width: r.width, height: r.height})) clone.setAttribute(k, String(v));
    clone.setAttribute("overflow", "visible");
    clone.removeAttribute("class");
    items.push(clone);
    extend(r);
  }

  function addCanvas(canvas: HTMLCanvasElement): void {
    const r = canvas.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const href = canvas.toDataURL("image/png");
    const image = element("image", {x: x(r), y: y(r), width: r.width, height: r.height, preserveAspectRatio: "none", href});
    image.setAttributeNS(XLINK_NS, "xlink:href", href);
    items.push(image);
    extend(r);
  }

  function addBox(el: HTMLElement, cs: CSSStyleDeclaration): void {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el === root) return;
    const gradient = cs.backgroundImage.includes("linear-gradient") ? gradientStops(cs.backgroundImage) : null;
    const border = parseFloat(cs.borderTopWidth) > 0 && cs.borderTopStyle !== "none" && !transparent(cs.borderTopColor);
    let fill: string | null = transparent(cs.backgroundColor) ? null : cs.backgroundColor;
    if (gradient) {
      const id = `export-gradient-${++gradients}`;
      const g = element("linearGradient", {id, x1: 0, y1: 0, x2: gradient.horizontal ? 1 : 0, y2: gradient.horizontal ? 0 : 1});
      for (const s of gradient.stops) g.append(element("stop", {offset: s.offset, "stop-color": s.color}));
      defs.append(g);
      fill = `url(#${id})`;
    }
    if (!fill && !border) return;
    const rect = element("rect", {x: x(r), y: y(r), width: r.width, height: r.height, fill: fill ?? "none", rx: parseFloat(cs.borderTopLeftRadius) || 0});
    if (border) {
      rect.setAttribute("stroke", cs.borderTopColor);
      rect.setAttribute("stroke-width", cs.borderTopWidth);
    }
    items.push(rect);
    extend(r);
  }

  /** A text node's words, one `<text>` per laid-out line. */
  function addText(node: Text, cs: CSSStyleDeclaration): void {
    if (!node.data.trim()) return;
    const range = document.createRange();
    const lines = new Map<number, {left: number; top: number; bottom: number; right: number; words: string[]}>();
    for (const m of node.data.matchAll(/\S+/g)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const r = range.getClientRects()[0];
      if (!r || !r.width) continue;
      const key = Math.round(r.top);
      const line = lines.get(key);
      if (line) {
        line.words.push(m[0]);
        line.right = Math.max(line.right, r.right);
      } else lines.set(key, {left: r.left, top: r.top, bottom: r.bottom, right: r.right, words: [m[0]]});
    }
    for (const line of lines.values()) {
      const text = element("text", {
        x: x(line),
        y: y(line) + (line.bottom - line.top) / 2,
        "dominant-baseline": "central",
        fill: cs.color,
        "font-family": cs.fontFamily,
        "font-size": cs.fontSize,
        "font-weight": cs.fontWeight,
        "font-style": cs.fontStyle
      });
      text.textContent = line.words.join(" ");
      items.push(text);
      extend(line);
    }
  }

  function walk(el: Element): void {
    if (el.matches(SKIP)) return;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden") return;
    if (el instanceof SVGSVGElement) return addSvg(el);
    if (el instanceof HTMLCanvasElement) return addCanvas(el);
    if (el instanceof HTMLElement) addBox(el, cs);
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) addText(child as Text, cs);
      else if (child.nodeType === Node.ELEMENT_NODE) walk(child as Element);
    }
  }

  walk(root);
  const box = bounds ?? {left: origin.left, top: origin.top, right: origin.left + 1, bottom: origin.top + 1};
  const width = Math.ceil(box.right - box.left + 2 * margin);
  const height = Math.ceil(box.bottom - box.top + 2 * margin);
  const svg = element("svg", {width, height, viewBox: `0 0 ${width} ${height}`});
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xlink", XLINK_NS);
  svg.append(defs, element("rect", {x: 0, y: 0, width, height, fill: backgroundOf(root)}));
  const g = element("g", {transform: `translate(${margin - (box.left - origin.left)},${margin - (box.top - origin.top)})`});
  g.append(...items);
  svg.append(g);
  return {svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`, width, height};
}

/** The composed SVG drawn on a canvas at `scale` × its size, as a PNG. */
export async function svgToPng(image: ComposedImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], {type: "image/svg+xml"}));
  try {
    const img = new Image();
    img.width = image.width;
    img.height = image.height;
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const context = canvas.getContext("2d")!;
    context.scale(scale, scale);
    context.drawImage(img, 0, 0, image.width, image.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG-bilden kunde inte skapas."))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
