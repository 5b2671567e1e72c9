/**
 * The URL-state codecs (src/lib/state/url-state.ts) to the letter: each
 * parameter kind's accepted texts, exact notices, what is written back, and
 * the echo limit. Hand-written expectations.
 */
import {describe, expect, it} from "vitest";
import {decimal, defaultState, flag, formatNumber, formatState, formatStateCompact, idSet, integer, oneOf, optionalId, parseState, weightMap, type Param, type Spec} from "../../src/lib/state/url-state.ts";

function parsed<T>(param: Param<T>, raw: string): T | string {
  const r = param.parse(raw);
  return "error" in r ? `error: ${r.error}` : r.value;
}

describe("parseState notices", () => {
  const spec = {a: integer(5, 1, 9), b: flag(false)};

  it("says which parameter is repeated, unknown or invalid, in that wording", () => {
    expect(parseState("a=2&a=3&zz=1&b=2", spec)).toEqual({
      state: {a: 2, b: false},
      notices: [
        "Parametern ”a” förekommer flera gånger; den första gäller.",
        "Okänd parameter ”zz” ignorerades.",
        "Ogiltigt värde för ”b” (2): ska vara 0 eller 1. Standardvärdet används."
      ]
    });
  });

  it("a repeated invalid parameter is reported once as invalid and once as repeated; the default stays", () => {
    expect(parseState("a=0&a=3", spec)).toEqual({
      state: {a: 5, b: false},
      notices: ["Ogiltigt värde för ”a” (0): ska vara ett heltal 1–9. Standardvärdet används.", "Parametern ”a” förekommer flera gånger; den första gäller."]
    });
  });

  it("echoes at most 40 characters of a name or value, then an ellipsis", () => {
    const forty = "x".repeat(40);
    expect(parseState(`${forty}=1`, spec).notices).toEqual([`Okänd parameter ”${forty}” ignorerades.`]);
    expect(parseState(`${forty}y=1`, spec).notices).toEqual([`Okänd parameter ”${forty}…” ignorerades.`]);
    expect(parseState(`${forty}y=1&${forty}y=2`, spec).notices[1]).toBe(`Parametern ”${forty}…” förekommer flera gånger; den första gäller.`);
    expect(parseState(`a=${"9".repeat(41)}`, spec).notices).toEqual([`Ogiltigt värde för ”a” (${"9".repeat(40)}…): ska vara ett heltal 1–9. Standardvärdet används.`]);
  });

  it("does not take inherited object properties for parameters", () => {
    expect(parseState("toString=1&constructor=2", spec)).toEqual({
      state: {a: 5, b: false},
      notices: ["Okänd parameter ”toString” ignorerades.", "Okänd parameter ”constructor” ignorerades."]
    });
  });

  it("defaultState takes every default and nothing else", () => {
    expect(defaultState({x: integer(3, 0, 9), y: oneOf(["p", "q"], "q")})).toStrictEqual({x: 3, y: "q"});
    expect(defaultState({})).toStrictEqual({});
  });
});

describe("formatState and formatStateCompact", () => {
  const spec: Spec<{b: boolean; a: number; w: Record<string, number>}> = {b: flag(true), a: integer(5, -9, 9), w: weightMap({X: 1, Y: 2}, {max: 5, step: 0.1})};

  it("writes every parameter in spec order", () => {
    expect(formatState({b: false, a: -3, w: {X: 0.5, Y: 2}}, spec)).toBe("b=0&a=-3&w=X%3A0.5%2CY%3A2");
    expect(formatState({b: true, a: 5, w: {X: 1, Y: 2}}, spec)).toBe("b=1&a=5&w=X%3A1%2CY%3A2");
  });

  it("the compact form leaves out exactly the defaults, except those kept", () => {
    expect(formatStateCompact({b: true, a: 5, w: {X: 1, Y: 2}}, spec)).toBe("");
    expect(formatStateCompact({b: false, a: 5, w: {X: 1, Y: 2}}, spec)).toBe("b=0");
    expect(formatStateCompact({b: true, a: 6, w: {X: 1, Y: 2}}, spec)).toBe("a=6");
    expect(formatStateCompact({b: true, a: 5, w: {X: 1, Y: 2}}, spec, ["a"])).toBe("a=5");
    expect(formatStateCompact({b: false, a: 5, w: {X: 1, Y: 2}}, spec, ["w", "a"])).toBe("b=0&a=5&w=X%3A1%2CY%3A2");
  });

  it("leaves out a parameter that omits itself when empty, in both forms, even when kept", () => {
    const note: Param<string> = {default: "x", parse: (raw) => ({value: raw}), format: (v) => v, omitWhenEmpty: true};
    const plain: Param<string> = {default: "x", parse: (raw) => ({value: raw}), format: (v) => v};
    const withNote: Spec<{note: string; plain: string}> = {note, plain};
    expect(formatState({note: "", plain: ""}, withNote)).toBe("plain=");
    expect(formatState({note: "y", plain: "y"}, withNote)).toBe("note=y&plain=y");
    // Empty differs from the default "x", and both are kept: only the plain one is written.
    expect(formatStateCompact({note: "", plain: ""}, withNote, ["note", "plain"])).toBe("plain=");
    expect(formatStateCompact({note: "", plain: ""}, withNote)).toBe("plain=");
    expect(formatStateCompact({note: "y", plain: "x"}, withNote)).toBe("note=y");
  });
});

describe("parameter kinds", () => {
  it("flag: 1 or 0 only", () => {
    const f = flag(true);
    expect(f.default).toBe(true);
    expect(flag(false).default).toBe(false);
    expect([parsed(f, "1"), parsed(f, "0"), parsed(f, "true"), parsed(f, ""), parsed(f, "01")]).toEqual([true, false, "error: ska vara 0 eller 1", "error: ska vara 0 eller 1", "error: ska vara 0 eller 1"]);
    expect([f.format(true), f.format(false)]).toEqual(["1", "0"]);
  });

  it("oneOf: exactly one of the values", () => {
    const o = oneOf(["ab", "cd"] as const, "cd");
    expect(o.default).toBe("cd");
    expect([parsed(o, "ab"), parsed(o, "cd"), parsed(o, "a"), parsed(o, "AB")]).toEqual(["ab", "cd", "error: ska vara ett av ab, cd", "error: ska vara ett av ab, cd"]);
    expect(o.format("ab")).toBe("ab");
  });

  it("integer: optional minus, digits, within [min, max] with both ends", () => {
    const i = integer(0, -3, 12);
    expect(i.default).toBe(0);
    expect([parsed(i, "-3"), parsed(i, "12"), parsed(i, "007"), parsed(i, "-0")]).toEqual([-3, 12, 7, -0]);
    for (const bad of ["-4", "13", "1.0", "+1", "1e1", " 1", "1 ", "", "0x1", "--1", "1-"]) expect(parsed(i, bad), bad).toBe("error: ska vara ett heltal -3–12");
    expect(i.format(-3)).toBe("-3");
  });

  it("decimal: plain text within [min, max] on a whole number of steps", () => {
    const d = decimal(0.5, 0.25, 2, 0.25);
    expect(d.default).toBe(0.5);
    expect([parsed(d, "0.25"), parsed(d, "2"), parsed(d, "1.5"), parsed(d, "01.75"), parsed(d, "2.00")]).toEqual([0.25, 2, 1.5, 1.75, 2]);
    for (const bad of ["0", "2.25", "0.3", "1.", ".5", "-1", "1e0", "+1", " 1", "1,5", ""]) expect(parsed(d, bad), bad).toBe("error: ska vara ett tal 0.25–2 i steg om 0.25");
    expect(d.format(1.5)).toBe("1.5");
    // Steps of 0.05 with rounding error: 0.15 / 0.05 is 2.9999999999999996.
    const s = decimal(0, 0, 1, 0.05);
    expect([parsed(s, "0.15"), parsed(s, "0.35"), parsed(s, "0.95")]).toEqual([0.15, 0.35, 0.95]);
    expect(parsed(s, "0.151")).toBe("error: ska vara ett tal 0–1 i steg om 0.05");
    expect(parsed(s, "0.1500001")).toBe("error: ska vara ett tal 0–1 i steg om 0.05");
  });

  it("idSet: known ids, comma-separated, duplicates once, empty = none", () => {
    const s = idSet(["01", "03", "25"]);
    expect(s.default).toEqual([]);
    expect([parsed(s, ""), parsed(s, "25,01"), parsed(s, "03,03,01,03")]).toEqual([[], ["25", "01"], ["03", "01"]]);
    expect(parsed(s, "01,99,xx")).toBe("error: okänt värde 99,xx");
    expect(parsed(s, "01,")).toBe("error: okänt värde ");
    expect(parsed(s, `${"9".repeat(41)}`)).toBe(`error: okänt värde ${"9".repeat(40)}…`);
    expect(s.format(["03", "25"])).toBe("03,25");
    expect(s.format([])).toBe("");
  });

  it("optionalId: one known id or empty", () => {
    const o = optionalId(["a", "b"]);
    expect(o.default).toBe("");
    expect([parsed(o, ""), parsed(o, "b"), parsed(o, "c"), parsed(o, "a,b")]).toEqual(["", "b", "error: okänt värde", "error: okänt värde"]);
    expect(o.format("a")).toBe("a");
  });

  it("weightMap: id:weight pairs, the rest default, each weight 0..max or the id's own default", () => {
    const w = weightMap({A: 1, B: 7.5}, {max: 5, step: 0.1});
    expect(w.default).toEqual({A: 1, B: 7.5});
    expect(parsed(w, "")).toEqual({A: 1, B: 7.5});
    expect(parsed(w, "B:0,A:5")).toEqual({A: 5, B: 0});
    expect(parsed(w, "B:7.5")).toEqual({A: 1, B: 7.5});
    expect(parsed(w, "A:2,A:3")).toEqual({A: 3, B: 7.5});
    expect(parsed(w, "A:1:2")).toBe("error: ”A:1:2” ska ha formen id:vikt");
    expect(parsed(w, "A")).toBe("error: ”A” ska ha formen id:vikt");
    expect(parsed(w, "A:1,")).toBe("error: ”” ska ha formen id:vikt");
    expect(parsed(w, "C:1")).toBe("error: okänt id C");
    expect(parsed(w, "toString:1")).toBe("error: okänt id toString");
    expect(parsed(w, "A:5.01")).toBe("error: vikten för A ska vara ett tal 0–5");
    expect(parsed(w, "A:7.5")).toBe("error: vikten för A ska vara ett tal 0–5");
    expect(parsed(w, "B:6")).toBe("error: vikten för B ska vara ett tal 0–5");
    expect(parsed(w, "A:")).toBe("error: vikten för A ska vara ett tal 0–5");
    // The default is a copy: changing a parsed value does not change it.
    const v = w.parse("A:2");
    if ("value" in v) v.value.B = 0;
    expect(w.default).toEqual({A: 1, B: 7.5});
    expect(parsed(w, "")).toEqual({A: 1, B: 7.5});
    expect(w.format({A: 0.5, B: 7.5})).toBe("A:0.5,B:7.5");
    expect(w.format({A: 2})).toBe("A:2,B:7.5");
  });

  it("formatNumber: the shortest text, in plain decimals", () => {
    expect(formatNumber(1.5)).toBe("1.5");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1e-7)).toBe("0.0000001");
    expect(formatNumber(1.5e-7)).toBe("0.00000015");
    expect(formatNumber(100)).toBe("100");
    // Not toFixed's 20 digits: the shortest text that reads back.
    expect(formatNumber(0.1)).toBe("0.1");
    expect(formatNumber(1 / 3)).toBe("0.3333333333333333");
    expect(formatNumber(4.999999999999999)).toBe("4.999999999999999");
  });
});
