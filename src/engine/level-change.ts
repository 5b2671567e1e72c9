/**
 * Level versus change (regression to the mean made visible): each
 * municipality ranked in both, with its level score in the window's first
 * year and its improvement score, and the least-squares line through them.
 * A falling line means the low starters improved most.
 */
import type {ScoreResult} from "./score.js";

export interface LevelChangePoint {
  code: string;
  /** Row index in the matrix (stable per municipality). */
  index: number;
  name: string;
  level: number;
  change: number;
  /** Nominated for improvement (rank ≤ top N within its group). */
  top: boolean;
}

/** Pairs each municipality ranked in both results. */
export function levelChangePoints(level: ScoreResult, change: ScoreResult, topN: number): LevelChangePoint[] {
  const levelByCode = new Map<string, number>();
  for (const r of level.rows) if (r.score !== null) levelByCode.set(r.code, r.score);
  const points: LevelChangePoint[] = [];
  for (const r of change.rows) {
    const l = levelByCode.get(r.code);
    if (r.score === null || l === undefined) continue;
    points.push({code: r.code, index: r.index, name: r.name, level: l, change: r.score, top: r.rank! <= topN});
  }
  return points;
}

/** Ordinary least squares change = intercept + slope × level; null with fewer than 2 distinct levels. */
export function leastSquares(points: readonly {level: number; change: number}[]): {slope: number; intercept: number} | null {
  const n = points.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.level;
    my += p.change;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.level - mx) ** 2;
    sxy += (p.level - mx) * (p.change - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return {slope, intercept: my - slope * mx};
}
