/**
 * The scoring model: which KPIs, in which dimension, in which direction and
 * with which weight. Models are JSON files in `data/models/`; this module is the
 * one place that says what a valid model is. Shared by loaders, CLI and pages.
 */
import {z} from "zod";

export const DIRECTIONS = ["higher_better", "lower_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A weight: a finite number >= 0 (shared by models and weights files). */
export const WeightSchema = z
  // zod 4 rejects ±Infinity (JSON 1e400) and NaN as "not a number" (so no finiteness check follows): say what is wrong.
  .number({error: (issue) => (typeof issue.input === "number" && !Number.isNaN(issue.input) ? "must be a finite number" : "must be a number")})
  .refine((w) => w >= 0, {message: "must not be negative"});

export const DimensionSchema = z.object({
  id: z.string().min(1, {message: "must not be empty"}),
  label: z.string().min(1, {message: "must not be empty"}),
  weight: WeightSchema,
  description: z.string().optional()
});

export const IndicatorSchema = z.object({
  kpi: z.string().regex(/^[A-Z][0-9A-Z]{5,}$/, {message: "must be a Kolada KPI id such as N15428"}),
  dimension: z.string().min(1, {message: "must not be empty"}),
  direction: z.enum(DIRECTIONS, {error: `must be "higher_better" or "lower_better"`}),
  weight: WeightSchema,
  title: z.string().optional(),
  note: z.string().optional()
});

export const ModelSchema = z
  .object({
    name: z.string().min(1, {message: "must not be empty"}),
    description: z.string().optional(),
    /** "proposal" marks a model that is not an adopted SKR model; the UI says so. */
    status: z.enum(["proposal", "adopted", "scenario"]).optional(),
    dimensions: z.array(DimensionSchema).min(1, {message: "must list at least one dimension"}),
    indicators: z.array(IndicatorSchema).min(1, {message: "must list at least one indicator"})
  })
  .superRefine((model, ctx) => {
    const ids = new Set<string>();
    model.dimensions.forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({code: "custom", path: ["dimensions", i, "id"], message: `duplicate dimension "${d.id}"`});
      ids.add(d.id);
    });
    const kpis = new Set<string>();
    model.indicators.forEach((ind, i) => {
      if (!ids.has(ind.dimension)) {
        ctx.addIssue({
          code: "custom",
          path: ["indicators", i, "dimension"],
          message: `unknown dimension "${ind.dimension}" (known: ${[...ids].join(", ")})`
        });
      }
      if (kpis.has(ind.kpi)) ctx.addIssue({code: "custom", path: ["indicators", i, "kpi"], message: `duplicate KPI "${ind.kpi}"`});
      kpis.add(ind.kpi);
    });
  });

export type Dimension = z.infer<typeof DimensionSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Model = z.infer<typeof ModelSchema>;

/** A model that failed validation; `issues` name each offending field. */
export class ModelError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[]
  ) {
    super(`Invalid model ${source}:\n  - ${issues.join("\n  - ")}`);
    this.name = "ModelError";
  }
}

/** Formats a zod issue path as `indicators[3].direction`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(model)";
}

/**
 * Validates an already-parsed JSON value as a model. Throws a {@link ModelError}
 * naming every offending field (e.g. `indicators[2].weight: must not be negative`).
 */
export function parseModel(json: unknown, source = "model"): Model {
  const result = ModelSchema.safeParse(json);
  if (result.success) return result.data;
  throw new ModelError(
    source,
    result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
  );
}

/** Parses model JSON text; a syntax error is a {@link ModelError} too. */
export function parseModelText(text: string, source = "model"): Model {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseModel(json, source);
}

/**
 * Checks a valid model against the KPIs present in the data. A KPI the data
 * lacks is an error naming the indicator, never a silently empty column.
 */
export function checkModelKpis(model: Model, availableKpis: ReadonlySet<string>, source = "model"): void {
  const issues: string[] = [];
  model.indicators.forEach((ind, i) => {
    if (!availableKpis.has(ind.kpi)) issues.push(`indicators[${i}].kpi: KPI "${ind.kpi}" is missing from the data`);
  });
  if (issues.length) throw new ModelError(source, issues);
}

/** Direction as a sign: +1 for higher_better, -1 for lower_better. */
export function directionSign(direction: Direction): 1 | -1 {
  return direction === "higher_better" ? 1 : -1;
}
