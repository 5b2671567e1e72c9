/**
 * The Monte Carlo draws of engine/uncertainty.ts on tiny data: the weights of
 * each draw from the seeded stream (D numbers per draw, in coordinate order),
 * inputs not varied keeping their base value, what `evaluate` returns, the
 * choice arrays and `drawChoices`, the cache of prepared method combinations,
 * and the exact messages of the chunk size, draw index and window checks.
 */
import {describe, expect, it} from "vitest";
import {
  createUncertaintyContext,
  drawChoices,
  mulberry32,
  parseModel,
  prepareNomination,
  rankWeights,
  runMonteCarlo,
  uncertaintyAnalysis,
  type Model,
  type ValueMatrix
} from "../../src/engine/index.ts";
import {matrixOf, rowsForSeries, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

const codes = ["0401", "0402", "0403", "0404", "0405"];

/** Two dimensions, three KPIs: N00001 and N00003 in a, N00002 in b. */
function smallModel(): Model {
  return parseModel({
    name: "test",
    dimensions: [
      {id: "a", label: "A", weight: 2},
      {id: "b", label: "B", weight: 3}
    ],
    indicators: [
      {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
      {kpi: "N00002", dimension: "b", direction: "higher_better", weight: 4},
      {kpi: "N00003", dimension: "a", direction: "lower_better", weight: 0.5}
    ]
  });
}

function nominationMatrix(): ValueMatrix {
  return matrixOf(codes, rowsForYear(2022, codes, {N00001: [5, 1, 4, 2, 3], N00002: [2, 5, 1, 4, 3], N00003: [1, 3, 5, 2, 4]}));
}

/** Series 2019-2022 (4-year window 2019-2022, 3-year window 2020-2022). */
function improvementMatrix(): ValueMatrix {
  return matrixOf(
    codes,
    rowsForSeries([2019, 2020, 2021, 2022], {
      N00001: {"0401": [1, 2, 3, 5], "0402": [2, 2, 3, 3], "0403": [3, 2, 2, 1], "0404": [4, 5, 5, 7], "0405": [2, 4, 3, 5]},
      N00002: {"0401": [5, 4, 4, 3], "0402": [1, 3, 4, 6], "0403": [2, 2, 3, 2], "0404": [3, 4, 6, 5], "0405": [4, 4, 5, 5]},
      N00003: {"0401": [2, 3, 2, 3], "0402": [4, 3, 2, 2], "0403": [1, 2, 4, 4], "0404": [3, 3, 3, 1], "0405": [5, 4, 4, 2]}
    })
  );
}

describe("the weights of each draw", () => {
  it("KPI weights only: draw i takes the stream's numbers 3i..3i+2 in KPI order; the dimension weights stay the base", () => {
    // D = 3 (one coordinate per KPI), f = 0.5: w(k) = base(k) * (1 - 0.5 + 2 * 0.5 * u) = base(k) * (0.5 + u).
    const draws = 4;
    const r = uncertaintyAnalysis(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws, seed: 9, noise: 0.5, vary: {dimensionWeights: false}});
    const random = mulberry32(9);
    const base = [1, 4, 0.5];
    for (let i = 0; i < draws; i++) {
      const u = [random(), random(), random()];
      const expected = base.map((b, k) => b * (0.5 + u[k]!));
      const got = Array.from(r.choices.kpiWeights.subarray(i * 3, i * 3 + 3));
      got.forEach((w, k) => expect(w).toBeCloseTo(expected[k]!, 14));
      // Not varied: exactly the model's dimension weights in every draw.
      expect(Array.from(r.choices.dimensionWeights.subarray(i * 2, i * 2 + 2))).toEqual([2, 3]);
      expect(drawChoices(r, i).weights.dimensions).toEqual({a: 2, b: 3});
    }
  });

  it("dimension weights only: draw i takes the numbers 2i and 2i+1; the KPI weights stay the base", () => {
    const draws = 3;
    const r = uncertaintyAnalysis(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws, seed: 4, noise: 0.25, vary: {kpiWeights: false}});
    const random = mulberry32(4);
    for (let i = 0; i < draws; i++) {
      const u = [random(), random()];
      // f = 0.25: W(d) = base(d) * (0.75 + 0.5 u).
      expect(r.choices.dimensionWeights[i * 2]).toBeCloseTo(2 * (0.75 + 0.5 * u[0]!), 14);
      expect(r.choices.dimensionWeights[i * 2 + 1]).toBeCloseTo(3 * (0.75 + 0.5 * u[1]!), 14);
      expect(drawChoices(r, i).weights.indicators).toEqual({N00001: 1, N00002: 4, N00003: 0.5});
    }
  });

  it("evaluate ranks with the drawn weights: the same ranking as rankWeights, dimension scores included", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, noise: 0.5, vary: {aggregation: true}});
    // u = [W(a), W(b), w(N00001), w(N00002), w(N00003), aggregation]; 0.75 picks geometric.
    const u = Float64Array.from([0.1, 0.9, 0.5, 0.2, 0.8, 0.75]);
    const got = ctx.evaluate(u, ctx.scratch());
    const p = ctx.prepared("zscore", "geometric", false, null, null);
    // f = 0.5: weight times 0.5 + u.
    const weights = {dimensions: Float64Array.from([2 * 0.6, 3 * 1.4]), indicators: Float64Array.from([1 * 1.0, 4 * 0.7, 0.5 * 1.3]), effective: Float64Array.from([1 * 1.0, 4 * 0.7, 0.5 * 1.3])};
    const expected = rankWeights(p, weights, {grouping: "none"});
    expect(Array.from(got.eligible)).toEqual(Array.from(expected.eligible));
    expect(Array.from(got.ranks.overall)).toEqual(Array.from(expected.ranks.overall));
    Array.from(expected.aggregation.totals).forEach((t, m) => expect(got.aggregation.totals[m]).toBeCloseTo(t, 12));
    // nM x nD dimension scores, each the weighted mean of its KPIs.
    expect(got.aggregation.dimensionScores.length).toBe(5 * 2);
    Array.from(expected.aggregation.dimensionScores).forEach((d, i) => expect(got.aggregation.dimensionScores[i]).toBeCloseTo(d, 12));
    expect(got.aggregation.dimensionScores.every(Number.isFinite)).toBe(true);
  });
});

describe("the choice arrays and drawChoices", () => {
  it("nomination has no window: -1 in the choice array, null in drawChoices", () => {
    const r = uncertaintyAnalysis(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws: 3, seed: 2});
    expect(Array.from(r.choices.window)).toEqual([-1, -1, -1]);
    expect(Array.from(r.choices.method)).toEqual([-1, -1, -1]);
    expect(drawChoices(r, 0).window).toBeNull();
  });

  it("improvement with the window not varied: every draw has the nominal window, 4 or 3", () => {
    for (const window of [4, 3] as const) {
      const r = uncertaintyAnalysis(improvementMatrix(), smallModel(), {kind: "improvement", year: 2022, draws: 3, seed: 2, nominal: {window}});
      expect(Array.from(r.choices.window)).toEqual([window, window, window]);
      for (let i = 0; i < 3; i++) expect(drawChoices(r, i).window).toBe(window);
    }
  });

  it("improvement with the window varied: drawChoices gives the drawn window of each draw", () => {
    const r = uncertaintyAnalysis(improvementMatrix(), smallModel(), {kind: "improvement", year: 2022, draws: 40, seed: 6, vary: {window: true}});
    const windows = Array.from({length: 40}, (_, i) => drawChoices(r, i).window);
    expect(windows).toEqual(Array.from(r.choices.window));
    expect(new Set(windows)).toEqual(new Set([3, 4]));
  });

  it("draw index: 0 and draws - 1 are accepted; -1, draws and fractions are a RangeError with the range", () => {
    const r = uncertaintyAnalysis(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws: 5, seed: 3});
    expect(drawChoices(r, 0).aggregation).toBe("arithmetic");
    expect(drawChoices(r, 4).aggregation).toBe("arithmetic");
    expect(drawChoices(r, 4).weights.dimensions.a).toBe(r.choices.dimensionWeights[4 * 2]);
    expectThrows(() => drawChoices(r, -1), RangeError, "draw must be an integer from 0 to 4 (got -1)");
    expectThrows(() => drawChoices(r, 5), RangeError, "draw must be an integer from 0 to 4 (got 5)");
    expectThrows(() => drawChoices(r, 1.5), RangeError, "draw must be an integer from 0 to 4 (got 1.5)");
    expectThrows(() => drawChoices(r, NaN), RangeError, "draw must be an integer from 0 to 4 (got NaN)");
  });
});

describe("runMonteCarlo's chunk size", () => {
  it("must be an integer >= 1: 0, -1, 2.5, NaN and Infinity are a RangeError with the value", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws: 4, seed: 1});
    for (const [chunkSize, got] of [
      [0, "0"],
      [-1, "-1"],
      [2.5, "2.5"],
      [NaN, "NaN"],
      [Infinity, "Infinity"]
    ] as const) {
      expectThrows(() => runMonteCarlo(ctx, {chunkSize}), RangeError, `chunkSize must be an integer >= 1 (got ${got})`);
    }
    expectThrows(() => runMonteCarlo(ctx, {chunkSize: "2" as never}), RangeError, 'chunkSize must be an integer >= 1 (got "2")');
  });

  it("a chunk size of 1 runs every draw in its own chunk, with the same result", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, draws: 4, seed: 1});
    const seen: number[] = [];
    const one = runMonteCarlo(ctx, {chunkSize: 1, onProgress: (done) => seen.push(done)});
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(one).toEqual(runMonteCarlo(ctx));
  });
});

describe("the year of an improvement analysis", () => {
  it("the nominal window must be covered when the window is not varied", () => {
    // Data 2019-2022: the 4-year window ending 2021 starts 2018; the 3-year one (2019-2021) is covered.
    const m = improvementMatrix();
    expectThrows(
      () => createUncertaintyContext(m, smallModel(), {kind: "improvement", year: 2021}),
      RangeError,
      "settings.year: the window 2018-2021 is not covered by the data (years 2019-2022)"
    );
    expect(createUncertaintyContext(m, smallModel(), {kind: "improvement", year: 2021, nominal: {window: 3}}).settings.nominal.window).toBe(3);
  });
});

describe("the cache of prepared method combinations", () => {
  it("the other aggregation of a prepared combination shares its arrays (arithmetic prepared first)", () => {
    const matrix = nominationMatrix();
    const ctx = createUncertaintyContext(matrix, smallModel(), {kind: "nomination", year: 2022});
    const arithmetic = ctx.nominalPrepared;
    expect(arithmetic.aggregation).toBe("arithmetic");
    const geometric = ctx.prepared("zscore", "geometric", false, null, null);
    expect(geometric.aggregation).toBe("geometric");
    expect(geometric.normalised).toBe(arithmetic.normalised);
    expect(geometric.indicators).toBe(arithmetic.indicators);
    // ... and is what a fresh prepare gives.
    expect(Array.from(geometric.normalised)).toEqual(Array.from(prepareNomination(matrix, smallModel(), 2022, {aggregation: "geometric"}).normalised));
    expect(ctx.prepared("zscore", "geometric", false, null, null)).toBe(geometric);
    // A different normalisation or winsorising is prepared anew.
    expect(ctx.prepared("minmax", "geometric", false, null, null).normalised).not.toBe(arithmetic.normalised);
    expect(ctx.prepared("zscore", "geometric", true, null, null).normalised).not.toBe(arithmetic.normalised);
  });

  it("the other aggregation of a prepared combination shares its arrays (geometric prepared first)", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), smallModel(), {kind: "nomination", year: 2022, nominal: {aggregation: "geometric"}});
    const geometric = ctx.nominalPrepared;
    expect(geometric.aggregation).toBe("geometric");
    const arithmetic = ctx.prepared("zscore", "arithmetic", false, null, null);
    expect(arithmetic.aggregation).toBe("arithmetic");
    expect(arithmetic.normalised).toBe(geometric.normalised);
  });
});
