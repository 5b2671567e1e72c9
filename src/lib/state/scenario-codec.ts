/**
 * Scenarios: the whole state of a ranking page (Nominering or
 * Utvecklingskommun) saved under a name, with the full model it ranked. This
 * module is the one place that says what a valid scenario and a valid
 * scenario file are (zod), and formats every problem in Swedish naming the
 * scenario and the field. Pure; no DOM, no storage (scenario-store.ts keeps
 * them in localStorage).
 *
 * A scenario is `{name, page, model, settings, saved}`:
 * - `page`: "nominering" or "utveckling", the page it was saved on;
 * - `model`: the full model (ModelSchema) the page ranked with, as it was;
 * - `settings`: the page's URL state, the parameters of its link but the
 *   edited model (`model` is the preset id the model is or started from,
 *   `dw`/`w` the weights in model order; a weight absent from a file keeps
 *   the model's own, as in a link). When `model` differs from that preset,
 *   the link carries it as the pages' `edited` parameter (model-codec.ts);
 * - `saved`: when it was saved (ISO 8601, UTC).
 * A weight follows the link's rule (0–5, the sliders' range, or the model's
 * own weight), so every valid scenario is a link that reproduces it.
 *
 * The file (export, import, and the localStorage entry) is
 * `{format: "kvalitetskommun-scenarier", version: 1, scenarios: [...]}`;
 * names are unique within it.
 */
import {z} from "zod";
import {AGGREGATIONS, IMPROVEMENT_METHODS, ModelSchema, NORMALISATIONS, type Model} from "../../engine/index.js";
import {SCOPES, WEIGHT_RANGE} from "./ranking-state.js";

export const SCENARIO_FILE_FORMAT = "kvalitetskommun-scenarier";
export const SCENARIO_FILE_VERSION = 1;
/** Longest scenario name. */
export const MAX_SCENARIO_NAME = 80;
export const SCENARIO_PAGES = ["nominering", "utveckling"] as const;
export type ScenarioPage = (typeof SCENARIO_PAGES)[number];

const weight = z.number().refine((w) => w >= 0, {message: "får inte vara negativ"});
const year = z.int();

/** The parameters both ranking pages share (ranking-state.ts CommonState), in the links' order. */
const commonShape = {
  scope: z.enum(SCOPES),
  top: z.int().min(1).max(290),
  lan: z.array(z.string()),
  grupp: z.array(z.string()),
  dw: z.record(z.string(), weight),
  w: z.record(z.string(), weight),
  rader: z.enum(["topp", "alla"])
};

/** Nominering's URL state (nomination-state.ts), parameter by parameter. */
export const NominationSettingsSchema = z.strictObject({
  model: z.string().min(1),
  year,
  norm: z.enum(NORMALISATIONS),
  agg: z.enum(AGGREGATIONS),
  wins: z.boolean(),
  ...commonShape
});

/** Utvecklingskommun's URL state (improvement-state.ts). */
export const ImprovementSettingsSchema = z.strictObject({
  model: z.string().min(1),
  year,
  window: z.literal([3, 4]),
  method: z.enum(IMPROVEMENT_METHODS),
  steady: z
    .number()
    .min(0)
    .max(1)
    .refine((s) => Math.abs(s / 0.05 - Math.round(s / 0.05)) < 1e-9, {message: "ska vara ett tal 0–1 i steg om 0,05"}),
  agg: z.enum(AGGREGATIONS),
  wins: z.boolean(),
  ...commonShape
});

export type NominationSettings = z.infer<typeof NominationSettingsSchema>;
export type ImprovementSettings = z.infer<typeof ImprovementSettingsSchema>;

const name = z.string().trim().min(1).max(MAX_SCENARIO_NAME);
const saved = z.iso.datetime();

/** Weights in model order, every id present (an absent one takes the model's weight); unknown ids and weights a link cannot carry are issues. */
function checkedWeights(
  given: Record<string, number>,
  items: readonly {id: string; weight: number}[],
  field: "dw" | "w",
  what: string,
  ctx: z.RefinementCtx
): Record<string, number> {
  const known = new Map(items.map((i) => [i.id, i.weight]));
  for (const [id, w] of Object.entries(given)) {
    if (!known.has(id)) ctx.addIssue({code: "custom", path: ["settings", field, id], message: `okänd ${what} (modellen har: ${[...known.keys()].join(", ")})`});
    else if (w > WEIGHT_RANGE.max && w !== known.get(id)) ctx.addIssue({code: "custom", path: ["settings", field, id], message: `ska vara högst ${WEIGHT_RANGE.max} (reglagens gräns) eller modellens egen vikt ${known.get(id)}`});
  }
  return Object.fromEntries(items.map((i) => [i.id, Object.hasOwn(given, i.id) ? given[i.id]! : i.weight]));
}

function withModelWeights<S extends {model: Model; settings: {dw: Record<string, number>; w: Record<string, number>}}>(scenario: S, ctx: z.RefinementCtx): S {
  const {model, settings} = scenario;
  const dw = checkedWeights(settings.dw, model.dimensions, "dw", "dimension", ctx);
  const w = checkedWeights(
    settings.w,
    model.indicators.map((i) => ({id: i.kpi, weight: i.weight})),
    "w",
    "KPI",
    ctx
  );
  return {...scenario, settings: {...settings, dw, w}};
}

export const ScenarioSchema = z
  .discriminatedUnion("page", [
    z.strictObject({name, page: z.literal("nominering"), model: ModelSchema, settings: NominationSettingsSchema, saved}),
    z.strictObject({name, page: z.literal("utveckling"), model: ModelSchema, settings: ImprovementSettingsSchema, saved})
  ])
  .transform((scenario, ctx) => withModelWeights(scenario, ctx));

export type Scenario = z.output<typeof ScenarioSchema>;
export type NominationScenario = Extract<Scenario, {page: "nominering"}>;
export type ImprovementScenario = Extract<Scenario, {page: "utveckling"}>;

export interface ScenarioFile {
  format: typeof SCENARIO_FILE_FORMAT;
  version: typeof SCENARIO_FILE_VERSION;
  scenarios: Scenario[];
}

const FileEnvelopeSchema = z.strictObject({
  format: z.literal(SCENARIO_FILE_FORMAT),
  version: z.literal(SCENARIO_FILE_VERSION),
  scenarios: z.array(z.unknown())
});

// Messages ---------------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  string: "en text",
  number: "ett tal",
  int: "ett heltal",
  boolean: "true eller false",
  array: "en lista",
  object: "ett objekt",
  record: "ett objekt"
};

/** Swedish text for zod's own issues (the schema's custom messages are used as they are). */
function swedishIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "saknas";
      if (issue.expected === "int" && Number.isFinite(issue.input)) return "ska vara ett heltal";
      if (issue.expected === "number" || issue.expected === "int") return typeof issue.input === "number" ? "ska vara ett ändligt tal" : "ska vara ett tal";
      return `ska vara ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1 ? `ska vara ${JSON.stringify(issue.values[0])}` : `ska vara ett av ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "får inte vara tomt" : `ska ha minst ${issue.minimum} tecken`;
      if (issue.origin === "array") return `ska ha minst ${issue.minimum} element`;
      return `ska vara minst ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `får ha högst ${issue.maximum} tecken`;
      if (issue.origin === "array") return `får ha högst ${issue.maximum} element`;
      return `ska vara högst ${issue.maximum}`;
    case "unrecognized_keys":
      return `${issue.keys.length > 1 ? "okända fält" : "okänt fält"} ${issue.keys.map((k) => `”${k}”`).join(", ")}`;
    case "invalid_format":
      return issue.format === "datetime" ? "ska vara datum och tid i UTC (ISO 8601, t.ex. 2026-12-01T09:30:00.000Z)" : "har fel format";
    case "invalid_union":
      return "discriminator" in issue && issue.discriminator === "page" ? `ska vara ”nominering” eller ”utveckling”` : "ogiltigt värde";
    default:
      return undefined;
  }
}

/** The model schema's English messages (engine/model.ts, shared with the CLI) in Swedish. */
const MODEL_MESSAGES: [RegExp, string][] = [
  [/^must not be empty$/, "får inte vara tomt"],
  [/^must be a finite number$/, "ska vara ett ändligt tal"],
  [/^must be a number$/, "ska vara ett tal"],
  [/^must not be negative$/, "får inte vara negativ"],
  [/^must list at least one dimension$/, "ska ha minst en dimension"],
  [/^must list at least one indicator$/, "ska ha minst ett nyckeltal"],
  [/^must be a Kolada KPI id such as N15428$/, "ska vara ett nyckeltals-id i Kolada, t.ex. N15428"],
  [/^must be "higher_better" or "lower_better"$/, "ska vara ”higher_better” eller ”lower_better”"],
  [/^duplicate dimension "(.*)"$/, "dimensionen ”$1” finns två gånger"],
  [/^unknown dimension "(.*)" \(known: (.*)\)$/, "okänd dimension ”$1” (modellen har: $2)"],
  [/^duplicate KPI "(.*)"$/, "nyckeltalet ”$1” finns två gånger"]
];

function inSwedish(message: string): string {
  for (const [pattern, swedish] of MODEL_MESSAGES) if (pattern.test(message)) return message.replace(pattern, swedish);
  return message;
}

/** `settings.dw.effekt`, `model.indicators[3].weight`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out;
}

function issueText(issue: z.core.$ZodIssue): string {
  const field = fieldPath(issue.path);
  return `${field ? `${field}: ` : ""}${inSwedish(issue.message)}`;
}

/** "Scenario 2 (”Effekt dubbelt”)": how a message names a scenario (1-based position, and its name when it has one). */
export function scenarioLabel(index: number, raw: unknown): string {
  const n = raw !== null && typeof raw === "object" ? (raw as {name?: unknown}).name : undefined;
  return typeof n === "string" && n.trim() ? `Scenario ${index + 1} (”${n.trim().slice(0, MAX_SCENARIO_NAME)}”)` : `Scenario ${index + 1}`;
}

// Parsing ----------------------------------------------------------------------------------

/** One scenario, or the problems that make it invalid (each naming the field). */
export function parseScenario(raw: unknown): {scenario: Scenario} | {problems: string[]} {
  const result = ScenarioSchema.safeParse(raw, {error: swedishIssue});
  return result.success ? {scenario: result.data} : {problems: result.error.issues.map(issueText)};
}

export interface InvalidEntry {
  /** Position in the list (0-based). */
  index: number;
  /** The entry as it was. */
  raw: unknown;
  /** "Scenario 3 (”X”): settings.top: ska vara högst 290". */
  message: string;
}

/**
 * Validates a list of scenarios one by one: the valid ones, and each invalid
 * one with a message naming it and its fields. A name used by an earlier
 * scenario of the list makes the later one invalid.
 */
export function parseScenarioEntries(entries: readonly unknown[]): {valid: Scenario[]; invalid: InvalidEntry[]} {
  const valid: Scenario[] = [];
  const invalid: InvalidEntry[] = [];
  const names = new Map<string, number>();
  entries.forEach((raw, index) => {
    const parsed = parseScenario(raw);
    const problems = "problems" in parsed ? parsed.problems : [];
    if ("scenario" in parsed) {
      const first = names.get(parsed.scenario.name);
      if (first !== undefined) problems.push(`name: namnet används redan av scenario ${first + 1}`);
    }
    if (problems.length || !("scenario" in parsed)) {
      invalid.push({index, raw, message: `${scenarioLabel(index, raw)}: ${problems.join("; ")}`});
      return;
    }
    names.set(parsed.scenario.name, index);
    valid.push(parsed.scenario);
  });
  return {valid, invalid};
}

/** The envelope of a scenario file (or the storage entry): its scenario entries, unchecked, or what is wrong with it. */
export function parseEnvelope(text: string): {entries: unknown[]} | {error: string} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {error: `Filen är inte giltig JSON (${(error as Error).message}).`};
  }
  const result = FileEnvelopeSchema.safeParse(json, {error: swedishIssue});
  if (!result.success) return {error: `Filen är ingen scenariofil: ${result.error.issues.map(issueText).join("; ")}.`};
  return {entries: result.data.scenarios};
}

/**
 * A whole scenario file: every scenario valid, or every problem (each naming
 * the scenario and the field). Nothing is partly accepted.
 */
export function parseScenarioFile(text: string): {scenarios: Scenario[]} | {errors: string[]} {
  const envelope = parseEnvelope(text);
  if ("error" in envelope) return {errors: [envelope.error]};
  const {valid, invalid} = parseScenarioEntries(envelope.entries);
  return invalid.length ? {errors: invalid.map((i) => i.message)} : {scenarios: valid};
}

/** The file text of a list of scenarios (export and storage): stable key order, two-space indent. */
export function scenarioFileText(scenarios: readonly Scenario[]): string {
  const file: ScenarioFile = {format: SCENARIO_FILE_FORMAT, version: SCENARIO_FILE_VERSION, scenarios: [...scenarios]};
  return `${JSON.stringify(file, null, 2)}\n`;
}

// Against the data -------------------------------------------------------------------------

/** What the loaded data offers: a scenario must stay inside it to be ranked. */
export interface ScenarioContext {
  years: readonly number[];
  kpis: ReadonlySet<string>;
  counties: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/**
 * Problems that keep a structurally valid scenario from being ranked with
 * this data (a KPI or year the data lacks, an unknown county or group), each
 * naming the field. Empty when it can be ranked.
 */
export function scenarioDataProblems(s: Scenario, ctx: ScenarioContext): string[] {
  const problems: string[] = [];
  const first = ctx.years[0]!;
  const last = ctx.years.at(-1)!;
  const from = s.page === "utveckling" ? first + 2 : first;
  if (s.settings.year < from || s.settings.year > last) problems.push(`settings.year: ${s.settings.year} finns inte i data (${from}–${last})`);
  s.model.indicators.forEach((ind, i) => {
    if (!ctx.kpis.has(ind.kpi)) problems.push(`model.indicators[${i}].kpi: nyckeltalet ${ind.kpi} finns inte i data`);
  });
  const unknown = (ids: readonly string[], known: ReadonlySet<string>) => ids.filter((id) => !known.has(id));
  const lan = unknown(s.settings.lan, ctx.counties);
  if (lan.length) problems.push(`settings.lan: okänt län ${lan.join(", ")}`);
  const grupp = unknown(s.settings.grupp, ctx.groups);
  if (grupp.length) problems.push(`settings.grupp: okänd kommungrupp ${grupp.join(", ")}`);
  return problems;
}

/** The next free default name: "Scenario 1", "Scenario 2", …. */
export function nextScenarioName(scenarios: readonly {name: string}[]): string {
  const names = new Set(scenarios.map((s) => s.name));
  let n = scenarios.length + 1;
  while (names.has(`Scenario ${n}`)) n++;
  return `Scenario ${n}`;
}

/** True when two scenarios hold the same content (the stored JSON is compared). */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A scenario from a ranking page's current state: its name, page, the model
 * it ranks with and its URL state, validated like an imported one.
 */
export function makeScenario(
  name: string,
  page: ScenarioPage,
  model: Model,
  settings: (NominationSettings | ImprovementSettings) & {edited?: Model | null},
  saved: Date
): {scenario: Scenario} | {problems: string[]} {
  // The page's `edited` model is the scenario's `model` (the link writes it again when it differs from the preset).
  const {edited: _edited, ...urlSettings} = settings;
  return parseScenario({name, page, model, settings: urlSettings, saved: saved.toISOString()});
}
