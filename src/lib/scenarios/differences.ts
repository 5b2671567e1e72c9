/**
 * What differs between two scenarios' settings, in Swedish words ("B väger
 * effekt 2 i stället för 1", "C använder min–max i stället för z-poäng"):
 * each scenario is described against the first one compared (A). Only what
 * changes a ranking is named (kind, model, KPIs, weights, method, scope,
 * and the year it was saved with); top N, filters and how many rows the
 * table shows are not. Pure.
 */
import type {Aggregation, ImprovementMethod, Model, Normalisation} from "../../engine/index.js";
import type {Scope} from "../state/ranking-state.js";
import type {Scenario} from "../state/scenario-codec.js";

const NORMALISATION_WORDS: Record<Normalisation, string> = {zscore: "z-poäng", minmax: "min–max", percentile: "percentilrang", goalposts: "målstolpar"};
const AGGREGATION_WORDS: Record<Aggregation, string> = {arithmetic: "aritmetiskt medel", geometric: "geometriskt medel"};
const METHOD_WORDS: Record<ImprovementMethod, string> = {"theil-sen": "Theil–Sen-lutning", national: "utveckling relativt riket", regression: "justering för regression mot medelvärdet"};
const SCOPE_WORDS: Record<Scope, string> = {all: "alla kommuner tillsammans", kommungrupp: "inom kommungrupp", mainGroup: "bäst per huvudgrupp"};
const KIND_WORDS = {nominering: "nivå (Nominering)", utveckling: "utveckling (Utvecklingskommun)"} as const;
const DIRECTION_WORDS = {higher_better: "högre är bättre", lower_better: "lägre är bättre"} as const;

const weightFormat = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 6, useGrouping: false});
/** A weight in Swedish: 0,5; 2; 1,234568. */
export const weightText = (w: number): string => weightFormat.format(w).replace("\u2212", "-");

/** "Effekt" → "effekt" mid-sentence; "IT-stöd" stays. */
function lowerFirst(label: string): string {
  return label.length > 1 && label[1] === label[1]!.toLocaleLowerCase("sv") ? label[0]!.toLocaleLowerCase("sv") + label.slice(1) : label;
}

/** "N15428 (Elever i åk 9 …)" or the id alone. */
type TitleOf = (kpi: string) => string | undefined;
const kpiText = (kpi: string, titleOf: TitleOf) => {
  const title = titleOf(kpi);
  return title ? `${kpi} (${title})` : kpi;
};

/** "a", "a och b", "a, b och c". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} och ${items.at(-1)}`;
}

function modelDifferences(x: string, a: Model, b: Model, titleOf: TitleOf): string[] {
  const out: string[] = [];
  if (a.name !== b.name) out.push(`${x} använder modellen ”${b.name}” i stället för ”${a.name}”`);
  const dimsA = new Map(a.dimensions.map((d) => [d.id, d]));
  const dimsB = new Map(b.dimensions.map((d) => [d.id, d]));
  const addedDims = b.dimensions.filter((d) => !dimsA.has(d.id)).map((d) => `”${d.label}”`);
  const removedDims = a.dimensions.filter((d) => !dimsB.has(d.id)).map((d) => `”${d.label}”`);
  if (addedDims.length) out.push(`${x} har ${addedDims.length === 1 ? "dimensionen" : "dimensionerna"} ${list(addedDims)} som A saknar`);
  if (removedDims.length) out.push(`${x} saknar ${removedDims.length === 1 ? "dimensionen" : "dimensionerna"} ${list(removedDims)}`);
  const kpisA = new Map(a.indicators.map((i) => [i.kpi, i]));
  const kpisB = new Map(b.indicators.map((i) => [i.kpi, i]));
  const added = b.indicators.filter((i) => !kpisA.has(i.kpi)).map((i) => kpiText(i.kpi, titleOf));
  const removed = a.indicators.filter((i) => !kpisB.has(i.kpi)).map((i) => kpiText(i.kpi, titleOf));
  if (added.length) out.push(`${x} har med ${added.length === 1 ? "nyckeltalet" : "nyckeltalen"} ${list(added)} som A saknar`);
  if (removed.length) out.push(`${x} saknar ${removed.length === 1 ? "nyckeltalet" : "nyckeltalen"} ${list(removed)}`);
  for (const ib of b.indicators) {
    const ia = kpisA.get(ib.kpi);
    if (!ia) continue;
    if (ia.dimension !== ib.dimension) {
      const label = (m: Map<string, {label: string}>, id: string) => lowerFirst(m.get(id)?.label ?? id);
      out.push(`${x} lägger ${kpiText(ib.kpi, titleOf)} i ${label(dimsB, ib.dimension)} i stället för ${label(dimsA, ia.dimension)}`);
    }
    if (ia.direction !== ib.direction) out.push(`${x} räknar ${kpiText(ib.kpi, titleOf)} som ${DIRECTION_WORDS[ib.direction]} i stället för ${DIRECTION_WORDS[ia.direction]}`);
  }
  return out;
}

/**
 * The sentences describing how scenario `b` (letter `x`) differs from `a`
 * (always called A); one sentence "… har samma inställningar som A" when
 * nothing differs. `comparedYear` is the year the page compares them in.
 */
export function scenarioDifferences(a: Scenario, b: Scenario, x: string, titleOf: TitleOf, comparedYear: number): string[] {
  const out: string[] = [];
  if (a.page !== b.page) out.push(`${x} rangordnar ${KIND_WORDS[b.page]} i stället för ${KIND_WORDS[a.page]}`);
  out.push(...modelDifferences(x, a.model, b.model, titleOf));
  const dimLabel = new Map(b.model.dimensions.map((d) => [d.id, lowerFirst(d.label)]));
  for (const [id, wb] of Object.entries(b.settings.dw)) {
    const wa = a.settings.dw[id];
    if (wa !== undefined && wa !== wb) out.push(`${x} väger ${dimLabel.get(id) ?? id} ${weightText(wb)} i stället för ${weightText(wa)}`);
  }
  for (const [kpi, wb] of Object.entries(b.settings.w)) {
    const wa = a.settings.w[kpi];
    if (wa !== undefined && wa !== wb) out.push(`${x} väger ${kpiText(kpi, titleOf)} ${weightText(wb)} i stället för ${weightText(wa)}`);
  }
  const sa = a.settings;
  const sb = b.settings;
  if (a.page === "nominering" && b.page === "nominering" && a.settings.norm !== b.settings.norm) out.push(`${x} använder ${NORMALISATION_WORDS[b.settings.norm]} i stället för ${NORMALISATION_WORDS[a.settings.norm]}`);
  if (b.page === "nominering" && a.page !== "nominering" && b.settings.norm !== "zscore") out.push(`${x} använder ${NORMALISATION_WORDS[b.settings.norm]}`);
  if (a.page === "utveckling" && b.page === "utveckling") {
    if (a.settings.window !== b.settings.window) out.push(`${x} använder ett fönster på ${b.settings.window} år i stället för ${a.settings.window}`);
    if (a.settings.method !== b.settings.method) out.push(`${x} mäter utvecklingen med ${METHOD_WORDS[b.settings.method]} i stället för ${METHOD_WORDS[a.settings.method]}`);
    if (a.settings.steady !== b.settings.steady) out.push(`${x} kräver stadighet minst ${weightText(b.settings.steady)} i stället för ${weightText(a.settings.steady)}`);
  } else if (b.page === "utveckling") {
    out.push(`${x} använder ett fönster på ${b.settings.window} år och mäter utvecklingen med ${METHOD_WORDS[b.settings.method]}${b.settings.steady > 0 ? `, stadighet minst ${weightText(b.settings.steady)}` : ""}`);
  }
  if (sa.agg !== sb.agg) out.push(`${x} använder ${AGGREGATION_WORDS[sb.agg]} i stället för ${AGGREGATION_WORDS[sa.agg]}`);
  if (sa.wins !== sb.wins) out.push(sb.wins ? `${x} winsoriserar extremvärden (JRC-regeln), A gör det inte` : `${x} winsoriserar inte extremvärden, A gör det (JRC-regeln)`);
  if (sa.scope !== sb.scope) out.push(`${x} rangordnar ${SCOPE_WORDS[sb.scope]} i stället för ${SCOPE_WORDS[sa.scope]}`);
  if (sa.year !== sb.year) out.push(`${x} sparades med år ${sb.year}, A med ${sa.year} (här jämförs båda år ${comparedYear})`);
  return out.length ? out : [`${x} har samma inställningar som A`];
}
