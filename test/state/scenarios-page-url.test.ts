/**
 * Scenarier's URL (src/lib/state/scenarios-page-state.ts): an empty parameter
 * means the same as an absent one, the full query of any state reads back as
 * that state, and positions are plain whole numbers 1..saved, with the
 * notice naming the range.
 */
import {describe, expect, it} from "vitest";
import {scenariosPageSpec, type ScenariosPageState} from "../../src/lib/state/scenarios-page-state.ts";
import {formatState, parseState} from "../../src/lib/state/url-state.ts";
import {YEARS} from "../lib/scenario-fixtures.ts";

const spec = scenariosPageSpec(YEARS, 3);
const NONE: ScenariosPageState = {val: null, year: null, top: null};

describe("Scenarier's URL: empty and full queries", () => {
  it("an empty val, year or top is the same as an absent one, without a notice", () => {
    expect(parseState("val=&year=&top=", spec)).toEqual({state: NONE, notices: []});
  });

  it("writes every parameter, empty when it follows the scenarios, and reads the query back as the same state", () => {
    expect(formatState(NONE, spec)).toBe("val=&year=&top=");
    expect(parseState(formatState(NONE, spec), spec)).toEqual({state: NONE, notices: []});
    const chosen: ScenariosPageState = {val: [2, 0], year: 2013, top: 25};
    expect(formatState(chosen, spec)).toBe("val=3%2C1&year=2013&top=25");
    expect(parseState(formatState(chosen, spec), spec)).toEqual({state: chosen, notices: []});
  });
});

describe("Scenarier's URL: positions", () => {
  it("reads positions of two digits", () => {
    expect(parseState("val=10,12,1", scenariosPageSpec(YEARS, 12))).toEqual({state: {...NONE, val: [9, 11, 0]}, notices: []});
  });

  it("refuses a position that is not a plain whole number, naming the range", () => {
    for (const raw of ["1.0", "1.5", "2e0", " 2", "+2", "0x2", "2 ", "1,,2"]) {
      const {state, notices} = parseState(`val=${encodeURIComponent(raw)}&top=4`, spec);
      expect(notices, raw).toEqual([`Ogiltigt värde för ”val” (${raw}): ska vara scenariernas nummer 1–3, kommaseparerade. Standardvärdet används.`]);
      expect(state).toEqual({...NONE, top: 4});
    }
  });
});
