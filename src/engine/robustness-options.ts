/**
 * The settings of a robustness analysis as a user writes them (CLI flags,
 * URL parameters): what varies, the draws, the noise, the seed and the
 * bounds for best and worst rank. One parser per setting, shared by the
 * `robustness` command and the Robusthet page, so both accept and reject the
 * same text with the same message.
 */
import {MAX_DRAWS} from "./uncertainty.js";

/** What a Monte Carlo draw may vary; `--vary` and the page's `vary` parameter list these. */
export const VARY_OPTIONS = ["dimension_weights", "kpi_weights", "normalisation", "aggregation", "winsorise", "window", "method"] as const;
export type VaryOption = (typeof VARY_OPTIONS)[number];

/** The choices that apply to one kind only. */
export const NOMINATION_ONLY: readonly VaryOption[] = ["normalisation"];
export const IMPROVEMENT_ONLY: readonly VaryOption[] = ["window", "method"];

export const DEFAULT_VARY: readonly VaryOption[] = ["dimension_weights", "kpi_weights"];
export const DEFAULT_DRAWS = 1000;
export const DEFAULT_NOISE = 0.25;
export const DEFAULT_SEED = 1;
/** Dimension-weight bounds for best and worst rank, as factors of the model's weight. */
export const DEFAULT_BOUNDS: Bounds = {lo: 0.5, hi: 2};

/** Factor bounds on the dimension weights; `hi = Infinity` means any non-negative weight (then lo must be 0). */
export interface Bounds {
  lo: number;
  hi: number;
}

export type Parsed<T> = {value: T} | {error: string};

const PLAIN = /^\d+(\.\d+)?$/;

/** Draws: a whole number 1–20 000. */
export function parseDraws(text: string): Parsed<number> {
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= MAX_DRAWS ? {value: n} : {error: `draws must be a whole number from 1 to ${MAX_DRAWS} (got "${text}")`};
}

/** The noise f of the weight multipliers U(1 − f, 1 + f): 0–1. */
export function parseNoise(text: string): Parsed<number> {
  const f = Number(text);
  return PLAIN.test(text) && f >= 0 && f <= 1 ? {value: f} : {error: `noise must be a number from 0 to 1 (got "${text}")`};
}

/** A seed: a whole number 0 – 2^32 − 1. */
export function parseSeed(text: string): Parsed<number> {
  const n = Number(text);
  return /^\d+$/.test(text) && n <= 0xffffffff ? {value: n} : {error: `seed must be a whole number from 0 to 4294967295 (got "${text}")`};
}

/** A comma-separated list of {@link VARY_OPTIONS}; empty means nothing varies. */
export function parseVary(text: string): Parsed<VaryOption[]> {
  const items = text === "" ? [] : text.split(",").map((s) => s.trim());
  const unknown = items.filter((s) => !(VARY_OPTIONS as readonly string[]).includes(s));
  if (unknown.length) return {error: `unknown --vary value ${unknown.map((u) => `"${u}"`).join(", ")} (allowed: ${VARY_OPTIONS.join(", ")})`};
  return {value: VARY_OPTIONS.filter((o) => items.includes(o))};
}

/**
 * Bounds "LO,HI": factors of the model's dimension weights, 0 ≤ LO ≤ HI; HI may
 * be "inf" (any non-negative weights; LO is then 0).
 */
export function parseBounds(text: string): Parsed<Bounds> {
  const parts = text.split(",");
  const bad = (why: string): Parsed<Bounds> => ({error: `bounds must be LO,HI with 0 ≤ LO ≤ HI${why} (got "${text}")`});
  if (parts.length !== 2) return bad("");
  const [loText, hiText] = parts.map((s) => s.trim()) as [string, string];
  if (!PLAIN.test(loText)) return bad(loText.startsWith("-") ? ": LO is negative" : "");
  const lo = Number(loText);
  if (hiText === "inf") return lo === 0 ? {value: {lo: 0, hi: Infinity}} : bad(": with HI = inf, LO must be 0");
  if (!PLAIN.test(hiText)) return bad(hiText.startsWith("-") ? ": HI is negative" : "");
  const hi = Number(hiText);
  if (lo > hi) return bad(": LO is above HI");
  if (!(hi > 0)) return bad(": HI must be above 0");
  return {value: {lo, hi}};
}

export function formatBounds(b: Bounds): string {
  return `${b.lo},${b.hi === Infinity ? "inf" : b.hi}`;
}

/** The vary options that apply to a kind (the others are dropped, with no error). */
export function varyForKind(vary: readonly VaryOption[], kind: "nomination" | "improvement"): VaryOption[] {
  const skip = kind === "nomination" ? IMPROVEMENT_ONLY : NOMINATION_ONLY;
  return vary.filter((v) => !skip.includes(v));
}
