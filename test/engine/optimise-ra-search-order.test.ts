/**
 * The branch-and-bound of the best/worst-rank search takes its regions best
 * bound first (a max-heap by upper bound: RegionHeap in
 * src/engine/optimise.ts). Seen through the regions it hands to the MIP:
 * with limits.minEdge 0.3 the root (w_a in [0.2, 0.8], edge 0.85) and its two
 * halves (edge 0.42) are split and the four quarters (edge 0.21) go to the
 * MIP, in the order they leave the heap. A stub solver that finds nothing
 * better in any region ("Infeasible") keeps the incumbent fixed, so every
 * quarter that can beat it is solved, and its LP's cutoff is its bound minus
 * the incumbent minus 1.
 *
 * The rows: m = (50, 50) and, for each "band" [t, t + 0.002], two competitors
 * (50t, 50 + 50t) and (100 - 50t', 50 - 50t') with t' = t + 0.002: m beats the
 * first where w_a >= t and the second where w_a <= t', so both only in the
 * band (best rank). Outside the bands exactly one row of each pair holds (the
 * incumbent: P rows for P bands); a region's bound counts the rows that hold
 * somewhere in it, P plus the bands inside it. For the worst rank ("j beats
 * m") the rows are reversed: neither holds in the band, but the bounds are
 * the same, so the same quarters are handed to the MIP in the same order.
 * The bands avoid every start point, region centre and region edge, so the
 * incumbent stays P. 0100 at (0, 0) and 0199 at (100, 100) make the minmax
 * scores equal the values.
 */
import {describe, expect, it} from "vitest";
import {prepareNomination, rankRange, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

const WIDTH = 0.002;

function bands(ts: number[]): Prepared {
  const codes = ["0100", "0150", "0199"];
  const a = [0, 50, 100];
  const b = [0, 50, 100];
  ts.forEach((t, i) => {
    const u = t + WIDTH;
    codes.push(String(200 + 2 * i).padStart(4, "0"), String(201 + 2 * i).padStart(4, "0"));
    a.push(50 * t, 100 - 50 * u);
    b.push(50 + 50 * t, 50 - 50 * u);
  });
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, {N01001: a, N02001: b})), M, 2022, {normalisation: "minmax"});
}

/** The cutoffs of the region MIPs, in the order they were asked, for m = 0150 (best rank, then worst). */
function cutoffs(prepared: Prepared): number[] {
  const asked: number[] = [];
  const nothingBetter: MipSolver = (lp) => {
    asked.push(Number(/\n k:\n[\s\S]*?\n {2}<= (\d+)\n/.exec(lp)![1]));
    return {Status: "Infeasible", ObjectiveValue: 0, Columns: {}};
  };
  rankRange(prepared, nothingBetter, "0150", {limits: {minEdge: 0.3, leafCombinations: 0}});
  return asked;
}

describe("the search's regions", () => {
  it("leave the heap best bound first: quarters with 2, 3, 1, 4 bands are solved 4, 3, 2, 1", () => {
    // Quarters [0.2, 0.35], [0.35, 0.5], [0.5, 0.65], [0.65, 0.8]; halves with 5 and 5 bands.
    const prepared = bands([0.22, 0.25, 0.395, 0.465, 0.475, 0.56, 0.69, 0.71, 0.75, 0.77]);
    expect(cutoffs(prepared)).toEqual([3, 2, 1, 0, 3, 2, 1, 0]);
  });

  it("leave the heap best bound first: quarters with 3, 2, 4, 1 bands are solved 4, 3, 2, 1", () => {
    const prepared = bands([0.22, 0.25, 0.31, 0.395, 0.47, 0.555, 0.565, 0.61, 0.62, 0.7]);
    expect(cutoffs(prepared)).toEqual([3, 2, 1, 0, 3, 2, 1, 0]);
  });

  it("and with a half of 1 band and a half of 4, the richer half is split first", () => {
    // Quarters 0, 1, 3, 1 bands.
    const prepared = bands([0.395, 0.56, 0.61, 0.62, 0.7]);
    expect(cutoffs(prepared)).toEqual([2, 0, 0, 2, 0, 0]);
  });
});
