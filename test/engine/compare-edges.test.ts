/** Edge cases of the ranking comparison (src/engine/compare.ts): bad input, two municipalities, a constant side, membership order. */
import {describe, expect, it} from "vitest";
import {commonRanks, compareScenarioRankings, membershipOf, spearmanRho, type ComparableRanking} from "../../src/engine/compare.ts";

function ranking(ranks: Record<string, number>, top: string[]): ComparableRanking {
  return {ranks: new Map(Object.entries(ranks)), top: new Set(top)};
}

describe("commonRanks", () => {
  it("rejects vectors of different length, naming both lengths", () => {
    expect(() => commonRanks([1, 2], [1, 2, 3])).toThrow(new RangeError("rank vectors of different length (2 and 3)"));
  });
});

describe("spearmanRho at the edges", () => {
  it("is ±1 with exactly two common municipalities", () => {
    expect(spearmanRho([1, 2], [1, 2])).toEqual({value: 1, n: 2});
    expect(spearmanRho([1, 2], [2, 1])).toEqual({value: -1, n: 2});
  });

  it("is null when the second ranking ties every municipality (and the first does not)", () => {
    expect(spearmanRho([1, 2, 3], [1, 1, 1])).toEqual({value: null, n: 3});
    expect(spearmanRho([1, 1, 1], [1, 2, 3])).toEqual({value: null, n: 3});
  });
});

describe("membershipOf rejects what is not a membership", () => {
  it.each([
    [1.5, 3],
    [1, 2.5],
    [-1, 3],
    [4, 3]
  ])("count %s of %s", (count, of) => {
    expect(() => membershipOf(count, of)).toThrow(new RangeError(`count ${count} of ${of} is not a membership`));
  });

  it("accepts the bounds 0 and `of`", () => {
    expect(membershipOf(0, 3)).toBeNull();
    expect(membershipOf(3, 3)).toBe("alla");
  });
});

describe("compareScenarioRankings: membership order", () => {
  it("orders equal counts by the best (lowest) overall rank in any ranking", () => {
    // X: top of ranking 0 at rank 1, rank 10 in ranking 1 (best 1).
    // Y: top of ranking 1 at rank 3, rank 2 in ranking 0 (best 2).
    // By the worst rank Y (10 vs 3) would come first.
    const r0 = ranking({X: 1, Y: 2}, ["X"]);
    const r1 = ranking({X: 10, Y: 3}, ["Y"]);
    const {membership} = compareScenarioRankings([r1, r0]);
    expect(membership.map((m) => m.code)).toEqual(["X", "Y"]);
    expect(membership.map((m) => m.membership)).toEqual(["en", "en"]);
  });

  it("orders equal counts and equal best ranks by code, whatever order they were met in", () => {
    // Each code is rank 1 in one ranking and in that ranking's top only: count 1, best rank 1.
    const rankings = [ranking({C: 1, B: 2, A: 3}, ["C"]), ranking({B: 1, C: 2, A: 3}, ["B"]), ranking({A: 1, B: 2, C: 3}, ["A"])];
    expect(compareScenarioRankings(rankings).membership.map((m) => m.code)).toEqual(["A", "B", "C"]);
    expect(compareScenarioRankings([...rankings].reverse()).membership.map((m) => m.code)).toEqual(["A", "B", "C"]);
    const two = [ranking({D: 1, E: 2}, ["D"]), ranking({E: 1, D: 2}, ["E"])];
    expect(compareScenarioRankings(two).membership.map((m) => m.code)).toEqual(["D", "E"]);
    expect(compareScenarioRankings([...two].reverse()).membership.map((m) => m.code)).toEqual(["D", "E"]);
  });
});

describe("compareScenarioRankings: membership order with many ties", () => {
  it("sorts 100 tied rows by code (the sort sees both orders of every comparison)", () => {
    // 100 rankings; ranking i ranks only its own code, at 1, and has it in its top: every row count 1, best rank 1.
    const codes = Array.from({length: 100}, (_, i) => String(1000 + ((i * 37) % 100)));
    const rankings = codes.map((code) => ranking({[code]: 1}, [code]));
    const {membership} = compareScenarioRankings(rankings);
    expect(membership.map((m) => m.code)).toEqual([...codes].sort());
    expect(membership.every((m) => m.count === 1 && m.membership === "en")).toBe(true);
  });
});
