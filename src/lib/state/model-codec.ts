/**
 * An edited model in a link (the `edited` URL parameter; a preset stays
 * `model=<id>`). Pure: no DOM, no I/O.
 *
 * The text is `base64url(deflateRaw(utf8(JSON of a compact array)))`:
 *
 *     [1, name, [[id, label, weight, {d}?]…], [[kpi, dimension index, direction, weight, {t, n}?]…], {d, s}?]
 *
 * - direction is 1 for higher_better and 0 for lower_better; the dimension
 *   of a KPI is the index of the dimension in the array.
 * - Documentation travels only where it differs from its reference: the
 *   model's description (`d`) and status (`s`) from the preset the model
 *   started from (`model=`); a dimension's description (`d`) from the
 *   preset's dimension with that id; a KPI's title (`t`) and note (`n`) from
 *   the preset's indicator of that KPI or, for a KPI the preset lacks, the
 *   title from the KPI catalogue. A key present means "this value" (`null`:
 *   absent in the model); a key missing means "the reference's value". So a
 *   model the editor made from a preset carries no text but its name and
 *   dimension labels, and still decodes to exactly the same model, titles
 *   and notes included. Everything that changes a ranking (ids, dimensions,
 *   directions, weights, order) is always in the link.
 * - Why this form: JSON keeps the parser the standard one and the checks a
 *   zod schema; an array has no key names; deflate takes the repeated KPI id
 *   prefixes and JSON punctuation down (a 40-KPI model: ~870 bytes of JSON,
 *   ~390 deflated, ~520 characters of base64url); base64url needs no
 *   percent-encoding in a query. With titles the same model would need
 *   ~2 700 characters: too long for the 2 000-character bound of a link.
 * - Why a query parameter and not the fragment: every other setting of the
 *   page is in the query, read and written by one mechanism (url-state.ts),
 *   and the links that carry a page's settings on (Skapa rapport, a
 *   robustness draw) copy the query. The fragment's advantage, that it never
 *   reaches a server, matters little for a static site whose models are not
 *   secret.
 *
 * Reading is two steps, because a link's KPIs may not be loaded yet:
 * {@link readModelLink} checks the text and its structure and gives the
 * KPI ids; after the page has loaded their values (and so their catalogue
 * titles), {@link modelFromCompact} rebuilds the model and validates it with
 * ModelSchema. Every failure is a Swedish message naming what is wrong.
 */
import {z} from "zod";
import {ModelError, parseModel, type Dimension, type Indicator, type Model} from "../../engine/model.js";
import {deflateRaw, fromBase64Url, inflateRaw, InflateError, toBase64Url} from "../deflate.js";
import {swedishModelIssues} from "./model-errors.js";

/** The format version, the first element of the array. */
export const MODEL_LINK_VERSION = 1;

/** The longest model JSON a link may inflate to (a zip bomb stops here). */
const MAX_JSON_BYTES = 256 * 1024;

/** What documentation is compared with (see the module comment). */
export interface ModelReference {
  /** The preset the model started from. */
  preset: Model;
  /** The KPI catalogue's title of a KPI, if the page knows it. */
  titleOf(kpi: string): string | undefined;
}

/** A documentation field: a key present overrides the reference (`null` = absent). */
const override = z.string().nullable().optional();

const direction = z.union([z.literal(0), z.literal(1)]);
const CompactDimensionSchema = z.tuple([z.string(), z.string(), z.number(), z.strictObject({d: override}).optional()]);
const CompactIndicatorSchema = z.tuple([z.string(), z.int().min(0), direction, z.number(), z.strictObject({t: override, n: override}).optional()]);
const CompactModelSchema = z.tuple([
  z.literal(MODEL_LINK_VERSION),
  z.string(),
  z.array(CompactDimensionSchema),
  z.array(CompactIndicatorSchema),
  z.strictObject({d: override, s: override}).optional()
]);

export type CompactModel = z.infer<typeof CompactModelSchema>;

/** The reference's documentation of one dimension and one KPI. */
function references(ref: ModelReference) {
  const dimensions = new Map(ref.preset.dimensions.map((d) => [d.id, d]));
  const indicators = new Map(ref.preset.indicators.map((i) => [i.kpi, i]));
  return {
    dimensionDescription: (id: string) => dimensions.get(id)?.description,
    title: (kpi: string) => (indicators.has(kpi) ? indicators.get(kpi)!.title : ref.titleOf(kpi)),
    note: (kpi: string) => indicators.get(kpi)?.note
  };
}

/** The overrides of the fields whose value differs from the reference's; undefined when none does. */
function overrides(fields: Record<string, [value: string | undefined, reference: string | undefined]>): Record<string, string | null> | undefined {
  const out: Record<string, string | null> = {};
  for (const [key, [value, reference]] of Object.entries(fields)) if (value !== reference) out[key] = value ?? null;
  return Object.keys(out).length ? out : undefined;
}

/** The compact array of a valid model. */
export function toCompact(model: Model, ref: ModelReference): CompactModel {
  const refs = references(ref);
  const dimensionIndex = new Map(model.dimensions.map((d, i) => [d.id, i]));
  const dimensions = model.dimensions.map((d): CompactModel[2][number] => {
    const extra = overrides({d: [d.description, refs.dimensionDescription(d.id)]});
    return extra ? [d.id, d.label, d.weight, extra] : [d.id, d.label, d.weight];
  });
  const indicators = model.indicators.map((i): CompactModel[3][number] => {
    const dimension = dimensionIndex.get(i.dimension);
    if (dimension === undefined) throw new Error(`indicator ${i.kpi} names an unknown dimension ${i.dimension}`);
    const extra = overrides({t: [i.title, refs.title(i.kpi)], n: [i.note, refs.note(i.kpi)]});
    const direction = i.direction === "higher_better" ? 1 : 0;
    return extra ? [i.kpi, dimension, direction, i.weight, extra] : [i.kpi, dimension, direction, i.weight];
  });
  const extra = overrides({d: [model.description, ref.preset.description], s: [model.status, ref.preset.status]});
  return extra ? [MODEL_LINK_VERSION, model.name, dimensions, indicators, extra] : [MODEL_LINK_VERSION, model.name, dimensions, indicators];
}

/** The link text of a valid model. */
export function writeModelLink(model: Model, ref: ModelReference): string {
  return toBase64Url(deflateRaw(new TextEncoder().encode(JSON.stringify(toCompact(model, ref)))));
}

/** The field a position in the compact array stands for (`indicators[3].direction`), for messages. */
export function compactPath(path: readonly PropertyKey[]): string {
  const [top, index, field, key] = path;
  const docs: Record<string, string> = {t: "title", n: "note", d: "description", s: "status"};
  const doc = (k: PropertyKey | undefined) => (typeof k === "string" ? (docs[k] ?? k) : undefined);
  if (top === 0) return "(formatversion)";
  if (top === 1) return "name";
  if (top === 4) return doc(index) ?? "(modell)";
  if (top !== 2 && top !== 3) return "(modell)";
  const list = top === 2 ? "dimensions" : "indicators";
  if (typeof index !== "number") return list;
  const fields = top === 2 ? ["id", "label", "weight"] : ["kpi", "dimension", "direction", "weight"];
  if (typeof field !== "number") return `${list}[${index}]`;
  const name = fields[field] ?? doc(key);
  return name ? `${list}[${index}].${name}` : `${list}[${index}]`;
}

/** A failed read: the Swedish reason. */
export interface LinkError {
  error: string;
}

/**
 * Reads a link's text as far as the compact structure: base64url, deflate,
 * UTF-8, JSON, the format version and the array's shape.
 */
export function readModelLink(text: string): {compact: CompactModel} | LinkError {
  let bytes: Uint8Array;
  try {
    bytes = inflateRaw(fromBase64Url(text), MAX_JSON_BYTES);
  } catch (error) {
    if (!(error instanceof InflateError)) throw error;
    const bad = /^"(.*)" is not a base64url character$/.exec(error.message);
    if (bad) return {error: `länken innehåller tecknet ”${bad[1]}”, som inte kan ingå i en modell i en länk`};
    return {error: "modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad"};
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", {fatal: true}).decode(bytes));
  } catch {
    return {error: "modellen i länken är inte läsbar – länken är troligen ändrad"};
  }
  if (Array.isArray(json) && json[0] !== MODEL_LINK_VERSION) return {error: `modellen i länken har ett okänt format (version ${JSON.stringify(json[0])?.slice(0, 20)})`};
  const result = CompactModelSchema.safeParse(json);
  if (!result.success) {
    return {error: `modellen i länken har fel form vid ${compactPath(result.error.issues[0]!.path)}`};
  }
  return {compact: result.data};
}

/** The KPI ids of a compact model, in order. */
export function compactKpis(compact: CompactModel): string[] {
  return compact[3].map((i) => i[0]);
}

/**
 * The model of a compact array, validated with ModelSchema. A dimension
 * index outside the list, or any ModelSchema issue, is an error naming the
 * field (`indicators[2].weight: får inte vara negativ`).
 */
export function modelFromCompact(compact: CompactModel, ref: ModelReference): {model: Model} | LinkError {
  const refs = references(ref);
  const [, name, dims, inds, extra] = compact;
  const pick = (o: Record<string, string | null | undefined> | undefined, key: string, reference: string | undefined): string | undefined =>
    o && Object.hasOwn(o, key) ? (o[key] ?? undefined) : reference;
  const dimensions: Dimension[] = dims.map(([id, label, weight, more]) => {
    const description = pick(more, "d", refs.dimensionDescription(id));
    return {id, label, weight, ...(description !== undefined ? {description} : {})};
  });
  const indicators: Indicator[] = [];
  for (const [i, [kpi, dimension, direction, weight, more]] of inds.entries()) {
    if (dimension >= dimensions.length) return {error: `indicators[${i}].dimension: pekar på dimension nr ${dimension + 1}, men modellen har ${dimensions.length}`};
    const title = pick(more, "t", refs.title(kpi));
    const note = pick(more, "n", refs.note(kpi));
    indicators.push({
      kpi,
      dimension: dimensions[dimension]!.id,
      direction: direction === 1 ? "higher_better" : "lower_better",
      weight,
      ...(title !== undefined ? {title} : {}),
      ...(note !== undefined ? {note} : {})
    });
  }
  const description = pick(extra, "d", ref.preset.description);
  const status = pick(extra, "s", ref.preset.status);
  const raw = {name, ...(description !== undefined ? {description} : {}), ...(status !== undefined ? {status} : {}), dimensions, indicators};
  try {
    return {model: parseModel(raw, "länken")};
  } catch (error) {
    if (error instanceof ModelError) return {error: swedishModelIssues(error).join("; ")};
    throw error;
  }
}

/** Both steps at once, for a reference that already knows every title. */
export function decodeModelLink(text: string, ref: ModelReference): {model: Model} | LinkError {
  const read = readModelLink(text);
  return "error" in read ? read : modelFromCompact(read.compact, ref);
}

/**
 * Whether two valid models are the same model, documentation included,
 * by their compact forms against one reference (key order does not matter).
 */
export function sameModel(a: Model, b: Model, ref: ModelReference): boolean {
  return JSON.stringify(toCompact(a, ref)) === JSON.stringify(toCompact(b, ref));
}
