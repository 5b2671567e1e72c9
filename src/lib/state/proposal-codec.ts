/**
 * Workshop proposal codes: what a participant sends back to the facilitator
 * (in a chat, a mail, read off a phone). Pure; no DOM.
 *
 * A code is `KK-` and Crockford base32 (0-9 and A-Z without I, L, O, U; read
 * case-insensitively, O as 0 and I/L as 1; hyphens and spaces are ignored) of
 * these bytes:
 *
 * | bytes | content |
 * |---|---|
 * | 1 | format version (1) |
 * | 4 | workshop id: FNV-1a 32 of the workshop (model fingerprint, year, top N, KPI weights allowed) |
 * | 3 | model fingerprint: FNV-1a 32 of the model's dimensions (id, weight) and KPIs (id, dimension, direction, weight), first 24 bits |
 * | 1 | flags: bit 0 = the code holds KPI weights |
 * | 1 | length L of the participant's name in UTF-8 bytes (0-120) |
 * | L | the name |
 * | nD (+ nK) | each dimension weight (then each KPI weight), in model order, in tenths: 0-50 = 0.0-5.0 (the sliders' range and step) |
 * | 4 | CRC-32 of everything before it |
 *
 * The checksum catches a code that was changed or cut off by accident (every
 * change of one character, any cut); it is not a signature. Anyone can compute
 * it, and with no server nothing can be signed; a facilitator who needs more
 * should collect proposals in person. A code carries no KPI weights when the
 * workshop does not allow them: the model's own KPI weights apply.
 */
import type {Model} from "../../engine/model.js";

/** What identifies a workshop: the model, the year, the top N and whether participants may set KPI weights. */
export interface WorkshopDefinition {
  model: Model;
  year: number;
  top: number;
  allowKpiWeights: boolean;
}

/** A participant's proposal: every dimension weight and, when allowed, every KPI weight, in 0-5 by 0.1. */
export interface ProposalContent {
  name: string;
  dimensions: Record<string, number>;
  /** Absent when the workshop does not allow KPI weights. */
  indicators?: Record<string, number>;
}

export type DecodeResult = {ok: true; proposal: ProposalContent} | {ok: false; error: string};

const VERSION = 1;
const PREFIX = "KK-";
/** Longest name in UTF-8 bytes (the page's field allows 40 characters). */
export const MAX_NAME_BYTES = 120;
/** Largest weight a code holds, in tenths. */
const MAX_TENTHS = 50;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 32-bit hash of what in a model changes a ranking: dimensions (id, weight) and KPIs (id, dimension, direction, weight). */
export function modelHash(model: Model): number {
  return fnv1a(JSON.stringify([model.dimensions.map((d) => [d.id, d.weight]), model.indicators.map((i) => [i.kpi, i.dimension, i.direction, i.weight])]));
}

function workshopHash(w: WorkshopDefinition): number {
  return fnv1a(JSON.stringify(["workshop", modelHash(w.model), w.year, w.top, w.allowKpiWeights]));
}

/** The workshop's id as people see it: six base32 characters (the first 30 bits of its hash). */
export function workshopId(w: WorkshopDefinition): string {
  return base32(uint32(workshopHash(w))).slice(0, 6);
}

function uint32(x: number): Uint8Array {
  return Uint8Array.of(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Crockford base32 of bytes, without padding (the last character's unused bits are 0). */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Bytes of a base32 text, or an error: a character outside the alphabet, or a length no byte count gives. */
function fromBase32(text: string): {bytes: Uint8Array} | {error: string} {
  const n = Math.floor((text.length * 5) / 8);
  if (Math.ceil((n * 8) / 5) !== text.length) return {error: "ofullständig kod (tecken saknas eller är för många)"};
  const bytes = new Uint8Array(n);
  let buffer = 0;
  let bits = 0;
  let j = 0;
  for (const ch of text) {
    const c = ch.toUpperCase().replace("O", "0").replace(/[IL]/, "1");
    const v = ALPHABET.indexOf(c);
    if (v < 0) return {error: `ogiltigt tecken ”${ch}” i koden`};
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes[j++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if (buffer & ((1 << bits) - 1)) return {error: "ofullständig kod (tecken saknas eller är för många)"};
  return {bytes};
}

/** Tenths of a weight, or throws when it is not 0-5 in steps of 0.1. */
function tenths(w: number, what: string): number {
  const t = Math.round(w * 10);
  if (!(t >= 0 && t <= MAX_TENTHS) || Math.abs(t - w * 10) > 1e-6) throw new RangeError(`${what}: a proposal code holds weights 0-5 in steps of 0.1 (got ${w})`);
  return t;
}

/**
 * The proposal's code for this workshop. Throws a RangeError for a weight the
 * code cannot hold (outside 0-5 or not a multiple of 0.1), a name over
 * {@link MAX_NAME_BYTES} bytes, or KPI weights the workshop does not allow.
 */
export function encodeProposal(workshop: WorkshopDefinition, proposal: ProposalContent): string {
  const {model} = workshop;
  const withKpis = proposal.indicators !== undefined;
  if (withKpis && !workshop.allowKpiWeights) throw new RangeError("this workshop does not allow KPI weights");
  const name = new TextEncoder().encode(proposal.name.trim());
  if (name.length > MAX_NAME_BYTES) throw new RangeError(`name: at most ${MAX_NAME_BYTES} bytes`);
  const weights = model.dimensions.map((d) => tenths(proposal.dimensions[d.id] ?? d.weight, `dimensions.${d.id}`));
  if (withKpis) for (const i of model.indicators) weights.push(tenths(proposal.indicators![i.kpi] ?? i.weight, `indicators.${i.kpi}`));
  const body = new Uint8Array(1 + 4 + 3 + 1 + 1 + name.length + weights.length);
  let at = 0;
  body[at++] = VERSION;
  body.set(uint32(workshopHash(workshop)), at);
  at += 4;
  body.set(uint32(modelHash(model)).subarray(0, 3), at);
  at += 3;
  body[at++] = withKpis ? 1 : 0;
  body[at++] = name.length;
  body.set(name, at);
  at += name.length;
  body.set(weights, at);
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body);
  bytes.set(uint32(crc32(body)), body.length);
  const text = base32(bytes);
  return PREFIX + (text.match(/.{1,4}/g) ?? []).join("-");
}

/** The shortest possible code body: header, empty name, no weights, checksum. */
const MIN_BYTES = 1 + 4 + 3 + 1 + 1 + 4;

/**
 * Reads a code for this workshop. Errors say what is wrong, in Swedish: not a
 * code, a character outside the alphabet, cut off, "fel kontrollsumma", an
 * unknown version, "annan modell", "annan workshop", a weight out of range.
 */
export function decodeProposal(workshop: WorkshopDefinition, code: string): DecodeResult {
  const trimmed = code.trim();
  if (!/^KK-/i.test(trimmed)) return {ok: false, error: "inte en förslagskod (den ska börja med KK-)"};
  const parsed = fromBase32(trimmed.slice(3).replace(/[\s-]/g, ""));
  if ("error" in parsed) return {ok: false, error: parsed.error};
  const {bytes} = parsed;
  if (bytes.length < MIN_BYTES) return {ok: false, error: "ofullständig kod (för kort)"};
  const body = bytes.subarray(0, bytes.length - 4);
  if (crc32(body) !== readUint32(bytes, bytes.length - 4)) return {ok: false, error: "fel kontrollsumma (koden är ändrad eller avklippt)"};
  if (body[0] !== VERSION) return {ok: false, error: `okänd version ${body[0]} av förslagskoden`};
  const {model} = workshop;
  const modelFp = uint32(modelHash(model));
  if (body[5] !== modelFp[0] || body[6] !== modelFp[1] || body[7] !== modelFp[2]) return {ok: false, error: "annan modell (förslaget gäller en annan modell eller andra modellvikter än workshopens)"};
  if (readUint32(body, 1) !== workshopHash(workshop)) return {ok: false, error: "annan workshop (förslaget gäller ett annat år, en annan topp N eller en annan inställning för KPI-vikter)"};
  const withKpis = (body[8]! & 1) === 1;
  if (body[8]! & ~1) return {ok: false, error: "okända flaggor i koden"};
  if (withKpis && !workshop.allowKpiWeights) return {ok: false, error: "koden har KPI-vikter men workshopen tillåter dem inte"};
  const nameLength = body[9]!;
  const nWeights = model.dimensions.length + (withKpis ? model.indicators.length : 0);
  if (nameLength > MAX_NAME_BYTES || body.length !== 10 + nameLength + nWeights) return {ok: false, error: "fel längd för workshopens modell"};
  let name: string;
  try {
    name = new TextDecoder("utf-8", {fatal: true}).decode(body.subarray(10, 10 + nameLength));
  } catch {
    return {ok: false, error: "namnet är inte giltig text"};
  }
  const weights = body.subarray(10 + nameLength);
  const bad = weights.findIndex((t) => t > MAX_TENTHS);
  if (bad >= 0) return {ok: false, error: `vikt ${weights[bad]! / 10} utanför 0–5`};
  const dimensions: Record<string, number> = {};
  model.dimensions.forEach((d, i) => (dimensions[d.id] = weights[i]! / 10));
  const proposal: ProposalContent = {name, dimensions};
  if (withKpis) {
    const indicators: Record<string, number> = {};
    model.indicators.forEach((k, i) => (indicators[k.kpi] = weights[model.dimensions.length + i]! / 10));
    proposal.indicators = indicators;
  }
  return {ok: true, proposal};
}

/** The URL parameter a proposal link carries its code in. */
export const PROPOSAL_PARAM = "forslag";

/**
 * The proposal codes in one pasted line: a bare code, or a link whose
 * `forslag` parameter holds one or more codes separated by commas.
 */
export function codesInLine(line: string): string[] {
  const text = line.trim();
  if (text === "") return [];
  if (/^KK-/i.test(text)) return [text];
  const at = text.search(/[?&]forslag=/);
  if (at < 0) return [text];
  // From the parameter itself: a "?" earlier in the line may be the text's own ("Vad tycker ni? https://…").
  const query = text.slice(at).split("#")[0]!;
  // The query begins with "?forslag=" or "&forslag=", so the parameter is always there.
  const value = new URLSearchParams(query).get(PROPOSAL_PARAM)!;
  return value
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "");
}
