/** Page state in the URL: round trips, and tampered URLs ignored with a notice. */
import {describe, expect, it} from "vitest";
import {decimal, defaultState, formatState, formatStateCompact, idSet, integer, oneOf, parseState, weightMap, type Spec} from "../src/lib/state/url-state.ts";
import {rng} from "./helpers/random.ts";

interface State {
  year: number;
  method: "zscore" | "minmax";
  top: number;
  minSteady: number;
  counties: string[];
  w: Record<string, number>;
}

const spec: Spec<State> = {
  year: integer(2022, 2010, 2022),
  method: oneOf(["zscore", "minmax"] as const, "zscore"),
  top: integer(10, 1, 290),
  minSteady: decimal(0, 0, 1, 0.01),
  counties: idSet(["01", "03", "25"]),
  w: weightMap({N15428: 1, N15001: 0.5}, {max: 5, step: 0.1})
};

describe("URL state", () => {
  it("reads an empty query as the defaults, with no notice", () => {
    expect(parseState("", spec)).toEqual({state: defaultState(spec), notices: []});
  });

  it("round-trips any valid state exactly", () => {
    const rand = rng(7);
    for (let i = 0; i < 200; i++) {
      const state: State = {
        year: 2010 + Math.floor(rand() * 13),
        method: rand() < 0.5 ? "zscore" : "minmax",
        top: 1 + Math.floor(rand() * 290),
        minSteady: Math.round(rand() * 100) / 100,
        counties: ["01", "03", "25"].filter(() => rand() < 0.5),
        w: {N15428: Math.round(rand() * 50) / 10, N15001: Math.round(rand() * 50) / 10}
      };
      const parsed = parseState(`?${formatState(state, spec)}`, spec);
      expect(parsed).toEqual({state, notices: []});
    }
  });

  it("ignores unknown and invalid parameters with a notice each, keeping the defaults", () => {
    const {state, notices} = parseState("year=1999&method=magic&evil=1&w=N15428:-3&top=abc&counties=01,99", spec);
    expect(state).toEqual(defaultState(spec));
    expect(notices).toHaveLength(6);
    expect(notices[0]).toContain("”year”");
    expect(notices.find((n) => n.includes("evil"))).toBe("Okänd parameter ”evil” ignorerades.");
  });

  it("keeps the valid parameters of a partly tampered URL", () => {
    const {state, notices} = parseState("year=2019&w=N15428:2,X:1&top=5", spec);
    expect(state.year).toBe(2019);
    expect(state.top).toBe(5);
    expect(state.w).toEqual({N15428: 1, N15001: 0.5});
    expect(notices).toEqual(["Ogiltigt värde för ”w” (N15428:2,X:1): okänt id X. Standardvärdet används."]);
  });

  it("treats a weight map partially given as the defaults for the rest", () => {
    expect(parseState("w=N15001:3", spec).state.w).toEqual({N15428: 1, N15001: 3});
  });

  it("rejects non-finite and huge weights", () => {
    for (const bad of ["N15428:Infinity", "N15428:NaN", "N15428:1e9", "N15428:", "N15428", "N15428:5.1", "N15428:0x10", "N15428: 1", "N15428:1e0", "N15428:-0"]) {
      expect(parseState(`w=${encodeURIComponent(bad)}`, spec).notices, bad).toHaveLength(1);
    }
  });

  it("accepts exact weights from 0 to max (links to a draw or a best rank), and steadiness only in steps", () => {
    expect(parseState("w=N15428:4.25", spec)).toMatchObject({state: {w: {N15428: 4.25}}, notices: []});
    expect(parseState("w=N15428:1.2345678901234567", spec).state.w.N15428).toBe(1.2345678901234567);
    expect(parseState("w=N15428:5.0000001", spec).notices).toHaveLength(1);
    expect(parseState("minSteady=0.333", spec).notices).toHaveLength(1);
    const above = {w: weightMap({A: 7.5}, {max: 5, step: 0.1})};
    expect(parseState("w=A:7.5", above)).toEqual({state: {w: {A: 7.5}}, notices: []});
    expect(parseState("w=A:7.4", above).notices).toHaveLength(1);
  });

  it("a compact query leaves out the defaults and reads back as the same state", () => {
    const state = {...parseState("", spec).state, w: {N15428: 2.5, N15001: 0.5}};
    const compact = formatStateCompact(state, spec);
    // Only the weights differ from the defaults; a weight map is written whole.
    expect(compact).toBe(new URLSearchParams({w: "N15428:2.5,N15001:0.5"}).toString());
    expect(parseState(compact, spec)).toEqual({state, notices: []});
    expect(formatStateCompact(parseState("", spec).state, spec)).toBe("");
  });

  it("writes weights so that they read back as the same number", () => {
    const w = weightMap({A: 1}, {max: 5, step: 0.1});
    for (const v of [0, 1, 0.1, 1.2345678901234567, 4.999999999999999, 1 / 3, 2 / 3, 1e-7, 0.75 + 1e-12]) {
      const text = w.format({A: v});
      expect(text).not.toMatch(/e/);
      const back = w.parse(text);
      expect("value" in back && back.value.A, text).toBe(v);
    }
  });

  it("shortens long tampered text in notices and keeps markup as plain text", () => {
    const {notices} = parseState(`${"<img src=x onerror=alert(1)>".repeat(5)}=1`, spec);
    expect(notices[0]!.length).toBeLessThan(100);
    expect(notices[0]).toContain("”<img src”"); // plain text: the page sets textContent, never innerHTML
  });
});
