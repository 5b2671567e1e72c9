/**
 * The weight set's heuristic start points and per-dimension values that
 * prepareRankRanges builds (src/engine/optimise.ts): the centre (the mean of
 * the points giving each dimension its largest share), the box's vertices
 * (an infinite bound gives a unit vector), the move of a point onto the
 * floors, the 32 seeded random mixtures, the groups and the dimension means.
 * Two dimensions a and b throughout, so w = (w_a, w_b) with w_a + w_b = 1,
 * and every expectation is computed by hand in the comments.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, prepareRankRanges, type Prepared, type WeightBounds} from "../../src/engine/index.ts";
import {mulberry32} from "../../src/engine/random.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/**
 * Three municipalities; dimension a has KPIs N01001 (weight 1) and N01002
 * (weight 3), dimension b has N02001; percentile normalisation.
 */
function twoDimensions(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model(
    [["a", 1], ["b", 1]],
    [["N01001", "a", "higher_better", 1], ["N01002", "a", "higher_better", 3], ["N02001", "b", "higher_better", 1]]
  );
  const rows = rowsForYear(2022, codes, {N01001: [1, 2, 3], N01002: [3, 2, 1], N02001: [1, 2, 3]});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "percentile"});
}

/** One dimension per id, one KPI each, weight 1 (for the vertex count with many dimensions). */
function manyDimensions(n: number): Prepared {
  const codes = ["0101", "0102", "0103"];
  const ids = Array.from({length: n}, (_, d) => `d${d}`);
  const kpis = ids.map((_, d) => `N${String(d + 10).padStart(2, "0")}001`);
  const M = model(ids.map((id) => [id, 1]), kpis.map((kpi, d) => [kpi, ids[d]!, "higher_better", 1]));
  const rows = rowsForYear(2022, codes, Object.fromEntries(kpis.map((kpi, d) => [kpi, [1 + d, 2, 3 + d]])));
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "percentile"});
}

function pointsOf(prepared: Prepared, bounds: WeightBounds): number[][] {
  return prepareRankRanges(prepared, {bounds}).points.map((p) => Array.from(p));
}

function expectPoint(actual: number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, a) => expect(actual![a]).toBeCloseTo(x, 12));
}

describe("the centre and the vertices of the weight set", () => {
  it("with a fixed at 1 and b in [1, 2]: centre (5/12, 7/12), then the four box corners", () => {
    // Largest share of a: W = (1, 1) -> (1/2, 1/2) (raising b only lowers it); of b: W = (1, 2) -> (1/3, 2/3).
    // Centre = their mean ((1/2 + 1/3) / 2, (1/2 + 2/3) / 2) = (5/12, 7/12).
    // Corners by bit mask (bit 0 = a up, bit 1 = b up): (1,1), (1,1), (1,2), (1,2), normalised.
    const points = pointsOf(twoDimensions(), {a: [1, 1], b: [1, 2]});
    expect(points).toHaveLength(1 + 4 + 32);
    expectPoint(points[0], [5 / 12, 7 / 12]);
    expectPoint(points[1], [1 / 2, 1 / 2]);
    expectPoint(points[2], [1 / 2, 1 / 2]);
    expectPoint(points[3], [1 / 3, 2 / 3]);
    expectPoint(points[4], [1 / 3, 2 / 3]);
  });

  it("an infinite upper bound makes every corner with that dimension up the unit vector, moved onto the floor", () => {
    // a in [1, Infinity), b in [1, 2]. Largest share of a: 1 (W_a -> Infinity), point (1, 0);
    // of b: W = (1, 2) -> (1/3, 2/3). Centre ((1 + 1/3) / 2, (0 + 2/3) / 2) = (2/3, 1/3).
    // Corners: (1,1) -> (1/2, 1/2); a up -> (1, 0); b up -> (1/3, 2/3); both up -> (1, 0) (only a is infinite).
    // (1, 0) is below the floor 1e-4 of b: moved towards the centre by lambda = 1e-4 / (1/3),
    // giving (1 - 3e-4 * 1/3, 3e-4 * 1/3) = (0.9999, 0.0001).
    const points = pointsOf(twoDimensions(), {a: [1, Infinity], b: [1, 2]});
    expect(points).toHaveLength(1 + 4 + 32);
    expectPoint(points[0], [2 / 3, 1 / 3]);
    expectPoint(points[1], [1 / 2, 1 / 2]);
    expectPoint(points[2], [0.9999, 0.0001]);
    expectPoint(points[3], [1 / 3, 2 / 3]);
    expectPoint(points[4], [0.9999, 0.0001]);
  });

  it("two infinite upper bounds: a corner is the sum of the unit vectors of the dimensions it raises, normalised", () => {
    // a, b in [1, Infinity): the corners are (1,1) -> (1/2,1/2), a up -> (1,0), b up -> (0,1), both up -> (1,1) -> (1/2,1/2).
    // Centre: mean of (1,0) and (0,1) = (1/2, 1/2); floors move (1,0) to (0.9999, 0.0001) and (0,1) to (0.0001, 0.9999).
    const points = pointsOf(twoDimensions(), {a: [1, Infinity], b: [1, Infinity]});
    expect(points).toHaveLength(1 + 4 + 32);
    expectPoint(points[0], [1 / 2, 1 / 2]);
    expectPoint(points[1], [1 / 2, 1 / 2]);
    expectPoint(points[2], [0.9999, 0.0001]);
    expectPoint(points[3], [0.0001, 0.9999]);
    expectPoint(points[4], [1 / 2, 1 / 2]);
  });

  it("leaves out the all-zero corner when every lower bound is 0", () => {
    // a, b in [0, 1]: corners (0,0) (left out), (1,0), (0,1), (1,1); centre (1/2, 1/2).
    // (1,0) moves onto the floor: lambda = 1e-4 / (1/2) -> (0.9999, 0.0001); likewise (0,1).
    const points = pointsOf(twoDimensions(), {a: [0, 1], b: [0, 1]});
    expect(points).toHaveLength(1 + 3 + 32);
    expectPoint(points[0], [1 / 2, 1 / 2]);
    expectPoint(points[1], [0.9999, 0.0001]);
    expectPoint(points[2], [0.0001, 0.9999]);
    expectPoint(points[3], [1 / 2, 1 / 2]);
  });

  it("moves a corner below the floor exactly onto the floor along the line to the centre", () => {
    // a in [1e-5, 1], b fixed at 1. Largest share of a: W = (1, 1) -> (1/2, 1/2);
    // of b: W = (1e-5, 1) -> (1e-5, 1) / 1.00001. The corner (1e-5, 1) / 1.00001 has w_a ~ 1e-5 < 1e-4,
    // so it is moved towards the centre until w_a = 1e-4 exactly: (1e-4, 1 - 1e-4).
    const points = pointsOf(twoDimensions(), {a: [1e-5, 1], b: [1, 1]});
    const wa = 1e-5 / 1.00001;
    expectPoint(points[0], [(1 / 2 + wa) / 2, (1 / 2 + 1 / 1.00001) / 2]);
    expectPoint(points[1], [1e-4, 1 - 1e-4]);
    expectPoint(points[2], [1 / 2, 1 / 2]);
  });

  it("builds 2^n corners up to 10 dimensions and none beyond", () => {
    expect(prepareRankRanges(manyDimensions(3)).points).toHaveLength(1 + 8 + 32);
    expect(prepareRankRanges(manyDimensions(10)).points).toHaveLength(1 + 1024 + 32);
    expect(prepareRankRanges(manyDimensions(11)).points).toHaveLength(1 + 32);
  });
});

describe("the seeded random mixtures", () => {
  it("are the 32 exponential mixtures of the corners drawn from mulberry32 with seed 0x5eed", () => {
    // a, b in [0, 1]: the corners before the floors are (1, 0), (0, 1), (1/2, 1/2). Each mixture is
    // sum_v e_v v, normalised, e_v = -log(1 - u) with u the next draw; none falls below the floors here.
    const points = pointsOf(twoDimensions(), {a: [0, 1], b: [0, 1]});
    const random = mulberry32(0x5eed);
    const corners = [[1, 0], [0, 1], [0.5, 0.5]];
    for (let i = 0; i < 32; i++) {
      let wa = 0;
      let wb = 0;
      for (const v of corners) {
        const e = -Math.log(1 - random());
        wa += e * v[0]!;
        wb += e * v[1]!;
      }
      const s = wa + wb;
      expect(wa / s).toBeGreaterThan(1e-4);
      expect(wb / s).toBeGreaterThan(1e-4);
      expectPoint(points[4 + i], [wa / s, wb / s]);
    }
  });

  it("are the same on every call and spread over the weight set", () => {
    const first = pointsOf(twoDimensions(), {a: [0, 1], b: [0, 1]}).slice(4);
    const second = pointsOf(twoDimensions(), {a: [0, 1], b: [0, 1]}).slice(4);
    expect(second).toEqual(first);
    // Not all alike: the mixtures' shares of a span more than a third of [0, 1].
    const shares = first.map((p) => p[0]!);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(1 / 3);
  });
});

describe("groups and dimension means of the problem", () => {
  it("groups by kommungrupp or by main group, and not at all without grouping", () => {
    const prepared = twoDimensions();
    expect(prepareRankRanges(prepared).groupOf).toBeNull();
    expect(prepareRankRanges(prepared, {grouping: "kommungrupp"}).groupOf).toEqual(["A1", "B3", "C8"]);
    expect(prepareRankRanges(prepared, {grouping: "mainGroup"}).groupOf).toEqual(["Huvudgrupp A", "Huvudgrupp B", "Huvudgrupp C"]);
  });

  it("averages each dimension's KPIs with their weights", () => {
    // Percentiles of 3 values: 0, 50, 100. a: N01001 (w 1) = 0, 50, 100 and N01002 (w 3) = 100, 50, 0,
    // so a = (0 + 300) / 4 = 75, 50, (100 + 0) / 4 = 25; b = N02001 = 0, 50, 100.
    const problem = prepareRankRanges(twoDimensions());
    expect(Array.from(problem.values)).toEqual([75, 0, 50, 50, 25, 100]);
  });

  it("leaves a KPI of weight 0 out of its dimension's mean", () => {
    // N01002 at weight 0: a is N01001 alone = 0, 50, 100.
    const problem = prepareRankRanges(twoDimensions(), {weights: {indicators: {N01002: 0}}});
    expect(Array.from(problem.values)).toEqual([0, 0, 50, 50, 100, 100]);
  });
});

describe("dimension means with a KPI of weight 0 whose log-value is -Infinity", () => {
  it("skips that KPI rather than letting 0 * -Infinity make the mean NaN", () => {
    // Geometric aggregation, z-scores (sample sd) of 0, 0, 0, 1: mean 1/4, sd 1/2, so -0.5 for the 0s and
    // 1.5 for the 1 (higher better), or 0.5 and -1.5 (lower better). The weighted KPIs' minimum is -0.5,
    // so the shift is c = 1.5 and the lower-better KPI N01002 (weight 0) has log(-1.5 + 1.5) = -Infinity
    // for the fourth municipality. Its weight is 0, so dimension a is N01001 alone: log(1) = 0, 0, 0, log(3);
    // dimension b likewise.
    const codes = ["0101", "0102", "0103", "0104"];
    const M = model(
      [["a", 1], ["b", 1]],
      [["N01001", "a", "higher_better", 1], ["N01002", "a", "lower_better", 1], ["N02001", "b", "higher_better", 1]]
    );
    const rows = rowsForYear(2022, codes, {N01001: [0, 0, 0, 1], N01002: [0, 0, 0, 1], N02001: [0, 0, 0, 1]});
    const prepared = prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "zscore", aggregation: "geometric"});
    const problem = prepareRankRanges(prepared, {weights: {indicators: {N01002: 0}}});
    expect(Array.from(problem.values)).toEqual([0, 0, 0, 0, 0, 0, Math.log(3), Math.log(3)]);
  });
});
