import {describe, expect, it} from "vitest";
import {scoreClass, scoreClasses} from "../../src/engine/classify.js";
import {mulberry32} from "../../src/engine/random.js";

describe("scoreClasses", () => {
  it("classes by hand: four classes over [−2, 2], boundaries go up, the extent is in the top class", () => {
    const c = scoreClasses([-2, -1, 0, 0.5, 2, null], 4);
    expect(c.extent).toBe(2);
    expect([...c.classOf]).toEqual([0, 1, 2, 2, 3, -1]);
    expect(c.counts).toEqual([1, 1, 2, 1]);
    expect(c.missing).toBe(1);
    expect(c.bounds).toEqual([
      [-2, -1],
      [-1, 0],
      [0, 1],
      [1, 2]
    ]);
  });

  it("takes the extent from the largest |score|, also when it is negative", () => {
    const c = scoreClasses([-0.9, 0.3], 3);
    // E = 0.9, w = 0.6: [−0.9, −0.3), [−0.3, 0.3), [0.3, 0.9]
    expect(c.extent).toBe(0.9);
    expect([...c.classOf]).toEqual([0, 2]);
    expect(c.bounds[1]![0]).toBeCloseTo(-0.3, 12);
    expect(c.bounds[1]![1]).toBeCloseTo(0.3, 12);
  });

  it("puts every score in the middle class when all are 0, and counts missing scores apart", () => {
    const c = scoreClasses([0, 0, null, null], 9);
    expect([...c.classOf]).toEqual([4, 4, -1, -1]);
    expect(c.counts).toEqual([0, 0, 0, 0, 2, 0, 0, 0, 0]);
    expect(c.missing).toBe(2);
  });

  it("is monotone in the score, covers the scores with its bounds, and its counts add up", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const scores = Array.from({length: 40}, () => (random() < 0.1 ? null : (random() - 0.4) * 3));
      const c = scoreClasses(scores, 9);
      const present = scores.map((s, i) => ({s, k: c.classOf[i]!})).filter((x): x is {s: number; k: number} => x.s !== null);
      present.sort((a, b) => a.s - b.s);
      for (let i = 1; i < present.length; i++) expect(present[i]!.k).toBeGreaterThanOrEqual(present[i - 1]!.k);
      for (const {s, k} of present) {
        const [from, to] = c.bounds[k]!;
        expect(s).toBeGreaterThanOrEqual(from - 1e-12);
        expect(s).toBeLessThanOrEqual(to + 1e-12);
      }
      expect(c.counts.reduce((a, b) => a + b, 0) + c.missing).toBe(scores.length);
    }
  });

  it("rejects a class count that is not a whole number from 1 to 127", () => {
    for (const bad of [0, -1, 2.5, 128, Number.NaN]) expect(() => scoreClasses([1], bad)).toThrow(/count must be an integer/);
  });

  it("scoreClass clamps scores beyond the extent to the end classes", () => {
    expect(scoreClass(5, 2, 9)).toBe(8);
    expect(scoreClass(-5, 2, 9)).toBe(0);
    expect(scoreClass(0, 2, 9)).toBe(4);
  });
});
