/**
 * The checks of resolveUncertaintySettings (engine/uncertainty.ts): the exact
 * RangeError of every bad setting (field, rule, and the value got: a string
 * in quotes, a list as JSON, anything else as written), and the bounds of
 * each range, both ends accepted and just outside refused.
 */
import {describe, expect, it} from "vitest";
import {resolveUncertaintySettings, type Model, type UncertaintySettings} from "../../src/engine/index.ts";
import {model} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

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

function nomination(patch: Record<string, unknown>) {
  return resolveUncertaintySettings({kind: "nomination", year: 2022, ...patch} as UncertaintySettings, twoKpis());
}

function improvement(patch: Record<string, unknown>) {
  return resolveUncertaintySettings({kind: "improvement", year: 2022, ...patch} as UncertaintySettings, twoKpis());
}

/** Both kinds refuse `patch` with exactly `message`. */
function refusedByBoth(patch: Record<string, unknown>, message: string): void {
  expectThrows(() => nomination(patch), RangeError, message);
  expectThrows(() => improvement(patch), RangeError, message);
}

describe("uncertainty settings: the kind and the year", () => {
  it("an unknown kind is named in quotes, with the two kinds allowed", () => {
    expectThrows(() => resolveUncertaintySettings({kind: "trend", year: 2022} as never, twoKpis()), RangeError, 'settings.kind must be one of nomination, improvement (got "trend")');
    expectThrows(() => resolveUncertaintySettings({year: 2022} as never, twoKpis()), RangeError, "settings.kind must be one of nomination, improvement (got undefined)");
  });

  it("the year must be a whole number from 1 to 9999", () => {
    expectThrows(() => nomination({year: 0}), RangeError, "settings.year must be a whole year (got 0)");
    expectThrows(() => nomination({year: 10000}), RangeError, "settings.year must be a whole year (got 10000)");
    expectThrows(() => improvement({year: 2022.5}), RangeError, "settings.year must be a whole year (got 2022.5)");
    expectThrows(() => nomination({year: "2022"}), RangeError, 'settings.year must be a whole year (got "2022")');
    expectThrows(() => nomination({year: undefined}), RangeError, "settings.year must be a whole year (got undefined)");
    expect(nomination({year: 1}).year).toBe(1);
    expect(improvement({year: 9999}).year).toBe(9999);
  });
});

describe("uncertainty settings: draws, seed, noise, topN, grouping", () => {
  it("draws: 1 and 20000 are accepted, 20001 and a fraction are refused", () => {
    expect(nomination({draws: 1}).draws).toBe(1);
    expect(nomination({draws: 20000}).draws).toBe(20000);
    refusedByBoth({draws: 20001}, "settings.draws must be an integer from 1 to 20000 (got 20001)");
    refusedByBoth({draws: 2.5}, "settings.draws must be an integer from 1 to 20000 (got 2.5)");
  });

  it("seed: 0 and 2^32 - 1 are accepted, 2^32 and -1 are refused", () => {
    expect(nomination({seed: 0}).seed).toBe(0);
    expect(nomination({seed: 2 ** 32 - 1}).seed).toBe(4294967295);
    expect(improvement({seed: 2 ** 32 - 1}).seed).toBe(4294967295);
    refusedByBoth({seed: 2 ** 32}, "settings.seed must be an integer from 0 to 4294967295 (got 4294967296)");
    refusedByBoth({seed: -1}, "settings.seed must be an integer from 0 to 4294967295 (got -1)");
    refusedByBoth({seed: "7"}, 'settings.seed must be an integer from 0 to 4294967295 (got "7")');
  });

  it("noise: 0 and 1 are accepted; just outside, NaN, and a number written as a string are refused", () => {
    expect(nomination({noise: 0}).noise).toBe(0);
    expect(nomination({noise: 1}).noise).toBe(1);
    refusedByBoth({noise: -0.01}, "settings.noise must be a number from 0 to 1 (got -0.01)");
    refusedByBoth({noise: 1.01}, "settings.noise must be a number from 0 to 1 (got 1.01)");
    refusedByBoth({noise: NaN}, "settings.noise must be a number from 0 to 1 (got NaN)");
    // "0.5" compares as 0.5 (>= 0 and <= 1), but is not a number.
    refusedByBoth({noise: "0.5"}, 'settings.noise must be a number from 0 to 1 (got "0.5")');
  });

  it("topN: 1 is accepted, 0 and a fraction are refused", () => {
    expect(nomination({topN: 1}).topN).toBe(1);
    refusedByBoth({topN: 0}, "settings.topN must be an integer >= 1 (got 0)");
    refusedByBoth({topN: 1.5}, "settings.topN must be an integer >= 1 (got 1.5)");
  });

  it("grouping: an unknown one is named in quotes", () => {
    refusedByBoth({grouping: "county"}, 'settings.grouping must be one of none, kommungrupp, mainGroup (got "county")');
  });
});

describe("uncertainty settings: the lists of what varies", () => {
  it("an empty list, or a value that is not a list, names the allowed values separated by a comma and a space", () => {
    expectThrows(() => nomination({vary: {normalisation: []}}), RangeError, "settings.vary.normalisation must be null or a non-empty list of zscore, minmax, percentile (got [])");
    expectThrows(() => nomination({vary: {normalisation: "zscore"}}), RangeError, 'settings.vary.normalisation must be null or a non-empty list of zscore, minmax, percentile (got "zscore")');
    expectThrows(() => improvement({vary: {method: []}}), RangeError, "settings.vary.method must be null or a non-empty list of theil-sen, national, regression (got [])");
    expectThrows(() => improvement({vary: {method: 3}}), RangeError, "settings.vary.method must be null or a non-empty list of theil-sen, national, regression (got 3)");
  });

  it("an unknown item of a list is named alone, in quotes; goalposts cannot be drawn", () => {
    expectThrows(() => nomination({vary: {normalisation: ["zscore", "goalposts"]}}), RangeError, 'settings.vary.normalisation must be one of zscore, minmax, percentile (got "goalposts")');
    expectThrows(() => improvement({vary: {method: ["national", "trend"]}}), RangeError, 'settings.vary.method must be one of theil-sen, national, regression (got "trend")');
  });
});

describe("uncertainty settings: the on/off flags", () => {
  it("each flag refuses anything but true or false, naming its own field", () => {
    refusedByBoth({vary: {dimensionWeights: "yes"}}, 'settings.vary.dimensionWeights must be true or false (got "yes")');
    refusedByBoth({vary: {kpiWeights: 1}}, "settings.vary.kpiWeights must be true or false (got 1)");
    refusedByBoth({vary: {aggregation: null}}, "settings.vary.aggregation must be true or false (got null)");
    refusedByBoth({vary: {winsorise: "no"}}, 'settings.vary.winsorise must be true or false (got "no")');
    refusedByBoth({nominal: {winsorise: 0}}, "settings.nominal.winsorise must be true or false (got 0)");
    refusedByBoth({keepRanks: "true"}, 'settings.keepRanks must be true or false (got "true")');
    expectThrows(() => improvement({vary: {window: "yes"}}), RangeError, 'settings.vary.window must be true or false (got "yes")');
  });
});

describe("uncertainty settings: options for one kind only", () => {
  it("an option of the other kind is refused with its field and the kind it applies to", () => {
    expectThrows(() => improvement({vary: {normalisation: ["zscore"]}}), RangeError, "settings.vary.normalisation applies to kind nomination only");
    expectThrows(() => improvement({nominal: {normalisation: "zscore"}}), RangeError, "settings.nominal.normalisation applies to kind nomination only");
    expectThrows(() => nomination({vary: {window: true}}), RangeError, "settings.vary.window applies to kind improvement only");
    expectThrows(() => nomination({vary: {method: ["national"]}}), RangeError, "settings.vary.method applies to kind improvement only");
    expectThrows(() => nomination({nominal: {window: 3}}), RangeError, "settings.nominal.window applies to kind improvement only");
    expectThrows(() => nomination({nominal: {method: "national"}}), RangeError, "settings.nominal.method applies to kind improvement only");
    expectThrows(() => nomination({nominal: {minSteadiness: 0.5}}), RangeError, "settings.nominal.minSteadiness applies to kind improvement only");
    // 0 is a value (not "off"): still refused for the other kind.
    expectThrows(() => nomination({nominal: {minSteadiness: 0}}), RangeError, "settings.nominal.minSteadiness applies to kind improvement only");
  });

  it("null and false (meaning: not used) are accepted for the other kind and resolve to not used", () => {
    const n = nomination({vary: {window: false, method: null}, nominal: {window: null, method: null, minSteadiness: null}});
    expect(n.vary.window).toBe(false);
    expect(n.vary.method).toBeNull();
    expect([n.nominal.window, n.nominal.method, n.nominal.minSteadiness]).toEqual([null, null, null]);
    const i = improvement({vary: {normalisation: null}, nominal: {normalisation: null}});
    expect(i.vary.normalisation).toBeNull();
    expect(i.nominal.normalisation).toBeNull();
    // false also passes for a list of the other kind (not used there), but is not a list for its own kind.
    expect(nomination({vary: {method: false}}).vary.method).toBeNull();
    expect(improvement({vary: {normalisation: false}}).vary.normalisation).toBeNull();
    expectThrows(() => improvement({vary: {method: false}}), RangeError, "settings.vary.method must be null or a non-empty list of theil-sen, national, regression (got false)");
  });
});

describe("uncertainty settings: the nominal method", () => {
  it("minSteadiness: 0 and 1 are accepted; just outside, NaN and a string are refused", () => {
    expect(improvement({nominal: {minSteadiness: 0}}).nominal.minSteadiness).toBe(0);
    expect(improvement({nominal: {minSteadiness: 1}}).nominal.minSteadiness).toBe(1);
    expect(improvement({nominal: {minSteadiness: 0.5}}).nominal.minSteadiness).toBe(0.5);
    expectThrows(() => improvement({nominal: {minSteadiness: -0.01}}), RangeError, "settings.nominal.minSteadiness must be a number from 0 to 1 (got -0.01)");
    expectThrows(() => improvement({nominal: {minSteadiness: 1.01}}), RangeError, "settings.nominal.minSteadiness must be a number from 0 to 1 (got 1.01)");
    expectThrows(() => improvement({nominal: {minSteadiness: NaN}}), RangeError, "settings.nominal.minSteadiness must be a number from 0 to 1 (got NaN)");
    // "0.5" compares as 0.5, but is not a number.
    expectThrows(() => improvement({nominal: {minSteadiness: "0.5"}}), RangeError, 'settings.nominal.minSteadiness must be a number from 0 to 1 (got "0.5")');
  });

  it("window: 3 and 4 are kept; 5 and \"4\" are refused", () => {
    expect(improvement({nominal: {window: 3}}).nominal.window).toBe(3);
    expect(improvement({nominal: {window: 4}}).nominal.window).toBe(4);
    expectThrows(() => improvement({nominal: {window: 5}}), RangeError, "settings.nominal.window must be 3 or 4 (got 5)");
    expectThrows(() => improvement({nominal: {window: "4"}}), RangeError, 'settings.nominal.window must be 3 or 4 (got "4")');
  });

  it("an unknown normalisation, aggregation or measure is named in quotes with the allowed ones", () => {
    expectThrows(() => nomination({nominal: {normalisation: "rank"}}), RangeError, 'settings.nominal.normalisation must be one of zscore, minmax, percentile, goalposts (got "rank")');
    refusedByBoth({nominal: {aggregation: "median"}}, 'settings.nominal.aggregation must be one of arithmetic, geometric (got "median")');
    expectThrows(() => improvement({nominal: {method: "trend"}}), RangeError, 'settings.nominal.method must be one of theil-sen, national, regression (got "trend")');
  });

  it("goalposts may be the nominal normalisation though it is never drawn", () => {
    expect(nomination({nominal: {normalisation: "goalposts"}}).nominal.normalisation).toBe("goalposts");
  });
});

describe("uncertainty settings: the base weights", () => {
  it("a bad weight names its dimension or KPI", () => {
    expectThrows(() => nomination({weights: {indicators: {N00002: -1}}}), RangeError, "settings.weights.indicators.N00002 must be a finite number >= 0 (got -1)");
    expectThrows(() => improvement({weights: {indicators: {N00001: "2"}}}), RangeError, 'settings.weights.indicators.N00001 must be a finite number >= 0 (got "2")');
    expectThrows(() => nomination({weights: {dimensions: {b: Infinity}}}), RangeError, "settings.weights.dimensions.b must be a finite number >= 0 (got Infinity)");
  });

  it("given weights replace the model's, absent ones keep them, 0 is allowed", () => {
    expect(nomination({weights: {dimensions: {b: 0}, indicators: {N00001: 2.5}}}).weights).toEqual({dimensions: {a: 1, b: 0}, indicators: {N00001: 2.5, N00002: 3}});
  });
});
