/**
 * The aggregation's edges on tiny hand-made arrays: the geometric shift
 * c = max(0, 1 - min v), geometric dimension scores shifted back by c, a
 * missing weighted dimension and dimensions whose weight is not > 0.
 * Every expected value is computed by hand in the comment next to it.
 */
import {describe, expect, it} from "vitest";
import {aggregate, geometricShift, type AggregationInput} from "../../src/engine/index.ts";

/** Input with m-major normalised values `[m * nKpis + k]`. */
function input(
  normalised: number[],
  kpiDimension: number[],
  kpiWeight: number[],
  dimensionWeight: number[],
  aggregation: AggregationInput["aggregation"] = "arithmetic"
): AggregationInput {
  const nKpis = kpiDimension.length;
  return {
    nMunicipalities: normalised.length / nKpis,
    nKpis,
    nDimensions: dimensionWeight.length,
    kpiDimension: Int32Array.from(kpiDimension),
    normalised: Float64Array.from(normalised),
    kpiWeight: Float64Array.from(kpiWeight),
    dimensionWeight: Float64Array.from(dimensionWeight),
    aggregation
  };
}

describe("geometricShift", () => {
  it("is 1 minus the smallest value, wherever that value is", () => {
    expect(geometricShift([3, -2, 5])).toBe(3); // 1 - (-2)
    expect(geometricShift([-2, 3, 5])).toBe(3);
    expect(geometricShift([0.25, 0.5])).toBe(0.75); // 1 - 0.25
  });

  it("is 0 when every value is already at least 1", () => {
    expect(geometricShift([2, 4])).toBe(0); // max(0, 1 - 2)
    expect(geometricShift([1])).toBe(0);
  });

  it("ignores missing values, and is 0 without any value", () => {
    expect(geometricShift(Float64Array.from([NaN, -1, NaN]))).toBe(2); // 1 - (-1)
    expect(geometricShift([NaN])).toBe(0);
    expect(geometricShift([])).toBe(0);
  });

  it("reads only the first `length` entries of an array-like", () => {
    const values: ArrayLike<number> = {length: 2, 0: 3, 1: 4, 2: -5};
    expect(geometricShift(values)).toBe(0); // min 3 -> max(0, -2)
  });
});

describe("aggregate: geometric dimension scores", () => {
  it("takes exp of the weighted log-mean of v + c and subtracts c again", () => {
    // One municipality, two KPIs of one dimension: v = 0 and 3, so c = 1 - 0 = 1.
    // log(0 + 1) = 0, log(3 + 1) = log 4; mean = log 2; D = exp(log 2) - 1 = 1; S = D = 1.
    const out = aggregate(input([0, 3], [0, 0], [1, 1], [1], "geometric"));
    expect(out.shift).toBe(1);
    expect(out.dimensionScores[0]).toBeCloseTo(1, 12);
    expect(out.totals[0]).toBeCloseTo(1, 12);
  });

  it("gives a lone KPI's value back as the dimension score and the total", () => {
    // v = -1 alone: c = 2, log(1) = 0, D = exp(0) - 2 = -1.
    const out = aggregate(input([-1], [0], [1], [1], "geometric"));
    expect(out.shift).toBe(2);
    expect(out.dimensionScores[0]).toBe(-1);
    expect(out.totals[0]).toBe(-1);
  });
});

describe("aggregate: missing dimensions", () => {
  it("has no total for a municipality without any value in a weighted dimension", () => {
    // Two dimensions of one KPI each. m0: D = [1, 3], S = (1 + 3) / 2 = 2; m1: D = [2, NaN], S = NaN.
    const out = aggregate(input([1, 3, 2, NaN], [0, 1], [1, 1], [1, 1]));
    expect(Array.from(out.dimensionScores)).toEqual([1, 3, 2, NaN]);
    expect(Array.from(out.totals)).toEqual([2, NaN]);
    expect(Array.from(out.has)).toEqual([2, 1]);
    expect(out.usable).toBe(2);
  });

  it("has no total in geometric aggregation either", () => {
    // m0: v = [1, 1], c = 0, S = exp((log 1 + log 1) / 2) - 0 = 1; m1: second dimension missing.
    const out = aggregate(input([1, 1, 1, NaN], [0, 1], [1, 1], [1, 1], "geometric"));
    expect(Array.from(out.totals)).toEqual([1, NaN]);
  });
});

describe("aggregate: dimensions whose weight is not > 0", () => {
  it("leaves a dimension with a negative weight out of the total's weights, as if weighted 0", () => {
    // D = [1, 3]; only dimension 0 has W > 0: S = 2 * 1 / 2 = 1.
    const out = aggregate(input([1, 3], [0, 1], [1, 1], [2, -1]));
    expect(Array.from(out.dimensionScores)).toEqual([1, 3]);
    expect(out.totals[0]).toBe(1);
  });

  it("leaves a dimension with a NaN weight out the same way", () => {
    const out = aggregate(input([1, 3], [0, 1], [1, 1], [2, NaN]));
    expect(out.totals[0]).toBe(1);
  });

  it("has no totals when no dimension has a weight > 0, but still the dimension scores", () => {
    const out = aggregate(input([1, 3], [0, 1], [1, 1], [0, 0]));
    expect(Array.from(out.dimensionScores)).toEqual([1, 3]);
    expect(Array.from(out.totals)).toEqual([NaN]);
  });
});
