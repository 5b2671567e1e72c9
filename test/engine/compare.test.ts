/**
 * Comparing rankings (engine/compare.ts): Kendall's τ-b, Spearman's ρ,
 * Jaccard and top-N membership on hand-computed cases, cross-checked against
 * a brute-force pair count (τ), the textbook formula 1 − 6Σd²/(n(n²−1)) (ρ
 * without ties) and the audit's separately written Spearman (ρ with ties).
 */
import {describe, expect, it} from "vitest";
import {
  comparableRanking,
  compareScenarioRankings,
  jaccard,
  kendallTauB,
  membershipOf,
  prepareNomination,
  score,
  spearmanCorrelation,
  spearmanRho,
  type ComparableRanking,
  type RankVector
} from "../../src/engine/index.ts";
import {matrixOf, model, rng, rowsForYear} from "./fixtures.ts";

/** τ-b by counting every pair: concordant, discordant, tied in x, tied in y (over the pairs ranked in both). */
function bruteForceTauB(a: RankVector, b: RankVector): number | null {
  const idx = a.map((_, i) => i).filter((i) => a[i] !== null && b[i] !== null);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let p = 0; p < idx.length; p++) {
    for (let q = p + 1; q < idx.length; q++) {
      const dx = Math.sign(a[idx[p]!]! - a[idx[q]!]!);
      const dy = Math.sign(b[idx[p]!]! - b[idx[q]!]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const n0 = (idx.length * (idx.length - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  return denominator > 0 ? (concordant - discordant) / denominator : null;
}

/** Textbook Spearman for rankings without ties: re-rank within the common set, 1 − 6Σd²/(n(n²−1)). */
function textbookRho(a: RankVector, b: RankVector): number {
  const idx = a.map((_, i) => i).filter((i) => a[i] !== null && b[i] !== null);
  const rerank = (v: number[]) => {
    const sorted = [...v].sort((p, q) => p - q);
    return v.map((x) => sorted.indexOf(x) + 1);
  };
  const x = rerank(idx.map((i) => a[i]!));
  const y = rerank(idx.map((i) => b[i]!));
  const n = x.length;
  const d2 = x.reduce((s, xi, i) => s + (xi - y[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/** A random permutation of 1..n, with each position null with probability `missing`. */
function randomRanks(random: () => number, n: number, missing = 0): (number | null)[] {
  const ranks = Array.from({length: n}, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  return ranks.map((r) => (random() < missing ? null : r));
}

describe("Kendall's τ-b", () => {
  it("equals the hand count on a small case: 5 concordant, 1 discordant pair", () => {
    // Pairs of (1,1) (2,3) (3,2) (4,4): only (2,3)-(3,2) is discordant; (5 − 1) / 6.
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).toEqual({value: 4 / 6, n: 4});
  });

  it("is 1 for the same order, −1 for the reverse", () => {
    expect(kendallTauB([3, 1, 2, 5, 4], [3, 1, 2, 5, 4]).value).toBe(1);
    expect(kendallTauB([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]).value).toBe(-1);
  });

  it("corrects for ties (τ-b): 4 concordant, one pair tied in each ranking", () => {
    // x 1 2 2 3, y 1 2 3 3: n0 = 6, n1 = n2 = 1, nc − nd = 4: 4 / √(5 · 5) = 0.8 (τ-a would be 4/6).
    expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 3]).value).toBeCloseTo(0.8, 15);
  });

  it("uses only the municipalities ranked in both, and says how many", () => {
    // Common positions 0 and 3: (1, 2) and (3, 1), discordant.
    expect(kendallTauB([1, null, 2, 3], [2, 1, null, 1])).toEqual({value: -1, n: 2});
    // A municipality ranked in one only never changes the figure.
    expect(kendallTauB([1, 2, 3, 4, 99], [1, 3, 2, 4, null])).toEqual({value: 4 / 6, n: 4});
  });

  it("is undefined (null) with fewer than 2 common municipalities or a constant side", () => {
    expect(kendallTauB([1, null], [null, 1])).toEqual({value: null, n: 0});
    expect(kendallTauB([1, 2], [1, null])).toEqual({value: null, n: 1});
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toEqual({value: null, n: 3});
  });

  it("rejects vectors of different length", () => {
    expect(() => kendallTauB([1, 2], [1])).toThrow(RangeError);
  });

  it("equals a brute-force pair count on random rankings with ties and missing ranks", () => {
    const random = rng(20261201);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random() * 60);
      // Ties: ranks drawn from a small range; missing: 15 %.
      const levels = 1 + Math.floor(random() * n);
      const draw = () => Array.from({length: n}, () => (random() < 0.15 ? null : 1 + Math.floor(random() * levels)));
      const a = draw();
      const b = draw();
      const expected = bruteForceTauB(a, b);
      const got = kendallTauB(a, b).value;
      if (expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(expected, 12);
    }
  });

  it("equals the brute-force count on full 290-municipality permutations, and is symmetric", () => {
    const random = rng(7);
    for (let trial = 0; trial < 5; trial++) {
      const a = randomRanks(random, 290, 0.05);
      const b = randomRanks(random, 290, 0.05);
      expect(kendallTauB(a, b).value).toBeCloseTo(bruteForceTauB(a, b)!, 12);
      expect(kendallTauB(b, a).value).toBeCloseTo(kendallTauB(a, b).value!, 15);
    }
  });
});

describe("Spearman's ρ", () => {
  it("equals the hand calculation: d = 0 1 1 0, 1 − 6·2 / (4·15) = 0.8", () => {
    expect(spearmanRho([1, 2, 3, 4], [1, 3, 2, 4]).value).toBeCloseTo(0.8, 15);
  });

  it("re-ranks within the municipalities ranked in both", () => {
    // Common: ranks (1,1) (5,2) (9,3) → re-ranked 1 2 3 against 1 2 3: ρ = 1.
    expect(spearmanRho([1, null, 5, 9], [1, 7, 2, 3])).toEqual({value: 1, n: 3});
  });

  it("is 1 for the same order, −1 for the reverse, null when undefined", () => {
    expect(spearmanRho([4, 2, 1, 3], [4, 2, 1, 3]).value).toBeCloseTo(1, 15);
    expect(spearmanRho([1, 2, 3], [3, 2, 1]).value).toBeCloseTo(-1, 15);
    expect(spearmanRho([1, null], [1, 2])).toEqual({value: null, n: 1});
    expect(spearmanRho([2, 2, 2], [1, 2, 3]).value).toBeNull();
  });

  it("equals the textbook formula on random rankings without ties (with missing ranks)", () => {
    const random = rng(99);
    for (let trial = 0; trial < 100; trial++) {
      const n = 3 + Math.floor(random() * 290);
      const a = randomRanks(random, n, 0.1);
      const b = randomRanks(random, n, 0.1);
      expect(spearmanRho(a, b).value).toBeCloseTo(textbookRho(a, b), 12);
    }
  });

  it("with ties, equals the audit's Pearson-on-average-ranks Spearman", () => {
    const random = rng(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 5 + Math.floor(random() * 40);
      const a = Array.from({length: n}, () => (random() < 0.1 ? null : 1 + Math.floor(random() * 6)));
      const b = Array.from({length: n}, () => (random() < 0.1 ? null : 1 + Math.floor(random() * 6)));
      const ours = spearmanRho(a, b).value;
      const theirs = spearmanCorrelation(
        a.map((x) => x ?? NaN),
        b.map((x) => x ?? NaN)
      );
      if (theirs === null) continue; // the audit needs 3 pairs; ours is checked by hand above
      expect(ours).toBeCloseTo(theirs, 12);
    }
  });
});

describe("Jaccard", () => {
  it("is |A ∩ B| / |A ∪ B|", () => {
    expect(jaccard(new Set(["a", "b", "c"]), new Set(["b", "c", "d"]))).toBe(0.5);
    expect(jaccard(new Set(["a"]), new Set(["a"]))).toBe(1);
    expect(jaccard(new Set(["a"]), new Set<string>())).toBe(0);
    expect(jaccard(new Set(["a", "b"]), new Set(["c", "d"]))).toBe(0);
  });

  it("is undefined (null) for two empty sets", () => {
    expect(jaccard(new Set(), new Set())).toBeNull();
  });
});

describe("membership", () => {
  it("names alla, flera and en", () => {
    expect(membershipOf(3, 3)).toBe("alla");
    expect(membershipOf(2, 3)).toBe("flera");
    expect(membershipOf(1, 3)).toBe("en");
    expect(membershipOf(0, 3)).toBeNull();
    // Two rankings: in both is "alla", in one "en"; one ranking: "alla".
    expect(membershipOf(2, 2)).toBe("alla");
    expect(membershipOf(1, 2)).toBe("en");
    expect(membershipOf(1, 1)).toBe("alla");
    expect(() => membershipOf(4, 3)).toThrow(RangeError);
  });

  it("lists every municipality in any top N, most memberships first, then best rank, then code", () => {
    const ranking = (order: string[], n: number): ComparableRanking => ({
      ranks: new Map(order.map((c, i) => [c, i + 1])),
      top: new Set(order.slice(0, n))
    });
    // Top 2 of each: A {x, y}, B {y, z}, C {y, x}.
    const A = ranking(["x", "y", "z", "w"], 2);
    const B = ranking(["y", "z", "x", "w"], 2);
    const C = ranking(["y", "x", "w"], 2); // z is not ranked in C
    const {membership, pairs} = compareScenarioRankings([A, B, C]);
    expect(membership).toEqual([
      {code: "y", inTop: [true, true, true], ranks: [2, 1, 1], count: 3, membership: "alla"},
      {code: "x", inTop: [true, false, true], ranks: [1, 3, 2], count: 2, membership: "flera"},
      {code: "z", inTop: [false, true, false], ranks: [3, 2, null], count: 1, membership: "en"}
    ]);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2]
    ]);
    // A–B: top {x,y} vs {y,z}: 1 / 3. Ranks over x y z w: A 1 2 3 4, B 3 1 2 4.
    // Pairs: xy D, xz D, xw C, yz C, yw C, zw C: (4 − 2) / 6.
    expect(pairs[0]).toMatchObject({jaccard: 1 / 3, topBoth: 1, topEither: 3, kendallTauB: {value: 2 / 6, n: 4}});
    // A–C over x y w (z unranked in C): A 1 2 4, C 2 1 3: xy D, xw C, yw C: 1/3; ρ: re-ranked 1 2 3 vs 2 1 3, Σd² = 2: 1 − 12/24 = 0.5.
    expect(pairs[1]!.kendallTauB).toEqual({value: 1 / 3, n: 3});
    expect(pairs[1]!.spearmanRho.value).toBeCloseTo(0.5, 15);
    expect(pairs[1]!.jaccard).toBe(1);
  });

  it("membership counts agree with a count done by hand over random top-N sets", () => {
    const random = rng(11);
    for (let trial = 0; trial < 30; trial++) {
      const k = 2 + Math.floor(random() * 5);
      const rankings = Array.from({length: k}, () => {
        const order = randomRanks(random, 40);
        const codes = order.map((r, i) => ({code: `k${i}`, r: r!})).sort((p, q) => p.r - q.r);
        return {ranks: new Map(codes.map((c) => [c.code, c.r])), top: new Set(codes.slice(0, 8).map((c) => c.code))};
      });
      const {membership} = compareScenarioRankings(rankings);
      const all = new Set(rankings.flatMap((r) => [...r.top]));
      expect(membership.map((m) => m.code).sort()).toEqual([...all].sort());
      for (const row of membership) {
        const count = rankings.filter((r) => r.top.has(row.code)).length;
        expect(row.count).toBe(count);
        expect(row.membership).toBe(count === k ? "alla" : count === 1 ? "en" : "flera");
      }
      // Sorted by count, descending.
      expect(membership.map((m) => -m.count)).toEqual(membership.map((m) => -m.count).sort((p, q) => p - q));
    }
  });
});

describe("comparableRanking", () => {
  const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
  // Scores follow the KPI: 0106 best. Groups cycle A1 B3 C8: 0101/0104 A1, 0102/0105 B3, 0103/0106 C8.
  const matrix = matrixOf(codes, rowsForYear(2020, codes, {N00001: [1, 2, 3, 4, 5, 6]}));
  const m = model([["d", 1]], [["N00001", "d", "higher_better", 1]]);
  const prepared = prepareNomination(matrix, m, 2020);

  it("takes the overall ranks and the top N", () => {
    const r = comparableRanking(score(prepared), 2);
    expect(Object.fromEntries(r.ranks)).toEqual({"0106": 1, "0105": 2, "0104": 3, "0103": 4, "0102": 5, "0101": 6});
    expect([...r.top].sort()).toEqual(["0105", "0106"]);
  });

  it("with a grouped scope, the top N per group as the page marks it, and still the overall ranks", () => {
    const r = comparableRanking(score(prepared, undefined, {grouping: "kommungrupp"}), 1);
    expect([...r.top].sort()).toEqual(["0104", "0105", "0106"]);
    expect(r.ranks.get("0104")).toBe(3);
  });
});
