/**
 * The MIP as CPLEX LP text (mipText in src/engine/optimise.ts), written out by
 * hand for tiny models: the objective (with and without binaries, and wrapped
 * after 12 names), the weight sum, the hard rows (a zero coefficient left out,
 * an all-zero row written as "0 x0"), the counted rows with their big-M
 * binaries and right-hand side 2e-9, the cutoff row, the bounds, the binaries
 * and the final newline.
 */
import {describe, expect, it} from "vitest";
import {mipText, type MipModel} from "../../src/engine/index.ts";

function model(parts: Partial<MipModel> & Pick<MipModel, "n">): MipModel {
  return {
    lower: new Float64Array(parts.n),
    upper: new Float64Array(parts.n).fill(1),
    hard: new Float64Array(0),
    coef: new Float64Array(0),
    bigM: new Float64Array(0),
    cutoff: null,
    ...parts
  };
}

describe("mipText", () => {
  it("writes every section of a model with two variables, hard rows, two counted rows and a cutoff", () => {
    const text = mipText(
      model({
        n: 2,
        lower: Float64Array.from([0.1, 0.25]),
        upper: Float64Array.from([1, 0.75]),
        // h0: x0 - 2 x1 >= 0; h1: 0.5 x1 >= 0 (x0's 0 left out, so x1 is the first term); h2: all zero.
        hard: Float64Array.from([1, -2, 0, 0.5, 0, 0]),
        // r0: -1.5 x0 + 2 x1 + 4 u0 >= 2e-9; r1: -3 x1 + 0.25 u1 >= 2e-9.
        coef: Float64Array.from([-1.5, 2, 0, -3]),
        bigM: Float64Array.from([4, 0.25]),
        cutoff: 1
      })
    );
    expect(text).toBe(
      [
        "Minimize",
        " obj:",
        "  u0 + u1",
        "Subject To",
        " s: x0 + x1 = 1",
        " h0: 1 x0 - 2 x1 >= 0",
        " h1: 0.5 x1 >= 0",
        " h2: 0 x0 >= 0",
        " r0: - 1.5 x0 + 2 x1 + 4 u0 >= 2e-9",
        " r1: - 3 x1 + 0.25 u1 >= 2e-9",
        " k:",
        "  u0 + u1",
        "  <= 1",
        "Bounds",
        " 0.1 <= x0 <= 1",
        " 0.25 <= x1 <= 0.75",
        "Binary",
        "  u0",
        "  u1",
        "End",
        ""
      ].join("\n")
    );
  });

  it("without counted rows: objective 0 x0, no cutoff row even when a cutoff is given, no Binary section", () => {
    const text = mipText(model({n: 3, hard: Float64Array.from([2, 0, -1]), cutoff: 0}));
    expect(text).toBe(
      [
        "Minimize",
        " obj:",
        "  0 x0",
        "Subject To",
        " s: x0 + x1 + x2 = 1",
        " h0: 2 x0 - 1 x2 >= 0",
        "Bounds",
        " 0 <= x0 <= 1",
        " 0 <= x1 <= 1",
        " 0 <= x2 <= 1",
        "End",
        ""
      ].join("\n")
    );
  });

  it("without a cutoff (null) writes no k row, and a big-M of 0 as + 0", () => {
    // One variable, one counted row 1 x0 + 0 u0 >= 2e-9: a coefficient 0 of a binary is still written, with a plus sign.
    const text = mipText(model({n: 1, coef: Float64Array.from([1]), bigM: Float64Array.from([0])}));
    expect(text).toBe(["Minimize", " obj:", "  u0", "Subject To", " s: x0 = 1", " r0: 1 x0 + 0 u0 >= 2e-9", "Bounds", " 0 <= x0 <= 1", "Binary", "  u0", "End", ""].join("\n"));
  });

  it("writes a sum of 13 binaries on two lines: twelve names, then + and the thirteenth", () => {
    const n = 1;
    const nU = 13;
    const text = mipText(model({n, coef: new Float64Array(nU).fill(1), bigM: new Float64Array(nU).fill(2), cutoff: 5}));
    const first = "  u0 + u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9 + u10 + u11";
    const second = "  + u12";
    const rows = Array.from({length: nU}, (_, i) => ` r${i}: 1 x0 + 2 u${i} >= 2e-9`);
    const binaries = Array.from({length: nU}, (_, i) => `  u${i}`);
    expect(text).toBe(
      ["Minimize", " obj:", first, second, "Subject To", " s: x0 = 1", ...rows, " k:", first, second, "  <= 5", "Bounds", " 0 <= x0 <= 1", "Binary", ...binaries, "End", ""].join("\n")
    );
  });

  it("writes each number in its shortest round-trip form", () => {
    const text = mipText(model({n: 2, lower: Float64Array.from([1e-4, 0]), upper: Float64Array.from([0.5, 1]), coef: Float64Array.from([2e-7, -1 / 3]), bigM: Float64Array.from([1e21])}));
    expect(text).toContain(" r0: 2e-7 x0 - 0.3333333333333333 x1 + 1e+21 u0 >= 2e-9\n");
    expect(text).toContain(" 0.0001 <= x0 <= 0.5\n");
  });
});
