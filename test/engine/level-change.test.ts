/** Level versus change: pairing and the least-squares line on hand-computed cases. */
import {describe, expect, it} from "vitest";
import {leastSquares, levelChangePoints, type ScoreResult} from "../../src/engine/index.ts";

const row = (code: string, index: number, score: number | null, rank: number | null) => ({code, index, name: `K ${code}`, score, rank});
const result = (rows: ReturnType<typeof row>[]) => ({rows}) as unknown as ScoreResult;

describe("levelChangePoints", () => {
  it("pairs the municipalities ranked in both, and marks the top N of the change ranking", () => {
    const level = result([row("0101", 0, 1, 1), row("0102", 1, -1, 3), row("0103", 2, null, null), row("0104", 3, 0.5, 2)]);
    const change = result([row("0102", 1, 0.4, 1), row("0101", 0, 0.1, 2), row("0103", 2, 0.3, 3), row("0104", 3, null, null)]);
    expect(levelChangePoints(level, change, 1)).toEqual([
      {code: "0102", index: 1, name: "K 0102", level: -1, change: 0.4, top: true},
      {code: "0101", index: 0, name: "K 0101", level: 1, change: 0.1, top: false}
    ]);
  });
});

describe("leastSquares", () => {
  it("fits change = intercept + slope × level exactly on a line", () => {
    const fit = leastSquares([0, 1, 2, 3].map((x) => ({level: x, change: 2 - 0.5 * x})))!;
    expect(fit.slope).toBeCloseTo(-0.5, 12);
    expect(fit.intercept).toBeCloseTo(2, 12);
  });

  it("matches the hand-computed fit of a noisy cloud", () => {
    // x = 1, 2, 3, 4; y = 2, 1, 4, 3: deviations (−1.5, −0.5, 0.5, 1.5) and (−0.5, −1.5, 1.5, 0.5),
    // Sxy = 0.75 · 4 = 3, Sxx = 5: slope 0.6, intercept 2.5 − 0.6 · 2.5 = 1.
    const fit = leastSquares([2, 1, 4, 3].map((y, i) => ({level: i + 1, change: y})))!;
    expect(fit.slope).toBeCloseTo(0.6, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });

  it("is null with fewer than two points or no spread in level", () => {
    expect(leastSquares([{level: 1, change: 1}])).toBeNull();
    expect(leastSquares([{level: 1, change: 1}, {level: 1, change: 2}])).toBeNull();
  });
});
