/**
 * Saltelli's design and Jansen's estimators on designs small enough to check
 * by hand: the points come from the documented stream in the documented order,
 * f is evaluated exactly N (G + 2) times, the estimators on hand-recorded
 * values, the exact identities of a function of one coordinate, the additive
 * model's closed forms, and NaN indices when the variance is 0.
 */
import {describe, expect, it} from "vitest";
import {SaltelliDesign, sobolJansen} from "../../src/engine/index.ts";
import {mulberry32} from "../../src/engine/random.ts";

/** Rows A_j and B_j of a design as documented: row j of A, then row j of B, from mulberry32(seed). */
function documentedRows(seed: number, n: number, dimension: number): {a: number[][]; b: number[][]} {
  const r = mulberry32(seed);
  const a: number[][] = [];
  const b: number[][] = [];
  for (let j = 0; j < n; j++) {
    a.push(Array.from({length: dimension}, () => r()));
    b.push(Array.from({length: dimension}, () => r()));
  }
  return {a, b};
}

describe("Saltelli's design", () => {
  it("evaluation e is A_j, B_j, then A_j with group g's columns from B_j, from one seeded stream", () => {
    // Dimension 3, groups [2] and [0]; coordinate 1 is in no group, so it always comes from A.
    const design = new SaltelliDesign({dimension: 3, groups: [[2], [0]], n: 3, seed: 42, bootstrap: 0});
    expect(design.evaluations).toBe(3 * 4);
    const {a, b} = documentedRows(42, 3, 3);
    for (let j = 0; j < 3; j++) {
      expect(Array.from(design.point(4 * j))).toEqual(a[j]);
      expect(Array.from(design.point(4 * j + 1))).toEqual(b[j]);
      expect(Array.from(design.point(4 * j + 2))).toEqual([a[j]![0], a[j]![1], b[j]![2]]);
      expect(Array.from(design.point(4 * j + 3))).toEqual([b[j]![0], a[j]![1], a[j]![2]]);
    }
    // All 18 numbers of A and B are distinct draws in [0, 1).
    const all = [...a.flat(), ...b.flat()];
    expect(new Set(all).size).toBe(18);
    expect(all.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("a group of several coordinates takes all of them from B", () => {
    const design = new SaltelliDesign({dimension: 3, groups: [[0, 2], [1]], n: 2, seed: 7, bootstrap: 0});
    const {a, b} = documentedRows(7, 2, 3);
    for (let j = 0; j < 2; j++) {
      expect(Array.from(design.point(4 * j + 2))).toEqual([b[j]![0], a[j]![1], b[j]![2]]);
      expect(Array.from(design.point(4 * j + 3))).toEqual([a[j]![0], b[j]![1], a[j]![2]]);
    }
  });

  it("sobolJansen evaluates f exactly N (G + 2) times, at the design's points in order", () => {
    const seen: number[][] = [];
    const e = sobolJansen(
      (u) => {
        seen.push(Array.from(u));
        return u[0]! + u[1]!;
      },
      {dimension: 2, n: 3, seed: 11, bootstrap: 0}
    );
    expect(e.evaluations).toBe(12);
    expect(seen).toHaveLength(12);
    const {a, b} = documentedRows(11, 3, 2);
    for (let j = 0; j < 3; j++) {
      expect(seen[4 * j]).toEqual(a[j]);
      expect(seen[4 * j + 1]).toEqual(b[j]);
      expect(seen[4 * j + 2]).toEqual([b[j]![0], a[j]![1]]);
      expect(seen[4 * j + 3]).toEqual([a[j]![0], b[j]![1]]);
    }
  });
});

describe("Jansen's estimators", () => {
  it("on hand-recorded values: mean, variance, S and ST per group", () => {
    // N = 2, three groups: evaluation 5 j + slot. Row 0: A 0, B 2; row 1: A 4, B 2.
    // Y over A and B: 0 2 4 2, mean 2, V = (4 + 0 + 4 + 0) / 4 = 2.
    // Group 0: A_B = 2, 2:  sum (B - A_B)^2 = 0, sum (A - A_B)^2 = 4 + 4 = 8: S = 1, ST = 8 / 4 / 2 = 1.
    // Group 1: A_B = 0, 4:  sum (B - A_B)^2 = 4 + 4 = 8: S = (2 - 8/4) / 2 = 0; sum (A - A_B)^2 = 0: ST = 0.
    // Group 2: A_B = 1, 3:  sum (B - A_B)^2 = 1 + 1 = 2: S = (2 - 2/4) / 2 = 0.75; sum (A - A_B)^2 = 1 + 1: ST = 0.5 / 2 = 0.25.
    // (S > ST for group 2: the estimates are not clipped.)
    const design = new SaltelliDesign({dimension: 3, n: 2, seed: 1, bootstrap: 0});
    const y = [0, 2, 2, 0, 1, 4, 2, 2, 4, 3];
    y.forEach((v, e) => design.record(e, v));
    const est = design.estimate();
    expect(est.n).toBe(2);
    expect(est.evaluations).toBe(10);
    expect(est.mean).toBe(2);
    expect(est.variance).toBe(2);
    expect(est.first).toEqual([1, 0, 0.75]);
    expect(est.total).toEqual([1, 0, 0.25]);
    expect(est.firstBand).toEqual([
      [NaN, NaN],
      [NaN, NaN],
      [NaN, NaN]
    ]);
    expect(est.totalBand).toEqual([
      [NaN, NaN],
      [NaN, NaN],
      [NaN, NaN]
    ]);
  });

  it("a function of coordinate 0 only: S0 = 1 and ST = 0 for the others, exactly; S of the others = 1 - ST0", () => {
    // A_B^(0) = (b0, a1, a2) gives f = b0 = f(B), so S0 = (V - 0) / V = 1.
    // A_B^(g), g > 0, keeps a0: f = f(A), so ST_g = 0 and S_g = (V - sum (b0 - a0)^2 / 2N) / V = 1 - ST0.
    const e = sobolJansen((u) => 3 * u[0]!, {dimension: 3, n: 5, seed: 8, bootstrap: 0});
    expect(e.first[0]).toBe(1);
    expect(e.total[1]).toBe(0);
    expect(e.total[2]).toBe(0);
    expect(e.first[1]).toBe(e.first[2]);
    expect(e.first[1]).toBeCloseTo(1 - e.total[0]!, 14);
    expect(e.first).toHaveLength(3);
    expect(e.total).toHaveLength(3);
  });

  it("the additive f = u0 + 2 u1 gives the closed forms in the column differences", () => {
    // f(B) - f(A_B^(0)) = 2 (b1 - a1), f(A) - f(A_B^(0)) = a0 - b0; and the mirror for group 1:
    //   S0 = 1 - sum 4 (b1 - a1)^2 / (2N V),  ST0 = sum (a0 - b0)^2 / (2N V),
    //   S1 = 1 - sum (b0 - a0)^2 / (2N V),    ST1 = sum 4 (a1 - b1)^2 / (2N V).
    // (The limits as N grows are the analytic 1/5 and 4/5.)
    const n = 4;
    const e = sobolJansen((u) => u[0]! + 2 * u[1]!, {dimension: 2, n, seed: 21, bootstrap: 0});
    const {a, b} = documentedRows(21, n, 2);
    const ys = [...a, ...b].map((p) => p[0]! + 2 * p[1]!);
    const mean = ys.reduce((s, v) => s + v, 0) / (2 * n);
    const V = ys.reduce((s, v) => s + (v - mean) ** 2, 0) / (2 * n);
    let d0 = 0;
    let d1 = 0;
    for (let j = 0; j < n; j++) {
      d0 += (a[j]![0]! - b[j]![0]!) ** 2;
      d1 += (a[j]![1]! - b[j]![1]!) ** 2;
    }
    expect(e.mean).toBeCloseTo(mean, 14);
    expect(e.variance).toBeCloseTo(V, 14);
    expect(e.first[0]).toBeCloseTo(1 - (4 * d1) / (2 * n * V), 12);
    expect(e.total[0]).toBeCloseTo(d0 / (2 * n * V), 12);
    expect(e.first[1]).toBeCloseTo(1 - d0 / (2 * n * V), 12);
    expect(e.total[1]).toBeCloseTo((4 * d1) / (2 * n * V), 12);
  });

  it("a constant model has variance 0 and NaN indices and bands", () => {
    const e = sobolJansen(() => 3, {dimension: 2, n: 4, seed: 2, bootstrap: 50});
    expect(e.mean).toBe(3);
    expect(e.variance).toBe(0);
    expect(e.first).toEqual([NaN, NaN]);
    expect(e.total).toEqual([NaN, NaN]);
    expect(e.firstBand).toEqual([
      [NaN, NaN],
      [NaN, NaN]
    ]);
    expect(e.totalBand).toEqual([
      [NaN, NaN],
      [NaN, NaN]
    ]);
  });

  it("variance 0 over A and B gives NaN indices even when the mixed points differ", () => {
    // N = 2, one group: A = B = 5 in both rows, A_B = 7 then 5. V = 0, so there is no index to give,
    // although sum (B - A_B)^2 = sum (A - A_B)^2 = 4 (a division would give -Infinity and Infinity).
    const design = new SaltelliDesign({dimension: 1, n: 2, seed: 1, bootstrap: 0});
    [5, 5, 7, 5, 5, 5].forEach((v, e) => design.record(e, v));
    const est = design.estimate();
    expect(est.variance).toBe(0);
    expect(est.first).toEqual([NaN]);
    expect(est.total).toEqual([NaN]);
  });
});
