/**
 * A chart for a query result of 2–3 columns, chosen from the columns' kinds
 * (`chooseChart`, pure) and drawn with Plot (`autoChart`):
 *
 * - year series: the first column holds years (integers 1900–2100, or a column
 *   named year/år) and the others are numbers, or one text column names the
 *   series → a line per series;
 * - categories: one text column and one number column → horizontal bars in the
 *   result's order (the query's ORDER BY decides);
 * - one text column and two number columns → a scatter plot, the text as label;
 * - two number columns (not years) → a scatter plot;
 * - two text columns and a number → a heat map.
 *
 * Anything else gets no chart, with the reason. Rows with a missing value in a
 * plotted column are left out of the chart (never drawn as 0).
 */
import * as Plot from "@observablehq/plot";
import type {Cell, QueryResult, ResultColumn} from "../lib/data/query-result.js";
import {plotImage} from "./a11y.js";
import {formatTick} from "./format.js";

/** Most bars, series or heat-map rows/columns a chart shows. */
export const MAX_BARS = 50;
export const MAX_SERIES = 20;
export const MAX_POINTS = 20_000;

export type ChartSpec =
  | {kind: "line"; x: number; y: number[]; series: number | null}
  | {kind: "bar"; label: number; value: number}
  | {kind: "scatter"; x: number; y: number; label: number | null}
  | {kind: "heatmap"; x: number; y: number; value: number}
  | {kind: "none"; reason: string};

const isNumeric = (c: ResultColumn) => c.kind === "integer" || c.kind === "number";
const isText = (c: ResultColumn) => c.kind === "text";

/** True when the column holds years: named so, or integers from 1900 to 2100 only. */
export function isYearColumn(result: QueryResult, index: number): boolean {
  const column = result.columns[index]!;
  if (!isNumeric(column)) return false;
  const values = result.rows.map((r) => r[index]).filter((v): v is number => typeof v === "number");
  if (!values.length) return false;
  const whole = values.every((v) => Number.isInteger(v));
  if (/^(year|år|ar|yr)$/i.test(column.name)) return whole;
  return column.kind === "integer" && values.every((v) => v >= 1900 && v <= 2100);
}

/** Which chart suits the result, or why none does. */
export function chooseChart(result: QueryResult): ChartSpec {
  const cols = result.columns;
  if (cols.length < 2 || cols.length > 3) return {kind: "none", reason: "Diagram visas för resultat med 2–3 kolumner."};
  if (!result.rows.length) return {kind: "none", reason: "Resultatet har inga rader."};
  const numeric = cols.map((c, i) => (isNumeric(c) ? i : -1)).filter((i) => i >= 0);
  const text = cols.map((c, i) => (isText(c) ? i : -1)).filter((i) => i >= 0);
  const other = cols.length - numeric.length - text.length;
  if (other > 0) return {kind: "none", reason: "Diagram visas bara för kolumner med tal eller text."};

  if (isYearColumn(result, 0)) {
    const rest = [1, 2].filter((i) => i < cols.length);
    if (rest.every((i) => isNumeric(cols[i]!))) return {kind: "line", x: 0, y: rest, series: null};
    if (rest.length === 2 && text.length === 1) return {kind: "line", x: 0, y: rest.filter((i) => isNumeric(cols[i]!)), series: text[0]!};
  }
  if (cols.length === 2) {
    if (text.length === 1 && numeric.length === 1) return {kind: "bar", label: text[0]!, value: numeric[0]!};
    if (numeric.length === 2) return {kind: "scatter", x: 0, y: 1, label: null};
  } else {
    if (text.length === 1 && numeric.length === 2) return {kind: "scatter", x: numeric[0]!, y: numeric[1]!, label: text[0]!};
    if (text.length === 2 && numeric.length === 1) return {kind: "heatmap", x: text[1]!, y: text[0]!, value: numeric[0]!};
  }
  return {kind: "none", reason: "Ingen diagramtyp passar den här kombinationen av kolumner."};
}

const num = (v: Cell): v is number => typeof v === "number" && Number.isFinite(v);
const label = (v: Cell) => (v === null ? "(NULL)" : String(v));

/** A note in place of a chart. */
function note(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "chart-note";
  p.textContent = text;
  return p;
}

/** The chart for a result (with a line saying what it shows), or a note why there is none. */
export function autoChart(result: QueryResult, {width}: {width: number}): HTMLElement {
  const spec = chooseChart(result);
  const box = document.createElement("div");
  box.className = "auto-chart";
  box.dataset.testid = "sql-chart";
  box.dataset.kind = spec.kind;
  if (spec.kind === "none") {
    box.append(note(spec.reason));
    return box;
  }
  const name = (i: number) => result.columns[i]!.name;
  const rows = result.rows;
  let chart: Element;
  let caption: string;
  switch (spec.kind) {
    case "line": {
      const data =
        spec.series === null
          ? spec.y.flatMap((i) => rows.filter((r) => num(r[0]!) && num(r[i]!)).map((r) => ({x: r[0] as number, y: r[i] as number, series: name(i)})))
          : rows.filter((r) => num(r[0]!) && num(r[spec.y[0]!]!)).map((r) => ({x: r[0] as number, y: r[spec.y[0]!] as number, series: label(r[spec.series!]!)}));
      const series = [...new Set(data.map((d) => d.series))];
      if (series.length > MAX_SERIES) return (box.append(note(`För många serier för ett diagram (${series.length}; högst ${MAX_SERIES}).`)), box);
      data.sort((a, b) => a.x - b.x);
      const many = series.length > 1;
      chart = Plot.plot({
        width,
        height: 320,
        marginLeft: 60,
        x: {label: name(0), tickFormat: (d: number) => String(d), ticks: Math.min(12, new Set(data.map((d) => d.x)).size)},
        y: {label: spec.series === null && spec.y.length === 1 ? name(spec.y[0]!) : null, grid: true, tickFormat: formatTick},
        color: many ? {legend: true, domain: series} : undefined,
        marks: [
          Plot.lineY(data, {x: "x", y: "y", z: "series", stroke: many ? "series" : "steelblue", marker: "dot", tip: true}),
          Plot.ruleY(data.some((d) => d.y < 0) ? [0] : [])
        ]
      });
      caption = `Linje per ${many ? "serie" : "år"}: ${name(0)} mot ${spec.series === null ? spec.y.map(name).join(" och ") : `${name(spec.y[0]!)}, en linje per ${name(spec.series)}`}.`;
      break;
    }
    case "bar": {
      const all = rows.filter((r) => num(r[spec.value]!)).map((r) => ({label: label(r[spec.label]!), value: r[spec.value] as number}));
      const data = all.slice(0, MAX_BARS);
      const longest = Math.max(...data.map((d) => d.label.length));
      chart = Plot.plot({
        width,
        height: 40 + 20 * data.length,
        marginLeft: Math.min(260, 16 + 7 * longest),
        x: {label: name(spec.value), grid: true, tickFormat: formatTick},
        y: {label: null, domain: [...new Set(data.map((d) => d.label))]},
        marks: [Plot.barX(data, {x: "value", y: "label", fill: "steelblue", tip: true}), Plot.ruleX([0])]
      });
      caption = `Stapel per ${name(spec.label)}: ${name(spec.value)}, i resultatets ordning${all.length > MAX_BARS ? ` (de första ${MAX_BARS} av ${all.length})` : ""}.`;
      break;
    }
    case "scatter": {
      const data = rows
        .filter((r) => num(r[spec.x]!) && num(r[spec.y]!))
        .slice(0, MAX_POINTS)
        .map((r) => ({x: r[spec.x] as number, y: r[spec.y] as number, label: spec.label === null ? "" : label(r[spec.label]!)}));
      chart = Plot.plot({
        width,
        height: 360,
        marginLeft: 60,
        grid: true,
        x: {label: name(spec.x), tickFormat: formatTick},
        y: {label: name(spec.y), tickFormat: formatTick},
        marks: [Plot.dot(data, {x: "x", y: "y", r: 3, fill: "steelblue", fillOpacity: 0.7, tip: true, channels: spec.label === null ? {} : {[name(spec.label)]: "label"}})]
      });
      caption = `Punktdiagram: ${name(spec.x)} mot ${name(spec.y)}${spec.label === null ? "" : `, en punkt per ${name(spec.label)}`}.`;
      break;
    }
    case "heatmap": {
      const data = rows.filter((r) => num(r[spec.value]!)).map((r) => ({x: label(r[spec.x]!), y: label(r[spec.y]!), value: r[spec.value] as number}));
      const xs = [...new Set(data.map((d) => d.x))];
      const ys = [...new Set(data.map((d) => d.y))];
      if (xs.length > MAX_BARS || ys.length > MAX_BARS) return (box.append(note(`För många kategorier för en värmekarta (högst ${MAX_BARS} per axel).`)), box);
      chart = Plot.plot({
        width,
        height: 60 + 22 * ys.length,
        marginLeft: Math.min(260, 16 + 7 * Math.max(...ys.map((y) => y.length))),
        x: {label: name(spec.x), domain: xs},
        y: {label: null, domain: ys},
        color: {legend: true, label: name(spec.value), scheme: "blues"},
        marks: [Plot.cell(data, {x: "x", y: "y", fill: "value", tip: true})]
      });
      caption = `Värmekarta: ${name(spec.value)} per ${name(spec.y)} och ${name(spec.x)}.`;
      break;
    }
  }
  const p = document.createElement("p");
  p.className = "chart-caption";
  p.textContent = caption;
  box.append(p, plotImage(chart, caption));
  return box;
}
