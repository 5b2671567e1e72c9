/**
 * A QR code of a link, made in the browser (lean-qr, no external service):
 * one SVG path of the dark modules with a 4-module quiet zone, sized for print.
 * The encoded text is on the element (`data-text`) for checking.
 */
import {generate} from "lean-qr";
import {toSvgPath} from "lean-qr/extras/svg";

const SVG = "http://www.w3.org/2000/svg";
/** The quiet zone the QR standard asks for, in modules. */
const QUIET = 4;

export function qrCode(text: string, {label, size = 160}: {label: string; size?: number}): SVGSVGElement {
  const code = generate(text);
  const n = code.size + 2 * QUIET;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `${-QUIET} ${-QUIET} ${n} ${n}`);
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.dataset.testid = "report-qr";
  svg.dataset.text = text;
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("x", String(-QUIET));
  background.setAttribute("y", String(-QUIET));
  background.setAttribute("width", String(n));
  background.setAttribute("height", String(n));
  background.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", toSvgPath(code));
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}
