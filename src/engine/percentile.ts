/**
 * Where one municipality stands among all in one KPI and year: its
 * direction-aligned percentile, its place, and the Kolada-style colour class
 * of the percentile. Columns are one KPI in one year over every municipality
 * (NaN = missing, skipped).
 */
import type {Direction} from "./model.js";

/**
 * The percentile of `value` among `values` (one KPI, one year, every
 * municipality; NaN = missing, skipped), direction-aligned, 0-100:
 *
 *   P = 100 × #{j with a value : value is at least as good as x_j} / n
 *
 * where "at least as good as" is `value >= x_j` for higher_better and
 * `value <= x_j` for lower_better, and n is the number of municipalities with a
 * value. `values` normally contains `value` itself, so the best municipality
 * has P = 100 and the worst P = 100/n (never 0).
 *
 * Ties: tied municipalities count as "at least as good as" each other, so they
 * all get the same percentile, the highest of their group (e.g. [1, 2, 2, 3],
 * higher better: the two 2s both get 75).
 *
 * Returns null when `value` is missing or nobody has a value.
 */
export function percentileOf(values: ArrayLike<number>, value: number | null | undefined, direction: Direction): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let n = 0;
  let atLeastAsGood = 0;
  const higher = direction === "higher_better";
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    n++;
    if (higher ? value >= x : value <= x) atLeastAsGood++;
  }
  return n === 0 ? null : (100 * atLeastAsGood) / n;
}

export const COLOUR_CLASSES = ["green", "yellow", "red", "grey"] as const;
export type ColourClass = (typeof COLOUR_CLASSES)[number];

/**
 * Kolada-style colour class of a percentile from {@link percentileOf}:
 * green (best quarter) when P > 75, red (worst quarter) when P <= 25, yellow
 * (middle half) otherwise, grey when missing.
 *
 * Boundary rule: P counts the municipality itself, so it lies in (0, 100] and
 * the best quarter is exactly P > 75 and the worst quarter exactly P <= 25
 * (with n = 4 and no ties: 100 green, 75 and 50 yellow, 25 red; with n = 8 two
 * green and two red). The variant "P >= 75 green, P < 25 red" would put two of
 * four municipalities in the best quarter and none in the worst. For n = 290
 * (n/4 = 72.5 not whole) both rules give the same classes: 73 green, 72 red
 * without ties. Ties all take the tie group's (highest) percentile, so a tie
 * across a boundary puts the whole group in the better class.
 */
export function colourClass(percentile: number | null | undefined): ColourClass {
  if (percentile === null || percentile === undefined || !Number.isFinite(percentile)) return "grey";
  if (percentile > 75) return "green";
  if (percentile <= 25) return "red";
  return "yellow";
}

/**
 * Place among the municipalities with a value (1 = best): 1 + the number with a
 * strictly better value (ties share the better place). Null when missing.
 */
export function placeOf(values: ArrayLike<number>, value: number | null | undefined, direction: Direction): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let better = 0;
  const higher = direction === "higher_better";
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    if (higher ? x > value : x < value) better++;
  }
  return better + 1;
}
