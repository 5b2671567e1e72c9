/**
 * Weights files, workshop proposals and pooling them into one model.
 *
 * A weights file (and a workshop proposal) is
 * `{"name"?: string, "workshop"?: string, "dimensions"?: {id: weight}, "indicators"?: {kpi: weight}}`.
 * `workshop` is the workshop id a proposal file from the Workshop page carries;
 * `rank --weights` and `pool` ignore it. Validation is against a model: an id
 * the model lacks, a negative or a non-finite weight is an error naming the
 * field (`dimensions.effekt: must not be negative`). An id the file leaves out
 * keeps the model's weight (as everywhere in the engine).
 *
 * **Normalising a proposal** (after applying it to the model): dimension weights
 * are divided by their sum, and within each dimension the KPI weights by their
 * sum, so both sum to 1. The ranking does not change: the aggregation divides by
 * these sums itself, and which weights are 0 stays the same.
 * - Every dimension weight 0: the proposal is rejected (it ranks nobody).
 * - Every KPI of a dimension 0 while the dimension's weight is above 0: rejected
 *   (it ranks nobody). When the dimension's weight is 0 too, its KPI weights
 *   stay 0: that proposal switched the whole dimension off.
 *
 * **Pooling** n proposals, per weight over the normalised proposals:
 * - `mean`: the arithmetic mean. Dimension weights still sum to 1; a dimension's
 *   KPI weights sum to the share of proposals that did not switch it off.
 * - `median`: the median (the mean of the two middle values for even n). Not
 *   renormalised: the pooled weights are exactly the medians and need not sum
 *   to 1; the ranking is the same as for the renormalised weights.
 * - `geomean`: the geometric mean (x1 · … · xn)^(1/n), then renormalised: the
 *   dimension weights to sum 1, each dimension's KPI weights to sum 1 (a
 *   dimension whose KPI geometric means are all 0 keeps 0s). A weight that
 *   any proposal sets to 0 pools to 0: under the geometric mean one 0 is a veto.
 *   Every dimension vetoed is an error.
 * A pooled model that would rank nobody (a dimension above 0 whose KPIs all
 * pool to 0, possible with median and geomean) is an error naming the dimension.
 */
import {z} from "zod";
import {formatPath, WeightSchema, type Model} from "./model.js";
import {median} from "./stats.js";
import type {Weights} from "./types.js";

export const WeightsFileSchema = z.strictObject(
  {
    name: z.string().optional(),
    workshop: z.string().optional(),
    dimensions: z.record(z.string(), WeightSchema, {error: "must be an object of dimension id: weight"}).optional(),
    indicators: z.record(z.string(), WeightSchema, {error: "must be an object of KPI id: weight"}).optional()
  },
  {error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field (allowed: name, dimensions, indicators, workshop)` : "must be an object")}
);

export type WeightsFile = z.infer<typeof WeightsFileSchema>;

/** A weights file or proposal that failed validation, or that cannot be normalised or pooled; `issues` name each field. */
export class WeightsError extends Error {
  /**
   * @param otherModel the file is well-formed but names dimensions or KPIs the
   *   model lacks: most likely a file made for another model (the workshop says so).
   */
  constructor(
    readonly source: string,
    readonly issues: string[],
    readonly otherModel = false
  ) {
    super(`Invalid weights ${source}:\n  - ${issues.join("\n  - ")}`);
    this.name = "WeightsError";
  }
}

/**
 * Validates a parsed JSON value as a weights file for `model`. Throws a
 * {@link WeightsError} naming every offending field.
 */
export function parseWeights(json: unknown, model: Model, source = "weights"): WeightsFile {
  const result = WeightsFileSchema.safeParse(json);
  if (!result.success) {
    throw new WeightsError(
      source,
      result.error.issues.map((issue) => {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        const where = keys.length ? keys.join(", ") : formatPath(issue.path).replace("(model)", "(file)");
        return `${where}: ${issue.message}`;
      })
    );
  }
  const file = result.data;
  const issues: string[] = [];
  const dimensionIds = model.dimensions.map((d) => d.id);
  const kpis = new Set(model.indicators.map((i) => i.kpi));
  for (const id of Object.keys(file.dimensions ?? {})) {
    if (!dimensionIds.includes(id)) issues.push(`dimensions.${id}: unknown dimension for model "${model.name}" (known: ${dimensionIds.join(", ")})`);
  }
  for (const kpi of Object.keys(file.indicators ?? {})) {
    if (!kpis.has(kpi)) issues.push(`indicators.${kpi}: KPI not in model "${model.name}"`);
  }
  if (issues.length) throw new WeightsError(source, issues, true);
  return file;
}

/** Parses weights-file JSON text; a syntax error is a {@link WeightsError} too. */
export function parseWeightsText(text: string, model: Model, source = "weights"): WeightsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WeightsError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseWeights(json, model, source);
}

/** The model with the file's weights; ids the file leaves out keep the model's weight. Assumes a validated file. */
export function applyWeights(model: Model, weights: Partial<Pick<WeightsFile, "dimensions" | "indicators">>): Model {
  const dims = weights.dimensions ?? {};
  const inds = weights.indicators ?? {};
  return {
    ...model,
    dimensions: model.dimensions.map((d) => (Object.hasOwn(dims, d.id) ? {...d, weight: dims[d.id]!} : {...d})),
    indicators: model.indicators.map((i) => (Object.hasOwn(inds, i.kpi) ? {...i, weight: inds[i.kpi]!} : {...i}))
  };
}

/**
 * A proposal's weights normalised (see the module comment), every dimension and
 * KPI of the model present, in model order. Throws a {@link WeightsError} for a
 * proposal that ranks nobody.
 */
export function normaliseWeights(model: Model, weights: Partial<Pick<WeightsFile, "dimensions" | "indicators">> = {}, source = "weights"): Weights {
  const applied = applyWeights(model, weights);
  const dimSum = applied.dimensions.reduce((s, d) => s + d.weight, 0);
  if (!(dimSum > 0)) throw new WeightsError(source, ["dimensions: every dimension weight is 0; at least one must be above 0"]);
  const dimensions: Record<string, number> = {};
  for (const d of applied.dimensions) dimensions[d.id] = d.weight / dimSum;
  const kpiSum = new Map<string, number>();
  for (const i of applied.indicators) kpiSum.set(i.dimension, (kpiSum.get(i.dimension) ?? 0) + i.weight);
  const issues: string[] = [];
  for (const d of applied.dimensions) {
    if (d.weight > 0 && !((kpiSum.get(d.id) ?? 0) > 0)) {
      issues.push(`indicators: every KPI of dimension "${d.id}" has weight 0 while the dimension's weight is above 0 (nobody could be ranked)`);
    }
  }
  if (issues.length) throw new WeightsError(source, issues);
  const indicators: Record<string, number> = {};
  for (const i of applied.indicators) {
    const s = kpiSum.get(i.dimension)!;
    indicators[i.kpi] = s > 0 ? i.weight / s : 0;
  }
  return {dimensions, indicators};
}

export const POOL_METHODS = ["mean", "median", "geomean"] as const;
export type PoolMethod = (typeof POOL_METHODS)[number];

/** Swedish names of the methods, for the UI and the pooled model's name. */
export const POOL_METHOD_LABELS: Record<PoolMethod, string> = {
  mean: "medelvärde",
  median: "median",
  geomean: "geometriskt medelvärde"
};

/** A proposal to pool: its weights and, optionally, who made it. */
export interface Proposal {
  name?: string | undefined;
  dimensions?: Record<string, number> | undefined;
  indicators?: Record<string, number> | undefined;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}


/** (x1 · … · xn)^(1/n), taken as exp(mean log x); 0 when any x is 0. */
function geomean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) {
    if (x === 0) return 0;
    s += Math.log(x);
  }
  return Math.exp(s / xs.length);
}

/** median (stats.ts): the middle value, or the mean of the two middle values. */
const AGGREGATE: Record<PoolMethod, (xs: readonly number[]) => number> = {mean, median, geomean};

/** Label of the i-th proposal in messages: its name, else "förslag i+1". */
export function proposalLabel(p: Proposal, i: number): string {
  return p.name?.trim() ? p.name.trim() : `förslag ${i + 1}`;
}

/**
 * Pooled weights of the proposals (see the module comment), every dimension
 * and KPI of the model present. Throws a {@link WeightsError} naming the
 * proposal that cannot be normalised, or the dimension the pool leaves empty.
 */
export function pooledWeights(model: Model, proposals: readonly Proposal[], method: PoolMethod): Weights {
  if (!POOL_METHODS.includes(method)) throw new WeightsError("pool", [`method must be one of ${POOL_METHODS.join(", ")} (got "${method}")`]);
  if (proposals.length === 0) throw new WeightsError("pool", ["no proposals to pool"]);
  const normalised = proposals.map((p, i) => normaliseWeights(model, p, proposalLabel(p, i)));
  const agg = AGGREGATE[method];
  const dimensions: Record<string, number> = {};
  for (const d of model.dimensions) dimensions[d.id] = agg(normalised.map((n) => n.dimensions[d.id]!));
  const indicators: Record<string, number> = {};
  for (const i of model.indicators) indicators[i.kpi] = agg(normalised.map((n) => n.indicators[i.kpi]!));
  if (method === "geomean") {
    const dimSum = model.dimensions.reduce((s, d) => s + dimensions[d.id]!, 0);
    if (!(dimSum > 0)) throw new WeightsError("pool", ["geomean: every dimension has weight 0 in at least one proposal, so every geometric mean is 0; use mean or median"]);
    for (const d of model.dimensions) dimensions[d.id] = dimensions[d.id]! / dimSum;
    for (const d of model.dimensions) {
      const members = model.indicators.filter((i) => i.dimension === d.id);
      const s = members.reduce((t, i) => t + indicators[i.kpi]!, 0);
      if (s > 0) for (const i of members) indicators[i.kpi] = indicators[i.kpi]! / s;
    }
  }
  const issues: string[] = [];
  for (const d of model.dimensions) {
    const members = model.indicators.filter((i) => i.dimension === d.id);
    if (dimensions[d.id]! > 0 && !members.some((i) => indicators[i.kpi]! > 0)) {
      issues.push(`${method}: dimension "${d.id}" pools to weight ${dimensions[d.id]} but every KPI in it pools to 0, so nobody could be ranked; use mean`);
    }
  }
  if (issues.length) throw new WeightsError("pool", issues);
  return {dimensions, indicators};
}

/**
 * The model with the pooled weights of the proposals: a valid model (same
 * dimensions, KPIs, directions), status "scenario", named after the pool.
 */
export function poolProposals(model: Model, proposals: readonly Proposal[], method: PoolMethod): Model {
  const pooled = pooledWeights(model, proposals, method);
  const names = proposals.map(proposalLabel);
  const {status: _status, description: _description, ...rest} = model;
  return {
    ...rest,
    name: `${model.name} – poolade vikter (${POOL_METHOD_LABELS[method]}, ${proposals.length} förslag)`,
    description: `Vikter poolade ur ${proposals.length} förslag (${names.join(", ")}) med ${POOL_METHOD_LABELS[method]} av de normaliserade vikterna. Utgångsmodell: ${model.name}.`,
    status: "scenario",
    dimensions: model.dimensions.map((d) => ({...d, weight: pooled.dimensions[d.id]!})),
    indicators: model.indicators.map((i) => ({...i, weight: pooled.indicators[i.kpi]!}))
  };
}

/** Min, quartiles (linear interpolation between order statistics, as d3.quantile), median and max. */
export interface Spread {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

function quantileSorted(s: readonly number[], p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const a = s[lo]!;
  return lo + 1 < s.length ? a + (s[lo + 1]! - a) * (h - lo) : a;
}

/** The spread of one weight over the proposals (at least one value). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError("spread of no values");
  const s = [...values].sort((a, b) => a - b);
  return {min: s[0]!, q1: quantileSorted(s, 0.25), median: median(s), q3: quantileSorted(s, 0.75), max: s[s.length - 1]!};
}
