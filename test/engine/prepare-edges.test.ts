/**
 * The nomination precompute's edges (nomination.ts, prepared.ts): a model KPI
 * the matrix lacks, winsorising notes on either tail, min-max normalisation,
 * goalposts that are not ordered, an indicator in an unknown dimension, the
 * optional title and writing a column. Hand-computed in the comments.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, prepareSkeleton, setColumn, type Model} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

describe("a model KPI the matrix lacks", () => {
  it("has row -1, no values and is left out with n = 0, whatever the other KPIs hold", () => {
    // The matrix holds N00001 and N00002 over 2021-2022; the model also has N00009.
    const codes = ["0101", "0102", "0103"];
    const rows = [
      ...rowsForYear(2021, codes, {N00001: [1, 2, 3], N00002: [4, 6, 5]}),
      ...rowsForYear(2022, codes, {N00001: [2, 3, 4], N00002: [7, 8, 9]})
    ];
    const M = model(
      [["x", 1]],
      [
        ["N00001", "x", "higher_better", 1],
        ["N00002", "x", "higher_better", 1],
        ["N00009", "x", "higher_better", 1]
      ]
    );
    const p = prepareNomination(matrixOf(codes, rows), M, 2021);
    expect(p.indicators.map((i) => i.row)).toEqual([0, 1, -1]);
    expect(p.indicators.map((i) => i.usable)).toEqual([true, true, false]);
    expect(p.leftOut).toEqual([{kpi: "N00009", dimension: "x", year: 2021, n: 0, code: "too_few_values", reason: "färre än 3 värden"}]);
    // Column k = 2 of raw and normalised is all NaN; column 1 holds N00002's 2021 values.
    for (let m = 0; m < 3; m++) {
      expect(p.raw[m * 3 + 2]).toBeNaN();
      expect(p.normalised[m * 3 + 2]).toBeNaN();
    }
    expect([p.raw[1], p.raw[4], p.raw[7]]).toEqual([4, 6, 5]);
  });
});

describe("winsorising notes", () => {
  it("a low outlier is treated on the low tail and noted; an unskewed KPI gets no note", () => {
    // N00001: eight 1s and one 0 (n = 9). With one point a apart from n - 1 equal ones:
    // s^2 = a^2 / n, skewness (Excel SKEW) = sqrt(n) = 3 (sign of the outlier's side: -3),
    // excess kurtosis (Excel KURT) = 95/7 - 32/7 = 9. The rule holds (|-3| > 2, 9 > 3.5):
    // the 0 becomes the next value inward, 1, and the column has no spread left.
    // N00002: 1..9 is symmetric (skewness 0): untouched.
    const codes = Array.from({length: 9}, (_, i) => `01${String(i + 1).padStart(2, "0")}`);
    const M = model(
      [["x", 1]],
      [
        ["N00001", "x", "higher_better", 1],
        ["N00002", "x", "higher_better", 1]
      ]
    );
    const rows = rowsForYear(2022, codes, {N00001: [1, 1, 1, 1, 0, 1, 1, 1, 1], N00002: [1, 2, 3, 4, 5, 6, 7, 8, 9]});
    const p = prepareNomination(matrixOf(codes, rows), M, 2022, {winsorise: true});
    expect(p.notes).toEqual([{kpi: "N00001", code: "winsorised", note: "winsoriserad: 0 högsta och 1 lägsta värden ersatta (skevhet -3.00, kurtosis 9.00)"}]);
    expect(p.leftOut).toEqual([{kpi: "N00001", dimension: "x", year: 2022, n: 9, code: "no_spread", reason: "ingen spridning (sd = 0)"}]);
    expect(p.indicators.map((i) => i.usable)).toEqual([false, true]);
    // Raw values are the ones before treatment.
    expect(p.raw[4 * 2]).toBe(0);
    // Without winsorising N00001 is usable and nothing is noted.
    const plain = prepareNomination(matrixOf(codes, rows), M, 2022);
    expect(plain.notes).toEqual([]);
    expect(plain.leftOut).toEqual([]);
  });

  it("a high outlier is treated on the high tail", () => {
    // Mirror image: eight 0s and one 1: skewness +3, kurtosis 9, the 1 becomes 0.
    const codes = Array.from({length: 9}, (_, i) => `01${String(i + 1).padStart(2, "0")}`);
    const M = model([["x", 1]], [["N00001", "x", "higher_better", 1]]);
    const rows = rowsForYear(2022, codes, {N00001: [0, 0, 1, 0, 0, 0, 0, 0, 0]});
    const p = prepareNomination(matrixOf(codes, rows), M, 2022, {winsorise: true});
    expect(p.notes).toEqual([{kpi: "N00001", code: "winsorised", note: "winsoriserad: 1 högsta och 0 lägsta värden ersatta (skevhet 3.00, kurtosis 9.00)"}]);
    expect(p.leftOut.map((l) => l.code)).toEqual(["no_spread"]);
  });
});

describe("normalisation options", () => {
  it("min-max puts the worst at 0, the best at 100 and the rest linearly between", () => {
    // 0 5 10 20: (x - 0) / 20 * 100 = 0 25 50 100; lower_better mirrors: 100 75 50 0.
    const codes = ["0101", "0102", "0103", "0104"];
    const M = model(
      [["x", 1]],
      [
        ["N00001", "x", "higher_better", 1],
        ["N00002", "x", "lower_better", 1]
      ]
    );
    const rows = rowsForYear(2022, codes, {N00001: [0, 5, 10, 20], N00002: [0, 5, 10, 20]});
    const p = prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "minmax"});
    expect(p.normalisation).toBe("minmax");
    expect(Array.from(p.normalised)).toEqual([0, 100, 25, 75, 50, 50, 100, 0]);
  });

  it("goalposts with low equal to high are a RangeError naming the KPI", () => {
    const codes = ["0101", "0102", "0103"];
    const M = model([["x", 1]], [["N00001", "x", "higher_better", 1]]);
    const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3]}));
    expectThrows(
      () => prepareNomination(matrix, M, 2022, {normalisation: "goalposts", goalposts: {N00001: {low: 5, high: 5}}}),
      RangeError,
      "goalposts of N00001: low must be below high (got 5 and 5)"
    );
    expectThrows(
      () => prepareNomination(matrix, M, 2022, {normalisation: "goalposts", goalposts: {N00001: {low: 6, high: 5}}}),
      RangeError,
      "goalposts of N00001: low must be below high (got 6 and 5)"
    );
  });
});

describe("the skeleton", () => {
  it("an indicator in a dimension the model lacks is an Error naming both", () => {
    const codes = ["0101", "0102", "0103"];
    const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3]}));
    // A model that did not go through parseModel (which would reject it).
    const bad = {
      name: "bad",
      dimensions: [{id: "x", label: "X", weight: 1}],
      indicators: [{kpi: "N00001", dimension: "z", direction: "higher_better", weight: 1}]
    } as Model;
    expectThrows(() => prepareSkeleton(matrix, bad), Error, 'indicator N00001: unknown dimension "z"');
  });

  it("keeps an indicator's title and has no title key when the model gives none", () => {
    const codes = ["0101", "0102", "0103"];
    const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3], N00002: [1, 2, 3]}));
    const M: Model = {
      name: "t",
      dimensions: [{id: "x", label: "X", weight: 1}],
      indicators: [
        {kpi: "N00001", dimension: "x", direction: "higher_better", weight: 1, title: "Titel"},
        {kpi: "N00002", dimension: "x", direction: "lower_better", weight: 2}
      ]
    };
    const sk = prepareSkeleton(matrix, M);
    expect(sk.indicators[0]!.title).toBe("Titel");
    expect(Object.hasOwn(sk.indicators[1]!, "title")).toBe(false);
    expect(Object.keys(sk.indicators[1]!)).toEqual(["kpi", "dimension", "dimensionIndex", "direction", "sign", "weight", "row", "usable", "stats"]);
  });

  it("setColumn writes only the rows of the column it is given", () => {
    // 3 municipalities x 2 KPIs; a 2-value column into k = 1 writes [0 * 2 + 1] and [1 * 2 + 1].
    const target = new Float64Array(6).fill(7);
    setColumn(target, 2, 1, [1, 2]);
    expect(Array.from(target)).toEqual([7, 1, 7, 2, 7, 7]);
  });
});
