/** The exact messages and edge inputs of the robustness settings parsers (engine/robustness-options.ts). */
import {describe, expect, it} from "vitest";
import {parseBounds, parseSeed, parseVary} from "../../src/engine/index.ts";

describe("robustness settings: edge inputs and exact messages", () => {
  it("seed: a fraction or an exponent is not a whole number, even when its value is in range", () => {
    for (const text of ["1.5", "1e3", "12abc", " 7"]) {
      expect(parseSeed(text)).toEqual({error: `seed must be a whole number from 0 to 4294967295 (got "${text}")`});
    }
    expect(parseSeed("007")).toEqual({value: 7});
  });

  it("vary: spaces around the items are ignored", () => {
    expect(parseVary(" kpi_weights , dimension_weights")).toEqual({value: ["dimension_weights", "kpi_weights"]});
  });

  it("vary: the message names each unknown value and lists the allowed ones separated by a comma and a space", () => {
    expect(parseVary("colour, dimension_weights,size")).toEqual({
      error: 'unknown --vary value "colour", "size" (allowed: dimension_weights, kpi_weights, normalisation, aggregation, winsorise, window, method)'
    });
  });

  it("bounds: not two parts, or a LO that is not a plain number, gives the bare message", () => {
    for (const text of ["1", "1,2,3", "abc,2", "1e0,2", "+1,2"]) {
      expect(parseBounds(text)).toEqual({error: `bounds must be LO,HI with 0 ≤ LO ≤ HI (got "${text}")`});
    }
  });

  it("bounds: a negative LO is named", () => {
    expect(parseBounds("-1,2")).toEqual({error: 'bounds must be LO,HI with 0 ≤ LO ≤ HI: LO is negative (got "-1,2")'});
  });

  it("bounds: a negative HI is named, not taken as a number below LO", () => {
    expect(parseBounds("1,-2")).toEqual({error: 'bounds must be LO,HI with 0 ≤ LO ≤ HI: HI is negative (got "1,-2")'});
    expect(parseBounds("0, -1")).toEqual({error: 'bounds must be LO,HI with 0 ≤ LO ≤ HI: HI is negative (got "0, -1")'});
  });

  it("bounds: a HI that is not a plain number (and not inf) gives the bare message", () => {
    for (const text of ["1,x", "1,2-", "1,Infinity", "0,1e1", "1,"]) {
      expect(parseBounds(text)).toEqual({error: `bounds must be LO,HI with 0 ≤ LO ≤ HI (got "${text}")`});
    }
  });

  it("bounds: spaces around LO and HI are ignored", () => {
    expect(parseBounds(" 0.5 , 2 ")).toEqual({value: {lo: 0.5, hi: 2}});
    expect(parseBounds("0 , inf")).toEqual({value: {lo: 0, hi: Infinity}});
  });
});
