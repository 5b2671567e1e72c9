/**
 * The layout of the Monte Carlo draw vector u and the Sobol input groups of an
 * uncertainty context (engine/uncertainty.ts): which coordinate each varied
 * input takes, and each group's id, Swedish label and coordinates, on tiny
 * models where the whole layout is written out by hand.
 */
import {describe, expect, it} from "vitest";
import {createUncertaintyContext, parseModel, type Model, type ValueMatrix} from "../../src/engine/index.ts";
import {matrixOf, rowsForSeries, rowsForYear} from "./fixtures.ts";

const codes = ["0301", "0302", "0303", "0304"];

/** Two dimensions with labels; the KPIs interleave them: N00001 in a, N00002 in b, N00003 in a. */
function labelledModel(): Model {
  return parseModel({
    name: "test",
    dimensions: [
      {id: "a", label: "Kvalitet", weight: 1},
      {id: "b", label: "Ekonomi", weight: 2}
    ],
    indicators: [
      {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
      {kpi: "N00002", dimension: "b", direction: "higher_better", weight: 1},
      {kpi: "N00003", dimension: "a", direction: "lower_better", weight: 2}
    ]
  });
}

/** One year (2022) of full data for the three KPIs. */
function nominationMatrix(): ValueMatrix {
  return matrixOf(codes, rowsForYear(2022, codes, {N00001: [4, 1, 3, 2], N00002: [2, 4, 1, 3], N00003: [1, 2, 4, 3]}));
}

/** Full series 2019-2022 for the three KPIs, with different trends, so both windows are usable. */
function improvementMatrix(): ValueMatrix {
  const years = [2019, 2020, 2021, 2022];
  return matrixOf(
    codes,
    rowsForSeries(years, {
      N00001: {"0301": [1, 2, 3, 5], "0302": [2, 2, 3, 3], "0303": [3, 2, 2, 1], "0304": [4, 5, 5, 7]},
      N00002: {"0301": [5, 4, 4, 3], "0302": [1, 3, 4, 6], "0303": [2, 2, 3, 2], "0304": [3, 4, 6, 5]},
      N00003: {"0301": [2, 3, 2, 3], "0302": [4, 3, 2, 2], "0303": [1, 2, 4, 4], "0304": [3, 3, 3, 1]}
    })
  );
}

describe("uncertainty context: the draw vector's layout", () => {
  it("nomination with everything varied: dimension weights, KPI weights, then normalisation, aggregation, winsorising", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), labelledModel(), {
      kind: "nomination",
      year: 2022,
      vary: {normalisation: ["zscore", "minmax"], aggregation: true, winsorise: true}
    });
    // u = [W(a), W(b), w(N00001), w(N00002), w(N00003), normalisation, aggregation, winsorise].
    expect(ctx.dimension).toBe(8);
    expect(Array.from(ctx.dimensionCoordinate)).toEqual([0, 1]);
    expect(Array.from(ctx.kpiCoordinate)).toEqual([2, 3, 4]);
    expect(ctx.groups).toEqual([
      {id: "dimension:a", label: "Dimensionsvikt Kvalitet", coordinates: [0]},
      {id: "dimension:b", label: "Dimensionsvikt Ekonomi", coordinates: [1]},
      // The KPI weights of a dimension form one group: a holds N00001 and N00003, b holds N00002.
      {id: "kpis:a", label: "KPI-vikter i Kvalitet", coordinates: [2, 4]},
      {id: "kpis:b", label: "KPI-vikter i Ekonomi", coordinates: [3]},
      {id: "normalisation", label: "Normalisering", coordinates: [5]},
      {id: "aggregation", label: "Aggregering", coordinates: [6]},
      {id: "winsorise", label: "Winsorisering", coordinates: [7]}
    ]);
  });

  it("dimension weights not varied: they take no coordinate (-1), and the KPI weights start at coordinate 0", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), labelledModel(), {kind: "nomination", year: 2022, vary: {dimensionWeights: false}});
    expect(ctx.dimension).toBe(3);
    expect(Array.from(ctx.dimensionCoordinate)).toEqual([-1, -1]);
    expect(Array.from(ctx.kpiCoordinate)).toEqual([0, 1, 2]);
    // Coordinate 0 is a real coordinate: N00001's weight is in a's group.
    expect(ctx.groups).toEqual([
      {id: "kpis:a", label: "KPI-vikter i Kvalitet", coordinates: [0, 2]},
      {id: "kpis:b", label: "KPI-vikter i Ekonomi", coordinates: [1]}
    ]);
  });

  it("only the aggregation varied: it takes coordinate 0 and is the one group", () => {
    const ctx = createUncertaintyContext(nominationMatrix(), labelledModel(), {
      kind: "nomination",
      year: 2022,
      vary: {dimensionWeights: false, kpiWeights: false, aggregation: true}
    });
    expect(ctx.dimension).toBe(1);
    expect(Array.from(ctx.dimensionCoordinate)).toEqual([-1, -1]);
    expect(Array.from(ctx.kpiCoordinate)).toEqual([-1, -1, -1]);
    expect(ctx.groups).toEqual([{id: "aggregation", label: "Aggregering", coordinates: [0]}]);
  });

  it("only the winsorising or only the normalisation varied: coordinate 0, labelled in Swedish", () => {
    const m = nominationMatrix();
    const only = {dimensionWeights: false, kpiWeights: false};
    expect(createUncertaintyContext(m, labelledModel(), {kind: "nomination", year: 2022, vary: {...only, winsorise: true}}).groups).toEqual([
      {id: "winsorise", label: "Winsorisering", coordinates: [0]}
    ]);
    expect(createUncertaintyContext(m, labelledModel(), {kind: "nomination", year: 2022, vary: {...only, normalisation: ["percentile"]}}).groups).toEqual([
      {id: "normalisation", label: "Normalisering", coordinates: [0]}
    ]);
  });

  it("improvement: KPI weights, winsorising, window and measure, in that order", () => {
    const ctx = createUncertaintyContext(improvementMatrix(), labelledModel(), {
      kind: "improvement",
      year: 2022,
      vary: {dimensionWeights: false, window: true, method: ["theil-sen", "national"], winsorise: true}
    });
    // u = [w(N00001), w(N00002), w(N00003), winsorise, window, method].
    expect(ctx.dimension).toBe(6);
    expect(ctx.groups).toEqual([
      {id: "kpis:a", label: "KPI-vikter i Kvalitet", coordinates: [0, 2]},
      {id: "kpis:b", label: "KPI-vikter i Ekonomi", coordinates: [1]},
      {id: "winsorise", label: "Winsorisering", coordinates: [3]},
      {id: "window", label: "Fönster", coordinates: [4]},
      {id: "method", label: "Förändringsmått", coordinates: [5]}
    ]);
  });

  it("improvement with only the window, or only the measure, varied: coordinate 0", () => {
    const m = improvementMatrix();
    const only = {dimensionWeights: false, kpiWeights: false};
    expect(createUncertaintyContext(m, labelledModel(), {kind: "improvement", year: 2022, vary: {...only, window: true}}).groups).toEqual([
      {id: "window", label: "Fönster", coordinates: [0]}
    ]);
    expect(createUncertaintyContext(m, labelledModel(), {kind: "improvement", year: 2022, vary: {...only, method: ["regression"]}}).groups).toEqual([
      {id: "method", label: "Förändringsmått", coordinates: [0]}
    ]);
  });
});
