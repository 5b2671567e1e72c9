/**
 * A KPI's sparkline in the profile table: the municipality's series (solid,
 * dark), the median of all municipalities (grey, dashed) and of its
 * kommungrupp (orange) over the matrix years; a vertical line marks the chosen
 * year. Hand-drawn SVG (26 of them redraw in well under a millisecond each);
 * the tooltip lists every year's numbers.
 */
import type {KpiTrend} from "../engine/index.js";
import {formatValue} from "./format.js";

/** The sparkline's series colours (the profile legend uses the same). */
export const SERIES_COLORS = {value: "#1f4e79", national: "#7f7f7f", group: "#d46a00"} as const;

const SVG = "http://www.w3.org/2000/svg";
const PAD = 4;

function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The value range over all three series (a flat or empty range is widened so y() stays finite). */
function valueRange(trend: KpiTrend): [number, number] {
  const all = [...trend.value, ...trend.nationalMedian, ...trend.groupMedian].filter((v): v is number => v !== null);
  if (!all.length) return [0, 1];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** One series as a path; a point with no neighbour gets a dot so it stays visible. */
function seriesPath(series: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number, stroke: string, strokeWidth: number, dash?: string): SVGElement[] {
  const out: SVGElement[] = [];
  let d = "";
  series.forEach((v, i) => {
    if (v === null) return;
    const continues = i > 0 && series[i - 1] !== null;
    d += `${continues ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    const isolated = !continues && (i + 1 >= series.length || series[i + 1] === null);
    if (isolated) out.push(svgEl("circle", {cx: x(i), cy: y(v), r: strokeWidth, fill: stroke}));
  });
  if (d) out.push(svgEl("path", {d, fill: "none", stroke, "stroke-width": strokeWidth, "stroke-linejoin": "round", ...(dash ? {"stroke-dasharray": dash} : {})}));
  return out;
}

/** The tooltip: one line per year with the value and the medians (and Riket where Kolada has it). */
function tooltipText(trend: KpiTrend, unit: string | null): string {
  return trend.years
    .map((yr, i) => {
      const v = trend.value[i] ?? null;
      const parts = [`kommuner ${formatValue(trend.nationalMedian[i])}`, `kommungrupp ${formatValue(trend.groupMedian[i])}`];
      if (trend.riket[i] !== null) parts.push(`riket ${formatValue(trend.riket[i])}`);
      return v === null && trend.nationalMedian[i] === null ? null : `${yr}: ${formatValue(v, unit)} (median ${parts.join(", ")})`;
    })
    .filter((line) => line !== null)
    .join("\n");
}

export function sparkline(trend: KpiTrend, {year, unit = null, width = 150, height = 44}: {year: number; unit?: string | null; width?: number; height?: number}): SVGSVGElement {
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, class: "sparkline", role: "img"});
  const {years} = trend;
  const [lo, hi] = valueRange(trend);
  const x = (i: number) => PAD + (years.length > 1 ? (i * (width - 2 * PAD)) / (years.length - 1) : (width - 2 * PAD) / 2);
  const y = (v: number) => height - PAD - ((v - lo) / (hi - lo)) * (height - 2 * PAD);
  const t = years.indexOf(year);
  if (t >= 0) svg.append(svgEl("line", {x1: x(t), x2: x(t), y1: 0, y2: height, stroke: "#c8c8c8", "stroke-width": 1}));
  svg.append(
    ...seriesPath(trend.nationalMedian, x, y, SERIES_COLORS.national, 1.3, "3,2"),
    ...seriesPath(trend.groupMedian, x, y, SERIES_COLORS.group, 1.5),
    ...seriesPath(trend.value, x, y, SERIES_COLORS.value, 2.4)
  );
  const current = t >= 0 ? trend.value[t] : null;
  if (current !== null && current !== undefined) svg.append(svgEl("circle", {cx: x(t), cy: y(current), r: 3.2, fill: SERIES_COLORS.value}));
  const title = svgEl("title", {});
  title.textContent = tooltipText(trend, unit);
  svg.prepend(title);
  svg.setAttribute("aria-label", `Utveckling ${years[0]}–${years.at(-1)}`);
  return svg;
}
