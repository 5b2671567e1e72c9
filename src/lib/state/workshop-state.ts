/**
 * The Workshop page's state (pure; no DOM): its URL parameters, and how
 * proposals are collected from pasted codes, links and files.
 *
 * Everything is in the URL, the collected proposals too (`forslag`, their
 * codes separated by commas): a reload, a bookmark or the same link on the
 * projector's computer shows the same workshop. Proposal files are turned
 * into codes when they are imported, so they are kept the same way; a file
 * whose weights a code cannot hold (outside 0–5 or not in steps of 0.1, as the
 * sliders) is rejected with that reason.
 */
import {defaultWeights, latestYear, parseWeightsText, POOL_METHODS, WeightsError, type Model, type PoolMethod, type ValueMatrix, type WeightsFile} from "../../engine/index.js";
import type {ModelEntry} from "../data/workbench.js";
import {defaultModelId, modelById} from "../data/workbench.js";
import {codesInLine, decodeProposal, encodeProposal, MAX_NAME_BYTES, workshopId, type ProposalContent, type WorkshopDefinition} from "./proposal-codec.js";
import {WEIGHT_RANGE} from "./ranking-state.js";
import {flag, integer, oneOf, weightMap, type Param, type Spec} from "./url-state.js";

export const ROLES = ["ledare", "deltagare"] as const;
export type Role = (typeof ROLES)[number];

export interface WorkshopState {
  /** Facilitator (collects and pools) or participant (proposes). */
  roll: Role;
  /** The preset model, and the edited model when the workshop uses one (model-codec.ts, `edited=`). */
  model: string;
  edited: Model | null;
  year: number;
  top: number;
  /** Participants may set KPI weights. */
  kpi: boolean;
  /** The collected proposals' codes (facilitator). */
  forslag: string[];
  metod: PoolMethod;
  /** Projector mode: large text, no editing controls. */
  projektor: boolean;
  /** The participant's name and weights. */
  namn: string;
  dw: Record<string, number>;
  w: Record<string, number>;
}

/** Longest participant name (characters). */
export const MAX_NAME_LENGTH = 40;

/** Codes separated by commas; each must look like a code (its checksum is checked when the page reads it). */
function codeList(): Param<string[]> {
  return {
    default: [],
    parse: (raw) => {
      const codes = raw === "" ? [] : raw.split(",").map((c) => c.trim());
      const bad = codes.find((c) => !/^KK-[0-9A-Za-z-]+$/.test(c));
      return bad !== undefined ? {error: "ska vara förslagskoder (KK-…) åtskilda med komma"} : {value: codes};
    },
    format: (codes) => codes.join(",")
  };
}

function text(max: number): Param<string> {
  return {
    default: "",
    parse: (raw) => (raw.length <= max ? {value: raw} : {error: `högst ${max} tecken`}),
    format: (v) => v
  };
}

/** An `edited` parameter for a page that was given no edited model: a link's `edited` is refused with a notice. */
export const NO_EDITED_MODEL: Param<Model | null> = {
  default: null,
  parse: () => ({error: "den ändrade modellen kunde inte läsas; den förvalda modellen används"}),
  format: () => "",
  omitWhenEmpty: true
};

/**
 * The URL parameters; weights and the default year follow the model in use
 * (the edited model, else the preset). `edited` is the page's edited-model
 * parameter (model-state.ts `editedParam`, which already read the link).
 */
export function workshopSpec(models: readonly ModelEntry[], matrix: ValueMatrix, modelId: string, edited: Param<Model | null> = NO_EDITED_MODEL, editedModel: Model | null = null): Spec<WorkshopState> {
  const model = editedModel ?? modelById(models, modelId);
  const weights = defaultWeights(model);
  const years = matrix.years;
  return {
    roll: oneOf(ROLES, "ledare"),
    model: oneOf(
      models.map((m) => m.id),
      defaultModelId(models)
    ),
    edited,
    year: integer(latestYear(matrix, model), years[0]!, years.at(-1)!),
    top: integer(10, 1, 290),
    kpi: flag(false),
    forslag: codeList(),
    metod: oneOf(POOL_METHODS, "mean"),
    projektor: flag(false),
    namn: text(MAX_NAME_LENGTH),
    dw: weightMap(weights.dimensions, WEIGHT_RANGE),
    w: weightMap(weights.indicators, WEIGHT_RANGE)
  };
}

/** The workshop a state describes: the edited model if there is one, else the preset. */
export function workshopOf(models: readonly ModelEntry[], state: Pick<WorkshopState, "model" | "edited" | "year" | "top" | "kpi">): WorkshopDefinition {
  return {model: state.edited ?? modelById(models, state.model), year: state.year, top: state.top, allowKpiWeights: state.kpi};
}

/** A proposal the facilitator has accepted. */
export interface CollectedProposal {
  code: string;
  proposal: ProposalContent;
}

/** Why one pasted line, link entry, file or URL code was not accepted. */
export interface Rejection {
  /** "Rad 3", "anna.json", "Förslag 2 i länken". */
  where: string;
  /** The participant's name, when the proposal could be read that far. */
  name?: string;
  error: string;
}

/** "Rad 3 (Anna): fel kontrollsumma …" */
export function rejectionText(r: Rejection): string {
  return `${r.where}${r.name ? ` (${r.name})` : ""}: ${r.error}`;
}

/** A proposal's label in tables and lists: its name, else "Förslag i". */
export function proposalName(p: ProposalContent, index: number): string {
  return p.name.trim() || `Förslag ${index + 1}`;
}

/**
 * Why a readable proposal cannot be used, in Swedish, or null: every dimension
 * weight 0, or a weighted dimension whose KPIs are all 0 (either ranks nobody;
 * engine/pool.ts rejects the same proposals).
 */
export function proposalProblem(model: Model, p: ProposalContent): string | null {
  const dw = (id: string) => p.dimensions[id] ?? model.dimensions.find((d) => d.id === id)!.weight;
  const kw = (kpi: string) => p.indicators?.[kpi] ?? model.indicators.find((i) => i.kpi === kpi)!.weight;
  if (model.dimensions.every((d) => !(dw(d.id) > 0))) return "alla dimensionsvikter är 0 (ingen kommun kan rankas)";
  const empty = model.dimensions.filter((d) => dw(d.id) > 0 && model.indicators.filter((i) => i.dimension === d.id).every((i) => !(kw(i.kpi) > 0)));
  if (empty.length) return `${empty.map((d) => d.label).join(", ")} har vikt men alla nyckeltal där har vikt 0 (ingen kommun kan rankas)`;
  return null;
}

export interface CollectResult {
  /** The proposals now collected: the earlier ones, then the new ones, in order. */
  collected: CollectedProposal[];
  rejected: Rejection[];
  /** The input lines that were rejected, to correct and add again. */
  rejectedLines: string[];
}

/** Adds one code, or says why not (a duplicate of one already collected counts as rejected). */
function addCode(workshop: WorkshopDefinition, collected: CollectedProposal[], code: string, where: string, rejected: Rejection[]): boolean {
  const decoded = decodeProposal(workshop, code);
  if (!decoded.ok) {
    rejected.push({where, error: decoded.error});
    return false;
  }
  const name = decoded.proposal.name || undefined;
  const canonical = encodeProposal(workshop, decoded.proposal);
  const twin = collected.findIndex((c) => c.code === canonical);
  if (twin >= 0) {
    rejected.push({where, ...(name ? {name} : {}), error: `samma förslag som ${proposalName(collected[twin]!.proposal, twin)} (redan inlagt)`});
    return false;
  }
  const problem = proposalProblem(workshop.model, decoded.proposal);
  if (problem) {
    rejected.push({where, ...(name ? {name} : {}), error: problem});
    return false;
  }
  collected.push({code: canonical, proposal: decoded.proposal});
  return true;
}

/**
 * Reads pasted text, one code or link per line (a link may hold several codes).
 * Every line that fails is named by its number; the rest are added.
 */
export function collectText(workshop: WorkshopDefinition, existing: readonly CollectedProposal[], input: string): CollectResult {
  const collected = [...existing];
  const rejected: Rejection[] = [];
  const rejectedLines: string[] = [];
  input.split(/\r?\n/).forEach((line, i) => {
    const codes = codesInLine(line);
    if (codes.length === 0 && line.trim() !== "") {
      rejected.push({where: `Rad ${i + 1}`, error: "länken har inget förslag (parametern forslag saknas)"});
      rejectedLines.push(line.trim());
    }
    codes.forEach((code, j) => {
      const where = codes.length > 1 ? `Rad ${i + 1}, förslag ${j + 1}` : `Rad ${i + 1}`;
      if (!addCode(workshop, collected, code, where, rejected) && !rejectedLines.includes(line.trim())) rejectedLines.push(line.trim());
    });
  });
  return {collected, rejected, rejectedLines};
}

/** The codes of a URL's `forslag` parameter, read for this workshop; bad ones are named by their position. */
export function collectFromUrl(workshop: WorkshopDefinition, codes: readonly string[]): CollectResult {
  const collected: CollectedProposal[] = [];
  const rejected: Rejection[] = [];
  codes.forEach((code, i) => addCode(workshop, collected, code, `Förslag ${i + 1} i länken`, rejected));
  return {collected, rejected, rejectedLines: []};
}

const ISSUE_WORDS: [RegExp, string][] = [
  [/must not be negative/, "får inte vara negativ"],
  [/must be a finite number/, "ska vara ett ändligt tal"],
  [/must be a number/, "ska vara ett tal"],
  [/unknown dimension for model "[^"]*" \(known: ([^)]*)\)/, "okänd dimension i workshopens modell (den har $1)"],
  [/KPI not in model "[^"]*"/, "nyckeltalet finns inte i workshopens modell"],
  [/unknown field \(allowed: [^)]*\)/, "okänt fält (tillåtna: name, dimensions, indicators, workshop)"],
  [/must be an object of dimension id: weight/, "ska vara ett objekt {dimension: vikt}"],
  [/must be an object of KPI id: weight/, "ska vara ett objekt {nyckeltal: vikt}"],
  [/must be an object/, "ska vara ett JSON-objekt"],
  [/^not valid JSON.*/, "inte giltig JSON"],
  [/Invalid input: expected string, received \w+/, "ska vara text"]
];

/** An engine validation issue (English, naming the field) in Swedish, the field kept. */
export function swedishIssue(issue: string): string {
  let out = issue.replace(/^\(file\)/, "filen");
  for (const [pattern, words] of ISSUE_WORDS) out = out.replace(pattern, words);
  return out;
}

/** Tenths check: can a code hold this weight (0–5 in steps of 0.1)? */
function fitsCode(w: number): boolean {
  return w >= 0 && w <= WEIGHT_RANGE.max && Math.abs(Math.round(w * 10) - w * 10) < 1e-6;
}

/**
 * Reads a proposal file (the weights-file format of `rank --weights`, from the
 * participant view or by hand) and adds it as a code. Rejected, named by the
 * file: invalid JSON or fields, another model (an id the model lacks), another
 * workshop (its `workshop` field), KPI weights the workshop does not allow,
 * weights a code cannot hold.
 */
export function collectFile(workshop: WorkshopDefinition, existing: readonly CollectedProposal[], fileName: string, content: string): CollectResult {
  const collected = [...existing];
  const rejected: Rejection[] = [];
  const reject = (error: string, name?: string) => ({collected, rejected: [{where: fileName, ...(name ? {name} : {}), error}], rejectedLines: []});
  let file: WeightsFile;
  try {
    file = parseWeightsText(content, workshop.model, fileName);
  } catch (error) {
    if (!(error instanceof WeightsError)) throw error;
    return reject(`${error.otherModel ? "annan modell: " : ""}${error.issues.map(swedishIssue).join("; ")}`);
  }
  const name = file.name?.trim() ?? "";
  const id = workshopId(workshop);
  if (file.workshop !== undefined && file.workshop !== id) return reject(`annan workshop (filen gäller workshop ${file.workshop}, den här är ${id})`, name);
  const kpiWeights = Object.keys(file.indicators ?? {});
  if (kpiWeights.length && !workshop.allowKpiWeights) return reject("filen har KPI-vikter men workshopen tillåter bara dimensionsvikter", name);
  const all = [...Object.entries(file.dimensions ?? {}).map(([k, w]) => [`dimensions.${k}`, w] as const), ...Object.entries(file.indicators ?? {}).map(([k, w]) => [`indicators.${k}`, w] as const)];
  const off = all.find(([, w]) => !fitsCode(w));
  if (off) return reject(`${off[0]} = ${off[1]}: workshopen håller vikter 0–5 i steg om 0,1 (som reglagen)`, name);
  const proposal: ProposalContent = {
    name: name || fileName.replace(/\.json$/i, ""),
    dimensions: Object.fromEntries(workshop.model.dimensions.map((d) => [d.id, file.dimensions?.[d.id] ?? d.weight]))
  };
  if (workshop.allowKpiWeights) proposal.indicators = Object.fromEntries(workshop.model.indicators.map((i) => [i.kpi, file.indicators?.[i.kpi] ?? i.weight]));
  proposal.name = fitName(proposal.name);
  addCode(workshop, collected, encodeProposal(workshop, proposal), fileName, rejected);
  return {collected, rejected, rejectedLines: []};
}

/** The proposal as a weights file (what "Ladda ner förslagsfil" saves; `rank --weights` and `pool` read it). */
export function proposalFile(workshop: WorkshopDefinition, p: ProposalContent): string {
  const file: WeightsFile = {
    ...(p.name.trim() ? {name: p.name.trim()} : {}),
    workshop: workshopId(workshop),
    dimensions: {...p.dimensions},
    ...(p.indicators ? {indicators: {...p.indicators}} : {})
  };
  return JSON.stringify(file, null, 2) + "\n";
}

/** A name cut to what a code holds: at most 40 characters and 120 UTF-8 bytes. */
export function fitName(name: string): string {
  let chars = [...name.trim()].slice(0, MAX_NAME_LENGTH);
  while (new TextEncoder().encode(chars.join("")).length > MAX_NAME_BYTES) chars = chars.slice(0, -1);
  return chars.join("");
}

/** A weight as the slider shows it: the nearest step of 0.1 in 0–5 (a link may carry others). */
export function sliderWeight(w: number): number {
  return Math.min(WEIGHT_RANGE.max, Math.max(0, Math.round(w * 10) / 10));
}

/** The participant's proposal from the state, each weight as its slider shows it. */
export function participantProposal(workshop: WorkshopDefinition, state: Pick<WorkshopState, "namn" | "dw" | "w">): ProposalContent {
  const p: ProposalContent = {name: fitName(state.namn), dimensions: Object.fromEntries(workshop.model.dimensions.map((d) => [d.id, sliderWeight(state.dw[d.id] ?? d.weight)]))};
  if (workshop.allowKpiWeights) p.indicators = Object.fromEntries(workshop.model.indicators.map((i) => [i.kpi, sliderWeight(state.w[i.kpi] ?? i.weight)]));
  return p;
}

/** The workshop's definition as query parameters; `editedText` is the edited model's link text ("" for a preset). */
function definitionParams(state: Pick<WorkshopState, "model" | "year" | "top" | "kpi">, editedText: string): Record<string, string> {
  return {model: state.model, ...(editedText ? {edited: editedText} : {}), year: String(state.year), top: String(state.top), kpi: state.kpi ? "1" : "0"};
}

/** The query of the participant link: the workshop's definition only. */
export function participantQuery(state: Pick<WorkshopState, "model" | "year" | "top" | "kpi">, editedText = ""): string {
  return new URLSearchParams({roll: "deltagare", ...definitionParams(state, editedText)}).toString();
}

/** The query of a proposal link: the workshop and the code (opened, it shows the workshop with this proposal). */
export function proposalQuery(state: Pick<WorkshopState, "model" | "year" | "top" | "kpi">, code: string, editedText = ""): string {
  return new URLSearchParams({...definitionParams(state, editedText), forslag: code}).toString();
}
