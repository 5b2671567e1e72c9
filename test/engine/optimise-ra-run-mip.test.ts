/**
 * How the best/worst-rank search reads the MIP solver's answer (runMip in
 * src/engine/optimise.ts), with stub solvers on a three-municipality case
 * where the solver is always asked: dimension scores (minmax) 0101 = (100, 0),
 * 0102 = (0, 100), 0103 = (50, 50), weights 1 and 1 with the default bounds
 * [0.5, 2], so the normalised w_a lies in [0.2, 0.8]. 0103 beats 0101 where
 * w_a < 1/2 and 0102 where w_a > 1/2, never both, so it is second at every
 * weighting (a tie at 1/2 aside), and in each direction the best start point
 * (a corner) leaves one of its two uncertain rows failing: the MIP (method
 * "mip") is asked whether 0 failing rows are possible (cutoff 0).
 *
 * Statuses: "Optimal" with every x0, x1 -> the point and the rounded
 * objective; "Infeasible" and "Primal infeasible or unbounded" -> nothing
 * beats the start (proven); "Time limit reached" -> not proven, with a note;
 * anything else, or "Optimal" without a full point -> an error naming the
 * municipality, the direction and the status.
 */
import {describe, expect, it} from "vitest";
import {MIP_SOLVER_OPTIONS, prepareNomination, rankRange, type MipSolution, type MipSolver, type MipSolverOptions, type Prepared} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

function case3(): Prepared {
  const codes = ["0101", "0102", "0103"];
  const M = model([["a", 1], ["b", 1]], [["N01001", "a", "higher_better", 1], ["N02001", "b", "higher_better", 1]]);
  const rows = rowsForYear(2022, codes, {N01001: [100, 0, 50], N02001: [0, 100, 50]});
  return prepareNomination(matrixOf(codes, rows), M, 2022, {normalisation: "minmax"});
}

/** A solver that always answers `solution` and records the options it was given. */
function stub(solution: MipSolution, seen: MipSolverOptions[] = []): MipSolver {
  return (_lp, options) => (seen.push(options), solution);
}

const LIMIT_NOTES = [
  "Bästa placering: lösaren nådde tidsgränsen; placeringen är den bästa funna, inte bevisat optimal.",
  "Sämsta placering: lösaren nådde tidsgränsen; placeringen är den bästa funna, inte bevisat optimal."
];

describe("the solver's answer", () => {
  it("is asked once per direction, with the engine's options and the problem's time limit", () => {
    const seen: MipSolverOptions[] = [];
    const r = rankRange(case3(), stub({Status: "Infeasible", ObjectiveValue: 0, Columns: {}}, seen), "0103", {method: "mip", timeLimitSeconds: 7})!;
    expect(r.stats.solves).toBe(2);
    expect(seen).toEqual([
      {...MIP_SOLVER_OPTIONS, time_limit: 7},
      {...MIP_SOLVER_OPTIONS, time_limit: 7}
    ]);
  });

  it.each(["Infeasible", "Primal infeasible or unbounded"])("%s: the start point is optimal, proven, rank 2 both ways", (status) => {
    const r = rankRange(case3(), stub({Status: status, ObjectiveValue: 0, Columns: {}}), "0103", {method: "mip"})!;
    expect([r.bestRank, r.worstRank, r.exact, r.stats.solves]).toEqual([2, 2, true, 2]);
    expect(r.notes).toEqual([]);
  });

  it("Time limit reached without a point: the start point's rank, not proven, a note per direction", () => {
    const r = rankRange(case3(), stub({Status: "Time limit reached", ObjectiveValue: 0, Columns: {}}), "0103", {method: "mip"})!;
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(LIMIT_NOTES);
  });

  it("Time limit reached with a point: still not proven (the point is only the best found)", () => {
    const columns = {x0: {Primal: 0.5}, x1: {Primal: 0.5}};
    const r = rankRange(case3(), stub({Status: "Time limit reached", ObjectiveValue: 1, Columns: columns}), "0103", {method: "mip"})!;
    expect([r.bestRank, r.worstRank, r.exact]).toEqual([2, 2, false]);
    expect(r.notes).toEqual(LIMIT_NOTES);
  });

  it("Optimal with the start's count (objective 1.2 rounds to 1) proves it; objective 0.4 (rounds to 0) does not hold again", () => {
    // x = (1/2, 1/2) fails both rows (each misses by the margin), so it is not taken; the start (1 failing row) stays.
    const columns = {x0: {Primal: 0.5}, x1: {Primal: 0.5}};
    const agrees = rankRange(case3(), stub({Status: "Optimal", ObjectiveValue: 1.2, Columns: columns}), "0103", {method: "mip"})!;
    expect([agrees.bestRank, agrees.worstRank, agrees.exact]).toEqual([2, 2, true]);
    expect(agrees.notes).toEqual([]);
    const lies = rankRange(case3(), stub({Status: "Optimal", ObjectiveValue: 0.4, Columns: columns}), "0103", {method: "mip"})!;
    expect([lies.bestRank, lies.worstRank, lies.exact]).toEqual([2, 2, false]);
    expect(lies.notes).toEqual([
      "Bästa placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal.",
      "Sämsta placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal."
    ]);
  });

  it("an unknown status is an error naming the municipality, the direction and the status, even with a point", () => {
    const columns = {x0: {Primal: 0.5}, x1: {Primal: 0.5}};
    expectThrows(() => rankRange(case3(), stub({Status: "Error", ObjectiveValue: 0, Columns: {}}), "0103", {method: "mip"}), Error, "MIP solver failed (0103 best): Error");
    expectThrows(() => rankRange(case3(), stub({Status: "Unbounded", ObjectiveValue: 1, Columns: columns}), "0103", {method: "mip"}), Error, "MIP solver failed (0103 best): Unbounded");
  });

  it("names the worst direction when its solve fails", () => {
    let calls = 0;
    const solver: MipSolver = () => (++calls === 1 ? {Status: "Infeasible", ObjectiveValue: 0, Columns: {}} : {Status: "Solve error", ObjectiveValue: 0, Columns: {}});
    expectThrows(() => rankRange(case3(), solver, "0103", {method: "mip"}), Error, "MIP solver failed (0103 worst): Solve error");
  });

  it("Optimal without a value for every weight is an error, not a point", () => {
    expectThrows(() => rankRange(case3(), stub({Status: "Optimal", ObjectiveValue: 1, Columns: {}}), "0103", {method: "mip"}), Error, "MIP solver failed (0103 best): Optimal");
    expectThrows(() => rankRange(case3(), stub({Status: "Optimal", ObjectiveValue: 1, Columns: {x0: {Primal: 0.5}}}), "0103", {method: "mip"}), Error, "MIP solver failed (0103 best): Optimal");
    expectThrows(
      () => rankRange(case3(), stub({Status: "Optimal", ObjectiveValue: 1, Columns: {x0: {Primal: 0.5}, x1: {Index: 1}}}), "0103", {method: "mip"}),
      Error,
      "MIP solver failed (0103 best): Optimal"
    );
  });
});
