/**
 * Explanations of a scored ranking: per municipality and KPI the raw and
 * normalised value and its contribution to the total, the dimension scores,
 * the reasons a municipality is not ranked, and the KPIs left out.
 *
 * Contribution (arithmetic) = W(d)/sum W * w(k)/sum of w over the KPIs of d
 * that m has * v(k,m); the contributions of a ranked municipality sum to its
 * total. Geometric: the same weight share times log(v + c); they sum to
 * log(total + c).
 */
import type {Direction} from "./model.js";
import type {KpiNote, LeftOutKpi} from "./prepared.js";
import type {RankingRow, ScoreResult} from "./score.js";

export type IndicatorStatus = "used" | "missing" | "left_out" | "zero_weight";

export interface IndicatorExplanation {
  kpi: string;
  title?: string;
  dimension: string;
  direction: Direction;
  /** w(k) used in this recompute. */
  weight: number;
  status: IndicatorStatus;
  /** Nomination: the value in the year; improvement: the slope per year (KPI unit; beyond the nation or the expected for the options). */
  raw: number | null;
  /** Improvement: the values of the window's years (null = missing). */
  windowValues: (number | null)[] | null;
  /** z (or the chosen normalisation) or the improvement value I. */
  normalised: number | null;
  /** w(k) / sum of w over the KPIs of the dimension that m has. */
  shareOfDimension: number | null;
  /** The KPI's effective weight in the total: W(d)/sum W * shareOfDimension (null when not ranked). */
  weightShare: number | null;
  /** weightShare * normalised (geometric: weightShare * log(normalised + c)). */
  contribution: number | null;
}

export interface DimensionExplanation {
  id: string;
  label: string;
  weight: number;
  /** W(d) / sum of W over dimensions with W > 0. */
  share: number;
  score: number | null;
  /** share * score (geometric: share * log(score + c)); null when not ranked. */
  contribution: number | null;
  /** Usable weighted KPIs of the dimension that m has, of how many. */
  has: number;
  of: number;
}

export interface MunicipalityExplanation {
  row: RankingRow;
  dimensions: DimensionExplanation[];
  indicators: IndicatorExplanation[];
  /** The geometric shift c (0 for arithmetic). */
  shift: number;
}

const orNull = (x: number): number | null => (x === x ? x : null);

/**
 * The dimension part of an explanation: per dimension its weight share,
 * score and contribution, plus the per-dimension KPI weight sums the KPI part
 * needs. Shared by {@link explainMunicipality} and the contribution chart
 * (engine/contributions.ts), so the chart shows exactly what is explained.
 */
export function dimensionParts(result: ScoreResult, m: number, ranked: boolean): {dimensions: DimensionExplanation[]; dimSumW: Float64Array; dimShare: (d: number) => number} {
  const p = result.prepared;
  const nK = p.nKpis;
  const nD = p.dimensions.length;
  const geometric = p.aggregation === "geometric";
  const W = result.weights.dimensions;
  let sumW = 0;
  for (let d = 0; d < nD; d++) if (W[d]! > 0) sumW += W[d]!;
  const dimSumW = new Float64Array(nD);
  const dimHas = new Int32Array(nD);
  const dimOf = new Int32Array(nD);
  for (let k = 0; k < nK; k++) {
    const w = result.weights.effective[k]!;
    if (!(w > 0)) continue;
    const d = p.kpiDimension[k]!;
    dimOf[d] = dimOf[d]! + 1;
    if (p.normalised[m * nK + k]! === p.normalised[m * nK + k]!) {
      dimSumW[d] = dimSumW[d]! + w;
      dimHas[d] = dimHas[d]! + 1;
    }
  }
  const dimShare = (d: number) => (W[d]! > 0 && sumW > 0 ? W[d]! / sumW : 0);
  const dimensions: DimensionExplanation[] = p.dimensions.map((dim, d) => {
    const score = result.dimensionScores[m * nD + d]!;
    const share = dimShare(d);
    const contribution = !ranked ? null : share === 0 ? 0 : share * (geometric ? Math.log(score + result.shift) : score);
    return {id: dim.id, label: dim.label, weight: W[d]!, share, score: orNull(score), contribution, has: dimHas[d]!, of: dimOf[d]!};
  });
  return {dimensions, dimSumW, dimShare};
}

/** Explains one municipality of a scored ranking; throws for an unknown code. */
export function explainMunicipality(result: ScoreResult, code: string): MunicipalityExplanation {
  const p = result.prepared;
  const m = p.matrix.municipalityIndex.get(code);
  if (m === undefined) throw new RangeError(`unknown municipality ${code}`);
  const row = result.rows.find((r) => r.index === m)!;
  const ranked = row.rank !== null;
  const nK = p.nKpis;
  const geometric = p.aggregation === "geometric";
  const {dimensions, dimSumW, dimShare} = dimensionParts(result, m, ranked);

  const indicators: IndicatorExplanation[] = p.indicators.map((ind, k) => {
    const w = result.weights.indicators[k]!;
    const v = p.normalised[m * nK + k]!;
    const d = ind.dimensionIndex;
    const status: IndicatorStatus = !ind.usable ? "left_out" : !(w > 0) ? "zero_weight" : v === v ? "used" : "missing";
    const shareOfDimension = status === "used" ? w / dimSumW[d]! : null;
    const weightShare = ranked && shareOfDimension !== null ? dimShare(d) * shareOfDimension : null;
    const contribution = weightShare === null ? null : weightShare * (geometric ? result.aggregationValues[m * nK + k]! : v);
    let windowValues: (number | null)[] | null = null;
    if (p.window) {
      windowValues = [];
      for (let y = p.window.from; y <= p.window.to; y++) {
        const t = y - p.matrix.years[0]!;
        const nY = p.matrix.years.length;
        windowValues.push(ind.row >= 0 ? orNull(p.matrix.values[(ind.row * nY + t) * p.nMunicipalities + m]!) : null);
      }
    }
    return {
      kpi: ind.kpi,
      ...(ind.title === undefined ? {} : {title: ind.title}),
      dimension: ind.dimension,
      direction: ind.direction,
      weight: w,
      status,
      raw: orNull(p.raw[m * nK + k]!),
      windowValues,
      normalised: orNull(v),
      shareOfDimension,
      weightShare,
      contribution
    };
  });
  return {row, dimensions, indicators, shift: result.shift};
}

/**
 * Contributions of every ranked municipality and KPI, `[m * nKpis + k]`
 * (NaN when not ranked or the KPI is not used), e.g. for a heat map.
 */
export function contributionMatrix(result: ScoreResult): Float64Array {
  const p = result.prepared;
  const nK = p.nKpis;
  const nD = p.dimensions.length;
  const W = result.weights.dimensions;
  let sumW = 0;
  for (let d = 0; d < nD; d++) if (W[d]! > 0) sumW += W[d]!;
  const out = new Float64Array(p.nMunicipalities * nK).fill(NaN);
  const dimSumW = new Float64Array(nD);
  for (let m = 0; m < p.nMunicipalities; m++) {
    if (!result.eligible[m]) continue;
    dimSumW.fill(0);
    for (let k = 0; k < nK; k++) {
      const w = result.weights.effective[k]!;
      if (w > 0 && p.normalised[m * nK + k]! === p.normalised[m * nK + k]!) {
        const d = p.kpiDimension[k]!;
        dimSumW[d] = dimSumW[d]! + w;
      }
    }
    for (let k = 0; k < nK; k++) {
      const w = result.weights.effective[k]!;
      const i = m * nK + k;
      if (!(w > 0) || p.normalised[i]! !== p.normalised[i]!) continue;
      const d = p.kpiDimension[k]!;
      const share = W[d]! > 0 ? (W[d]! / sumW) * (w / dimSumW[d]!) : 0;
      out[i] = share * result.aggregationValues[i]!;
    }
  }
  return out;
}

/** The KPIs left out of the year or window, with reasons. */
export function leftOutKpis(result: ScoreResult): LeftOutKpi[] {
  return result.prepared.leftOut;
}

/** Notes on KPIs the method treated (winsorised, national median used). */
export function kpiNotes(result: ScoreResult): KpiNote[] {
  return result.prepared.notes;
}

/** The municipalities that are not ranked, with their reasons. */
export function unranked(result: ScoreResult): RankingRow[] {
  return result.rows.filter((r) => r.rank === null);
}

/** The year (nomination) or window (improvement) a result covers, in words: "2022" or "2019–2022". */
export function periodText(result: ScoreResult): string {
  const w = result.prepared.window;
  return w ? `${w.from}–${w.to}` : String(result.prepared.year);
}

/**
 * Why no municipality could be ranked, or null when at least one is. The
 * first cause that applies, in this order: no KPI of the model has usable
 * values in the year or window; every dimension weight is 0; a weighted
 * dimension has no usable KPI with weight > 0; otherwise the reason most
 * municipalities share (coverage, a missing dimension, steadiness). The CLI
 * exits 1 with this text and the pages show it.
 */
export function nothingRankedReason(result: ScoreResult): string | null {
  if (result.rows.some((r) => r.rank !== null)) return null;
  const p = result.prepared;
  const period = periodText(result);
  if (p.indicators.length === 0 || p.indicators.every((i) => !i.usable)) {
    return `ingen av modellens KPI:er har användbara värden ${p.window ? `i fönstret ${period}` : `år ${period}`}`;
  }
  if (!result.weights.dimensions.some((w) => w > 0)) return "alla dimensionsvikter är 0";
  const weighted = new Set<number>();
  p.indicators.forEach((_, k) => {
    if (result.weights.effective[k]! > 0) weighted.add(p.kpiDimension[k]!);
  });
  const empty = p.dimensions.filter((d, i) => result.weights.dimensions[i]! > 0 && !weighted.has(i)).map((d) => d.label);
  if (empty.length) return `${empty.length === 1 ? "dimensionen" : "dimensionerna"} ${empty.join(", ")} har vikt men inga användbara KPI:er med vikt > 0`;
  const counts = new Map<string, number>();
  for (const row of result.rows) for (const r of row.reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const [code] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const example = result.rows.find((r) => r.reasons.some((x) => x.code === code))?.reasons.find((x) => x.code === code);
  return example ? `ingen kommun uppfyller kraven; vanligast: ${example.reason}` : "ingen kommun uppfyller kraven";
}
