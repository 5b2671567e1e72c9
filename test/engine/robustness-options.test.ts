/** The robustness settings parsers shared by the `robustness` command and the Robusthet page. */
import {describe, expect, it} from "vitest";
import {formatBounds, parseBounds, parseDraws, parseNoise, parseSeed, parseVary, uncertaintyStatus, varyForKind} from "../../src/engine/index.ts";

const value = <T>(r: {value: T} | {error: string}): T => {
  if ("error" in r) throw new Error(r.error);
  return r.value;
};
const error = (r: {value: unknown} | {error: string}): string => ("error" in r ? r.error : "(accepted)");

describe("robustness settings", () => {
  it("draws: 1 to 20 000, whole numbers only", () => {
    expect(value(parseDraws("1"))).toBe(1);
    expect(value(parseDraws("20000"))).toBe(20000);
    for (const bad of ["0", "20001", "1.5", "-3", "", "1e3", "abc"]) expect(error(parseDraws(bad))).toMatch(/draws must be a whole number from 1 to 20000/);
  });

  it("noise f: 0 to 1", () => {
    expect(value(parseNoise("0"))).toBe(0);
    expect(value(parseNoise("0.25"))).toBe(0.25);
    expect(value(parseNoise("1"))).toBe(1);
    for (const bad of ["1.01", "-0.1", "", "NaN", "Infinity"]) expect(error(parseNoise(bad))).toMatch(/noise must be a number from 0 to 1/);
  });

  it("seed: a 32-bit unsigned whole number", () => {
    expect(value(parseSeed("0"))).toBe(0);
    expect(value(parseSeed("4294967295"))).toBe(4294967295);
    expect(error(parseSeed("4294967296"))).toMatch(/seed/);
    expect(error(parseSeed("-1"))).toMatch(/seed/);
  });

  it("vary: known options in canonical order, unknown ones named", () => {
    expect(value(parseVary("kpi_weights,dimension_weights"))).toEqual(["dimension_weights", "kpi_weights"]);
    expect(value(parseVary(""))).toEqual([]);
    expect(error(parseVary("dimension_weights,colour,size"))).toMatch(/unknown --vary value "colour", "size"/);
    expect(varyForKind(["dimension_weights", "normalisation", "window", "method"], "nomination")).toEqual(["dimension_weights", "normalisation"]);
    expect(varyForKind(["dimension_weights", "normalisation", "window", "method"], "improvement")).toEqual(["dimension_weights", "window", "method"]);
  });

  it("bounds: LO,HI with 0 ≤ LO ≤ HI, or 0,inf for any non-negative weights", () => {
    expect(value(parseBounds("0.5,2"))).toEqual({lo: 0.5, hi: 2});
    expect(value(parseBounds("1,1"))).toEqual({lo: 1, hi: 1});
    expect(value(parseBounds("0,inf"))).toEqual({lo: 0, hi: Infinity});
    expect(formatBounds({lo: 0, hi: Infinity})).toBe("0,inf");
    expect(formatBounds({lo: 0.5, hi: 2})).toBe("0.5,2");
    expect(error(parseBounds("2,0.5"))).toMatch(/LO is above HI/);
    expect(error(parseBounds("-1,2"))).toMatch(/LO is negative/);
    expect(error(parseBounds("0.5,inf"))).toMatch(/LO must be 0/);
    expect(error(parseBounds("0,0"))).toMatch(/HI must be above 0/);
    expect(error(parseBounds("1"))).toMatch(/bounds must be LO,HI/);
  });

  it("status from P(top N): säker ≥ 0.9, gränsfall between, utanför ≤ 0.1", () => {
    expect([0.9, 0.95, 1].map(uncertaintyStatus)).toEqual(["säker", "säker", "säker"]);
    expect([0.1000001, 0.5, 0.8999].map(uncertaintyStatus)).toEqual(["gränsfall", "gränsfall", "gränsfall"]);
    expect([0, 0.05, 0.1].map(uncertaintyStatus)).toEqual(["utanför", "utanför", "utanför"]);
  });
});
