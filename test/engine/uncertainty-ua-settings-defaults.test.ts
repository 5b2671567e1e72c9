/**
 * The defaults resolveUncertaintySettings (engine/uncertainty.ts) fills in
 * for each kind, and what each flag resolves to when given.
 */
import {describe, expect, it} from "vitest";
import {resolveUncertaintySettings, type Model} from "../../src/engine/index.ts";
import {model} from "./fixtures.ts";

/** Two dimensions, one KPI each (weights a 1, b 2; N00001 1, N00002 3). */
function twoKpis(): Model {
  return model(
    [
      ["a", 1],
      ["b", 2]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "lower_better", 3]
    ]
  );
}

describe("uncertainty settings: defaults", () => {
  it("nomination: 1000 draws, seed 1, noise 0.25, top 10, no grouping, both weight kinds varied, the model's weights, z-score arithmetic, no window or measure", () => {
    expect(resolveUncertaintySettings({kind: "nomination", year: 2022}, twoKpis())).toEqual({
      kind: "nomination",
      year: 2022,
      draws: 1000,
      seed: 1,
      noise: 0.25,
      vary: {dimensionWeights: true, kpiWeights: true, normalisation: null, aggregation: false, winsorise: false, window: false, method: null},
      topN: 10,
      grouping: "none",
      weights: {dimensions: {a: 1, b: 2}, indicators: {N00001: 1, N00002: 3}},
      nominal: {normalisation: "zscore", aggregation: "arithmetic", winsorise: false, window: null, method: null, minSteadiness: null},
      keepRanks: false
    });
  });

  it("improvement: the window is 4 years and not varied, the measure Theil-Sen, no normalisation, no minimum steadiness", () => {
    expect(resolveUncertaintySettings({kind: "improvement", year: 2021}, twoKpis())).toEqual({
      kind: "improvement",
      year: 2021,
      draws: 1000,
      seed: 1,
      noise: 0.25,
      vary: {dimensionWeights: true, kpiWeights: true, normalisation: null, aggregation: false, winsorise: false, window: false, method: null},
      topN: 10,
      grouping: "none",
      weights: {dimensions: {a: 1, b: 2}, indicators: {N00001: 1, N00002: 3}},
      nominal: {normalisation: null, aggregation: "arithmetic", winsorise: false, window: 4, method: "theil-sen", minSteadiness: null},
      keepRanks: false
    });
  });
});

describe("uncertainty settings: given flags", () => {
  it("each flag keeps the value given, for either kind", () => {
    for (const kind of ["nomination", "improvement"] as const) {
      const off = resolveUncertaintySettings({kind, year: 2022, vary: {dimensionWeights: false, kpiWeights: false, aggregation: false, winsorise: false}, nominal: {winsorise: false}, keepRanks: false}, twoKpis());
      expect([off.vary.dimensionWeights, off.vary.kpiWeights, off.vary.aggregation, off.vary.winsorise, off.nominal.winsorise, off.keepRanks]).toEqual([false, false, false, false, false, false]);
      const on = resolveUncertaintySettings({kind, year: 2022, vary: {dimensionWeights: true, kpiWeights: true, aggregation: true, winsorise: true}, nominal: {winsorise: true}, keepRanks: true}, twoKpis());
      expect([on.vary.dimensionWeights, on.vary.kpiWeights, on.vary.aggregation, on.vary.winsorise, on.nominal.winsorise, on.keepRanks]).toEqual([true, true, true, true, true, true]);
    }
  });

  it("improvement: the window is varied only when asked (false and absent both mean no)", () => {
    expect(resolveUncertaintySettings({kind: "improvement", year: 2022}, twoKpis()).vary.window).toBe(false);
    expect(resolveUncertaintySettings({kind: "improvement", year: 2022, vary: {window: false}}, twoKpis()).vary.window).toBe(false);
    expect(resolveUncertaintySettings({kind: "improvement", year: 2022, vary: {window: true}}, twoKpis()).vary.window).toBe(true);
    expect(resolveUncertaintySettings({kind: "improvement", year: 2022, vary: {aggregation: true}}, twoKpis()).vary.window).toBe(false);
  });

  it("the lists of what varies keep the canonical order, whatever order they are given in", () => {
    expect(resolveUncertaintySettings({kind: "nomination", year: 2022, vary: {normalisation: ["percentile", "zscore"]}}, twoKpis()).vary.normalisation).toEqual(["zscore", "percentile"]);
    expect(resolveUncertaintySettings({kind: "improvement", year: 2022, vary: {method: ["regression", "theil-sen", "regression"]}}, twoKpis()).vary.method).toEqual(["theil-sen", "regression"]);
  });

  it("the nominal choices given are kept", () => {
    const n = resolveUncertaintySettings({kind: "nomination", year: 2022, nominal: {normalisation: "minmax", aggregation: "geometric"}}, twoKpis());
    expect(n.nominal).toEqual({normalisation: "minmax", aggregation: "geometric", winsorise: false, window: null, method: null, minSteadiness: null});
    const i = resolveUncertaintySettings({kind: "improvement", year: 2022, nominal: {method: "national", window: 3, minSteadiness: 0.4}}, twoKpis());
    expect(i.nominal).toEqual({normalisation: null, aggregation: "arithmetic", winsorise: false, window: 3, method: "national", minSteadiness: 0.4});
  });
});
