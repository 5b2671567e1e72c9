/**
 * Scenarios as a file holds them: plain JSON objects written out by hand (not
 * made by the codec under test), fresh on every call so a test can tamper
 * with its own copy. The model is the one of test/lib/scenario-fixtures.ts:
 * dimensions a (weight 1) and b (1), KPIs N00001 (a, 1), N00002 (b, 2),
 * N00003 (a, 1).
 */

/** A JSON object a test may change freely. */
export type Raw = Record<string, any>;

export function rawModel(): Raw {
  return {
    name: "standard",
    dimensions: [
      {id: "a", label: "Effekt", weight: 1},
      {id: "b", label: "Resursåtgång", weight: 1}
    ],
    indicators: [
      {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
      {kpi: "N00002", dimension: "b", direction: "lower_better", weight: 2},
      {kpi: "N00003", dimension: "a", direction: "higher_better", weight: 1}
    ]
  };
}

export const SAVED_AT = "2026-12-01T09:30:00.000Z";

/** A Nominering scenario; every weight given, dimension a at 2 (the model has 1). */
export function rawNomination(name = "Effekt dubbelt"): Raw {
  return {
    name,
    page: "nominering",
    model: rawModel(),
    settings: {
      model: "skk-standard",
      year: 2022,
      norm: "zscore",
      agg: "arithmetic",
      wins: false,
      scope: "all",
      top: 10,
      lan: [],
      grupp: [],
      dw: {a: 2, b: 1},
      w: {N00001: 1, N00002: 2, N00003: 1},
      rader: "topp"
    },
    saved: SAVED_AT
  };
}

/** An Utvecklingskommun scenario. */
export function rawImprovement(name = "Utveckling 3 år"): Raw {
  return {
    name,
    page: "utveckling",
    model: rawModel(),
    settings: {
      model: "skk-standard",
      year: 2021,
      window: 3,
      method: "national",
      steady: 0.55,
      agg: "arithmetic",
      wins: false,
      scope: "all",
      top: 10,
      lan: [],
      grupp: [],
      dw: {a: 1, b: 1},
      w: {N00001: 1, N00002: 2, N00003: 1},
      rader: "topp"
    },
    saved: SAVED_AT
  };
}

/** The text of a scenario file holding these entries. */
export function fileText(scenarios: unknown[]): string {
  return JSON.stringify({format: "kvalitetskommun-scenarier", version: 1, scenarios});
}
