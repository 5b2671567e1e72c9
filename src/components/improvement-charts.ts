/** Charts of the improvement ranking: trend small multiples and level versus change. */
import * as Plot from "@observablehq/plot";
import type {Prepared, RankingRow, ScoreResult} from "../engine/index.js";
import {formatDecimal} from "./format.js";
import {DIMENSION_COLORS} from "./score-charts.js";

export interface TrendPoint {
  municipality: string;
  kpi: string;
  dimension: string;
  year: number;
  /** Direction-aligned distance to the national value, in the KPI's first-year standard deviations. */
  gap: number;
}

/**
 * Per municipality, KPI and window year: s(k) × (x − national) / sd(first year).
 * 0 is the national value; rising lines are improvement relative to the country.
 * Only KPIs with an effective weight > 0; points without a national or own value are skipped.
 */
export function trendPoints(prepared: Prepared, effective: ArrayLike<number>, rows: readonly RankingRow[]): TrendPoint[] {
  const {matrix, window} = prepared;
  if (!window) return [];
  const nY = matrix.years.length;
  const nM = matrix.municipalities.length;
  const t0 = window.from - matrix.years[0]!;
  const points: TrendPoint[] = [];
  for (const row of rows) {
    prepared.indicators.forEach((ind, k) => {
      if (!(effective[k]! > 0) || ind.row < 0) return;
      const sd = ind.stats.sd;
      for (let t = 0; t < window.length; t++) {
        const x = matrix.values[(ind.row * nY + t0 + t) * nM + row.index]!;
        const national = matrix.national[ind.row * nY + t0 + t]!;
        if (x === x && national === national && sd > 0) {
          points.push({municipality: row.name, kpi: ind.kpi, dimension: prepared.dimensions[ind.dimensionIndex]!.label, year: window.from + t, gap: (ind.sign * (x - national)) / sd});
        }
      }
    });
  }
  return points;
}

/** Small multiples: one panel per municipality, thin lines per KPI (by dimension), the mean in black. */
export function trendMultiples(points: readonly TrendPoint[], dimensions: readonly string[], {width = 640} = {}): SVGSVGElement | HTMLElement {
  const municipalities = [...new Set(points.map((p) => p.municipality))];
  const columns = Math.min(4, Math.max(1, municipalities.length));
  const panel = (name: string) => municipalities.indexOf(name);
  return Plot.plot({
    width,
    height: 170 * Math.ceil(municipalities.length / columns) + 40,
    marginLeft: 40,
    x: {tickFormat: (d: number) => String(d), ticks: 4, label: null, inset: 12},
    y: {label: "Avstånd till riket (sd, riktningsjusterat)", grid: true},
    fx: {axis: null, domain: [...Array(columns).keys()]},
    fy: {axis: null},
    color: {domain: dimensions, range: DIMENSION_COLORS.slice(0, dimensions.length), legend: true},
    marks: [
      Plot.ruleY([0], {stroke: "#888"}),
      Plot.lineY(points, {
        x: "year",
        y: "gap",
        z: "kpi",
        stroke: "dimension",
        strokeOpacity: 0.45,
        strokeWidth: 1,
        fx: (p: TrendPoint) => panel(p.municipality) % columns,
        fy: (p: TrendPoint) => Math.floor(panel(p.municipality) / columns)
      }),
      Plot.lineY(
        points,
        Plot.groupX(
          {y: "mean"},
          {x: "year", y: "gap", z: "municipality", stroke: "black", strokeWidth: 2.5, fx: (p: TrendPoint) => panel(p.municipality) % columns, fy: (p: TrendPoint) => Math.floor(panel(p.municipality) / columns)}
        )
      ),
      Plot.text(municipalities, {
        frameAnchor: "top-left",
        text: (d: string) => d,
        fontWeight: "bold",
        fx: (d: string) => panel(d) % columns,
        fy: (d: string) => Math.floor(panel(d) / columns)
      })
    ]
  });
}

export interface LevelChangePoint {
  code: string;
  name: string;
  level: number;
  change: number;
  top: boolean;
}

/** Pairs each municipality ranked in both: the level score in the window's first year and the improvement score. */
export function levelChangePoints(level: ScoreResult, change: ScoreResult, topN: number): LevelChangePoint[] {
  const levelByCode = new Map(level.rows.filter((r) => r.score !== null).map((r) => [r.code, r.score!]));
  const points: LevelChangePoint[] = [];
  for (const r of change.rows) {
    const l = levelByCode.get(r.code);
    if (r.score === null || l === undefined) continue;
    points.push({code: r.code, name: r.name, level: l, change: r.score, top: r.rank! <= topN});
  }
  return points;
}

/** Level versus change with a least-squares line: a falling line is regression to the mean. */
export function levelChangeScatter(points: readonly LevelChangePoint[], fromYear: number, toYear: number, {width = 640} = {}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 380,
    grid: true,
    x: {label: `Nivå ${fromYear} (totalpoäng, samma vikter)`},
    y: {label: `Förbättring ${fromYear}–${toYear}`},
    color: {domain: [false, true], range: ["#9aa5b1", "#d62728"], legend: true, tickFormat: (d: boolean) => (d ? "Topp N" : "Övriga")},
    marks: [
      Plot.ruleY([0]),
      Plot.linearRegressionY(points, {x: "level", y: "change", stroke: "#444"}),
      Plot.dot(points, {
        x: "level",
        y: "change",
        fill: "top",
        r: 3,
        title: (p: LevelChangePoint) => `${p.name}\nNivå ${formatDecimal(p.level)}, förbättring ${formatDecimal(p.change)}`
      })
    ]
  });
}
