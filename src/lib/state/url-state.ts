/**
 * Page state in the URL: every setting of a page is a query parameter, so a
 * link reproduces the exact view. Parsing never trusts the URL: an unknown or
 * invalid parameter is ignored (the default stays) and reported as a notice in
 * plain text, never rendered as HTML. Pure functions; no DOM.
 */

/** How one setting is read from and written to the query string. */
export interface Param<T> {
  /** The value when the parameter is absent or invalid. */
  default: T;
  /** Returns the value, or a short Swedish reason why `raw` is invalid. */
  parse(raw: string): {value: T} | {error: string};
  format(value: T): string;
  /** Leave the parameter out of a written query when it formats as "" (e.g. no edited model). */
  omitWhenEmpty?: boolean;
}

export type Spec<S> = {[K in keyof S]: Param<S[K]>};

export interface ParsedState<S> {
  state: S;
  /** One plain-text line per ignored parameter. */
  notices: string[];
}

/** Longest parameter text echoed back in a notice (a tampered URL can be long). */
const MAX_ECHO = 40;

function echo(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

/** The defaults of a spec. */
export function defaultState<S>(spec: Spec<S>): S {
  const state = {} as S;
  for (const key of Object.keys(spec) as (keyof S)[]) state[key] = spec[key].default;
  return state;
}

/** Reads a state from a query string; anything not understood becomes a notice. */
export function parseState<S>(search: string, spec: Spec<S>): ParsedState<S> {
  const params = new URLSearchParams(search);
  const state = defaultState(spec);
  const notices: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (seen.has(key)) {
      notices.push(`Parametern ”${echo(key)}” förekommer flera gånger; den första gäller.`);
      continue;
    }
    seen.add(key);
    if (!Object.hasOwn(spec, key)) {
      notices.push(`Okänd parameter ”${echo(key)}” ignorerades.`);
      continue;
    }
    const param = spec[key as keyof S];
    const result = param.parse(raw);
    if ("error" in result) notices.push(`Ogiltigt värde för ”${key}” (${echo(raw)}): ${result.error}. Standardvärdet används.`);
    else state[key as keyof S] = result.value;
  }
  return {state, notices};
}

/** Writes every setting of a state to a query string (without "?"), in spec order. */
export function formatState<S>(state: S, spec: Spec<S>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    const text = spec[key].format(state[key]);
    if (!(text === "" && spec[key].omitWhenEmpty)) params.set(key, text);
  }
  return params.toString();
}

/**
 * The same query without the settings that equal their defaults: shorter
 * (for a QR code), and read back as the same state, since an absent
 * parameter takes its default. `keep` names parameters always written.
 */
export function formatStateCompact<S>(state: S, spec: Spec<S>, keep: readonly (keyof S & string)[] = []): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    const text = spec[key].format(state[key]);
    if (text === "" && spec[key].omitWhenEmpty) continue;
    if (keep.includes(key) || text !== spec[key].format(spec[key].default)) params.set(key, text);
  }
  return params.toString();
}

// Parameter kinds ---------------------------------------------------------------------------

/** An on/off setting written as 1 or 0. */
export function flag(fallback: boolean): Param<boolean> {
  return {
    default: fallback,
    parse: (raw) => (raw === "1" ? {value: true} : raw === "0" ? {value: false} : {error: "ska vara 0 eller 1"}),
    format: (v) => (v ? "1" : "0")
  };
}

/** One of a fixed list of values. */
export function oneOf<T extends string>(values: readonly T[], fallback: T): Param<T> {
  return {
    default: fallback,
    parse: (raw) => ((values as readonly string[]).includes(raw) ? {value: raw as T} : {error: `ska vara ett av ${values.join(", ")}`}),
    format: (v) => v
  };
}

/** An integer in [min, max]. */
export function integer(fallback: number, min: number, max: number): Param<number> {
  return {
    default: fallback,
    parse: (raw) => {
      const n = Number(raw);
      return /^-?\d+$/.test(raw) && n >= min && n <= max ? {value: n} : {error: `ska vara ett heltal ${min}–${max}`};
    },
    format: (v) => String(v)
  };
}

/** A plain decimal number as a user would write it: no sign, exponent, hex or spaces. */
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** True when `v` is a whole number of `step`s (within rounding). */
function onStep(v: number, step: number): boolean {
  return Math.abs(v / step - Math.round(v / step)) < 1e-9;
}

/**
 * A non-negative number in [min, max] that is a whole number of `step`s: the
 * values its slider can take, so the slider and the state never disagree.
 */
export function decimal(fallback: number, min: number, max: number, step: number): Param<number> {
  return {
    default: fallback,
    parse: (raw) => {
      const n = Number(raw);
      return PLAIN_DECIMAL.test(raw) && n >= min && n <= max && onStep(n, step)
        ? {value: n}
        : {error: `ska vara ett tal ${min}–${max} i steg om ${step}`};
    },
    format: (v) => formatNumber(v)
  };
}

/** A subset of known ids, comma-separated (empty = none selected). */
export function idSet(known: readonly string[]): Param<string[]> {
  const knownSet = new Set(known);
  return {
    default: [],
    parse: (raw) => {
      const ids = raw === "" ? [] : raw.split(",");
      const unknown = ids.filter((id) => !knownSet.has(id));
      if (unknown.length) return {error: `okänt värde ${echo(unknown.join(","))}`};
      return {value: [...new Set(ids)]};
    },
    format: (ids) => ids.join(",")
  };
}

/** One known id, or "" for none. */
export function optionalId(known: readonly string[]): Param<string> {
  const knownSet = new Set(known);
  return {
    default: "",
    parse: (raw) => (raw === "" || knownSet.has(raw) ? {value: raw} : {error: "okänt värde"}),
    format: (v) => v
  };
}

/** What the weight sliders allow: 0 to `max` in steps of `step`. */
export interface WeightRange {
  max: number;
  step: number;
}

/**
 * Weights per id as `id:weight,id:weight`. The whole parameter is rejected if
 * any id is unknown or any weight is not a plain decimal from 0 to max (or
 * the id's default); ids not mentioned keep their default. Off-step weights
 * are accepted: the links Robusthet makes (a Monte Carlo draw, the weights of
 * a best or worst rank) carry exact weights that must reproduce their rank;
 * a slider shows the nearest step, the state keeps the exact value.
 */
export function weightMap(defaults: Readonly<Record<string, number>>, range: WeightRange): Param<Record<string, number>> {
  return {
    default: {...defaults},
    parse: (raw) => {
      const value: Record<string, number> = {...defaults};
      for (const part of raw === "" ? [] : raw.split(",")) {
        const [id, text, ...rest] = part.split(":");
        if (id === undefined || text === undefined || rest.length) return {error: `”${echo(part)}” ska ha formen id:vikt`};
        if (!Object.hasOwn(defaults, id)) return {error: `okänt id ${echo(id)}`};
        const w = Number(text);
        const ok = PLAIN_DECIMAL.test(text) && (w === defaults[id] || w <= range.max);
        if (!ok) return {error: `vikten för ${id} ska vara ett tal 0–${range.max}`};
        value[id] = w;
      }
      return {value};
    },
    format: (weights) =>
      Object.keys(defaults)
        .map((id) => `${id}:${formatNumber(weights[id] ?? defaults[id]!)}`)
        .join(",")
  };
}

/**
 * Short, exact decimal text for a number: the shortest text that reads back as
 * the same double ("1.5", "1.2345678901234567"), in plain decimals (no exponent).
 */
export function formatNumber(v: number): string {
  const text = String(v);
  if (!/e/i.test(text)) return text;
  // Tiny or huge: plain digits, trimmed (toFixed reads back exactly for the weights' range, 0-5).
  return v.toFixed(20).replace(/\.?0+$/, "");
}
