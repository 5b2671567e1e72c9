/**
 * The seeded pseudo-random generator of the engine, the tests and the
 * benchmarks: mulberry32 (32-bit state, period 2^32). Only integer arithmetic
 * (`Math.imul`, shifts) and one division by 2^32, so the same seed gives the
 * same sequence in Node and in every browser.
 */

/** A generator of uniform numbers in [0, 1) from a 32-bit seed (taken modulo 2^32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
