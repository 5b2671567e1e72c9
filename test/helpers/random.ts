/** Deterministic pseudo-random numbers for tests and benchmarks: the engine's mulberry32. */
export {mulberry32 as rng, mulberry32} from "../../src/engine/random.ts";
