/** The engine's generator is mulberry32 exactly (engine/random.ts): seeded runs must reproduce across versions. */
import {describe, expect, it} from "vitest";
import {mulberry32} from "../../src/engine/random.js";

/** Tommy Ettinger's C reference of mulberry32, in BigInt arithmetic modulo 2^32: the 32-bit outputs. */
function reference(seed: number, count: number): number[] {
  const mask = (1n << 32n) - 1n;
  let x = BigInt(seed) & mask;
  const out: number[] = [];
  for (let j = 0; j < count; j++) {
    x = (x + 0x6d2b79f5n) & mask;
    let z = x;
    z = ((z ^ (z >> 15n)) * (z | 1n)) & mask;
    z = (z ^ ((z + (z ^ (z >> 7n)) * (z | 61n)) & mask)) & mask;
    out.push(Number(z ^ (z >> 14n)));
  }
  return out;
}

describe("mulberry32", () => {
  it("gives the known first outputs for seed 1 (0.6270739405881613 …)", () => {
    const g = mulberry32(1);
    const first = Array.from({length: 5}, () => g() * 2 ** 32);
    expect(first).toEqual([2693262067, 11749833, 2265367787, 4213581821, 4159151403]);
    expect(mulberry32(1)()).toBe(0.6270739405881613);
  });

  it("matches the C reference (BigInt modulo 2^32) for several seeds, including 0 and 2^32 − 1", () => {
    for (const seed of [0, 1, 7, 42, 123456789, 2 ** 31, 4294967295]) {
      const g = mulberry32(seed);
      expect(Array.from({length: 50}, () => g() * 2 ** 32)).toEqual(reference(seed, 50));
    }
  });

  it("takes the seed modulo 2^32", () => {
    const a = mulberry32(5);
    const b = mulberry32(5 + 2 ** 32);
    expect(Array.from({length: 3}, () => b())).toEqual(Array.from({length: 3}, () => a()));
  });
});
