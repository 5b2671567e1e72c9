/**
 * Robustness options (engine/robustness-options.ts) that the static
 * mutation chunk found untested: the default of what a draw varies, and
 * bounds and noise written with more than one digit before the point.
 */
import {expect, it} from "vitest";
import {DEFAULT_VARY, parseBounds, parseNoise, parseVary} from "../../src/engine/index.ts";

it("by default the draws vary the dimension and KPI weights, and nothing else (the CLI's and the page's default)", () => {
  expect([...DEFAULT_VARY]).toEqual(["dimension_weights", "kpi_weights"]);
  expect(parseVary(DEFAULT_VARY.join(","))).toEqual({value: ["dimension_weights", "kpi_weights"]});
});

it("reads bounds with several digits before the point", () => {
  expect(parseBounds("0.5,10")).toEqual({value: {lo: 0.5, hi: 10}});
  expect(parseBounds("10,20.5")).toEqual({value: {lo: 10, hi: 20.5}});
});

it("reads a noise written with a leading zero digit, and refuses one above 1 however written", () => {
  expect(parseNoise("00.5")).toEqual({value: 0.5});
  expect(parseNoise("10")).toEqual({error: 'noise must be a number from 0 to 1 (got "10")'});
});
