/**
 * The rank arrays are plain typed arrays: one entry per municipality and
 * nothing else, so they serialise (and iterate) as ranks only.
 */
import {describe, expect, it} from "vitest";
import {rankMunicipalities} from "../../src/engine/index.ts";

describe("rank arrays", () => {
  it("overall and within-group ranks carry only index keys", () => {
    // Scores 3 1 2 (all eligible): order 0 2 1, ranks 1 3 2.
    const r = rankMunicipalities(Float64Array.from([3, 1, 2]), Uint8Array.from([1, 1, 1]));
    expect(Array.from(r.order)).toEqual([0, 2, 1]);
    expect(Array.from(r.overall)).toEqual([1, 3, 2]);
    expect(Object.keys(r.overall)).toEqual(["0", "1", "2"]);
    expect(Object.keys(r.withinGroup)).toEqual(["0", "1", "2"]);
    expect(JSON.stringify(r.overall)).toBe('{"0":1,"1":3,"2":2}');
  });

  it("with groups too, and an ineligible municipality has rank 0", () => {
    // Groups a b a, municipality 2 not eligible: order 0 1; within a: 0 -> 1; within b: 1 -> 1.
    const r = rankMunicipalities(Float64Array.from([3, 1, 2]), Uint8Array.from([1, 1, 0]), ["a", "b", "a"]);
    expect(Array.from(r.overall)).toEqual([1, 2, 0]);
    expect(Array.from(r.withinGroup)).toEqual([1, 1, 0]);
    expect(Object.keys(r.overall)).toEqual(["0", "1", "2"]);
    expect(Object.keys(r.withinGroup)).toEqual(["0", "1", "2"]);
  });
});
