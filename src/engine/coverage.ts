/**
 * The coverage rule (product.md step 4): a municipality is ranked only if it
 * has values for at least 2/3 of the usable weighted KPIs and at least one
 * such KPI in every dimension with weight > 0. Integer arithmetic, no rounding.
 */

/** The status of every municipality that is not ranked. */
export const STATUS_RANKED = "rankad";
export const STATUS_INSUFFICIENT = "otillräckliga data";
export const STATUS_UNSTEADY = "för låg stadighet";

/** A reason a municipality is not ranked: a stable code and the text shown. */
export interface UnrankedReason {
  code: "coverage" | "missing_dimension" | "empty_dimension" | "no_dimension_weight" | "steadiness";
  reason: string;
  /** The dimension concerned, for "missing_dimension" and "empty_dimension". */
  dimension?: string;
}

/** True when `has` of `usable` KPIs is at least 2/3: 3 * has >= 2 * usable. */
export function meetsCoverage(has: number, usable: number): boolean {
  return 3 * has >= 2 * usable;
}

/** The fewest KPIs that meet the rule: ceil(2/3 * usable). */
export function requiredKpis(usable: number): number {
  return Math.floor((2 * usable + 2) / 3);
}

export function coverageReason(has: number, usable: number): UnrankedReason {
  return {code: "coverage", reason: `har ${has} av ${usable} användbara KPI:er (kräver minst ${requiredKpis(usable)})`};
}

export function missingDimensionReason(dimension: string): UnrankedReason {
  return {code: "missing_dimension", reason: `saknar värde i dimensionen ${dimension}`, dimension};
}

/** A weighted dimension none of whose KPIs is usable with w > 0: nobody can be ranked. */
export function emptyDimensionReason(dimension: string): UnrankedReason {
  return {code: "empty_dimension", reason: `dimensionen ${dimension} har inga användbara KPI:er`, dimension};
}

export function noDimensionWeightReason(): UnrankedReason {
  return {code: "no_dimension_weight", reason: "alla dimensionsvikter är 0"};
}

/** Steadiness below the required minimum (both as shares 0-1, shown in %). */
export function steadinessReason(steadiness: number, min: number): UnrankedReason {
  const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 1000) / 10} %` : "okänd");
  return {code: "steadiness", reason: `stadighet ${pct(steadiness)} under kravet ${pct(min)}`};
}
