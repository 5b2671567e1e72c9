/** Starting points of the best/worst-rank search from the Monte Carlo draws (engine/incumbents.ts). */
import {describe, expect, it} from "vitest";
import {monteCarloIncumbents, uncertaintyAnalysis, type UncertaintyResult} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

// Three municipalities, one KPI per dimension: 0101 is first iff Wa > Wb, 0103 is always 2nd
// (see uncertainty.test.ts); 0104 has no values and is never ranked.
const codes = ["0101", "0102", "0103", "0104"];
function m3() {
  return model(
    [
      ["a", 1],
      ["b", 1.2]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "higher_better", 1]
    ]
  );
}
function matrix4() {
  return matrixOf(codes, rowsForYear(2022, codes, {N00001: [3, 1, 2, null], N00002: [1, 3, 2, null]}));
}

/**
 * A real five-draw run whose ranks and dimension weights are replaced by hand-written ones, so that
 * the draw each incumbent comes from is known: draw i has the weights {a: i + 1, b: i + 11}.
 * `ranksByMunicipality[m][i]` is municipality m's rank in draw i (0 = not ranked).
 */
function handResult(ranksByMunicipality: number[][]): UncertaintyResult {
  const draws = 5;
  const real = uncertaintyAnalysis(matrix4(), m3(), {kind: "nomination", year: 2022, draws, seed: 1, keepRanks: true});
  const nM = real.rows.length;
  const ranks = new Uint16Array(draws * nM);
  ranksByMunicipality.forEach((series, m) => series.forEach((r, i) => (ranks[i * nM + m] = r)));
  const dimensionWeights = new Float64Array(draws * 2);
  for (let i = 0; i < draws; i++) {
    dimensionWeights[i * 2] = i + 1;
    dimensionWeights[i * 2 + 1] = i + 11;
  }
  return {...real, ranks, choices: {...real.choices, dimensionWeights}};
}
const w = (i: number) => ({a: i + 1, b: i + 11});

describe("monteCarloIncumbents", () => {
  it("takes, per municipality, the weights of the first draw with its best rank and of the first with its worst", () => {
    // Ranks per draw d0..d4 (each draw a valid ranking of the ranked municipalities):
    //   d0: 2 1 3 0   d1: 2 1 3 0   d2: 1 3 2 0   d3: 0 2 1 0   d4: 1 3 2 0
    const mc = handResult([
      [2, 2, 1, 0, 1], // 0101: best 1 in d2 and d4 -> d2; worst 2 in d0 and d1 -> d0; unranked in d3
      [1, 1, 3, 2, 3], // 0102: best 1 in d0 and d1 -> d0; worst 3 in d2 and d4 -> d2
      [3, 3, 2, 1, 2], // 0103: best 1 in d3; worst 3 in d0 and d1 -> d0
      [0, 0, 0, 0, 0] // 0104: never ranked -> no incumbents
    ]);
    expect(monteCarloIncumbents(mc)).toEqual({
      "0101": {best: w(2), worst: w(0)},
      "0102": {best: w(0), worst: w(2)},
      "0103": {best: w(3), worst: w(0)}
    });
  });

  it("a rank that gets worse draw after draw: the worst is the last of them, the best the first", () => {
    const mc = handResult([
      [1, 2, 3, 3, 2], // 0101: best d0, worst 3 first in d2
      [2, 1, 1, 1, 1], // 0102: best 1 first in d1, worst d0
      [3, 3, 2, 2, 3], // 0103: best 2 first in d2, worst d0
      [0, 0, 0, 0, 0]
    ]);
    expect(monteCarloIncumbents(mc)).toEqual({
      "0101": {best: w(0), worst: w(2)},
      "0102": {best: w(1), worst: w(0)},
      "0103": {best: w(2), worst: w(0)}
    });
  });

  it("a municipality ranked in one draw only has that draw as both best and worst", () => {
    const mc = handResult([
      [1, 1, 1, 1, 1],
      [0, 0, 0, 2, 0],
      [2, 2, 2, 0, 2],
      [0, 0, 0, 0, 0]
    ]);
    const out = monteCarloIncumbents(mc);
    expect(out["0102"]).toEqual({best: w(3), worst: w(3)});
    // The same rank in every ranked draw: the first ranked draw is both.
    expect(out["0101"]).toEqual({best: w(0), worst: w(0)});
    expect(out["0103"]).toEqual({best: w(0), worst: w(0)});
    expect(Object.keys(out)).toEqual(["0101", "0102", "0103"]);
  });

  it("on a real run: the best draw of 0101 weights a above b (it is first only then), the worst b above a", () => {
    const mc = uncertaintyAnalysis(matrix4(), m3(), {kind: "nomination", year: 2022, draws: 400, seed: 7, topN: 1, vary: {dimensionWeights: true, kpiWeights: false}, keepRanks: true});
    const out = monteCarloIncumbents(mc);
    expect(Object.keys(out)).toEqual(["0101", "0102", "0103"]);
    const {best, worst} = out["0101"]!;
    expect(best!.a!).toBeGreaterThan(best!.b!);
    expect(worst!.a!).toBeLessThan(worst!.b!);
    const b = out["0102"]!;
    expect(b.best!.b!).toBeGreaterThan(b.best!.a!);
    expect(b.worst!.a!).toBeGreaterThan(b.worst!.b!);
    // 0103 is 2nd in every draw: its best and worst are both draw 0.
    const d0 = {a: mc.choices.dimensionWeights[0]!, b: mc.choices.dimensionWeights[1]!};
    expect(out["0103"]).toEqual({best: d0, worst: d0});
  });

  it("needs the draws' ranks and says so", () => {
    const mc = uncertaintyAnalysis(matrix4(), m3(), {kind: "nomination", year: 2022, draws: 3, seed: 1});
    expect(mc.ranks).toBeNull();
    expect(() => monteCarloIncumbents(mc)).toThrow(new Error("monteCarloIncumbents needs the draws' ranks (settings.keepRanks)"));
  });
});
