/**
 * The bootstrap bands of Sobol indices: present with resamples and a positive
 * variance, NaN otherwise; around the estimate for a smooth model; resamples
 * whose variance is 0 left out; and, on a design of two rows whose every
 * resample is computed by hand, exactly the nearest-rank 5th and 95th
 * percentiles of the resamples drawn from the bands' own seeded stream.
 */
import {describe, expect, it} from "vitest";
import {SaltelliDesign, sobolJansen} from "../../src/engine/index.ts";
import {mulberry32} from "../../src/engine/random.ts";

/**
 * N = 2, one group (dimension 1); evaluation 3 j + slot (A, B, A_B).
 * Row 0: A 1, B 1, A_B 0.  Row 1: A 0, B 2, A_B 1.
 * Both rows (0,1 or 1,0): Y 1 1 0 2, mean 1, V = 0.5; sum (B - A_B)^2 = 1 + 1 = 2: S = (0.5 - 2/4) / 0.5 = 0;
 *   sum (A - A_B)^2 = 1 + 1 = 2: ST = 2/4 / 0.5 = 1.
 * Row 1 twice: Y 0 2 0 2, mean 1, V = 1; sums 2 and 2: S = (1 - 0.5) / 1 = 0.5, ST = 0.5.
 * Row 0 twice: Y 1 1 1 1, V = 0: S and ST are NaN.
 */
function twoRowDesign(seed: number, bootstrap: number): SaltelliDesign {
  const design = new SaltelliDesign({dimension: 1, n: 2, seed, bootstrap});
  [1, 1, 0, 0, 2, 1].forEach((v, e) => design.record(e, v));
  return design;
}

/** [S, ST] of a resample of twoRowDesign by its rows, from the hand calculation above. */
function handResample(r0: number, r1: number): [number, number] {
  if (r0 !== r1) return [0, 1];
  return r0 === 1 ? [0.5, 0.5] : [NaN, NaN];
}

/** Nearest-rank percentile of the finite values. */
function nearestRank(values: number[], percent: number): number {
  const s = values.filter(Number.isFinite).sort((x, y) => x - y);
  return s.length ? s[Math.max(1, Math.ceil((percent * s.length) / 100)) - 1]! : NaN;
}

describe("bootstrap bands", () => {
  it("of a smooth model contain the estimate and have a positive width", () => {
    const e = sobolJansen((u) => u[0]! + 2 * u[1]!, {dimension: 2, n: 64, seed: 31, bootstrap: 200});
    for (let g = 0; g < 2; g++) {
      const [fl, fh] = e.firstBand[g]!;
      const [tl, th] = e.totalBand[g]!;
      expect(fl).toBeLessThanOrEqual(e.first[g]!);
      expect(e.first[g]!).toBeLessThanOrEqual(fh);
      expect(tl).toBeLessThanOrEqual(e.total[g]!);
      expect(e.total[g]!).toBeLessThanOrEqual(th);
      expect(fh - fl).toBeGreaterThan(0);
      expect(th - tl).toBeGreaterThan(0);
    }
    // The analytic indices are 1/5 and 4/5; with N = 64 the estimates are near them.
    expect(Math.abs(e.total[0]! - 0.2)).toBeLessThan(0.15);
    expect(Math.abs(e.total[1]! - 0.8)).toBeLessThan(0.15);
  });

  it("are the same for the same seed and never change the estimates", () => {
    const f = (u: Float64Array) => u[0]! * (1 + u[1]!);
    const one = sobolJansen(f, {dimension: 2, n: 20, seed: 9, bootstrap: 30});
    expect(sobolJansen(f, {dimension: 2, n: 20, seed: 9, bootstrap: 30})).toEqual(one);
    const none = sobolJansen(f, {dimension: 2, n: 20, seed: 9, bootstrap: 0});
    expect(none.first).toEqual(one.first);
    expect(none.total).toEqual(one.total);
    expect(none.firstBand).toEqual([
      [NaN, NaN],
      [NaN, NaN]
    ]);
  });

  it("leave out the resamples whose variance is 0", () => {
    // Resamples of twoRowDesign: S in {0, 0.5} and ST in {1, 0.5}, or NaN when row 0 is drawn twice.
    // With 40 resamples (each kind about 10 times or more) the bands span the finite values only.
    const est = twoRowDesign(3, 40).estimate();
    expect(est.mean).toBe(1);
    expect(est.variance).toBe(0.5);
    expect(est.first).toEqual([0]);
    expect(est.total).toEqual([1]);
    expect(est.firstBand).toEqual([[0, 0.5]]);
    expect(est.totalBand).toEqual([[0.5, 1]]);
  });

  it("are the nearest-rank 5th and 95th percentiles of resamples drawn from their own stream", () => {
    // The rows of resample b are floor(r() N), N draws per resample, r = mulberry32((seed ^ 0x9e3779b9) >>> 0):
    // a stream of its own, so the design does not depend on the bootstrap.
    for (const [seed, bootstrap] of [
      [3, 2],
      [3, 3],
      [10, 4],
      [77, 5],
      [1234, 7]
    ] as const) {
      const r = mulberry32((seed ^ 0x9e3779b9) >>> 0);
      const firsts: number[] = [];
      const totals: number[] = [];
      for (let b = 0; b < bootstrap; b++) {
        const r0 = Math.floor(r() * 2);
        const r1 = Math.floor(r() * 2);
        const [s, st] = handResample(r0, r1);
        firsts.push(s);
        totals.push(st);
      }
      const est = twoRowDesign(seed, bootstrap).estimate();
      expect(est.firstBand, `seed ${seed}, ${bootstrap} resamples`).toEqual([[nearestRank(firsts, 5), nearestRank(firsts, 95)]]);
      expect(est.totalBand, `seed ${seed}, ${bootstrap} resamples`).toEqual([[nearestRank(totals, 5), nearestRank(totals, 95)]]);
    }
  });

  it("are NaN when the variance is 0, even if a resample's variance is not", () => {
    // Values 3.2e-162 apart: squares of the deviations underflow. A and B: 0 0 0 3.2e-162, mean 8e-163;
    // the squares 6.4e-325 (to 0) and 5.76e-324 (to 4.9e-324) sum to 4.9e-324, / 4 underflows: V = 0.
    // Row 1 twice (0, 3.2e-162, 0, 3.2e-162) has V = 4.9e-324 > 0, a resample with finite indices.
    const design = new SaltelliDesign({dimension: 1, n: 2, seed: 3, bootstrap: 40});
    [0, 0, 0, 0, 3.2e-162, 0].forEach((v, e) => design.record(e, v));
    const est = design.estimate();
    expect(est.variance).toBe(0);
    expect(est.first).toEqual([NaN]);
    expect(est.total).toEqual([NaN]);
    expect(est.firstBand).toEqual([[NaN, NaN]]);
    expect(est.totalBand).toEqual([[NaN, NaN]]);
  });

  it("are NaN when the variance is not a number (values whose sum overflows)", () => {
    // Row 0: A = B = A_B = 1e308; row 1: A = B = A_B = -1e308. The running sum is Infinity, then
    // Infinity - Infinity = NaN: no mean, no variance, no indices and no bands (never a band of 0).
    const design = new SaltelliDesign({dimension: 1, n: 2, seed: 3, bootstrap: 40});
    [1e308, 1e308, 1e308, -1e308, -1e308, -1e308].forEach((v, e) => design.record(e, v));
    const est = design.estimate();
    expect(est.variance).toBeNaN();
    expect(est.first).toEqual([NaN]);
    expect(est.total).toEqual([NaN]);
    expect(est.firstBand).toEqual([[NaN, NaN]]);
    expect(est.totalBand).toEqual([[NaN, NaN]]);
  });
});
