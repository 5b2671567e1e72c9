/**
 * How a draw's coordinate picks a discrete choice (engine/uncertainty.ts,
 * pick: set[floor(u * |set|)]), including a discrete input at coordinate 0
 * (no weight varied) and the closed end u = 1; and the cancellation error's
 * name.
 */
import {describe, expect, it} from "vitest";
import {createUncertaintyContext, uncertaintyAnalysis, UncertaintyCancelled, type UncertaintySettings} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

/** Three municipalities, two KPIs in two dimensions, year 2022 (positive values, so every aggregation applies). */
function tiny() {
  const codes = ["0301", "0302", "0303"];
  const m = model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "higher_better", 1]
    ]
  );
  return {matrix: matrixOf(codes, rowsForYear(2022, codes, {N00001: [3, 2, 1], N00002: [1, 3, 2]})), model: m};
}

function context(settings: Omit<UncertaintySettings, "kind" | "year">) {
  const c = tiny();
  return createUncertaintyContext(c.matrix, c.model, {kind: "nomination", year: 2022, ...settings});
}

describe("uncertainty draws: the discrete choice of a coordinate", () => {
  it("with no weight varied, the aggregation takes coordinate 0 and follows it: [0, 0.5) arithmetic, [0.5, 1] geometric", () => {
    const ctx = context({vary: {dimensionWeights: false, kpiWeights: false, aggregation: true}});
    const at = (u: number) => ctx.choices(Float64Array.of(u)).aggregation;
    expect([at(0), at(0.49), at(0.5), at(0.75), at(0.999)]).toEqual(["arithmetic", "arithmetic", "geometric", "geometric", "geometric"]);
  });

  it("a coordinate of exactly 1 picks the last value of the set, never one past it", () => {
    const ctx = context({vary: {dimensionWeights: false, kpiWeights: false, normalisation: ["zscore", "minmax", "percentile"], aggregation: true}});
    // No weight varied: the normalisation takes coordinate 0, the aggregation 1.
    expect(ctx.choices(Float64Array.of(1, 1))).toEqual({normalisation: "percentile", aggregation: "geometric", winsorise: false, window: null, method: null});
    expect(ctx.choices(Float64Array.of(0, 0))).toEqual({normalisation: "zscore", aggregation: "arithmetic", winsorise: false, window: null, method: null});
    expect(ctx.choices(Float64Array.of(0.34, 0.5)).normalisation).toBe("minmax");
    expect(ctx.choices(Float64Array.of(0.67, 0.5)).normalisation).toBe("percentile");
  });

  it("an input not varied keeps its nominal choice whatever the draw", () => {
    const ctx = context({vary: {dimensionWeights: false, kpiWeights: false, aggregation: true}, nominal: {normalisation: "minmax", winsorise: true}});
    for (const u of [0, 0.5, 0.99]) {
      expect(ctx.choices(Float64Array.of(u))).toEqual({normalisation: "minmax", aggregation: u < 0.5 ? "arithmetic" : "geometric", winsorise: true, window: null, method: null});
    }
  });

  it("a Monte Carlo run with only the aggregation varied draws both aggregations", () => {
    const c = tiny();
    const r = uncertaintyAnalysis(c.matrix, c.model, {kind: "nomination", year: 2022, draws: 40, vary: {dimensionWeights: false, kpiWeights: false, aggregation: true}});
    const seen = new Set(r.choices.aggregation);
    expect([...seen].sort()).toEqual([0, 1]);
    expect(r.choices.dimensionWeights.every((w) => w === 1)).toBe(true);
  });
});

describe("uncertainty: cancelling", () => {
  it("the cancellation error is an Error named AbortError, with a Swedish message", () => {
    const e = new UncertaintyCancelled();
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AbortError");
    expect(e.message).toBe("osäkerhetsanalysen avbröts");
  });
});
