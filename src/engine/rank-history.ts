/**
 * A municipality's nomination and improvement rank over the years: every
 * year's ranking (and every improvement window's) with the model's default
 * weights. The rankings do not depend on the municipality: compute them once
 * per model with {@link rankHistories}, then read any municipality with
 * {@link rankHistoryFor}.
 */
import {prepareImprovement} from "./improvement.js";
import type {ValueMatrix} from "./matrix.js";
import type {Model} from "./model.js";
import {prepareNomination} from "./nomination.js";
import {defaultWeights, score, type ScoreResult} from "./score.js";

/** One year's ranking with the model's default weights, ranked among all municipalities. */
export interface YearRanking {
  kind: "nomination" | "improvement";
  /** The year (improvement: the window's last year). */
  year: number;
  /** The window's first year (= year for nomination). */
  from: number;
  /** Municipalities ranked. */
  ranked: number;
  /** Overall rank per municipality index, 0 when not ranked. */
  rank: Int32Array;
  result: ScoreResult;
}

export interface RankHistories {
  nomination: YearRanking[];
  improvement: YearRanking[];
  /** Improvement window length. */
  window: number;
}

/** How far {@link rankHistoriesInSteps} has come: `done` of `total` years, the last one ranked being `year`. */
export interface RankHistoryStep {
  year: number;
  done: number;
  total: number;
}

/**
 * The nomination ranking of every year of the matrix, and the improvement
 * ranking of every window of `window` years (default 4) that the matrix
 * covers, each with the model's default weights, default methods and no
 * grouping. Years in which nobody is ranked (no data) are left out. Does not
 * depend on the municipality: compute once per model, then read any
 * municipality with {@link rankHistoryFor}.
 */
export function rankHistories(matrix: ValueMatrix, model: Model, options: {window?: 3 | 4} = {}): RankHistories {
  const steps = rankHistorySteps(matrix, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, computed one year per task: `pause` is awaited after each year
 * (with how far it has come), so the page stays responsive and can show
 * progress while the 13 years × 2 kinds are ranked (~60-100 ms in all in a
 * browser).
 */
export async function rankHistoriesInSteps(
  matrix: ValueMatrix,
  model: Model,
  options: {window?: 3 | 4} = {},
  pause: (step: RankHistoryStep) => Promise<void>
): Promise<RankHistories> {
  const steps = rankHistorySteps(matrix, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause(step.value);
  }
}

/** Ranks year after year, yielding after each year. */
function* rankHistorySteps(matrix: ValueMatrix, model: Model, {window = 4}: {window?: 3 | 4}): Generator<RankHistoryStep, RankHistories> {
  const weights = defaultWeights(model);
  const collect = (kind: YearRanking["kind"], year: number, result: ScoreResult): YearRanking | null => {
    const rank = Int32Array.from(result.ranks.overall);
    const ranked = result.ranks.order.length;
    if (ranked === 0) return null;
    return {kind, year, from: result.prepared.window?.from ?? year, ranked, rank, result};
  };
  const nomination: YearRanking[] = [];
  const improvement: YearRanking[] = [];
  const first = matrix.years[0];
  let done = 0;
  for (const year of matrix.years) {
    const n = collect("nomination", year, score(prepareNomination(matrix, model, year), weights));
    if (n) nomination.push(n);
    if (first !== undefined && year - window + 1 >= first) {
      const i = collect("improvement", year, score(prepareImprovement(matrix, model, year, {window}), weights));
      if (i) improvement.push(i);
    }
    yield {year, done: ++done, total: matrix.years.length};
  }
  return {nomination, improvement, window};
}

/** One point of a municipality's rank history. */
export interface RankPoint {
  kind: "nomination" | "improvement";
  year: number;
  from: number;
  /** Overall rank (1 = best), null when not ranked that year. */
  rank: number | null;
  /** Municipalities ranked that year. */
  of: number;
}

/** The municipality's rank in each year of the histories (index = matrix index, code order). */
export function rankHistoryFor(histories: RankHistories, index: number): {nomination: RankPoint[]; improvement: RankPoint[]} {
  const point = (r: YearRanking): RankPoint => ({kind: r.kind, year: r.year, from: r.from, rank: r.rank[index]! > 0 ? r.rank[index]! : null, of: r.ranked});
  return {nomination: histories.nomination.map(point), improvement: histories.improvement.map(point)};
}
