/**
 * Score classes for a classed (choropleth) map: `count` equal-width classes
 * over [−E, E], symmetric around 0, where E is the largest |score|. Class 0
 * holds the worst scores, class count − 1 the best; with an odd count the
 * middle class holds 0. The map, its legend and the class picker that
 * highlights one class all read the same classes from here.
 */

export interface ScoreClasses {
  /** E: the largest |score| (0 when there is none). */
  extent: number;
  /** The class of each score, in input order; −1 for a missing score. */
  classOf: Int8Array;
  /** Per class, its bounds [from, to]: [−E + k·w, −E + (k + 1)·w] with w = 2E / count. */
  bounds: [from: number, to: number][];
  /** Per class, how many scores fall in it. */
  counts: number[];
  /** How many scores are missing. */
  missing: number;
}

/**
 * The class (0 … count − 1) of `score` among `count` equal-width classes over
 * [−extent, extent]. A score on a boundary belongs to the class above it,
 * except `extent` itself, which is in the top class. With extent 0 (every
 * score 0, or none) every score is in the middle class.
 */
export function scoreClass(score: number, extent: number, count: number): number {
  const t = extent > 0 ? 0.5 + Math.max(-1, Math.min(1, score / extent)) / 2 : 0.5;
  return Math.min(count - 1, Math.floor(t * count));
}

/** Classes every score (null = missing) among `count` symmetric equal-width classes; see {@link ScoreClasses}. */
export function scoreClasses(scores: readonly (number | null)[], count: number): ScoreClasses {
  if (!Number.isInteger(count) || count < 1 || count > 127) throw new RangeError(`scoreClasses: count must be an integer 1–127, not ${count}`);
  let extent = 0;
  for (const s of scores) if (s !== null) extent = Math.max(extent, Math.abs(s));
  const classOf = new Int8Array(scores.length);
  const counts = new Array<number>(count).fill(0);
  let missing = 0;
  scores.forEach((s, i) => {
    if (s === null) {
      classOf[i] = -1;
      missing++;
      return;
    }
    const k = scoreClass(s, extent, count);
    classOf[i] = k;
    counts[k]!++;
  });
  const width = (2 * extent) / count;
  const bounds = Array.from({length: count}, (_, k): [number, number] => [-extent + k * width, k === count - 1 ? extent : -extent + (k + 1) * width]);
  return {extent, classOf, bounds, counts, missing};
}
