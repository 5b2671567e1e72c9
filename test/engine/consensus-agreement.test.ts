/**
 * Nomination agreement across weightings (consensus.ts): the top N of each
 * ranking, the level a count of lists reaches, and the counted, sorted list.
 * Expectations are hand-computed from the small inputs in each test.
 */
import {describe, expect, it} from "vitest";
import {agreementLevel, nominationAgreement, topNCodes} from "../../src/engine/consensus.ts";
import type {ScoreResult} from "../../src/engine/score.ts";

/** Ranking rows with only the fields topNCodes reads (code, rank). */
function rowsWithRanks(ranks: [string, number | null][]): Pick<ScoreResult, "rows"> {
  return {rows: ranks.map(([code, rank]) => ({code, rank}))} as unknown as Pick<ScoreResult, "rows">;
}

describe("topNCodes", () => {
  it("keeps the ranked rows with rank at most N, in row order, and never an unranked row", () => {
    const result = rowsWithRanks([
      ["0101", 2],
      ["0102", null],
      ["0103", 1],
      ["0104", 3],
      ["0105", 4]
    ]);
    // rank 2 (= N) is in, rank 3 is out; the unranked 0102 is out although null <= 2 in JavaScript.
    expect(topNCodes(result, 2)).toEqual(["0101", "0103"]);
    expect(topNCodes(result, 3)).toEqual(["0101", "0103", "0104"]);
  });

  it("is empty when N is 0 or nothing is ranked", () => {
    expect(topNCodes(rowsWithRanks([["0101", 1]]), 0)).toEqual([]);
    expect(
      topNCodes(
        rowsWithRanks([
          ["0101", null],
          ["0102", null]
        ]),
        5
      )
    ).toEqual([]);
  });
});

describe("agreementLevel", () => {
  it("is 'alla' when the municipality is in every list", () => {
    expect(agreementLevel(3, 3)).toBe("alla");
    expect(agreementLevel(1, 1)).toBe("alla");
  });

  it("is 'majoritet' when in more than half of the lists but not all", () => {
    expect(agreementLevel(2, 3)).toBe("majoritet");
    expect(agreementLevel(3, 4)).toBe("majoritet");
  });

  it("is 'minst ett' at exactly half of the lists or fewer", () => {
    expect(agreementLevel(1, 2)).toBe("minst ett");
    expect(agreementLevel(2, 4)).toBe("minst ett");
    expect(agreementLevel(1, 3)).toBe("minst ett");
  });
});

describe("nominationAgreement", () => {
  it("counts each list once per municipality, gives the level, and sorts by count then code", () => {
    // a: in all 3 lists (listed twice in the third: counted once); c and b: in one each.
    const rows = nominationAgreement([["c", "a"], ["a", "b"], ["a", "a"]]);
    expect(rows).toEqual([
      {code: "a", count: 3, of: 3, level: "alla"},
      {code: "b", count: 1, of: 3, level: "minst ett"},
      {code: "c", count: 1, of: 3, level: "minst ett"}
    ]);
  });

  it("puts a majority before a single nomination even when its code sorts later", () => {
    const rows = nominationAgreement([["0180", "0114"], ["0180"], ["0115"]]);
    expect(rows.map((r) => [r.code, r.count, r.level])).toEqual([
      ["0180", 2, "majoritet"],
      ["0114", 1, "minst ett"],
      ["0115", 1, "minst ett"]
    ]);
  });

  it("is empty without lists", () => {
    expect(nominationAgreement([])).toEqual([]);
  });
});
