/**
 * rankRanges (src/engine/optimise.ts): the best and worst rank of every
 * candidate in code order, skipping municipalities not ranked now, and the
 * pauses that let the host run: after a municipality, when at least
 * `pauseEveryMs` have passed since the last pause (the clock is
 * performance.now(), stubbed here), by default a macrotask (setTimeout 0), so
 * a timer that cancels the run gets its turn.
 */
import {afterEach, beforeAll, describe, expect, it, vi} from "vitest";
import {prepareNomination, rankRanges, type MipSolver, type Prepared} from "../../src/engine/index.ts";
import {loadHighsSolver} from "../../src/lib/solver/highs.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Five municipalities, two dimensions with one KPI each (minmax scores = values). 0103 lacks the KPI of b:
 * 1 of 2 KPIs, not ranked, so not a candidate. The others: 0101 (100, 0), 0102 (0, 100), 0104 (50, 50), 0105 (10, 10).
 */
function fiveMunicipalities(): Prepared {
  const codes = ["0101", "0102", "0103", "0104", "0105"];
  const M = model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N01001", "a", "higher_better", 1],
      ["N02001", "b", "higher_better", 1]
    ]
  );
  return prepareNomination(matrixOf(codes, rowsForYear(2022, codes, {N01001: [100, 0, 30, 50, 10], N02001: [0, 100, null, 50, 10]})), M, 2022, {normalisation: "minmax"});
}

describe("rankRanges", () => {
  it("gives one range per candidate, in code order, and none for a municipality not ranked now", async () => {
    const ranges = await rankRanges(fiveMunicipalities(), solver, {pause: async () => {}});
    expect(ranges.map((r) => r.code)).toEqual(["0101", "0102", "0104", "0105"]);
    // Default bounds [0.5, 2]: w_a in [1/5, 4/5]. 0105 (S = 10) is last everywhere (the others score at least 20);
    // 0101 is 1st at w_a = 4/5 (80 against 50 and 20), 0102 at w_a = 1/5.
    expect(ranges[3]).toMatchObject({code: "0105", bestRank: 4, worstRank: 4});
    expect(ranges[0]).toMatchObject({code: "0101", bestRank: 1});
    expect(ranges[1]).toMatchObject({code: "0102", bestRank: 1});
  });

  it("pauses after every municipality when pauseEveryMs is 0, even if no time has passed", async () => {
    vi.spyOn(performance, "now").mockReturnValue(1000);
    let pauses = 0;
    const ranges = await rankRanges(fiveMunicipalities(), solver, {pause: async () => void pauses++, pauseEveryMs: 0});
    expect(ranges).toHaveLength(4);
    expect(pauses).toBe(4);
  });

  it("does not pause before pauseEveryMs have passed", async () => {
    vi.spyOn(performance, "now").mockReturnValue(1000);
    let pauses = 0;
    await rankRanges(fiveMunicipalities(), solver, {pause: async () => void pauses++, pauseEveryMs: 10});
    expect(pauses).toBe(0);
  });

  it("pauses when pauseEveryMs have passed since the last pause", async () => {
    // The clock: 0 at the start, 6 ms more after each municipality.
    let t = 0;
    vi.spyOn(performance, "now").mockImplementation(() => t);
    let pauses = 0;
    await rankRanges(fiveMunicipalities(), solver, {pause: async () => void pauses++, pauseEveryMs: 10, onProgress: (done) => void (t = 6 * done)});
    // After the 1st: 6 ms (< 10); 2nd: 12 (pause, last = 12); 3rd: 18 (6 since the pause); 4th: 24 (12: pause).
    expect(pauses).toBe(2);
  });

  it("by default pauses with a macrotask, so a cancel scheduled by a timer stops the run", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const done: number[] = [];
    const run = rankRanges(fiveMunicipalities(), solver, {signal: controller.signal, pauseEveryMs: 0, onProgress: (n) => done.push(n)});
    await expect(run).rejects.toMatchObject({name: "AbortError"});
    expect(done).toEqual([0, 1]);
  });
});
