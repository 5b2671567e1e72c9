/** Edges of the level-versus-change line: two points, and levels far from zero. */
import {describe, expect, it} from "vitest";
import {leastSquares} from "../../src/engine/index.ts";

describe("leastSquares edges", () => {
  it("draws the line through exactly two points with different levels", () => {
    // (1, 3) and (3, 2): slope -1/2, intercept 3.5.
    expect(leastSquares([{level: 1, change: 3}, {level: 3, change: 2}])).toEqual({slope: -0.5, intercept: 3.5});
  });

  it("has no line for one point", () => {
    expect(leastSquares([{level: 1, change: 3}])).toBeNull();
  });

  it("fits change = level exactly for levels far from zero (centred sums)", () => {
    const fit = leastSquares([1000.1, 1000.2, 1000.4].map((x) => ({level: x, change: x})))!;
    expect(fit.slope).toBeCloseTo(1, 12);
    expect(fit.intercept).toBeCloseTo(0, 8);
  });
});
