/**
 * Comparing rankings of the same municipalities: the figures of the Scenarier
 * page and the `scenarios` command. Pure; no DOM, no I/O.
 *
 * - **Which municipalities.** A municipality ranked in one ranking and not in
 *   the other (the coverage rule, a steadiness minimum, another model's KPIs)
 *   has no rank to compare, so the two correlations are computed over the
 *   municipalities ranked in **both** (pairwise complete), re-ranked 1..n
 *   within that common set; `n` says how many that is. Leaving the others out
 *   (instead of, say, putting them last) keeps a coverage difference from
 *   being read as a disagreement about order.
 * - **Kendall's τ-b** (not τ-a): (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) with
 *   n₀ = n(n−1)/2 and n₁, n₂ the pairs tied in the first and in the second
 *   ranking. The engine's ranks have no ties (ties are broken by code), so on
 *   them τ-b equals τ-a; τ-b keeps the function right for any input with
 *   ties. Computed in O(n log n) (Knight's algorithm: sort by the first
 *   ranking, count the inversions of the second with a merge sort).
 * - **Spearman's ρ**: the Pearson correlation of the (average) ranks within
 *   the common set; with no ties it equals 1 − 6Σd²/(n(n²−1)).
 * - Both are null (undefined) with fewer than 2 common municipalities or when
 *   one side is constant (every pair tied).
 * - **Jaccard** of two top-N sets: |A ∩ B| / |A ∪ B|; null when both are empty.
 * - **Membership** across k rankings' top N: in how many, and "alla" (in every
 *   one of the k), "en" (in exactly one, when k ≥ 2) or "flera" (in more than
 *   one but not all). With k = 2 "flera" cannot occur; with k = 1 every
 *   member is "alla".
 */
import {averageRanks} from "./audit.js";
import {compareCodes} from "./matrix.js";
import type {ScoreResult} from "./score.js";

/** Rank per municipality, aligned by position (e.g. matrix index); null = not ranked. */
export type RankVector = readonly (number | null)[];

/** A correlation and the number of municipalities it was computed over. */
export interface RankCorrelation {
  value: number | null;
  /** Municipalities ranked in both. */
  n: number;
}

/** The positions ranked in both vectors, as two parallel arrays. */
export function commonRanks(a: RankVector, b: RankVector): {x: number[]; y: number[]} {
  if (a.length !== b.length) throw new RangeError(`rank vectors of different length (${a.length} and ${b.length})`);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const ra = a[i];
    const rb = b[i];
    if (ra !== null && ra !== undefined && Number.isFinite(ra) && rb !== null && rb !== undefined && Number.isFinite(rb)) {
      x.push(ra);
      y.push(rb);
    }
  }
  return {x, y};
}

/** Pairs tied within runs of equal values of a sorted array: Σ t(t−1)/2. */
function tiedPairs(sorted: ArrayLike<number>): number {
  let pairs = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    pairs += (t * (t - 1)) / 2;
    i = j;
  }
  return pairs;
}

/** Sorts `values` in place (ascending, stable merge sort) and returns the number of inversions (pairs i < j with v[i] > v[j]). */
function countInversions(values: Float64Array<ArrayBuffer>): number {
  const n = values.length;
  let buffer: Float64Array<ArrayBuffer> = new Float64Array(n);
  let source: Float64Array<ArrayBuffer> = values;
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (source[j]! < source[i]!) {
          // Every element left in the left run is greater than source[j].
          inversions += mid - i;
          buffer[k++] = source[j++]!;
        } else {
          buffer[k++] = source[i++]!;
        }
      }
      while (i < mid) buffer[k++] = source[i++]!;
      while (j < hi) buffer[k++] = source[j++]!;
    }
    [source, buffer] = [buffer, source];
  }
  if (source !== values) values.set(source);
  return inversions;
}

/** Kendall's τ-b over the municipalities ranked in both (see the module comment). */
export function kendallTauB(a: RankVector, b: RankVector): RankCorrelation {
  const {x, y} = commonRanks(a, b);
  const n = x.length;
  if (n < 2) return {value: null, n};
  // Sort by x, then y: pairs tied in x are then in y order and count as no inversion.
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => x[i]! - x[j]! || y[i]! - y[j]!);
  const xs = Float64Array.from(order, (i) => x[i]!);
  const ys = Float64Array.from(order, (i) => y[i]!);
  const tiedX = tiedPairs(xs);
  // Pairs tied in both: runs of equal (x, y).
  let tiedBoth = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i] && ys[j] === ys[i]) j++;
    tiedBoth += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  const discordant = countInversions(ys); // sorts ys
  const tiedY = tiedPairs(ys);
  const n0 = (n * (n - 1)) / 2;
  const concordantMinusDiscordant = n0 - tiedX - tiedY + tiedBoth - 2 * discordant;
  const denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  if (!(denominator > 0)) return {value: null, n};
  return {value: clamp(concordantMinusDiscordant / denominator), n};
}

/** Spearman's ρ over the municipalities ranked in both: Pearson of their average ranks within that set. */
export function spearmanRho(a: RankVector, b: RankVector): RankCorrelation {
  const {x, y} = commonRanks(a, b);
  const n = x.length;
  if (n < 2) return {value: null, n};
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  // Both rank vectors have mean (n + 1) / 2.
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - m;
    const dy = ry[i]! - m;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return {value: null, n};
  return {value: clamp(sxy / Math.sqrt(sxx * syy)), n};
}

const clamp = (r: number): number => Math.max(-1, Math.min(1, r));

/** |A ∩ B| / |A ∪ B| of two sets; null when both are empty. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number | null {
  let both = 0;
  for (const item of a) if (b.has(item)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? null : both / either;
}

export const MEMBERSHIPS = ["alla", "flera", "en"] as const;
/** In the top N of every ranking, of more than one (not all), or of exactly one. */
export type Membership = (typeof MEMBERSHIPS)[number];

/** The word for being in `count` of `of` top-N sets; null when in none. */
export function membershipOf(count: number, of: number): Membership | null {
  if (!Number.isInteger(count) || !Number.isInteger(of) || count < 0 || count > of) throw new RangeError(`count ${count} of ${of} is not a membership`);
  if (count === 0) return null;
  if (count === of) return "alla";
  return count === 1 ? "en" : "flera";
}

/** One ranking to compare, keyed by municipality code. */
export interface ComparableRanking {
  /** Overall rank per municipality code; a code that is absent is not ranked. */
  ranks: ReadonlyMap<string, number>;
  /** The codes in its top N (what its page marks as nominated). */
  top: ReadonlySet<string>;
}

/**
 * The comparable form of an engine result: the overall rank of every ranked
 * municipality, and its top N as the ranking pages mark it (rank ≤ N; with a
 * grouped scope the rank within the group, so N per group).
 */
export function comparableRanking(result: ScoreResult, topN: number): ComparableRanking {
  const ranks = new Map<string, number>();
  const top = new Set<string>();
  for (const row of result.rows) {
    if (row.rank === null || row.overallRank === null) continue;
    ranks.set(row.code, row.overallRank);
    if (row.rank <= topN) top.add(row.code);
  }
  return {ranks, top};
}

export interface MembershipRow {
  code: string;
  /** Per ranking: in its top N. */
  inTop: boolean[];
  /** Per ranking: the overall rank, null when not ranked. */
  ranks: (number | null)[];
  /** In how many of the rankings' top N (≥ 1). */
  count: number;
  membership: Membership;
}

export interface PairComparison {
  /** Positions of the two rankings in the input, a < b. */
  a: number;
  b: number;
  kendallTauB: RankCorrelation;
  spearmanRho: RankCorrelation;
  /** Jaccard of the two top-N sets, and the sizes it is made of. */
  jaccard: number | null;
  topBoth: number;
  topEither: number;
}

export interface RankingComparison {
  /**
   * One row per municipality in any top N: most top-N memberships first, then
   * by its best overall rank in any of the rankings, then by code.
   */
  membership: MembershipRow[];
  /** Every pair (a, b), a < b, in order (0,1), (0,2) … (1,2) …. */
  pairs: PairComparison[];
}

/** Membership and the pairwise figures of k rankings. */
export function compareScenarioRankings(rankings: readonly ComparableRanking[]): RankingComparison {
  const k = rankings.length;
  const members = new Set<string>();
  for (const r of rankings) for (const code of r.top) members.add(code);
  const membership: MembershipRow[] = [...members].map((code) => {
    const inTop = rankings.map((r) => r.top.has(code));
    const count = inTop.filter(Boolean).length;
    return {code, inTop, ranks: rankings.map((r) => r.ranks.get(code) ?? null), count, membership: membershipOf(count, k)!};
  });
  const best = (row: MembershipRow) => Math.min(...row.ranks.map((r) => r ?? Infinity));
  membership.sort((p, q) => q.count - p.count || best(p) - best(q) || compareCodes(p.code, q.code));

  // Rank vectors aligned over every code ranked anywhere.
  const codes = [...new Set(rankings.flatMap((r) => [...r.ranks.keys()]))].sort();
  const vectors = rankings.map((r) => codes.map((c) => r.ranks.get(c) ?? null));
  const pairs: PairComparison[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const A = rankings[a]!.top;
      const B = rankings[b]!.top;
      let both = 0;
      for (const code of A) if (B.has(code)) both++;
      pairs.push({
        a,
        b,
        kendallTauB: kendallTauB(vectors[a]!, vectors[b]!),
        spearmanRho: spearmanRho(vectors[a]!, vectors[b]!),
        jaccard: jaccard(A, B),
        topBoth: both,
        topEither: A.size + B.size - both
      });
    }
  }
  return {membership, pairs};
}
