/** Percentiles, places and colour classes (src/engine/percentile.ts), on small hand-computed cases. */
import {describe, expect, it} from "vitest";
import {colourClass, percentileOf, placeOf} from "../../src/engine/index.ts";

describe("percentileOf", () => {
  it("is the share of municipalities the value is at least as good as (itself included), higher better", () => {
    const v = [1, 2, 3, 4];
    expect(v.map((x) => percentileOf(v, x, "higher_better"))).toEqual([25, 50, 75, 100]);
  });

  it("aligns the direction for lower_better", () => {
    const v = [1, 2, 3, 4];
    expect(v.map((x) => percentileOf(v, x, "lower_better"))).toEqual([100, 75, 50, 25]);
  });

  it("gives tied municipalities the same, highest percentile of their tie group", () => {
    const v = [1, 2, 2, 3];
    // Higher better: a 2 is at least as good as 1, 2, 2 → 3/4.
    expect(v.map((x) => percentileOf(v, x, "higher_better"))).toEqual([25, 75, 75, 100]);
    // Lower better: a 2 is at least as good as 2, 2, 3 → 3/4.
    expect(v.map((x) => percentileOf(v, x, "lower_better"))).toEqual([100, 75, 75, 25]);
    // Everybody equal: everybody is at the top.
    expect(percentileOf([5, 5, 5], 5, "higher_better")).toBe(100);
  });

  it("skips missing values (NaN) in the column and counts only municipalities with a value", () => {
    expect(percentileOf([NaN, 10, 20, NaN], 10, "higher_better")).toBe(50);
    expect(percentileOf([NaN, 10, 20, NaN], 10, "lower_better")).toBe(100);
    expect(percentileOf(Float64Array.from([30, NaN, 10, 20, 40]), 30, "higher_better")).toBe(75);
  });

  it("is null when the value is missing or nobody has a value", () => {
    expect(percentileOf([1, 2, 3], null, "higher_better")).toBeNull();
    expect(percentileOf([1, 2, 3], NaN, "higher_better")).toBeNull();
    expect(percentileOf([NaN, NaN], 1, "higher_better")).toBeNull();
  });
});

describe("colourClass", () => {
  it("is green above 75, red at 25 or below, yellow between, grey when missing", () => {
    expect(colourClass(100)).toBe("green");
    expect(colourClass(75.0001)).toBe("green");
    expect(colourClass(75)).toBe("yellow");
    expect(colourClass(50)).toBe("yellow");
    expect(colourClass(25.0001)).toBe("yellow");
    expect(colourClass(25)).toBe("red");
    expect(colourClass(100 / 290)).toBe("red");
    expect(colourClass(null)).toBe("grey");
    expect(colourClass(undefined)).toBe("grey");
    expect(colourClass(NaN)).toBe("grey");
  });

  it("puts exactly the best and worst quarter in green and red when n is divisible by 4", () => {
    const classes = (n: number, direction: "higher_better" | "lower_better") => {
      const v = Array.from({length: n}, (_, i) => i + 1);
      const c = v.map((x) => colourClass(percentileOf(v, x, direction)));
      return {green: c.filter((x) => x === "green").length, yellow: c.filter((x) => x === "yellow").length, red: c.filter((x) => x === "red").length};
    };
    expect(classes(4, "higher_better")).toEqual({green: 1, yellow: 2, red: 1});
    expect(classes(8, "lower_better")).toEqual({green: 2, yellow: 4, red: 2});
    expect(classes(288, "higher_better")).toEqual({green: 72, yellow: 144, red: 72});
    // 290/4 = 72.5: the boundary falls between two municipalities.
    expect(classes(290, "higher_better")).toEqual({green: 73, yellow: 145, red: 72});
  });

  it("classifies by direction: the lowest value is green when lower is better", () => {
    const v = [10, 20, 30, 40];
    expect(colourClass(percentileOf(v, 10, "lower_better"))).toBe("green");
    expect(colourClass(percentileOf(v, 10, "higher_better"))).toBe("red");
  });
});

describe("placeOf", () => {
  it("is 1 + the number strictly better, ties sharing the better place", () => {
    const v = [1, 2, 2, 3, NaN];
    expect(v.slice(0, 4).map((x) => placeOf(v, x, "higher_better"))).toEqual([4, 2, 2, 1]);
    expect(v.slice(0, 4).map((x) => placeOf(v, x, "lower_better"))).toEqual([1, 2, 2, 4]);
    expect(placeOf(v, null, "higher_better")).toBeNull();
  });
});
