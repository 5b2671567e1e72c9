/**
 * The nearest-rank percentiles of engine/uncertainty.ts: the p-th percentile
 * of n ordered values is the ceil(p n / 100)-th smallest (the first when
 * p n / 100 < 1), so the median of an even count is the lower middle value.
 * Checked for the rank percentiles of a Monte Carlo result (against the ranks
 * it keeps) and for the bootstrap bands of the Sobol estimates (against a
 * bootstrap written out here).
 */
import {describe, expect, it} from "vitest";
import {mulberry32, SaltelliDesign, uncertaintyAnalysis, type Model, type UncertaintyResult, type ValueMatrix} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

const codes = ["0601", "0602", "0603", "0604"];

/** Four municipalities whose order changes with the weights (every KPI orders them differently). */
function smallCase(): {matrix: ValueMatrix; model: Model} {
  return {
    matrix: matrixOf(codes, rowsForYear(2022, codes, {N00001: [4, 1, 3, 2], N00002: [1, 4, 2, 3], N00003: [2, 3, 4, 1]})),
    model: model(
      [
        ["a", 1],
        ["b", 1]
      ],
      [
        ["N00001", "a", "higher_better", 1],
        ["N00002", "b", "higher_better", 1],
        ["N00003", "b", "higher_better", 1]
      ]
    )
  };
}

/** The nearest-rank p-th percentile of the values, written from the definition. */
function nearestRank(values: number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const k = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[k - 1]!;
}

/** The ranks of municipality m over the draws where it is ranked (from the kept ranks). */
function ranksOf(r: UncertaintyResult, m: number): number[] {
  const nM = r.rows.length;
  const out: number[] = [];
  for (let i = 0; i < r.draws; i++) {
    const rank = r.ranks![i * nM + m]!;
    if (rank > 0) out.push(rank);
  }
  return out;
}

describe("rank percentiles of a Monte Carlo result", () => {
  it("the median of two different ranks is the lower one; q05 the lower, q95 the higher", () => {
    const {matrix, model: m} = smallCase();
    // The first seed whose two draws rank 0601 differently.
    let found = false;
    for (let seed = 1; seed <= 50 && !found; seed++) {
      const r = uncertaintyAnalysis(matrix, m, {kind: "nomination", year: 2022, draws: 2, seed, noise: 1, keepRanks: true});
      const ranks = ranksOf(r, 0);
      if (ranks.length !== 2 || ranks[0] === ranks[1]) continue;
      found = true;
      const [lo, hi] = [Math.min(...ranks), Math.max(...ranks)];
      expect([r.rows[0]!.q05, r.rows[0]!.medianRank, r.rows[0]!.q95]).toEqual([lo, lo, hi]);
    }
    expect(found).toBe(true);
  });

  it("q05, median and q95 are the nearest-rank percentiles of the kept ranks, for small and larger draw counts", () => {
    const {matrix, model: m} = smallCase();
    for (const draws of [1, 2, 3, 4, 5, 10, 20, 21, 40]) {
      for (const seed of [1, 2, 3]) {
        const r = uncertaintyAnalysis(matrix, m, {kind: "nomination", year: 2022, draws, seed, noise: 1, keepRanks: true});
        r.rows.forEach((row, i) => {
          const ranks = ranksOf(r, i);
          const label = `draws ${draws}, seed ${seed}, ${row.code}: ranks ${ranks.join(" ")}`;
          expect([row.q05, row.medianRank, row.q95], label).toEqual([nearestRank(ranks, 5), nearestRank(ranks, 50), nearestRank(ranks, 95)]);
          expect(row.rankedShare).toBe(ranks.length / draws);
        });
      }
    }
  });
});

describe("bootstrap bands of the Sobol estimates", () => {
  it("are the nearest-rank 5th and 95th percentiles of the bootstrap estimates", () => {
    // Y = u0 + 3 u1^2 on a design of N = 10 rows; the bands from B resamples of the rows
    // (its own stream, seeded seed ^ 0x9e3779b9), each re-estimated with Jansen's estimators.
    const f = (u: Float64Array) => u[0]! + 3 * u[1]! ** 2;
    for (const bootstrap of [40, 30]) {
      const n = 10;
      const seed = 5;
      const design = new SaltelliDesign({dimension: 2, n, seed, bootstrap});
      const G = 2;
      const y: number[] = [];
      for (let e = 0; e < design.evaluations; e++) {
        y[e] = f(design.point(e));
        design.record(e, y[e]!);
      }
      const est = design.estimate();

      const random = mulberry32((seed ^ 0x9e3779b9) >>> 0);
      const firsts: number[][] = [[], []];
      const totals: number[][] = [[], []];
      for (let b = 0; b < bootstrap; b++) {
        const rows = Array.from({length: n}, () => Math.floor(random() * n));
        const at = (j: number, slot: number) => y[rows[j]! * (G + 2) + slot]!;
        let sum = 0;
        for (let j = 0; j < n; j++) sum += at(j, 0) + at(j, 1);
        const mean = sum / (2 * n);
        let ss = 0;
        for (let j = 0; j < n; j++) ss += (at(j, 0) - mean) ** 2 + (at(j, 1) - mean) ** 2;
        const V = ss / (2 * n);
        for (let g = 0; g < G; g++) {
          let sb = 0;
          let sa = 0;
          for (let j = 0; j < n; j++) {
            sb += (at(j, 1) - at(j, 2 + g)) ** 2;
            sa += (at(j, 0) - at(j, 2 + g)) ** 2;
          }
          if (V > 0) {
            firsts[g]!.push((V - sb / (2 * n)) / V);
            totals[g]!.push(sa / (2 * n) / V);
          }
        }
      }
      for (let g = 0; g < G; g++) {
        // B = 40: the 2nd and the 38th smallest; B = 30: the 2nd (ceil 1.5) and the 29th (ceil 28.5).
        expect(firsts[g]!.length).toBe(bootstrap);
        const fb = est.firstBand[g]!;
        const tb = est.totalBand[g]!;
        expect(fb[0]).toBeCloseTo(nearestRank(firsts[g]!, 5)!, 12);
        expect(fb[1]).toBeCloseTo(nearestRank(firsts[g]!, 95)!, 12);
        expect(tb[0]).toBeCloseTo(nearestRank(totals[g]!, 5)!, 12);
        expect(tb[1]).toBeCloseTo(nearestRank(totals[g]!, 95)!, 12);
        // A band from different resamples is not a single point.
        expect(fb[1]).toBeGreaterThan(fb[0]);
        expect(tb[1]).toBeGreaterThan(tb[0]);
      }
    }
  });
});
