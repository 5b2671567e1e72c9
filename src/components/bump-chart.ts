/**
 * The bump chart of the Scenarier page: each municipality in any compared
 * scenario's top N as a line through its overall rank in scenario A, B, …
 * (rank 1 at the top, on a logarithmic scale so the top ranks get the room;
 * a gap where a scenario does not rank it; a filled dot where it is in that
 * scenario's top N). Colour: in every top N, in several, in one. Drawn with
 * Plot as one named image, with a text summary and the chart's data one
 * click away (components/chart-data.ts).
 */
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import type {Membership, MembershipRow} from "../engine/index.js";
import {plotImage} from "./a11y.js";
import {chartData} from "./chart-data.js";
import {formatInteger} from "./format.js";

export const MEMBERSHIP_COLORS: Record<Membership, string> = {alla: "#0072b2", flera: "#d55e00", en: "#666666"};
const MEMBERSHIP_LEGEND: Record<Membership, string> = {alla: "i alla topplistor", flera: "i flera", en: "i en"};

export interface BumpChartData {
  rows: readonly MembershipRow[];
  letters: readonly string[];
  names: ReadonlyMap<string, string>;
  top: number;
}

interface Point {
  letter: string;
  code: string;
  name: string;
  rank: number | null;
  inTop: boolean;
  membership: Membership;
}

/** The chart's content in words: what is drawn, how many are in every top N, and the largest difference. */
export function bumpSummary({rows, letters, names, top}: BumpChartData): string {
  const span = `${letters[0]}–${letters.at(-1)}`;
  const all = rows.filter((r) => r.membership === "alla").length;
  let text = `Rangen i scenario ${span} för de ${rows.length} kommuner som finns i något scenarios topp ${top}; ${all} av dem finns i alla topplistor.`;
  let widest: {row: MembershipRow; lo: number; hi: number} | null = null;
  for (const row of rows) {
    const ranked = row.ranks.map((r, i) => ({r, i})).filter((x): x is {r: number; i: number} => x.r !== null);
    if (ranked.length < 2) continue;
    const lo = ranked.reduce((a, b) => (b.r < a.r ? b : a));
    const hi = ranked.reduce((a, b) => (b.r > a.r ? b : a));
    if (!widest || hi.r - lo.r > widest.hi - widest.lo) widest = {row, lo: lo.r, hi: hi.r};
  }
  if (widest && widest.hi > widest.lo) {
    const at = (rank: number) => letters[widest!.row.ranks.indexOf(rank)];
    text += ` Störst skillnad: ${names.get(widest.row.code) ?? widest.row.code}, rang ${widest.lo} i ${at(widest.lo)} och ${widest.hi} i ${at(widest.hi)}.`;
  }
  const unranked = rows.filter((r) => r.ranks.some((x) => x === null));
  if (unranked.length) text += ` ${unranked.length} ${unranked.length === 1 ? "kommun rankas" : "kommuner rankas"} inte i alla scenarier (avbrott i linjen).`;
  return text;
}

/** Label positions (px) at least `gap` apart, as close as possible to `wanted`, inside [lo, hi]. */
export function dodge(wanted: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = wanted.map((y, i) => ({y, i})).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.max(lo, Math.min(hi, o.y)));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  // Pushed past the bottom: move up from the end.
  if (placed.length && placed.at(-1)! > hi) {
    placed[placed.length - 1] = hi;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k]!, placed[k + 1]! - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = placed[k]!));
  return out;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function chart(data: BumpChartData, width: number): SVGSVGElement | HTMLElement {
  const {rows, letters, names} = data;
  const points: Point[] = rows.flatMap((row) =>
    letters.map((letter, i) => ({letter, code: row.code, name: names.get(row.code) ?? row.code, rank: row.ranks[i] ?? null, inTop: row.inTop[i]!, membership: row.membership}))
  );
  const maxRank = Math.max(2, ...points.map((p) => p.rank ?? 0));
  const height = Math.max(320, Math.min(720, 22 * rows.length + 60));
  const ticks = [1, 2, 3, 5, 10, 20, 50, 100, 200].filter((t) => t <= maxRank);
  const color = (p: Point) => MEMBERSHIP_COLORS[p.membership];
  // Each municipality is named once, in the right margin, level with its last ranked point (a thin leader joins them).
  const last = rows.flatMap((row) => {
    const i = row.ranks.findLastIndex((r) => r !== null);
    return i < 0 ? [] : [points.find((p) => p.code === row.code && p.letter === letters[i])!];
  });
  const labels = (_index: unknown, scales: {x?: (v: string) => number | undefined; y?: (v: number) => number | undefined}, _values: unknown, dims: {width: number; height: number; marginTop: number; marginBottom: number; marginRight: number}) => {
    const g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("data-mark", "labels");
    g.setAttribute("font-size", "11");
    const at = last.map((p) => ({p, x: scales.x!(p.letter)!, y: scales.y!(p.rank!)!}));
    const ys = dodge(
      at.map((a) => a.y),
      12,
      dims.marginTop + 4,
      dims.height - dims.marginBottom
    );
    const textX = dims.width - dims.marginRight + 8;
    at.forEach((a, k) => {
      const line = document.createElementNS(SVG_NS, "polyline");
      line.setAttribute("points", `${a.x + 5},${a.y} ${textX - 14},${a.y} ${textX - 3},${ys[k]}`);
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", color(a.p));
      line.setAttribute("stroke-opacity", "0.55");
      line.setAttribute("stroke-dasharray", "2,2");
      const text = document.createElementNS(SVG_NS, "text");
      text.setAttribute("x", String(textX));
      text.setAttribute("y", String(ys[k]));
      text.setAttribute("dy", "0.32em");
      text.setAttribute("fill", color(a.p));
      text.textContent = a.p.name;
      g.append(line, text);
    });
    return g;
  };
  return Plot.plot({
    width,
    height,
    marginTop: 16,
    marginBottom: 40,
    marginLeft: 44,
    marginRight: 120,
    style: {fontSize: "12px"},
    x: {type: "point", domain: letters, label: "Scenario", labelAnchor: "center", labelOffset: 32, padding: 0.2},
    y: {type: "log", domain: [1, maxRank], reverse: true, ticks, tickFormat: (t: number) => String(t), label: "Rang (1 = bäst)", grid: true},
    marks: [
      Plot.line(points, {x: "letter", y: (p: Point) => p.rank ?? NaN, z: "code", stroke: color, strokeWidth: 1.8}),
      Plot.dot(points, {
        x: "letter",
        y: (p: Point) => p.rank ?? NaN,
        stroke: color,
        fill: (p: Point) => (p.inTop ? color(p) : "white"),
        r: 4,
        title: (p: Point) => `${p.name}: rang ${p.rank} i ${p.letter}${p.inTop ? ` (topp ${data.top})` : ""}`
      }),
      labels as unknown as Plot.Markish
    ]
  });
}

function legend(): HTMLElement {
  return html`<div class="legend" aria-hidden="true">${(Object.keys(MEMBERSHIP_COLORS) as Membership[]).map(
    (m) => html`<span><svg width="22" height="10"><line x1="1" y1="5" x2="21" y2="5" stroke=${MEMBERSHIP_COLORS[m]} stroke-width="2.5"/></svg> ${MEMBERSHIP_LEGEND[m]}</span>`
  )}<span><svg width="12" height="10"><circle cx="6" cy="5" r="4" fill="#333"/></svg> i scenariots topp N</span><span><svg width="12" height="10"><circle cx="6" cy="5" r="4" fill="white" stroke="#333"/></svg> utanför</span></div>` as HTMLElement;
}

/** The chart at `width`, its summary and its data. */
export function bumpChart(data: BumpChartData, {width}: {width: number}): HTMLElement {
  const summary = bumpSummary(data);
  const figure = html`<figure class="bump-chart" data-testid="bump-chart"></figure>` as HTMLElement;
  const details = chartData<MembershipRow>("Rangkurvor", [
    {label: "Kommun", value: (row) => data.names.get(row.code) ?? row.code},
    ...data.letters.map((letter, i) => ({label: letter, numeric: true, value: (row: MembershipRow) => (row.ranks[i] === null ? null : `${row.inTop[i] ? "✓ " : ""}${formatInteger(row.ranks[i])}`)}))
  ]);
  details.update(data.rows);
  figure.append(legend(), plotImage(chart(data, width), `Rangkurvor: ${summary}`), html`<figcaption>${summary}</figcaption>`, details);
  return figure;
}
