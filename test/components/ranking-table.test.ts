/** The ranking table's pure helpers: which lines it shows, the change column, header breaks. */
import {describe, expect, it} from "vitest";
import {headerBreaks, rankChange, tableLines} from "../../src/components/ranking-table.ts";
import {prepareNomination, score} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "../engine/fixtures.ts";

describe("rankChange", () => {
  it("shows places gained and lost against the model's weights", () => {
    expect(rankChange(3, 6)).toBe("▲ 3");
    expect(rankChange(6, 3)).toBe("▼ 3");
    expect(rankChange(4, 4)).toBe("–");
    expect(rankChange(4, undefined)).toBe("ny");
  });
});

describe("headerBreaks", () => {
  it("breaks the table's own headers at syllables and long words in the middle, never short ones", () => {
    expect(headerBreaks("Täckning")).toBe("Täck|ning");
    expect(headerBreaks("Resultatkvalitet")).toBe("Resultat|kvalitet");
    expect(headerBreaks("Effekt")).toBe("Effekt");
  });
});

describe("tableLines", () => {
  const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
  const M = model([["d", 1]], [["N00001", "d", "higher_better", 1]]);
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [6, 5, 4, 3, 2, 1]}));

  it("shows the ranked rows in rank order up to the limit, then counts the rest", () => {
    const lines = tableLines(score(prepareNomination(matrix, M, 2022)), {limit: 4});
    expect(lines.map((l) => (l.kind === "row" ? l.row.code : l.kind))).toEqual(["0101", "0102", "0103", "0104", "more"]);
    expect(lines.at(-1)).toEqual({kind: "more", hidden: 2});
  });

  it("filters rows without re-ranking them", () => {
    const lines = tableLines(score(prepareNomination(matrix, M, 2022)), {filter: (r) => r.code !== "0101"});
    expect(lines.map((l) => (l.kind === "row" ? [l.row.code, l.row.rank] : l.kind))).toEqual([["0102", 2], ["0103", 3], ["0104", 4], ["0105", 5], ["0106", 6]]);
  });

  it("puts a heading before each group and limits rows per group", () => {
    const lines = tableLines(score(prepareNomination(matrix, M, 2022), {}, {grouping: "kommungrupp"}), {limit: 1});
    const kinds = lines.map((l) => l.kind);
    expect(kinds.filter((k) => k === "group")).toHaveLength(3);
    expect(kinds.filter((k) => k === "row")).toHaveLength(3);
    expect(lines.at(-1)).toEqual({kind: "more", hidden: 3});
  });
});
