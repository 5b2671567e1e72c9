import {describe, expect, it} from "vitest";
import {rankMunicipalities} from "../../src/engine/index.ts";

describe("ranking", () => {
  const scores = Float64Array.from([0.5, 2, 0.5, NaN, 2, -1]);
  const eligible = Uint8Array.from([1, 1, 1, 0, 1, 1]);

  it("ranks by score descending with ties broken by index (= code) order", () => {
    const r = rankMunicipalities(scores, eligible);
    expect(Array.from(r.order)).toEqual([1, 4, 0, 2, 5]);
    expect(Array.from(r.overall)).toEqual([3, 1, 4, 0, 2, 5]);
  });

  it("restarts within groups", () => {
    const r = rankMunicipalities(scores, eligible, ["A", "B", "A", "A", "A", "B"]);
    expect(Array.from(r.withinGroup)).toEqual([2, 1, 3, 0, 1, 2]);
    expect(Array.from(r.overall)).toEqual([3, 1, 4, 0, 2, 5]);
  });
});
