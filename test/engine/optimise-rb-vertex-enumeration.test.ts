/**
 * The branch-and-bound's exact solve of a small region by vertex enumeration
 * (solveLeaf and gauss in src/engine/optimise.ts), and when a region is small
 * enough for it (combinations against limits.leafCombinations).
 *
 * Every case has three dimensions a, b, c (one has a fourth, d) with one KPI
 * each and min-max normalisation, so a municipality's dimension scores are its values: m is
 * 0101 = (50, 50, 50), 0102 = (0, 0, 0) is always behind it and
 * 0103 = (100, 100, 100) always ahead. The others are uncertain rows, each of
 * the form "m beats j iff w_x >= t" for one share w_x of the normalised
 * weights w (sum 1), worked out in the comments.
 *
 * The start points (RankRangeProblem.points) are narrowed to the centre
 * (1/3, 1/3, 1/3) of the weight set, so the search itself (not a box corner among the heuristic starts) has
 * to find the optimum; with at most C(11, 2) = 55 <= 60 (the default limit)
 * linear systems, the root region is solved by enumeration at once. The real
 * HiGHS solver is passed, so a wrong enumeration that hands the region to the
 * MIP shows as stats.solves > 0 rather than as a wrong rank.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {prepareRankRanges, rankRangeAt, type MipSolver, type Prepared, type RankRange, type RankRangeOptions, type WeightBounds} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {preparedByDimension} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** m = 0101 with the two anchors and the given competitors. */
function withAnchors(others: number[][]): Prepared {
  const table: Record<string, number[]> = {"0101": [50, 50, 50], "0102": [0, 0, 0], "0103": [100, 100, 100]};
  others.forEach((s, i) => (table[`010${4 + i}`] = s));
  return preparedByDimension(table);
}

/** Any non-negative weights: the weight set is the simplex {w >= 1e-4} and equals the root region (no undecided hard rows). */
const ANY: WeightBounds = {a: [0, Infinity], b: [0, Infinity], c: [0, Infinity]};

/** Best and worst rank of 0101, searched from the centre only. */
function fromCentre(prepared: Prepared, options: RankRangeOptions = {}): RankRange {
  const problem = prepareRankRanges(prepared, options);
  problem.points = [problem.points[0]!];
  for (const x of problem.points[0]!) expect(x).toBeCloseTo(1 / 3, 12);
  return rankRangeAt(problem, solver, 0);
}

/** Shares of the raw weights (the normalised point the search reported). */
function shares(weights: Record<string, number>): number[] {
  const sum = Object.values(weights).reduce((x, y) => x + y, 0);
  return Object.values(weights).map((x) => x / sum);
}

function expectShares(weights: Record<string, number>, expected: number[]): void {
  expect(Object.keys(weights)).toHaveLength(expected.length);
  shares(weights).forEach((x, a) => expect(x).toBeCloseTo(expected[a]!, 6));
}

describe("vertex enumeration of the root region", () => {
  it("finds an optimum whose every vertex lies on the region's facets (a corner cut off by two parallel rows)", () => {
    // j1 = (40, 90, 90): m - j1 = (10, -40, -40), m beats j1 iff 10 w_a >= 40 (1 - w_a), w_a >= 0.8.
    // j2 = (45, 95, 95): m - j2 = (5, -45, -45), iff w_a >= 0.9. Both hold only in the corner w_a >= 0.9
    // of the simplex; the two rows are parallel (no vertex of their own), so each vertex of that corner
    // has a facet w_b = 1e-4 or w_c = 1e-4 tight. At the centre both are ahead: best rank 1 + 1 + 2 = 4
    // there, 2 in the corner. The first optimal vertex in enumeration order (rows first, then facets
    // lambda_a, lambda_b, lambda_c = 0) is j2 with w_b at its floor: w = (0.9, 1e-4, 0.1 - 1e-4).
    // Worst: both are ahead at the centre already (rank 4 of 5), nothing to search.
    const r = fromCentre(withAnchors([[40, 90, 90], [45, 95, 95]]), {bounds: ANY});
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 4, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.9, 1e-4, 0.1 - 1e-4]);
    expectShares(r.worstWeights, [1 / 3, 1 / 3, 1 / 3]);
  });

  it("takes the facets in their order: the first optimal vertex of a corner of c is on the facet w_a = 1e-4", () => {
    // The first case turned towards c: j1 = (90, 90, 40) iff w_c >= 0.8, j2 = (95, 95, 45) iff w_c >= 0.9.
    // Enumerated pairs: (j1, j2) parallel, (j1, lambda_a) holds j1 only, (j1, lambda_b) likewise,
    // (j1, lambda_c) parallel, (j2, lambda_a) both: w = (1e-4, 0.1 - 1e-4, 0.9). After eliminating the
    // sum row, j's row has equal entries for the vertices of a and b, so this vertex needs a row swap.
    const r = fromCentre(withAnchors([[90, 90, 40], [95, 95, 45]]), {bounds: ANY});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [1e-4, 0.1 - 1e-4, 0.9]);
  });

  it("numbers the facets after the undecided hard rows", () => {
    // As above with b in [0, 2000] and c fixed at 1: one ratio row w_b <= 2000 w_c, false at the root's
    // corner of b, true in the corner of c. Enumerated: the rows (0, 1), the hard row (2), then the
    // facets lambda_a, lambda_b, lambda_c (3, 4, 5). (j1, hard) and (j2, hard) lie far outside the region,
    // so the first optimal vertex is again (j2, lambda_a): w = (1e-4, 0.1 - 1e-4, 0.9).
    const prepared = withAnchors([[90, 90, 40], [95, 95, 45]]);
    const problem = prepareRankRanges(prepared, {bounds: {a: [0, Infinity], b: [0, 2000], c: [1, 1]}});
    expect(problem.ratioRows.length).toBe(3);
    problem.points = [problem.points[0]!];
    expect(problem.points[0]![2]).toBeLessThan(0.8);
    const r = rankRangeAt(problem, solver, 0);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [1e-4, 0.1 - 1e-4, 0.9]);
  });

  it("finds an optimum whose every vertex lies on the weight set's hard rows (the bound ratios)", () => {
    // Default bounds 0.5-2 for each weight: w_d <= 4 w_e for every pair, so w_a <= 2/3 (at (2/3, 1/6, 1/6)),
    // while the root region reaches w_a = 7/9: the six ratio rows are undecided there.
    // j1 = (41, 61, 61): m - j1 = (9, -11, -11), iff w_a >= 0.55; j2 = (30, 80, 80): (20, -30, -30), iff w_a >= 0.6.
    // Both hold where 0.6 <= w_a <= 2/3: every vertex of that piece has a ratio row tight. The first one
    // enumerated is j2 with w_a = 4 w_b: w = (0.6, 0.15, 0.25). Best rank 2, worst 4 (the centre).
    const r = fromCentre(withAnchors([[41, 61, 61], [30, 80, 80]]));
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.6, 0.15, 0.25]);
  });

  it("finds an optimum inside the region (a triangle of three rows), and in the other direction after trying every vertex", () => {
    // ja = (30, 70, 70): m - ja = (20, -20, -20), m beats ja iff w_a >= 0.5;
    // jb = (60, 10, 60): (-10, 40, -10), iff w_b >= 0.2; jc = (60, 60, 10): iff w_c >= 0.2.
    // Best: all three where w_a >= 0.5, w_b >= 0.2, w_c >= 0.2, the triangle with vertices (0.6, 0.2, 0.2),
    // (0.5, 0.3, 0.2), (0.5, 0.2, 0.3); at the centre ja is ahead (rank 3). The first pair (ja, jb) is
    // optimal: (0.5, 0.2, 0.3), best rank 2.
    // Worst: ja is ahead iff w_a <= 0.5, jb iff w_b <= 0.2, jc iff w_c <= 0.2; all three would need a sum
    // <= 0.9, so at most two (e.g. ja and jb at (0.5, 0.2, 0.3)): worst rank 1 + 1 + 2 = 4, and no vertex
    // reaches all rows, so the enumeration runs to the end; the first best vertex is again ja with jb.
    const r = fromCentre(withAnchors([[30, 70, 70], [60, 10, 60], [60, 60, 10]]), {bounds: ANY});
    expect([r.bestRank, r.worstRank, r.currentRank, r.exact]).toEqual([2, 4, 3, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 2]);
    expectShares(r.bestWeights, [0.5, 0.2, 0.3]);
    expectShares(r.worstWeights, [0.5, 0.2, 0.3]);
  });

  it("takes only vertices inside the region, and a vertex where a single row holds", () => {
    // j1 = (30, 80, 80): m beats j1 iff w_a >= 0.6; j2 = (80, 30, 80): iff w_b >= 0.6. Not both: that vertex
    // (0.6, 0.6, -0.2) of the two rows, the first one enumerated, lies outside. The best is one of them:
    // rank 3; the first such vertex is j1 with the facet w_b = 1e-4: (0.6, 1e-4, 0.4 - 1e-4).
    const r = fromCentre(withAnchors([[30, 80, 80], [80, 30, 80]]), {bounds: ANY});
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([3, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.6, 1e-4, 0.4 - 1e-4]);
  });
});

describe("vertex enumeration in four dimensions (three equations besides the sum)", () => {
  it("runs through every combination when no vertex reaches all rows, and keeps the first best one", () => {
    // a, b, c, d >= 0, any weights; m = (50, 50, 50, 50). j1 = (30, 80, 80, 80): m - j1 = (20, -30, -30, -30),
    // m beats j1 iff w_a >= 0.6; j2 = (80, 30, 80, 80): iff w_b >= 0.6. Not both (their vertices lie outside or
    // the systems are singular), so the C(2 + 4, 3) = 20 systems are all solved. Every combination with both
    // rows is out; (j1, lambda_a, .) is singular (w_a fixed twice); the first vertex holding one row is
    // (j1, lambda_b, lambda_c): w = (0.6, 1e-4, 1e-4, 0.4 - 2e-4). Best rank 1 + 1 + 1 = 3; worst 4 at the centre.
    const prepared = preparedByDimension({"0101": [50, 50, 50, 50], "0102": [0, 0, 0, 0], "0103": [100, 100, 100, 100], "0104": [30, 80, 80, 80], "0105": [80, 30, 80, 80]});
    const problem = prepareRankRanges(prepared, {bounds: {a: [0, Infinity], b: [0, Infinity], c: [0, Infinity], d: [0, Infinity]}});
    problem.points = [problem.points[0]!];
    for (const x of problem.points[0]!) expect(x).toBeCloseTo(1 / 4, 12);
    const r = rankRangeAt(problem, solver, 0);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([3, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 1, 1]);
    expectShares(r.bestWeights, [0.6, 1e-4, 1e-4, 0.4 - 2e-4]);
  });
});

describe("which regions are enumerated (limits.leafCombinations)", () => {
  /** The triangle case: 3 undecided rows, no hard rows, 3 dimensions: C(3 + 0 + 3, 2) = 15 linear systems per direction. */
  const triangle = (leafCombinations: number) => fromCentre(withAnchors([[30, 70, 70], [60, 10, 60], [60, 60, 10]]), {bounds: ANY, limits: {leafCombinations}});

  it("enumerates the root when C(rows + hard rows + n, n - 1) is at most the limit", () => {
    const r = triangle(15);
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 4, true]);
    expect([r.stats.solves, r.stats.regions, r.stats.leaves]).toEqual([0, 2, 2]);
  });

  it.each([14, 6, 1])("splits the root when the limit is %i (below 15), with the same answer", (limit) => {
    const r = triangle(limit);
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([2, 4, true, 0]);
    expect(r.stats.regions).toBeGreaterThan(2);
  });
});
