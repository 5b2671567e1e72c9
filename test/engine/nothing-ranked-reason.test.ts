/**
 * Why nothing could be ranked (explain.ts nothingRankedReason), cause by
 * cause in the documented order, with the exact Swedish texts the CLI and the
 * pages show; and the list of unranked municipalities (unranked).
 */
import {describe, expect, it} from "vitest";
import {nothingRankedReason, prepareImprovement, prepareNomination, scoreImprovement, scoreNomination, unranked} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForSeries, rowsForYear} from "./fixtures.ts";

const codes4 = ["0101", "0102", "0103", "0104"];

/** Two dimensions of one KPI each; N00001 (r) spread, N00002 (q) as given. */
function twoDimensions(n2: (number | null)[], n1: (number | null)[] = [1, 2, 3, 4]) {
  const M = model(
    [
      ["r", 1],
      ["q", 1]
    ],
    [
      ["N00001", "r", "higher_better", 1],
      ["N00002", "q", "higher_better", 1]
    ]
  );
  return prepareNomination(matrixOf(codes4, rowsForYear(2022, codes4, {N00001: n1, N00002: n2})), M, 2022);
}


/** Dimension r with N00001-N00004, dimension q with N00005 (all weight 1, higher is better). */
function rqModel() {
  return model(
    [
      ["r", 1],
      ["q", 1]
    ],
    [
      ["N00001", "r", "higher_better", 1],
      ["N00002", "r", "higher_better", 1],
      ["N00003", "r", "higher_better", 1],
      ["N00004", "r", "higher_better", 1],
      ["N00005", "q", "higher_better", 1]
    ]
  );
}

describe("nothingRankedReason", () => {
  it("is null when at least one municipality is ranked", () => {
    const result = scoreNomination(twoDimensions([4, 3, 2, 1]));
    expect(result.rows.every((r) => r.rank !== null)).toBe(true);
    expect(nothingRankedReason(result)).toBeNull();
  });

  it("names the year when no KPI of the model has usable values (both have no spread)", () => {
    const result = scoreNomination(twoDimensions([5, 5, 5, 5], [1, 1, 1, 1]));
    expect(nothingRankedReason(result)).toBe("ingen av modellens KPI:er har användbara värden år 2022");
  });

  it("names the window for an improvement ranking whose KPI has no usable values", () => {
    const years = [2018, 2019, 2020, 2021];
    const flat = [1, 1, 1, 1];
    const matrix = matrixOf(codes4, rowsForSeries(years, {N00001: {"0101": flat, "0102": flat, "0103": flat, "0104": flat}}));
    const prepared = prepareImprovement(matrix, model([["r", 1]], [["N00001", "r", "higher_better", 1]]), 2021);
    expect(prepared.indicators.every((i) => !i.usable)).toBe(true);
    expect(nothingRankedReason(scoreImprovement(prepared))).toBe("ingen av modellens KPI:er har användbara värden i fönstret 2018–2021");
  });

  it("says every dimension weight is 0 when they all are", () => {
    const result = scoreNomination(twoDimensions([4, 3, 2, 1]), {dimensions: {r: 0, q: 0}, indicators: {}});
    expect(nothingRankedReason(result)).toBe("alla dimensionsvikter är 0");
  });

  it("names the one weighted dimension whose only KPI is left out (the other KPI is usable)", () => {
    const result = scoreNomination(twoDimensions([5, 5, 5, 5]));
    expect(nothingRankedReason(result)).toBe("dimensionen Q har vikt men inga användbara KPI:er med vikt > 0");
  });

  it("names only the weighted dimensions without a weighted KPI, not one of weight 0", () => {
    // N00002 is left out, so q has no usable KPI; r has weight 0 and is not named.
    const prepared = twoDimensions([5, 5, 5, 5]);
    const result = scoreNomination(prepared, {dimensions: {r: 0}, indicators: {}});
    expect(nothingRankedReason(result)).toBe("dimensionen Q har vikt men inga användbara KPI:er med vikt > 0");
  });

  it("names every weighted dimension whose KPIs all have weight 0, in plural", () => {
    const result = scoreNomination(twoDimensions([4, 3, 2, 1]), {dimensions: {}, indicators: {N00001: 0, N00002: 0}});
    expect(nothingRankedReason(result)).toBe("dimensionerna R, Q har vikt men inga användbara KPI:er med vikt > 0");
  });

  it("otherwise quotes the first municipality's text of the reason most municipalities share", () => {
    // r: N00001-N00004, q: N00005; 5 usable KPIs, at least 4 required.
    // 0101: 4 of 5 but no q (missing_dimension only); 0102, 0106: 3 of 5 and no q;
    // 0103-0105: 2 of 5. coverage: 5 municipalities, missing_dimension: 3.
    const _ = null;
    const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
    const M = rqModel();
    const table = {
      N00001: [1, _, 2, 3, 4, _],
      N00002: [1, 2, _, _, _, 3],
      N00003: [1, 2, _, _, _, 3],
      N00004: [1, 2, _, _, _, 3],
      N00005: [_, _, 1, 2, 3, _]
    };
    const result = scoreNomination(prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022));
    expect(result.rows[0]!.reasons.map((r) => r.code)).toEqual(["missing_dimension"]);
    expect(result.rows[1]!.reasons.map((r) => r.code)).toEqual(["coverage", "missing_dimension"]);
    // The first municipality with a coverage reason is 0102 (3 of 5), not 0103 (2 of 5).
    expect(nothingRankedReason(result)).toBe("ingen kommun uppfyller kraven; vanligast: har 3 av 5 användbara KPI:er (kräver minst 4)");
  });
});

describe("nothingRankedReason, more cases", () => {
  it("does not name a dimension of weight 0 whose KPI is left out as well", () => {
    // r (weight 0): N00001 left out; q (weight 1): N00002 left out; s (weight 1): N00003 usable.
    const M = model(
      [
        ["r", 0],
        ["q", 1],
        ["s", 1]
      ],
      [
        ["N00001", "r", "higher_better", 1],
        ["N00002", "q", "higher_better", 1],
        ["N00003", "s", "higher_better", 1]
      ]
    );
    const table = {N00001: [2, 2, 2, 2], N00002: [5, 5, 5, 5], N00003: [1, 2, 3, 4]};
    const result = scoreNomination(prepareNomination(matrixOf(codes4, rowsForYear(2022, codes4, table)), M, 2022));
    expect(nothingRankedReason(result)).toBe("dimensionen Q har vikt men inga användbara KPI:er med vikt > 0");
  });

  it("quotes the most common reason's own text when it is not its municipality's first reason", () => {
    // r: N00001-N00004, q: N00005; 5 usable KPIs, at least 4 required.
    // 0101: 3 of 5, no q (coverage, then missing_dimension); 0102-0104, 0108: 4 of 5,
    // no q (missing_dimension only); 0105-0107: 2 of 5 (coverage only).
    // missing_dimension: 5 municipalities, coverage: 4 (counted first).
    const _ = null;
    const codes = ["0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108"];
    const M = rqModel();
    const table = {
      N00001: [_, 1, 2, 3, 4, 5, 6, 7],
      N00002: [1, 2, 3, 4, _, _, _, 5],
      N00003: [1, 2, 3, 4, _, _, _, 5],
      N00004: [1, 2, 3, 4, _, _, _, 5],
      N00005: [_, _, _, _, 1, 2, 3, _]
    };
    const result = scoreNomination(prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022));
    const first = result.rows.find((r) => r.code === "0101")!;
    expect(first.reasons.map((r) => r.code)).toEqual(["coverage", "missing_dimension"]);
    expect(nothingRankedReason(result)).toBe("ingen kommun uppfyller kraven; vanligast: saknar värde i dimensionen q");
  });

  it("says only that no municipality meets the requirements when no unranked row carries a reason", () => {
    // score() gives every unranked row a reason; a result whose rows lack them (built or
    // trimmed elsewhere) still gets a sentence, without a "vanligast" part.
    // Six municipalities, each with only one of the two KPIs: all fail the coverage rule.
    const _ = null;
    const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
    const M = model(
      [
        ["r", 1],
        ["q", 1]
      ],
      [
        ["N00001", "r", "higher_better", 1],
        ["N00002", "q", "higher_better", 1]
      ]
    );
    const table = {N00001: [1, 2, 3, _, _, _], N00002: [_, _, _, 4, 5, 7]};
    const result = scoreNomination(prepareNomination(matrixOf(codes, rowsForYear(2022, codes, table)), M, 2022));
    expect(nothingRankedReason(result)).toBe("ingen kommun uppfyller kraven; vanligast: har 1 av 2 användbara KPI:er (kräver minst 2)");
    expect(result.rows.every((r) => r.rank === null && r.reasons.length > 0)).toBe(true);
    const stripped = {...result, rows: result.rows.map((r) => ({...r, reasons: []}))};
    expect(nothingRankedReason(stripped)).toBe("ingen kommun uppfyller kraven");
  });
});

describe("unranked", () => {
  it("lists exactly the municipalities without a rank", () => {
    // 0104 lacks N00002 (q): missing a dimension and 1 of 2 KPIs.
    const result = scoreNomination(twoDimensions([4, 3, 1, null], [1, 2, 3, 4]));
    expect(result.rows.filter((r) => r.rank !== null).map((r) => r.code).sort()).toEqual(["0101", "0102", "0103"]);
    expect(unranked(result).map((r) => r.code)).toEqual(["0104"]);
    expect(unranked(result)[0]!.reasons.map((r) => r.code)).toEqual(["coverage", "missing_dimension"]);
  });

  it("is empty when every municipality is ranked", () => {
    expect(unranked(scoreNomination(twoDimensions([4, 3, 2, 1])))).toEqual([]);
  });
});
