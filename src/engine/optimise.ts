/**
 * Best and worst achievable rank when the DIMENSION weights vary within bounds
 * (product.md, Robustness), exact, with the weights that give them. The MIP is
 * written as CPLEX LP text for an injected solver (HiGHS in practice; the
 * adapter is src/lib/solver/highs.ts, so the engine has no I/O), and every
 * answer is checked with the engine's own {@link score}.
 *
 * The model. KPI weights stay fixed (the current state's), so the dimension
 * values D(d,j) do not depend on the dimension weights W, and
 *   S(j) = sum_d W_d D(d,j) / sum_d W_d   (arithmetic aggregation).
 * With the normalised weights w = W / sum W (sum w = 1), S is linear in w.
 * "j beats m by the margin ε" is S_j - S_m >= ε, i.e. the row
 *   sum_d w_d (D(d,j) - D(d,m) - ε) >= 0.
 * The normalised weightings reachable from the raw box lo <= W <= hi are
 *   F = {w : sum w = 1, w_d >= floor_d, hi_e w_d - lo_d w_e >= 0 for all d != e}
 * (lo_d t <= w_d <= hi_d t for some t > 0, written without t; an infinite
 * upper bound drops its rows), so "any non-negative weights" ([0, Infinity)
 * everywhere) is the simplex, and no bound needs to be finite.
 *
 * Best rank: minimise the competitors m does NOT beat by ε; worst rank:
 * maximise the competitors that beat m by ε (written as minimising those that
 * do not). A competitor whose row holds (or fails) on all of F (exact min and
 * max of a linear function over the set: {@link rangeOver}) is counted
 * directly. A competitor whose dimension values all equal m's bit for bit ties
 * with m at every weighting, so the municipality code decides (rank.ts). The
 * others are the uncertain rows; in the MIP each gets a binary u_j with
 * r_j(w) + M_j u_j >= 0, M_j = -min r_j over F (the tight big-M).
 *
 * The search. On the real data (290 municipalities, 4 dimensions, 0.5x-2x) a
 * municipality has up to ~235 uncertain rows, and the plain MIP needs seconds
 * to prove optimality (median 4.4 s per municipality, 10 min for all: the
 * big-M relaxation is weak). So by default ("branch") the weight simplex is
 * searched by a spatial branch-and-bound that bounds each row exactly on a
 * region (a linear function on a simplex is extreme at its vertices), solves a
 * region with few undecided rows exactly by vertex enumeration, and hands any
 * region it cannot settle to the MIP (see {@link branchAndBound}): about
 * 12 ms of CPU per municipality on average, under 0.1 s at most.
 * `method: "mip"` runs the single MIP per direction instead; the tests check
 * that the two agree.
 *
 * Geometric aggregation is handled the same way: log(S + c) = sum_d w_d log(D + c),
 * with log(D + c) the dimension's weighted log-mean (aggregate.ts). The shift c
 * depends only on which dimensions have W > 0, which the floors keep fixed (below),
 * so c is the same at every weighting in the bounds; exp(.) - c is increasing and
 * S + c >= 1, so a margin ε on the log-total is a margin >= ε on S.
 *
 * Zero bounds and eligibility. Whether m is ranked depends on which dimensions
 * have W > 0 (a municipality must have a value in each). To keep the set of
 * ranked municipalities the same at every weighting, every dimension whose upper
 * bound is > 0 gets the normalised floor w_d >= {@link ZERO_WEIGHT_FLOOR} (less
 * if the bounds cannot give that much), so a lower bound of 0 means "as small as
 * 0.01 % of the total weight", never exactly 0; a dimension with upper bound 0
 * is fixed at 0. The ranked set is then that of any weighting in the bounds.
 * Candidates are the municipalities ranked under the current weights that are
 * also ranked within the bounds (the same set whenever the current dimension
 * weights have the same zero pattern as the bounds, e.g. the defaults).
 *
 * Exactness. The optimum is exact for comparisons decided by at least the
 * margin {@link RANK_MARGIN}; a rank reachable only where m wins or loses by
 * less than ε is not counted. Each reported rank is the rank that score() gives
 * with the reported weights; `exact` says that it equals the proven optimum in
 * both directions (if score() disagrees, the margin is raised tenfold and the
 * search run again, at most twice, and the result says so).
 */
import type {Prepared} from "./prepared.js";
import {mulberry32} from "./random.js";
import {score, type ScoreResult} from "./score.js";
import type {Grouping, RankOptions, Weights} from "./types.js";

/**
 * The margin ε (in units of the total score; for geometric aggregation of the
 * log-total) by which every comparison in the MIP must be won: "j beats m"
 * means S_j - S_m >= ε, "m beats j" S_m - S_j >= ε. It must exceed the
 * solver's feasibility tolerances (set to 1e-9 by {@link MIP_SOLVER_OPTIONS};
 * HiGHS's defaults are 1e-7 and 1e-6) plus the rounding of the weights, so that
 * a comparison the solver reports as won is won in plain floating point too,
 * by any implementation that sums the same terms (1e-6 is ~1e7 ulps of a score
 * of order 1). It is far below any difference the UI shows (scores are shown
 * to 2-3 decimals), so a rank that needs a narrower win is not a real one.
 */
export const RANK_MARGIN = 1e-6;

/**
 * The smallest normalised weight w_d = W_d / sum W a dimension with upper bound
 * > 0 may get (0.01 % of the total weight; less when the bounds cannot give
 * it). It keeps W_d > 0 everywhere in the bounds, so the set of ranked
 * municipalities and the geometric shift do not change (see the module comment).
 */
export const ZERO_WEIGHT_FLOOR = 1e-4;

/** Default bounds: 0.5x to 2x the model's dimension weight. */
export const DEFAULT_BOUND_FACTORS: readonly [number, number] = [0.5, 2];

/** The top N of `canReachTopN` when none is given (the pages' default). */
export const DEFAULT_TOP_N = 10;

/** Options the MIP needs from the solver (HiGHS option names). */
export interface MipSolverOptions {
  output_flag: boolean;
  presolve: "off" | "choose" | "on";
  primal_feasibility_tolerance: number;
  mip_feasibility_tolerance: number;
  mip_rel_gap: number;
  mip_abs_gap: number;
  time_limit: number;
}

/**
 * Tolerances 1e-9 (well below {@link RANK_MARGIN}); the objective counts
 * competitors, an integer, so an absolute gap below 1 already proves optimality.
 */
export const MIP_SOLVER_OPTIONS: Readonly<MipSolverOptions> = {
  output_flag: false,
  presolve: "choose",
  primal_feasibility_tolerance: 1e-9,
  mip_feasibility_tolerance: 1e-9,
  mip_rel_gap: 0,
  mip_abs_gap: 0.99,
  time_limit: 20
};

/** The part of a HiGHS solution the engine reads (highs.solve() returns a superset). */
export interface MipSolution {
  Status: string;
  ObjectiveValue: number;
  /** By column name; `Primal` is absent when there is no solution (`Index` only makes HiGHS's types fit). */
  Columns: Record<string, {Primal?: number; Index?: number}>;
}

/** Solves a model given as CPLEX LP text, e.g. `(lp, o) => highs.solve(lp, o)`. */
export type MipSolver = (lp: string, options: MipSolverOptions) => MipSolution;

/** Per dimension id: [lower, upper] bound of the raw weight W_d; upper may be Infinity. */
export type WeightBounds = Record<string, readonly [number, number]>;

export interface RankRangeOptions extends RankOptions {
  /**
   * The current state. Its KPI weights are used as given and stay fixed; its
   * dimension weights only decide who is ranked now (the candidates).
   * Absent ids keep the model's weight.
   */
  weights?: Partial<Weights>;
  /** Bounds per dimension id; a dimension not listed gets {@link DEFAULT_BOUND_FACTORS} x its model weight. */
  bounds?: WeightBounds;
  /** For `canReachTopN` (default {@link DEFAULT_TOP_N}). */
  topN?: number;
  /** Comparison margin (default {@link RANK_MARGIN}). */
  margin?: number;
  /** Time limit per MIP solve in seconds (default {@link MIP_SOLVER_OPTIONS}.time_limit). */
  timeLimitSeconds?: number;
  /** How to search (default "branch"). */
  method?: RankRangeMethod;
  /** Limits of the branch-and-bound (default {@link DEFAULT_SEARCH_LIMITS}). */
  limits?: Partial<SearchLimits>;
}

/**
 * Weightings already seen for a municipality (e.g. the draws giving its best
 * and worst rank in Monte Carlo): raw dimension weights by id. Their rank
 * (counted with the margin) is the bound the search must beat (the MIP gets
 * the row sum u <= bound - 1; the branch-and-bound drops every region that
 * cannot beat it); if nothing beats it, the incumbent is optimal and is
 * reported. A weighting outside the bounds is ignored.
 */
export interface RankIncumbents {
  best?: Record<string, number>;
  worst?: Record<string, number>;
}

/**
 * "branch" (default): a spatial branch-and-bound over the weights that hands
 * the regions it cannot settle to the MIP; "mip": one MIP per direction
 * (slow: seconds per municipality on the real data; kept for checking).
 */
export type RankRangeMethod = "branch" | "mip";

/** The best and worst rank of one municipality within the bounds. */
export interface RankRange {
  code: string;
  /** The group ranked within, null without grouping. */
  group: string | null;
  /** Rank under the current weights (within the group when grouping). */
  currentRank: number;
  /** Municipalities ranked in the group (everyone without grouping), m included. */
  ranked: number;
  bestRank: number;
  worstRank: number;
  /** Raw dimension weights (within the bounds) that give `bestRank` in score(). */
  bestWeights: Record<string, number>;
  worstWeights: Record<string, number>;
  /** Both ranks are proven optima (with the margin) and score() gives them with the weights. */
  exact: boolean;
  /** bestRank <= topN. */
  canReachTopN: boolean;
  /** What the user should know when `exact` is false (Swedish). */
  notes: string[];
  /**
   * Uncertain competitors (the binaries of a single MIP) per direction; MIP
   * solves run; branch-and-bound regions split and solved by enumeration; time.
   */
  stats: {binaries: {best: number; worst: number}; solves: number; regions: number; leaves: number; ms: number};
}

/** The weight-independent part shared by every municipality (build once with {@link prepareRankRanges}). */
export interface RankRangeProblem {
  prepared: Prepared;
  grouping: Grouping;
  options: RankOptions;
  /** The fixed KPI weights as given by the caller. */
  indicatorWeights: Record<string, number>;
  /** The bounds used, per dimension id (validated, defaults filled in). */
  bounds: WeightBounds;
  /** Dimension indices with upper bound > 0 (the MIP's x0, x1, ...). */
  active: number[];
  /** Bounds of the active dimensions, divided by `scale`. */
  lo: Float64Array;
  hi: Float64Array;
  scale: number;
  /** The smallest normalised weight per active dimension. */
  floor: Float64Array;
  /** The weight set's rows `[h * nActive + a]`, each `row . w >= 0`: the bound ratios lo_d w_e <= hi_e w_d. */
  ratioRows: Float64Array;
  /** The ratio rows and the floors (w_d - floor_d sum w >= 0). */
  hardRows: Float64Array;
  /** `[k * nActive + a]`: vertices of the smallest simplex {w >= L, sum w = 1} holding the weight set (the search's root). */
  rootSimplex: Float64Array;
  /** Normalised weightings in the weight set: a central one first, then vertices and mixtures (heuristic starts). */
  points: Float64Array[];
  /** `[m * nActive + a]`: what the total averages per dimension (the dimension score, or log(D + c)). */
  values: Float64Array;
  /** Ranked at every weighting within the bounds. */
  eligible: Uint8Array;
  /** Ranked within the bounds and under the current weights. */
  candidate: Uint8Array;
  /** Rank under the current weights (0 when not ranked). */
  currentRank: Int32Array;
  groupOf: string[] | null;
  /** Ranked municipalities per group ("" without grouping), in code order. */
  members: Map<string, Int32Array>;
  margin: number;
  topN: number;
  timeLimit: number;
  method: RankRangeMethod;
  limits: SearchLimits;
  /** The model's weight sum over the active dimensions (scale of the reported weights). */
  referenceSum: number;
}

/** Resolves and checks the bounds: every dimension gets [lo, hi] with 0 <= lo <= hi (hi may be Infinity). */
export function resolveWeightBounds(prepared: Prepared, bounds: WeightBounds = {}): WeightBounds {
  const known = new Set(prepared.dimensions.map((d) => d.id));
  for (const id of Object.keys(bounds)) if (!known.has(id)) throw new RangeError(`weight bounds: unknown dimension "${id}" (known: ${[...known].join(", ")})`);
  const out: WeightBounds = {};
  for (const d of prepared.dimensions) {
    const given = Object.hasOwn(bounds, d.id) ? bounds[d.id] : undefined;
    if (given === undefined) {
      out[d.id] = [DEFAULT_BOUND_FACTORS[0] * d.weight, DEFAULT_BOUND_FACTORS[1] * d.weight];
      continue;
    }
    if (!Array.isArray(given) || given.length !== 2) throw new RangeError(`weight bounds of dimension ${d.id}: must be [lower, upper]`);
    const [lo, hi] = given as readonly [unknown, unknown];
    if (typeof lo !== "number" || !Number.isFinite(lo) || lo < 0) throw new RangeError(`weight bounds of dimension ${d.id}: lower bound must be a finite number >= 0 (got ${String(lo)})`);
    if (typeof hi !== "number" || Number.isNaN(hi) || hi < 0) throw new RangeError(`weight bounds of dimension ${d.id}: upper bound must be a number >= 0 or Infinity (got ${String(hi)})`);
    if (lo > hi) throw new RangeError(`weight bounds of dimension ${d.id}: lower bound ${lo} is above upper bound ${hi}`);
    out[d.id] = [lo, hi];
  }
  if (!prepared.dimensions.some((d) => out[d.id]![1] > 0)) throw new RangeError("weight bounds: at least one dimension must be allowed a weight > 0");
  return out;
}

/**
 * Min and max of sum_a c_a w_a over the normalised weight set without floors
 * (its closure: a superset of F, so the bounds are valid for F). This is the
 * ratio c.V / 1.V over the raw box; its optimum puts the dimensions with the
 * smallest c at their upper bound and the rest at their lower bound, so trying
 * each split of the dimensions sorted by c is exact. An infinite upper bound
 * lets the ratio approach c_a of that dimension.
 */
export function rangeOver(c: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): {min: number; max: number} {
  return {min: extreme(c, lo, hi, 1).value, max: -extreme(c, lo, hi, -1).value};
}

/** The minimum of sign * c.w over the closure of the weight set, and a normalised point attaining it. */
function extreme(c: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, sign: 1 | -1): {value: number; point: Float64Array} {
  const n = lo.length;
  const order = Array.from({length: n}, (_, a) => a).sort((a, b) => sign * c[a]! - sign * c[b]! || a - b);
  let num = 0;
  let den = 0;
  for (let a = 0; a < n; a++) {
    num += sign * c[a]! * lo[a]!;
    den += lo[a]!;
  }
  let value = den > 0 ? num / den : Infinity;
  let upTo = -1;
  let infinite = -1;
  for (let i = 0; i < n; i++) {
    const a = order[i]!;
    const ca = sign * c[a]!;
    if (hi[a] === Infinity) {
      if (ca < value) {
        value = ca;
        infinite = a;
      }
      break;
    }
    num += ca * (hi[a]! - lo[a]!);
    den += hi[a]! - lo[a]!;
    if (den > 0 && num / den < value) {
      value = num / den;
      upTo = i;
    }
  }
  const point = new Float64Array(n);
  if (infinite >= 0) {
    point[infinite] = 1;
  } else {
    for (let i = 0; i < n; i++) point[order[i]!] = i <= upTo ? hi[order[i]!]! : lo[order[i]!]!;
    normalise(point);
  }
  return {value, point};
}

function normalise(w: Float64Array): Float64Array {
  let s = 0;
  for (const x of w) s += x;
  if (s > 0) for (let a = 0; a < w.length; a++) w[a] = w[a]! / s;
  return w;
}

/** Moves a point of the closure towards `centre` just far enough to meet the floors. */
function meetFloors(w: Float64Array, centre: Float64Array, floor: Float64Array): Float64Array {
  let lambda = 0;
  for (let a = 0; a < w.length; a++) {
    if (w[a]! < floor[a]!) lambda = Math.max(lambda, (floor[a]! - w[a]!) / (centre[a]! - w[a]!));
  }
  if (lambda === 0) return w;
  return normalise(Float64Array.from(w, (x, a) => x + lambda * (centre[a]! - x)));
}

/** Normalised vertices of the closure of the weight set (box vertices; an infinite bound gives a unit vector). */
function vertices(lo: Float64Array, hi: Float64Array): Float64Array[] {
  const n = lo.length;
  const out: Float64Array[] = [];
  if (n > 10) return out;
  for (let mask = 0; mask < 1 << n; mask++) {
    const v = new Float64Array(n);
    let infinite = false;
    for (let a = 0; a < n; a++) if (mask & (1 << a) && hi[a] === Infinity) infinite = true;
    for (let a = 0; a < n; a++) {
      const up = (mask & (1 << a)) !== 0;
      v[a] = infinite ? (up && hi[a] === Infinity ? 1 : 0) : up ? hi[a]! : lo[a]!;
    }
    if (v.some((x) => x > 0)) out.push(normalise(v));
  }
  return out;
}

function groupKey(prepared: Prepared, grouping: Grouping, m: number): string {
  const mun = prepared.municipalities[m]!;
  return grouping === "kommungrupp" ? mun.kommungrupp : grouping === "mainGroup" ? mun.mainGroup : "";
}

/** Per municipality and dimension, the weighted mean the total averages (summed as aggregate() sums it). */
function dimensionMeans(result: ScoreResult, active: number[]): Float64Array {
  const p = result.prepared;
  const nM = p.nMunicipalities;
  const nK = p.nKpis;
  const nD = p.dimensions.length;
  const nA = active.length;
  const eff = result.weights.effective;
  const vals = result.aggregationValues;
  const out = new Float64Array(nM * nA);
  const sumWV = new Float64Array(nD);
  const sumW = new Float64Array(nD);
  for (let m = 0; m < nM; m++) {
    sumWV.fill(0);
    sumW.fill(0);
    for (let k = 0; k < nK; k++) {
      const w = eff[k]!;
      if (!(w > 0)) continue;
      const v = vals[m * nK + k]!;
      if (v !== v) continue;
      const d = p.kpiDimension[k]!;
      sumWV[d] = sumWV[d]! + w * v;
      sumW[d] = sumW[d]! + w;
    }
    for (let a = 0; a < nA; a++) {
      const d = active[a]!;
      out[m * nA + a] = sumW[d]! > 0 ? sumWV[d]! / sumW[d]! : NaN;
    }
  }
  return out;
}

/** Builds the shared part of the problem: bounds, the weight set, dimension values, groups, candidates. */
export function prepareRankRanges(prepared: Prepared, options: RankRangeOptions = {}): RankRangeProblem {
  const grouping = options.grouping ?? "none";
  const rankOptions: RankOptions = {grouping, ...(options.minSteadiness === undefined ? {} : {minSteadiness: options.minSteadiness})};
  const margin = options.margin ?? RANK_MARGIN;
  if (!(margin > 0 && Number.isFinite(margin))) throw new RangeError(`margin must be a finite number > 0 (got ${margin})`);
  const topN = options.topN ?? DEFAULT_TOP_N;
  if (!(Number.isInteger(topN) && topN >= 1)) throw new RangeError(`topN must be an integer >= 1 (got ${topN})`);
  const timeLimit = options.timeLimitSeconds ?? MIP_SOLVER_OPTIONS.time_limit;
  if (!(timeLimit > 0)) throw new RangeError(`timeLimitSeconds must be > 0 (got ${timeLimit})`);
  const bounds = resolveWeightBounds(prepared, options.bounds);
  const dims = prepared.dimensions;
  const active = dims.flatMap((d, i) => (bounds[d.id]![1] > 0 ? [i] : []));
  const nA = active.length;

  let scale = 0;
  for (const d of active) for (const b of bounds[dims[d]!.id]!) if (Number.isFinite(b) && b > scale) scale = b;
  if (!(scale > 0)) scale = 1;
  const lo = Float64Array.from(active, (d) => bounds[dims[d]!.id]![0] / scale);
  const hi = Float64Array.from(active, (d) => bounds[dims[d]!.id]![1] / scale);

  // Floors: at most half of what the bounds allow spread over every dimension, so a centre meeting all of them exists.
  const maxima = active.map((_, a) => extreme(Float64Array.from(active, (_d, b) => (b === a ? 1 : 0)), lo, hi, -1));
  const floor = Float64Array.from(maxima, (x) => Math.min(ZERO_WEIGHT_FLOOR, -x.value / (2 * nA)));
  const centre = new Float64Array(nA);
  for (const x of maxima) for (let a = 0; a < nA; a++) centre[a] = centre[a]! + x.point[a]! / nA;
  normalise(centre);
  const random = mulberry32(0x5eed);
  const corners = vertices(lo, hi);
  const mixtures: Float64Array[] = [];
  const basis = corners.length ? corners : maxima.map((x) => x.point);
  for (let i = 0; i < 32; i++) {
    const w = new Float64Array(nA);
    for (const v of basis) {
      const e = -Math.log(1 - random());
      for (let a = 0; a < nA; a++) w[a] = w[a]! + e * v[a]!;
    }
    mixtures.push(normalise(w));
  }
  const points = [centre, ...corners, ...mixtures].map((w) => meetFloors(w, centre, floor));

  // Any weighting in the bounds has the same zero pattern; the centre stands for all of them.
  const indicatorWeights = {...(options.weights?.indicators ?? {})};
  const boxWeights = rawWeights(prepared, active, centre, scale, lo, hi, 1);
  const inBox = score(prepared, {dimensions: boxWeights, indicators: indicatorWeights}, rankOptions);
  const current = score(prepared, {dimensions: options.weights?.dimensions ?? {}, indicators: indicatorWeights}, rankOptions);
  const nM = prepared.nMunicipalities;
  const candidate = new Uint8Array(nM);
  for (let m = 0; m < nM; m++) candidate[m] = inBox.eligible[m]! & current.eligible[m]!;
  const groupOf = grouping === "none" ? null : prepared.municipalities.map((_, m) => groupKey(prepared, grouping, m));
  const lists = new Map<string, number[]>();
  for (let m = 0; m < nM; m++) {
    if (!inBox.eligible[m]) continue;
    const g = groupOf ? groupOf[m]! : "";
    let list = lists.get(g);
    if (!list) lists.set(g, (list = []));
    list.push(m);
  }
  const members = new Map([...lists].map(([g, list]) => [g, Int32Array.from(list)]));
  const referenceSum = active.reduce((s, d) => s + dims[d]!.weight, 0);
  // lo_d t <= w_d and w_e <= hi_e t for one t >= 0  <=>  hi_e w_d - lo_d w_e >= 0 for every pair.
  const ratio: number[] = [];
  for (let d = 0; d < nA; d++) {
    for (let e = 0; e < nA; e++) {
      if (d === e || !(lo[d]! > 0) || hi[e] === Infinity) continue;
      for (let a = 0; a < nA; a++) ratio.push(a === d ? hi[e]! : a === e ? -lo[d]! : 0);
    }
  }
  const floors: number[] = [];
  for (let d = 0; d < nA; d++) for (let a = 0; a < nA; a++) floors.push((a === d ? 1 : 0) - floor[d]!);
  const least = Float64Array.from(active, (_, a) => Math.max(floor[a]!, extreme(Float64Array.from(active, (_d, b) => (b === a ? 1 : 0)), lo, hi, 1).value));
  const spare = Math.max(0, 1 - least.reduce((x, y) => x + y, 0));
  const rootSimplex = new Float64Array(nA * nA);
  for (let k = 0; k < nA; k++) for (let a = 0; a < nA; a++) rootSimplex[k * nA + a] = least[a]! + (a === k ? spare : 0);
  const limits = {...DEFAULT_SEARCH_LIMITS, ...options.limits};
  for (const [name, value] of Object.entries(limits)) if (!(value >= 0)) throw new RangeError(`limits.${name} must be a number >= 0 (got ${value})`);
  const method = options.method ?? "branch";
  if (method !== "branch" && method !== "mip") throw new RangeError(`method must be "branch" or "mip" (got ${String(method)})`);

  return {
    prepared,
    grouping,
    options: rankOptions,
    indicatorWeights,
    bounds,
    active,
    lo,
    hi,
    scale,
    floor,
    ratioRows: Float64Array.from(ratio),
    hardRows: Float64Array.from([...ratio, ...floors]),
    rootSimplex,
    points,
    values: dimensionMeans(inBox, active),
    eligible: inBox.eligible,
    candidate,
    currentRank: current.ranks.withinGroup,
    groupOf,
    members,
    margin,
    topN,
    timeLimit,
    method,
    limits,
    referenceSum: referenceSum > 0 ? referenceSum : 1
  };
}

/**
 * Raw weights by dimension id from a normalised point: w times a factor that
 * puts every weight within its bounds (chosen nearest to a total of
 * `targetSum`), inactive dimensions 0.
 */
function rawWeights(prepared: Prepared, active: number[], w: Float64Array, scale: number, lo: Float64Array, hi: Float64Array, targetSum: number): Record<string, number> {
  let kMin = 0;
  let kMax = Infinity;
  let sum = 0;
  for (let a = 0; a < w.length; a++) {
    const x = w[a]!;
    sum += x;
    if (x > 0) {
      kMin = Math.max(kMin, lo[a]! / x);
      kMax = Math.min(kMax, hi[a]! / x);
    }
  }
  const want = targetSum / (scale * sum);
  const k = kMin > kMax ? (kMin + kMax) / 2 : Math.min(Math.max(want, kMin), kMax);
  const out: Record<string, number> = Object.fromEntries(prepared.dimensions.map((d) => [d.id, 0]));
  active.forEach((d, a) => {
    // An active dimension keeps a weight > 0 (the floors), so the ranked set does not change.
    out[prepared.dimensions[d]!.id] = Math.max(Math.min(Math.max(k * w[a]!, lo[a]!), hi[a]!) * scale, Number.MIN_VALUE);
  });
  return out;
}

/** A normalised point from raw weights, or null when it is not in the weight set (with floors). */
function pointOf(problem: RankRangeProblem, weights: Record<string, number>): Float64Array | null {
  const {prepared, active, lo, hi, floor, scale} = problem;
  const dims = prepared.dimensions;
  for (let d = 0; d < dims.length; d++) if (!active.includes(d) && (weights[dims[d]!.id] ?? 0) !== 0) return null;
  const w = Float64Array.from(active, (d) => (weights[dims[d]!.id] ?? 0) / scale);
  if (w.some((x) => !(x >= 0 && Number.isFinite(x)))) return null;
  let kMin = 0;
  let kMax = Infinity;
  for (let a = 0; a < w.length; a++) {
    kMin = Math.max(kMin, lo[a]! / w[a]!);
    kMax = Math.min(kMax, hi[a]! / w[a]!);
  }
  normalise(w);
  if (!(kMin <= kMax * (1 + 1e-9)) || w.some((x, a) => x < floor[a]! * (1 - 1e-9))) return null;
  return w;
}

type Direction = "best" | "worst";

/** The rows of one direction for municipality m: fixed counts and the uncertain rows. */
interface Rows {
  /** Competitors, and those whose row fails everywhere in the weight set (the others hold everywhere or are uncertain). */
  competitors: number;
  fixedFail: number;
  /** Uncertain rows: competitor index, coefficients `[i * nA + a]`, big-M. */
  index: number[];
  coef: Float64Array;
  bigM: Float64Array;
}

function buildRows(problem: RankRangeProblem, m: number, direction: Direction, margin: number): Rows {
  const {values, lo, hi} = problem;
  const nA = problem.active.length;
  const group = problem.members.get(problem.groupOf ? problem.groupOf[m]! : "")!;
  const index: number[] = [];
  const coef: number[] = [];
  const bigM: number[] = [];
  let fixedFail = 0;
  const c = new Float64Array(nA);
  const sign = direction === "best" ? 1 : -1;
  for (const j of group) {
    if (j === m) continue;
    let identical = true;
    for (let a = 0; a < nA; a++) {
      const dm = values[m * nA + a]!;
      const dj = values[j * nA + a]!;
      if (dm !== dj) identical = false;
      // best: m beats j (S_m - S_j >= margin); worst: j beats m.
      c[a] = sign * (dm - dj) - margin;
    }
    if (identical) {
      // Equal totals at every weighting: the lower code wins (indices are in code order).
      const holds = direction === "best" ? m < j : j < m;
      if (!holds) fixedFail++;
      continue;
    }
    const {min, max} = rangeOver(c, lo, hi);
    if (min >= 0) continue; // holds everywhere
    if (max < 0) fixedFail++;
    else {
      index.push(j);
      for (let a = 0; a < nA; a++) coef.push(c[a]!);
      bigM.push(bigMOf(min));
    }
  }
  return {competitors: group.length - 1, fixedFail, index, coef: Float64Array.from(coef), bigM: Float64Array.from(bigM)};
}

/**
 * Right-hand side of a counted row in the MIP: 2e-9 instead of 0, so a row the
 * solver satisfies (within its tolerance 1e-9) is >= 0 when counted again in
 * floating point. (The MIP's margin is thus ε + 2e-9.)
 */
const ROW_RHS = 2e-9;
/** Tolerance of the weight set's rows at a point (a point this close is clamped into the bounds by rawWeights). */
const HARD_TOLERANCE = 1e-9;

/** The big-M of a row whose minimum is `min` < 0: enough to lift it to ROW_RHS, with room for rounding. */
const bigMOf = (min: number): number => -min * (1 + 1e-9) + 1e-8;

/** Uncertain rows that fail at w (the objective's value there). */
function failures(rows: Rows, w: Float64Array): number {
  const nA = w.length;
  let n = 0;
  for (let i = 0; i < rows.index.length; i++) {
    let s = 0;
    for (let a = 0; a < nA; a++) s += rows.coef[i * nA + a]! * w[a]!;
    if (s < 0) n++;
  }
  return n;
}

/** Shortest round-trip decimal ("1.5", "2e-7"), which the LP reader parses exactly. */
const num = (x: number): string => String(x);

function term(x: number, name: string, first: boolean): string {
  if (x < 0) return `- ${num(-x)} ${name}`;
  return `${first ? "" : "+ "}${num(x)} ${name}`;
}

/**
 * One MIP: continuous x0..x(n-1) with sum 1 and the given bounds, hard rows
 * `hard . x >= 0`, and per counted row i a binary u_i with
 * `coef_i . x + M_i u_i >= ROW_RHS`; minimise sum u (the rows that fail), at
 * most `cutoff` when given.
 */
export interface MipModel {
  n: number;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** `[h * n + a]`. */
  hard: Float64Array;
  /** `[i * n + a]`. */
  coef: Float64Array;
  bigM: Float64Array;
  cutoff: number | null;
}

/** The model as CPLEX LP text (what highs.solve() reads). */
export function mipText(model: MipModel): string {
  const {n, coef, bigM, hard} = model;
  const nU = bigM.length;
  const x = (a: number) => `x${a}`;
  const sum = (names: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < names.length; i += 12) out.push(`  ${i ? "+ " : ""}${names.slice(i, i + 12).join(" + ")}`);
    return out;
  };
  const row = (c: Float64Array, at: number, extra: string) => {
    const parts: string[] = [];
    for (let a = 0; a < n; a++) {
      const v = c[at + a]!;
      if (v !== 0) parts.push(term(v, x(a), parts.length === 0));
    }
    if (extra) parts.push(extra);
    return parts.length ? parts.join(" ") : `0 ${x(0)}`;
  };
  const us = Array.from({length: nU}, (_, i) => `u${i}`);
  const lines: string[] = ["Minimize", " obj:", ...(nU ? sum(us) : [`  0 ${x(0)}`]), "Subject To"];
  lines.push(` s: ${Array.from({length: n}, (_, a) => x(a)).join(" + ")} = 1`);
  for (let h = 0; h * n < hard.length; h++) lines.push(` h${h}: ${row(hard, h * n, "")} >= 0`);
  for (let i = 0; i < nU; i++) lines.push(` r${i}: ${row(coef, i * n, term(bigM[i]!, us[i]!, false))} >= ${ROW_RHS}`);
  if (model.cutoff !== null && nU) lines.push(" k:", ...sum(us), `  <= ${model.cutoff}`);
  lines.push("Bounds");
  for (let a = 0; a < n; a++) lines.push(` ${num(model.lower[a]!)} <= ${x(a)} <= ${num(model.upper[a]!)}`);
  if (nU) lines.push("Binary", ...us.map((u) => `  ${u}`));
  lines.push("End");
  return lines.join("\n") + "\n";
}

interface MipOutcome {
  /**
   * "optimal": x is a minimiser, `fails` its count; "infeasible": nothing meets the cutoff; "limit":
   * time limit (x the best found, if any); "refused": the solver threw (only when asked to report it).
   */
  status: "optimal" | "infeasible" | "limit" | "refused";
  x: Float64Array | null;
  fails: number;
}

/** The solver's answer to `model`; with `refusable`, an error the solver throws is the status "refused" (an unknown status is always an error). */
function runMip(problem: RankRangeProblem, solver: MipSolver, model: MipModel, what: string, refusable = false): MipOutcome {
  const lp = mipText(model);
  let solution: MipSolution;
  try {
    solution = solver(lp, {...MIP_SOLVER_OPTIONS, time_limit: problem.timeLimit});
  } catch (error) {
    if (refusable) return {status: "refused", x: null, fails: Infinity};
    throw error;
  }
  const x = Float64Array.from({length: model.n}, (_, a) => solution.Columns[`x${a}`]?.Primal ?? NaN);
  const hasX = x.every(Number.isFinite);
  const status = solution.Status;
  if (status === "Optimal" && hasX) return {status: "optimal", x, fails: Math.round(solution.ObjectiveValue)};
  if (status === "Infeasible" || status === "Primal infeasible or unbounded") return {status: "infeasible", x: null, fails: Infinity};
  if (status === "Time limit reached") return {status: "limit", x: hasX ? x : null, fails: hasX ? Math.round(solution.ObjectiveValue) : Infinity};
  throw new Error(`MIP solver failed (${what}): ${status}`);
}

/** The whole problem as one MIP over the weight set (floors as bounds, the ratio rows as hard rows). */
function globalModel(problem: RankRangeProblem, rows: Rows, cutoff: number | null): MipModel {
  const n = problem.active.length;
  return {n, lower: problem.floor, upper: new Float64Array(n).fill(1), hard: problem.ratioRows, coef: rows.coef, bigM: rows.bigM, cutoff};
}

/** A simplex of the branch-and-bound: vertices and the values there of the rows it does not decide. */
interface Region {
  /** `[k * n + a]`: vertex k (a normalised weighting, maybe outside the weight set). */
  v: Float64Array;
  /** Undecided uncertain rows and their values at the vertices `[i * n + k]`. */
  rows: Int32Array;
  vals: Float64Array;
  /** Undecided hard rows (the weight set's) and their values. */
  hard: Int32Array;
  hvals: Float64Array;
  /** Uncertain rows that hold on the whole region. */
  holds: number;
  /** Upper bound on the rows that can hold at one point of the region. */
  ub: number;
}

/** Max-heap of regions by upper bound. */
class RegionHeap {
  private items: Region[] = [];
  get size(): number {
    return this.items.length;
  }
  push(r: Region): void {
    const a = this.items;
    a.push(r);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.ub >= r.ub) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = r;
  }
  pop(): Region | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1]!.ub > a[l]!.ub ? l + 1 : l;
        if (a[c]!.ub <= last.ub) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Limits of the branch-and-bound (tuned on the real data; the tests change them to reach every path). */
export interface SearchLimits {
  /** Regions split before what is left goes to one MIP (default 20 000, a few MB of queue). */
  maxRegions: number;
  /** A region whose longest edge (in normalised weights) is shorter than this goes to the MIP (default 1e-7). */
  minEdge: number;
  /** A region whose vertex enumeration needs at most this many linear systems is solved by it (default 60: with 4 dimensions, up to 4 undecided rows; 0: never). */
  leafCombinations: number;
}

export const DEFAULT_SEARCH_LIMITS: Readonly<SearchLimits> = {maxRegions: 20_000, minEdge: 1e-7, leafCombinations: 60};

/** n choose k (0 <= k <= n), stopping early once above `limit`: the partial products C(n, i) for i <= min(k, n - k) never exceed the result. */
function combinations(n: number, k: number, limit: number): number {
  let c = 1;
  for (let i = 0; i < Math.min(k, n - k); i++) {
    c = (c * (n - i)) / (i + 1);
    if (c > limit) return c;
  }
  return c;
}

/**
 * The exact optimum in a small region by vertex enumeration. In the region's
 * barycentric coordinates λ (sum 1, λ >= 0), the points where a given set of
 * rows holds form a polytope; if it is not empty it has a vertex where n - 1
 * of the constraints (undecided rows at ROW_RHS, undecided hard rows at 0,
 * facets λ_k = 0) are tight. So the best of all such vertices is the optimum
 * of the region. Returns the rows that hold there (beyond `holds`) and λ, or
 * null when no vertex lies in the weight set.
 */
function solveLeaf(r: Region, n: number): {holds: number; lambda: Float64Array} | null {
  const nR = r.rows.length;
  const nH = r.hard.length;
  const total = nR + nH + n;
  const pick = Int32Array.from({length: n - 1}, (_, i) => i);
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const lambda = new Float64Array(n);
  let best = -1;
  let bestLambda: Float64Array | null = null;
  const tol = 1e-12;
  for (;;) {
    // Row 0: sum λ = 1; rows 1..n-1: the picked constraints.
    for (let k = 0; k < n; k++) a[k] = 1;
    b[0] = 1;
    let degenerate = false;
    for (let i = 0; i < n - 1; i++) {
      const c = pick[i]!;
      const at = (i + 1) * n;
      if (c < nR) {
        for (let k = 0; k < n; k++) a[at + k] = r.vals[c * n + k]!;
        b[i + 1] = ROW_RHS;
      } else if (c < nR + nH) {
        for (let k = 0; k < n; k++) a[at + k] = r.hvals[(c - nR) * n + k]!;
        b[i + 1] = 0;
      } else {
        for (let k = 0; k < n; k++) a[at + k] = k === c - nR - nH ? 1 : 0;
        b[i + 1] = 0;
      }
      // Each equation scaled to max |coefficient| 1, so the singularity test in gauss() is relative.
      let scale = 0;
      for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(a[at + k]!));
      if (!(scale > 0)) degenerate = true;
      else {
        for (let k = 0; k < n; k++) a[at + k] = a[at + k]! / scale;
        b[i + 1] = b[i + 1]! / scale;
      }
    }
    if (!degenerate && gauss(a, b, lambda, n)) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) if (lambda[k]! < -tol) ok = false;
      for (let h = 0; h < nH && ok; h++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += r.hvals[h * n + k]! * lambda[k]!;
        if (s < -tol) ok = false;
      }
      if (ok) {
        let holds = 0;
        for (let i = 0; i < nR; i++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += r.vals[i * n + k]! * lambda[k]!;
          if (s >= ROW_RHS / 2) holds++;
        }
        if (holds > best) {
          best = holds;
          bestLambda = lambda.slice();
          if (best === nR) break;
        }
      }
    }
    // Next combination of n - 1 out of `total`.
    let i = n - 2;
    while (i >= 0 && pick[i] === total - (n - 1) + i) i--;
    if (i < 0) break;
    pick[i] = pick[i]! + 1;
    for (let j = i + 1; j < n - 1; j++) pick[j] = pick[j - 1]! + 1;
  }
  if (!bestLambda) return null;
  for (let k = 0; k < n; k++) if (bestLambda[k]! < 0) bestLambda[k] = 0;
  return {holds: best, lambda: bestLambda};
}

/** Solves a x = b (n x n, row-major, rows scaled to max 1, overwritten) by Gaussian elimination with partial pivoting; false when (nearly) singular. */
function gauss(a: Float64Array, b: Float64Array, x: Float64Array, n: number): boolean {
  for (let col = 0; col < n; col++) {
    let p = col;
    let max = Math.abs(a[col * n + col]!);
    for (let row = col + 1; row < n; row++) {
      const v = Math.abs(a[row * n + col]!);
      if (v > max) (max = v), (p = row);
    }
    if (!(max > 1e-12)) return false;
    if (p !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[p * n + k]!;
        a[p * n + k] = t;
      }
      const t = b[col]!;
      b[col] = b[p]!;
      b[p] = t;
    }
    const pivot = a[col * n + col]!;
    for (let row = col + 1; row < n; row++) {
      const f = a[row * n + col]! / pivot;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[row * n + k] = a[row * n + k]! - f * a[col * n + k]!;
      b[row] = b[row]! - f * b[col]!;
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let s = b[row]!;
    for (let k = row + 1; k < n; k++) s -= a[row * n + k]! * x[k]!;
    x[row] = s / a[row * n + row]!;
  }
  return true;
}


interface Search {
  fails: number;
  point: Float64Array;
  proven: boolean;
  timedOut: boolean;
  /** The solver refused a leftover region's MIP (threw), so that region is unsettled. */
  refused: boolean;
  solves: number;
  regions: number;
  leaves: number;
}

/**
 * Spatial branch-and-bound over the normalised weights, starting from the
 * smallest simplex {w >= L, sum w = 1} that holds the weight set. A region
 * (a simplex) bounds every linear row by its values at the vertices, so rows
 * that hold (fail) at every vertex hold (fail) on the whole region, and
 * holds + undecided bounds what any point of it can reach. Regions that
 * cannot beat the incumbent, or lie outside the weight set (a hard row fails
 * at every vertex), are dropped; the rest are bisected along their longest
 * edge, best bound first. Each region's centroid, when in the weight set, is a
 * candidate solution. A region with few undecided rows is solved exactly by
 * vertex enumeration ({@link solveLeaf}); a region too small to split, or
 * what is left after {@link SearchLimits}.maxRegions, is solved by the MIP.
 * Exact: it ends only when every part of the weight set is either bounded
 * below the incumbent or solved.
 */
function branchAndBound(problem: RankRangeProblem, solver: MipSolver, rows: Rows, start: {point: Float64Array; fails: number}, what: string): Search {
  const n = problem.active.length;
  const nU = rows.index.length;
  const nH = problem.hardRows.length / n;
  const {maxRegions, minEdge, leafCombinations} = problem.limits;
  let bestHolds = nU - start.fails;
  let bestPoint = start.point;
  let solves = 0;
  let timedOut = false;

  // Scratch for the child being classified; copied only for a region that is queued.
  const rowIds = new Int32Array(nU);
  const vals = new Float64Array(nU * n);
  const hardIds = new Int32Array(nH);
  const hv = new Float64Array(nH * n);

  /**
   * Classifies the rows on the child of `src` whose vertex `replace` moves to
   * the midpoint with vertex `other` (replace = -1: `src` itself), tries its
   * centroid, and queues it unless it cannot beat the incumbent. The rows are
   * linear, so their values at the midpoint are the mean of the two ends.
   */
  const consider = (src: Region, replace: number, other: number): void => {
    const nHs = src.hard.length;
    let keptHard = 0;
    let inside = true;
    for (let h = 0; h < nHs; h++) {
      let mn = Infinity;
      let mx = -Infinity;
      let sum = 0;
      const at = keptHard * n;
      for (let k = 0; k < n; k++) {
        let val = src.hvals[h * n + k]!;
        if (k === replace) val = (val + src.hvals[h * n + other]!) / 2;
        hv[at + k] = val;
        sum += val;
        if (val < mn) mn = val;
        if (val > mx) mx = val;
      }
      if (mx < 0) return; // outside the weight set
      if (mn >= 0) continue;
      hardIds[keptHard++] = src.hard[h]!;
      if (sum < 0) inside = false;
    }
    const nRs = src.rows.length;
    // Rows that fail on the whole child; at this many it cannot beat the incumbent.
    const enough = src.holds + nRs - bestHolds;
    let failed = 0;
    let kept = 0;
    let holds = src.holds;
    let holdsAtCentre = 0;
    for (let i = 0; i < nRs; i++) {
      let mn = Infinity;
      let mx = -Infinity;
      let sum = 0;
      const at = kept * n;
      for (let k = 0; k < n; k++) {
        let val = src.vals[i * n + k]!;
        if (k === replace) val = (val + src.vals[i * n + other]!) / 2;
        vals[at + k] = val;
        sum += val;
        if (val < mn) mn = val;
        if (val > mx) mx = val;
      }
      if (mn >= 0) holds++;
      else if (mx >= 0) {
        rowIds[kept++] = src.rows[i]!;
        if (sum >= 0) holdsAtCentre++;
      } else if (++failed >= enough) return;
    }
    const v = src.v.slice();
    if (replace >= 0) for (let a = 0; a < n; a++) v[replace * n + a] = (src.v[replace * n + a]! + src.v[other * n + a]!) / 2;
    if (inside && holds + holdsAtCentre > bestHolds) {
      const centre = new Float64Array(n);
      for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) centre[a] = centre[a]! + v[k * n + a]! / n;
      // Count again at the point itself: this is what the answer claims.
      const fails = failures(rows, centre);
      if (nU - fails > bestHolds && inWeightSet(problem, centre)) {
        bestHolds = nU - fails;
        bestPoint = centre;
      }
    }
    const ub = holds + kept;
    if (ub <= bestHolds) return;
    heap.push({v, rows: rowIds.slice(0, kept), vals: vals.slice(0, kept * n), hard: hardIds.slice(0, keptHard), hvals: hv.slice(0, keptHard * n), holds, ub});
  };

  // The root: the smallest simplex {w >= L, sum w = 1} around the weight set (L: each weight's minimum on it).
  const heap = new RegionHeap();
  const rootV = problem.rootSimplex;
  const valuesAt = (coef: Float64Array, count: number) => {
    const out = new Float64Array(count * n);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < n; k++) {
        let sum = 0;
        for (let a = 0; a < n; a++) sum += coef[i * n + a]! * rootV[k * n + a]!;
        out[i * n + k] = sum;
      }
    }
    return out;
  };
  const root: Region = {
    v: rootV,
    rows: Int32Array.from({length: nU}, (_, i) => i),
    vals: valuesAt(rows.coef, nU),
    hard: Int32Array.from({length: nH}, (_, h) => h),
    hvals: valuesAt(problem.hardRows, nH),
    holds: 0,
    ub: nU
  };
  consider(root, -1, -1);

  let regions = 0;
  let leaves = 0;
  const leftover: Region[] = [];
  while (heap.size) {
    const r = heap.pop()!;
    if (r.ub <= bestHolds) continue;
    if (++regions > maxRegions) {
      leftover.push(r);
      continue;
    }
    let bi = 0;
    let bj = 1;
    let longest = -1;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let d = 0;
        for (let a = 0; a < n; a++) d += (r.v[i * n + a]! - r.v[j * n + a]!) ** 2;
        if (d > longest) (longest = d), (bi = i), (bj = j);
      }
    }
    if (Math.sqrt(longest) < minEdge) {
      leftover.push(r);
      continue;
    }
    if (combinations(r.rows.length + r.hard.length + n, n - 1, leafCombinations) <= leafCombinations) {
      const leaf = solveLeaf(r, n);
      leaves++;
      if (leaf) {
        const point = new Float64Array(n);
        for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) point[a] = point[a]! + leaf.lambda[k]! * r.v[k * n + a]!;
        normalise(point);
        const fails = failures(rows, point);
        const inside = inWeightSet(problem, point);
        if (inside && nU - fails > bestHolds) {
          bestHolds = nU - fails;
          bestPoint = point;
        }
        // Rounding made the vertex count differ from the recount: let the MIP settle the region.
        if (!inside || nU - fails < r.holds + leaf.holds) leftover.push(r);
      }
      continue;
    }
    consider(r, bi, bj);
    consider(r, bj, bi);
  }
  // What the bisection could not settle: one MIP per region, in the region's own coordinates
  // (x_k = weight of vertex k), or the whole problem at once when the budget ran out.
  let proven = true;
  let refused = false;
  if (regions > maxRegions) {
    const outcome = runMip(problem, solver, globalModel(problem, rows, nU - bestHolds - 1), what);
    solves++;
    if (outcome.x && nU - failures(rows, outcome.x) > bestHolds) {
      bestHolds = nU - failures(rows, outcome.x);
      bestPoint = outcome.x;
    }
    if (outcome.status === "optimal" && outcome.fails !== nU - bestHolds) proven = false;
    else if (outcome.status === "limit") (proven = false), (timedOut = true);
  } else {
    for (const r of leftover) {
      if (r.ub <= bestHolds) continue;
      const bigM = Float64Array.from({length: r.rows.length}, (_, i) => {
        let mn = Infinity;
        for (let k = 0; k < n; k++) mn = Math.min(mn, r.vals[i * n + k]!);
        return bigMOf(mn);
      });
      const model: MipModel = {n, lower: new Float64Array(n), upper: new Float64Array(n).fill(1), hard: r.hvals, coef: r.vals, bigM, cutoff: r.rows.length - (bestHolds - r.holds) - 1};
      // HiGHS refuses a nearly degenerate region (where the weight set is lower-dimensional, rows
      // with coefficients near 1e-18): the region stays unsettled, the rank found is not proven.
      const outcome = runMip(problem, solver, model, what, true);
      solves++;
      if (outcome.status === "refused") (proven = false), (refused = true);
      if (outcome.status === "limit") (proven = false), (timedOut = true);
      if (!outcome.x) continue;
      const point = new Float64Array(n);
      for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) point[a] = point[a]! + outcome.x[k]! * r.v[k * n + a]!;
      normalise(point);
      const fails = failures(rows, point);
      const inside = inWeightSet(problem, point);
      // The solver's optimum must hold again in floating point, or the region is not settled.
      if (outcome.status === "optimal" && (!inside || nU - fails < r.holds + r.rows.length - outcome.fails)) proven = false;
      if (nU - fails > bestHolds && inside) {
        bestHolds = nU - fails;
        bestPoint = point;
      }
    }
  }
  return {fails: nU - bestHolds, point: bestPoint, proven, timedOut, refused, solves, regions: Math.min(regions, maxRegions), leaves};
}

/** True when w meets every hard row (floors and bound ratios). */
function inWeightSet(problem: RankRangeProblem, w: Float64Array): boolean {
  const n = w.length;
  const hard = problem.hardRows;
  for (let h = 0; h * n < hard.length; h++) {
    let s = 0;
    for (let a = 0; a < n; a++) s += hard[h * n + a]! * w[a]!;
    if (s < -HARD_TOLERANCE) return false;
  }
  return true;
}

interface DirectionResult {
  rank: number;
  weights: Record<string, number>;
  exact: boolean;
  binaries: number;
  solves: number;
  regions: number;
  leaves: number;
  notes: string[];
}

/** Rank of m in score() with the given raw dimension weights (within its group). */
function verifiedRank(problem: RankRangeProblem, m: number, weights: Record<string, number>): number {
  const result = score(problem.prepared, {dimensions: weights, indicators: problem.indicatorWeights}, problem.options);
  if (!result.eligible[m]) throw new Error(`municipality ${problem.prepared.municipalities[m]!.code} is not ranked with the found weights`);
  return result.ranks.withinGroup[m]!;
}

function solveDirection(problem: RankRangeProblem, solver: MipSolver, m: number, direction: Direction, incumbent: Record<string, number> | undefined): DirectionResult {
  const notes: string[] = [];
  const code = problem.prepared.municipalities[m]!.code;
  let solves = 0;
  let binaries = 0;
  let regions = 0;
  let leaves = 0;
  let margin = problem.margin;
  const given = incumbent ? pointOf(problem, incumbent) : null;
  const points = given ? [given, ...problem.points] : problem.points;
  for (let attempt = 0; ; attempt++) {
    const rows = buildRows(problem, m, direction, margin);
    binaries = Math.max(binaries, rows.index.length);
    // Start from the best prepared point (and the caller's incumbent): the bound to beat.
    let point = points[0]!;
    let fails = failures(rows, point);
    for (const p of points) {
      if (fails === 0) break;
      const f = failures(rows, p);
      if (f < fails) (fails = f), (point = p);
    }
    let proven = fails === 0;
    let timedOut = false;
    let refused = false;
    const what = `${code} ${direction}`;
    if (!proven && problem.method === "mip") {
      // Sum u <= incumbent - 1: infeasible means the incumbent is optimal.
      const outcome = runMip(problem, solver, globalModel(problem, rows, fails - 1), what);
      solves++;
      if (outcome.x) {
        const f = failures(rows, outcome.x);
        if (f < fails && inWeightSet(problem, outcome.x)) (fails = f), (point = outcome.x);
      }
      // Optimal: the solver's point is the optimum (its count again in floating point must agree).
      proven = outcome.status === "infeasible" || (outcome.status === "optimal" && outcome.fails === fails);
      timedOut = outcome.status === "limit";
    } else if (!proven) {
      const search = branchAndBound(problem, solver, rows, {point, fails}, what);
      solves += search.solves;
      regions += search.regions;
      leaves += search.leaves;
      ({fails, point, proven, timedOut, refused} = search);
    }
    const expected = direction === "best" ? 1 + rows.fixedFail + fails : 1 + rows.competitors - rows.fixedFail - fails;
    const weights = rawWeights(problem.prepared, problem.active, point, problem.scale, problem.lo, problem.hi, problem.referenceSum);
    const rank = verifiedRank(problem, m, weights);
    const wrongWay = direction === "best" ? rank > expected : rank < expected;
    if (wrongWay && attempt < 2) {
      margin *= 10;
      continue;
    }
    const label = direction === "best" ? "Bästa" : "Sämsta";
    // Rounded to 12 digits: the margin raised tenfold twice is 9.999999999999999e-5 in doubles, shown as 1·10^-4.
    const eps = (x: number) => Number(x.toPrecision(12)).toExponential().replace("e", "·10^");
    if (timedOut) notes.push(`${label} placering: lösaren nådde tidsgränsen; placeringen är den bästa funna, inte bevisat optimal.`);
    else if (refused) notes.push(`${label} placering: lösaren kunde inte lösa ett delområde av viktmängden; placeringen är den bästa funna, inte bevisat optimal.`);
    else if (!proven) notes.push(`${label} placering: avrundning hindrade beviset; placeringen är den bästa funna, inte bevisat optimal.`);
    if (rank !== expected) notes.push(`${label} placering: vikterna ger placering ${rank} men optimeringen ${expected} (jämförelser avgjorda med mindre än marginalen ${eps(margin)}).`);
    else if (margin !== problem.margin) notes.push(`${label} placering: beräknad med marginalen ${eps(margin)} i stället för ${eps(problem.margin)}.`);
    return {rank, weights, exact: proven && rank === expected, binaries, solves, regions, leaves, notes};
  }
}

/** Best and worst rank of one municipality (an index) in a prepared problem. */
export function rankRangeAt(problem: RankRangeProblem, solver: MipSolver, m: number, incumbents: RankIncumbents = {}): RankRange {
  const t0 = performance.now();
  if (!problem.candidate[m]) throw new RangeError(`municipality ${problem.prepared.municipalities[m]?.code ?? m} is not ranked`);
  const best = solveDirection(problem, solver, m, "best", incumbents.best);
  const worst = solveDirection(problem, solver, m, "worst", incumbents.worst);
  const group = problem.groupOf ? problem.groupOf[m]! : null;
  return {
    code: problem.prepared.municipalities[m]!.code,
    group,
    currentRank: problem.currentRank[m]!,
    ranked: problem.members.get(group ?? "")!.length,
    bestRank: best.rank,
    worstRank: worst.rank,
    bestWeights: best.weights,
    worstWeights: worst.weights,
    exact: best.exact && worst.exact,
    canReachTopN: best.rank <= problem.topN,
    notes: [...best.notes, ...worst.notes],
    stats: {
      binaries: {best: best.binaries, worst: worst.binaries},
      solves: best.solves + worst.solves,
      regions: best.regions + worst.regions,
      leaves: best.leaves + worst.leaves,
      ms: performance.now() - t0
    }
  };
}

/** Best and worst rank of one municipality (the profile page); null when it is not ranked. */
export function rankRange(prepared: Prepared, solver: MipSolver, code: string, options: RankRangeOptions & {incumbents?: RankIncumbents} = {}): RankRange | null {
  const problem = prepareRankRanges(prepared, options);
  const m = prepared.municipalities.findIndex((x) => x.code === code);
  if (m < 0) throw new RangeError(`unknown municipality ${code}`);
  return problem.candidate[m] ? rankRangeAt(problem, solver, m, options.incumbents) : null;
}

export interface RankRangesOptions extends RankRangeOptions {
  /** Incumbent weightings per municipality code (e.g. from Monte Carlo). */
  incumbents?: Record<string, RankIncumbents>;
  /** Called after each municipality. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between municipalities, rejecting with the signal's reason. */
  signal?: AbortSignal;
  /** Lets the host run (e.g. handle a cancel message in a worker); awaited at most every `pauseEveryMs`. */
  pause?: () => Promise<void>;
  pauseEveryMs?: number;
}

/** Best and worst rank of every candidate, in code order (given a prepared problem, its own options apply). */
export async function rankRanges(prepared: Prepared | RankRangeProblem, solver: MipSolver, options: RankRangesOptions = {}): Promise<RankRange[]> {
  const problem = "candidate" in prepared ? prepared : prepareRankRanges(prepared, options);
  const list: number[] = [];
  for (let m = 0; m < problem.candidate.length; m++) if (problem.candidate[m]) list.push(m);
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const every = options.pauseEveryMs ?? 50;
  const out: RankRange[] = [];
  let last = performance.now();
  options.onProgress?.(0, list.length);
  for (const m of list) {
    options.signal?.throwIfAborted();
    out.push(rankRangeAt(problem, solver, m, options.incumbents?.[problem.prepared.municipalities[m]!.code]));
    options.onProgress?.(out.length, list.length);
    if (performance.now() - last >= every) {
      await pause();
      last = performance.now();
    }
  }
  options.signal?.throwIfAborted();
  return out;
}

/** Per KPI id: [lower, upper] bound of the KPI weight w(k) (finite). */
export type KpiWeightBounds = Record<string, readonly [number, number]>;

export interface FoundRankRangeOptions extends RankRangeOptions {
  /** Bounds of the KPI weights; a KPI not listed gets {@link DEFAULT_BOUND_FACTORS} x its current weight. */
  kpiBounds?: KpiWeightBounds;
  /** score() evaluations per direction (default 400). */
  evaluations?: number;
  /** Seed of the random restarts (default 1). */
  seed?: number;
  /** Start points, e.g. the exact dimension-only result for the municipality. */
  start?: Pick<RankRange, "bestWeights" | "worstWeights">;
}

/** Best and worst rank FOUND when KPI weights vary too: a heuristic, never proven ("bästa funna"). */
export interface FoundRankRange {
  code: string;
  label: "bästa funna";
  exact: false;
  bestFoundRank: number;
  worstFoundRank: number;
  /** Dimension and KPI weights giving the ranks in score(). */
  bestWeights: Weights;
  worstWeights: Weights;
  evaluations: number;
}

/**
 * Best and worst rank found when the KPI weights vary within bounds as well as
 * the dimension weights: a local search with score() (coordinate moves to a
 * bound or halfway, then seeded random restarts around the best so far), ranks
 * ordered by rank and then by the score gap to the neighbour that decides the
 * next rank. Not exact: a better or worse rank may exist (the UI must say
 * "bästa funna", never "bästa möjliga"). A KPI weight with lower bound 0 may
 * reach 0, which can change who meets the coverage rule; the rank is the one
 * score() gives at those weights. Null when the municipality is not ranked now
 * (or at no weighting the search tried).
 */
export function foundRankRange(prepared: Prepared, code: string, options: FoundRankRangeOptions = {}): FoundRankRange | null {
  const m = prepared.municipalities.findIndex((x) => x.code === code);
  if (m < 0) throw new RangeError(`unknown municipality ${code}`);
  const rankOptions: RankOptions = {grouping: options.grouping ?? "none", ...(options.minSteadiness === undefined ? {} : {minSteadiness: options.minSteadiness})};
  const current = score(prepared, options.weights, rankOptions);
  if (!current.eligible[m]) return null;
  const dimBounds = resolveWeightBounds(prepared, options.bounds);
  const kpiBounds: KpiWeightBounds = {};
  const known = new Set(prepared.indicators.map((i) => i.kpi));
  for (const id of Object.keys(options.kpiBounds ?? {})) if (!known.has(id)) throw new RangeError(`KPI weight bounds: unknown KPI "${id}"`);
  prepared.indicators.forEach((ind, k) => {
    const given = options.kpiBounds?.[ind.kpi];
    const w = current.weights.indicators[k]!;
    const [lo, hi] = given ?? [DEFAULT_BOUND_FACTORS[0] * w, DEFAULT_BOUND_FACTORS[1] * w];
    if (!(Number.isFinite(lo) && lo >= 0)) throw new RangeError(`KPI weight bounds of ${ind.kpi}: lower bound must be a finite number >= 0 (got ${lo})`);
    if (!(Number.isFinite(hi) && hi >= lo)) throw new RangeError(`KPI weight bounds of ${ind.kpi}: upper bound must be finite and >= the lower bound (got ${hi})`);
    kpiBounds[ind.kpi] = [lo, hi];
  });
  // The variables: dimension weights (an infinite upper bound is capped at 10x the largest finite bound) and KPI weights.
  const finite = Object.values(dimBounds).flatMap((b) => b.filter(Number.isFinite));
  const cap = 10 * Math.max(1, ...finite);
  const vars = [
    ...prepared.dimensions.map((d) => ({kind: "dimensions" as const, id: d.id, lo: dimBounds[d.id]![0], hi: Math.min(dimBounds[d.id]![1], cap)})),
    // KPIs left out of the year weigh nothing: not worth a move.
    ...prepared.indicators.filter((i) => i.usable).map((i) => ({kind: "indicators" as const, id: i.kpi, lo: kpiBounds[i.kpi]![0], hi: kpiBounds[i.kpi]![1]}))
  ].filter((v) => v.hi > v.lo);
  const budget = options.evaluations ?? 400;
  const random = mulberry32(options.seed ?? 1);
  const clampInto = (weights: Weights): Weights => {
    const out: Weights = {dimensions: {}, indicators: {}};
    for (const d of prepared.dimensions) {
      const [lo, hi] = dimBounds[d.id]!;
      const w = weights.dimensions[d.id] ?? d.weight;
      // A dimension that may be weighted keeps a weight > 0 (as in the exact search).
      out.dimensions[d.id] = hi > 0 ? Math.max(Math.min(Math.max(w, lo), hi), lo > 0 ? lo : Math.min(hi, cap) * ZERO_WEIGHT_FLOOR) : 0;
    }
    prepared.indicators.forEach((ind, k) => {
      const [lo, hi] = kpiBounds[ind.kpi]!;
      out.indicators[ind.kpi] = Math.min(Math.max(weights.indicators[ind.kpi] ?? current.weights.indicators[k]!, lo), hi);
    });
    return out;
  };

  const search = (direction: Direction, seedWeights: Weights[]) => {
    let evaluations = 0;
    // Key: rank (best: lower is better; worst: higher), then the gap that decides the next rank.
    const key = (weights: Weights): number | null => {
      evaluations++;
      const result = score(prepared, weights, rankOptions);
      if (!result.eligible[m]) return null;
      const rank = result.ranks.withinGroup[m]!;
      const order = result.ranks.order;
      const at = result.ranks.overall[m]! - 1;
      const group = result.rows.find((r) => r.index === m)!.group;
      const sameGroup = (j: number) => group === null || groupKey(prepared, rankOptions.grouping!, j) === group;
      const step = direction === "best" ? -1 : 1;
      let neighbour = -1;
      for (let i = at + step; i >= 0 && i < order.length; i += step) {
        if (sameGroup(order[i]!)) {
          neighbour = order[i]!;
          break;
        }
      }
      const gap = neighbour < 0 ? 0 : Math.abs(result.totals[m]! - result.totals[neighbour]!);
      // Smaller is better: the rank first, then how close m is to passing (best) or being passed (worst).
      const squash = gap / (1 + gap);
      return direction === "best" ? rank + squash : -rank + squash;
    };
    let best = clampInto(seedWeights[0]!);
    let bestKey = key(best) ?? Infinity;
    for (const w of seedWeights.slice(1)) {
      const c = clampInto(w);
      const k = key(c);
      if (k !== null && k < bestKey) (best = c), (bestKey = k);
    }
    const set = (w: Weights, v: (typeof vars)[number], x: number): Weights => ({...w, [v.kind]: {...w[v.kind], [v.id]: x}});
    while (evaluations < budget) {
      let improved = false;
      for (const v of vars) {
        if (evaluations >= budget) break;
        const now = best[v.kind][v.id]!;
        for (const x of [v.lo, v.hi, (now + v.lo) / 2, (now + v.hi) / 2]) {
          if (x === now || evaluations >= budget) continue;
          const c = clampInto(set(best, v, x));
          const k = key(c);
          if (k !== null && k < bestKey) {
            best = c;
            bestKey = k;
            improved = true;
            break;
          }
        }
      }
      if (improved) continue;
      // A random restart around the best so far: each weight moves up to halfway to a random point of its bounds.
      let c = best;
      for (const v of vars) c = set(c, v, best[v.kind][v.id]! + (random() * 0.5) * (v.lo + random() * (v.hi - v.lo) - best[v.kind][v.id]!));
      c = clampInto(c);
      const k = key(c);
      if (k !== null && k < bestKey) (best = c), (bestKey = k);
    }
    const result = score(prepared, best, rankOptions);
    return {rank: result.eligible[m] ? result.ranks.withinGroup[m]! : null, weights: best, evaluations};
  };
  const now: Weights = {dimensions: Object.fromEntries(prepared.dimensions.map((d, i) => [d.id, current.weights.dimensions[i]!])), indicators: Object.fromEntries(prepared.indicators.map((ind, k) => [ind.kpi, current.weights.indicators[k]!]))};
  const withKpis = (dimensions: Record<string, number>): Weights => ({dimensions, indicators: now.indicators});
  const best = search("best", [now, ...(options.start ? [withKpis(options.start.bestWeights)] : [])]);
  const worst = search("worst", [now, ...(options.start ? [withKpis(options.start.worstWeights)] : [])]);
  // Only when no weighting within the bounds ranks the municipality at all (e.g. the current weights are far outside them).
  if (best.rank === null || worst.rank === null) return null;
  return {
    code,
    label: "bästa funna",
    exact: false,
    bestFoundRank: best.rank,
    worstFoundRank: worst.rank,
    bestWeights: best.weights,
    worstWeights: worst.weights,
    evaluations: best.evaluations + worst.evaluations
  };
}
