/**
 * When the branch-and-bound solves a region by vertex enumeration with many
 * dimensions: combinations(rows + hard + n, n - 1, limit) in
 * src/engine/optimise.ts must be the exact binomial coefficient C(N, k)
 * whenever that is at most `limit`. With N = n plus one or two undecided rows,
 * k = n - 1 > N / 2, so the partial products C(N, i), i < k, pass C(N, k) on
 * the way: C(7, 3) = 35 > C(7, 5) = 21 and C(8, 4) = 70 > C(8, 5) = 56. An early
 * stop on those overestimates the count and splits a region that SearchLimits
 * says is to be enumerated (with two rows and six dimensions even at the
 * default limit 60).
 *
 * The cases follow test/engine/optimise-rb-vertex-enumeration.test.ts: one
 * higher-better KPI per dimension, weight 1, min-max normalisation, so a
 * municipality's dimension scores are its values. m = 0101 is 50 everywhere,
 * 0102 = 0 everywhere is always behind it, 0103 = 100 everywhere always ahead.
 * Any non-negative weights (bounds [0, Infinity]) on six dimensions: the
 * weight set is the simplex {w >= 1e-4, sum w = 1}, which is the root region;
 * its floor rows are >= 0 at every root vertex (in floating point too), so no
 * hard row is undecided. The start points are narrowed to the centre (every
 * share 1/6), so the search itself has to find the optimum. The real HiGHS
 * solver is passed, so a region handed to the MIP would show as
 * stats.solves > 0.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver, type Prepared, type RankRange, type RankRangeOptions, type WeightBounds} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const IDS = ["a", "b", "c", "d", "e", "f"];

/** m = 0101 (50 in each of n dimensions), the two anchors, and the given competitors 0104, 0105, ... */
function withAnchors(n: number, others: number[][]): Prepared {
  const table: Record<string, number[]> = {"0101": Array<number>(n).fill(50), "0102": Array<number>(n).fill(0), "0103": Array<number>(n).fill(100)};
  others.forEach((s, i) => (table[`010${4 + i}`] = s));
  return preparedByDimension(table);
}

/** Any non-negative weights on the first n dimensions. */
function any(n: number): WeightBounds {
  return Object.fromEntries(IDS.slice(0, n).map((id) => [id, [0, Infinity]]));
}

/** Best and worst rank of 0101, searched from the centre only. */
function fromCentre(prepared: Prepared, n: number, options: RankRangeOptions): RankRange {
  const problem = prepareRankRanges(prepared, options);
  expect(problem.active).toHaveLength(n);
  problem.points = [problem.points[0]!];
  for (const x of problem.points[0]!) expect(x).toBeCloseTo(1 / n, 12);
  return rankRangeAt(problem, solver, 0);
}

/** Shares of the raw weights (the normalised point the search reported). */
function expectShares(weights: Record<string, number>, expected: number[]): void {
  expect(Object.keys(weights)).toHaveLength(expected.length);
  const sum = Object.values(weights).reduce((x, y) => x + y, 0);
  Object.values(weights).forEach((x, a) => expect(x / sum).toBeCloseTo(expected[a]!, 6));
}

describe("limits.leafCombinations with six dimensions and one undecided row: C(1 + 0 + 6, 5) = 21 (k = 5 > 7 / 2)", () => {
  /**
   * One competitor j1 = (30, 80, 80, 80, 80, 80): m - j1 = (20, -30, -30, -30, -30, -30), so m beats j1 iff
   * 20 w_a >= 30 (1 - w_a), w_a >= 0.6. The root reaches w_a = 1 - 5e-4, so this is its only undecided
   * row: the enumeration needs C(1 + 0 + 6, 5) = 21 linear systems (a partial product on the way is
   * C(7, 3) = 35).
   * Best: at the centre (w_a = 1/6) j1 is ahead, rank 1 + 1 + 1 = 3 of 4; with w_a >= 0.6 rank 1 + 1 = 2.
   * Enumerated constraints in order: the row, then the facets lambda_a .. lambda_f. Every system with the
   * row and lambda_a is singular (the row depends on lambda_a only); the first one without lambda_a is
   * (row, lambda_b, lambda_c, lambda_d, lambda_e): w = (0.6, 1e-4, 1e-4, 1e-4, 1e-4, 0.4 - 4e-4), where the
   * row holds, which stops the enumeration. Worst: j1 is ahead at the centre already (rank 3), nothing to
   * search; so the search statistics are those of the best direction alone.
   * (Five dimensions would give C(6, 4) = 15 against C(6, 3) = 20, but there the root's floor rows
   * w_d >= 1e-4 come out about -2e-21 at its vertices in floating point instead of 0, so they count as
   * undecided hard rows and the root needs C(1 + 4 + 5, 4) = 210 systems.)
   */
  const oneRow = (leafCombinations: number) => fromCentre(withAnchors(6, [[30, 80, 80, 80, 80, 80]]), 6, {bounds: any(6), limits: {leafCombinations}});

  it("enumerates the root when the limit is exactly 21: one region, one leaf, no MIP", () => {
    const r = oneRow(21);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 3, 3, true]);
    expect(r.stats.binaries).toEqual({best: 1, worst: 1});
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.6, 1e-4, 1e-4, 1e-4, 1e-4, 0.4 - 4e-4]);
    expectShares(r.worstWeights, [1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]);
  });

  it("splits the root when the limit is 20, with the same ranks", () => {
    const r = oneRow(20);
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([2, 3, true, 0]);
    expect(r.stats.regions).toBeGreaterThan(1);
  });
});

describe("the default limit (60) with six dimensions: C(2 + 0 + 6, 5) = 56 (k = 5 > 8 / 2)", () => {
  /**
   * j1 = (30, 80, 80, 80, 80, 80): m beats j1 iff 20 w_a >= 30 (1 - w_a), w_a >= 0.6; j2 = (80, 30, 80, 80, 80, 80):
   * iff w_b >= 0.6. Two undecided rows at the root (it reaches w_a, w_b = 1 - 5e-4): C(2 + 0 + 6, 5) = 56 <= 60
   * systems, though the partial product C(8, 4) = 70 exceeds the default limit.
   * Best: both are ahead at the centre (w = 1/6 each, rank 1 + 1 + 2 = 4 of 5); both rows would need
   * w_a + w_b >= 1.2, so at most one holds: rank 3, and no vertex holds both, so all 56 systems are solved.
   * In order (rows j1, j2, then facets lambda_a .. lambda_f): with both rows the vertex is outside
   * (w_a = w_b = 0.6) or the system singular (j1 with lambda_a, j2 with lambda_b); with j1 and lambda_a it is
   * singular; the first vertex inside is (j1, lambda_b, lambda_c, lambda_d, lambda_e):
   * w = (0.6, 1e-4, 1e-4, 1e-4, 1e-4, 0.4 - 4e-4), where j1 holds; later vertices hold at most one row
   * and do not replace it. Worst: 4 at the centre, nothing to search.
   */
  const twoRows = (options: RankRangeOptions) =>
    fromCentre(
      withAnchors(6, [
        [30, 80, 80, 80, 80, 80],
        [80, 30, 80, 80, 80, 80]
      ]),
      6,
      {bounds: any(6), ...options}
    );

  it.each([
    ["the default limits", {}],
    ["leafCombinations 56", {limits: {leafCombinations: 56}}]
  ] as [string, RankRangeOptions][])("enumerates the root with %s: one region, one leaf, no MIP", (_, options) => {
    const r = twoRows(options);
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([3, 4, 4, true]);
    expect(r.stats.binaries).toEqual({best: 2, worst: 2});
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.6, 1e-4, 1e-4, 1e-4, 1e-4, 0.4 - 4e-4]);
  });

  it("splits the root when the limit is 55, with the same ranks", () => {
    const r = twoRows({limits: {leafCombinations: 55}});
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([3, 4, true, 0]);
    expect(r.stats.regions).toBeGreaterThan(1);
  });
});
