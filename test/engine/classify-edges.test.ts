/** Score classes at the edges: the smallest and largest class count, and the top bound (engine/classify.ts). */
import {describe, expect, it} from "vitest";
import {scoreClasses} from "../../src/engine/classify.js";

describe("scoreClasses at the edges", () => {
  it("one class holds every present score, from −E to E", () => {
    const c = scoreClasses([-3, 1, null, 2], 1);
    expect(c.extent).toBe(3);
    expect([...c.classOf]).toEqual([0, 0, -1, 0]);
    expect(c.counts).toEqual([3]);
    expect(c.missing).toBe(1);
    expect(c.bounds).toEqual([[-3, 3]]);
  });

  it("accepts 127 classes, the most an Int8Array class index can hold", () => {
    const c = scoreClasses([-1, 0, 1], 127);
    expect(c.counts).toHaveLength(127);
    expect(c.bounds).toHaveLength(127);
    // 0 lies in the middle class 63; −1 in the bottom class, 1 (the extent) in the top class.
    expect([...c.classOf]).toEqual([0, 63, 126]);
    expect(c.bounds[126]![1]).toBe(1);
  });

  it("the top class ends exactly at the extent, even where −E + count·w rounds below it", () => {
    // E = 0.9, count 3: w = 0.6 and −0.9 + 3 · 0.6 = 0.8999999999999998 in floating point.
    expect(-0.9 + 3 * ((2 * 0.9) / 3)).not.toBe(0.9);
    const c = scoreClasses([-0.9, 0.3, 0.9], 3);
    expect(c.bounds[2]![1]).toBe(0.9);
    expect(c.bounds[2]![1]).toBe(c.extent);
  });
});
