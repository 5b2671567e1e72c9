/** The ranking pages' shared state rules: filters never re-rank, the table's row limit, switching models in place. */
import {describe, expect, it} from "vitest";
import type {RankingRow} from "../../src/engine/index.ts";
import {matchesFilters, tableRowLimit, withModel, type CommonState} from "../../src/lib/state/ranking-state.ts";
import {weightMap, type Spec} from "../../src/lib/state/url-state.ts";

const state: CommonState = {model: "a", edited: null, scope: "all", top: 10, lan: [], grupp: [], dw: {x: 2}, w: {N00001: 3}, rader: "topp"};
const row = (code: string, kommungrupp: string) => ({code, kommungrupp}) as RankingRow;

describe("matchesFilters", () => {
  it("keeps every row when no county or group is chosen", () => {
    expect(matchesFilters(state, row("0180", "A1"))).toBe(true);
  });
  it("keeps a row only when its county (first two digits) and its kommungrupp are chosen", () => {
    const s = {...state, lan: ["01"], grupp: ["A1", "B3"]};
    expect(matchesFilters(s, row("0180", "A1"))).toBe(true);
    expect(matchesFilters(s, row("0180", "C8"))).toBe(false);
    expect(matchesFilters(s, row("1280", "A1"))).toBe(false);
  });
});

describe("tableRowLimit", () => {
  it("shows max(20, N) rows nationally, max(10, N) per group, and all on request", () => {
    expect(tableRowLimit({...state, top: 10})).toBe(20);
    expect(tableRowLimit({...state, top: 21})).toBe(21);
    expect(tableRowLimit({...state, top: 80})).toBe(80);
    expect(tableRowLimit({...state, scope: "kommungrupp", top: 5})).toBe(10);
    expect(tableRowLimit({...state, scope: "mainGroup", top: 12})).toBe(12);
    expect(tableRowLimit({...state, rader: "alla"})).toBe(Infinity);
  });
});

describe("withModel", () => {
  it("takes the new model's own weights and keeps every other setting", () => {
    const spec = {dw: weightMap({y: 1}, {max: 5, step: 0.1}), w: weightMap({N00009: 0.5}, {max: 5, step: 0.1})} as unknown as Spec<CommonState>;
    const next = withModel({...state, scope: "kommungrupp", top: 7, lan: ["01"], rader: "alla"}, "b", spec);
    expect(next).toEqual({model: "b", edited: null, scope: "kommungrupp", top: 7, lan: ["01"], grupp: [], dw: {y: 1}, w: {N00009: 0.5}, rader: "alla"});
  });
});
