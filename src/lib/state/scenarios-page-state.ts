/**
 * Scenarier's URL state: which saved scenarios are compared (`val`, their
 * positions in the saved list, 1-based), the year and the top N. Absent
 * parameters follow the scenarios: the first six saved are compared, in the
 * first compared scenario's year and top N. Pure.
 */
import {integer, type Param, type Spec} from "./url-state.js";

export interface ScenariosPageState {
  /** Positions (0-based here) of the compared scenarios; null = the first six. */
  val: number[] | null;
  /** null = the first compared scenario's year. */
  year: number | null;
  /** null = the first compared scenario's top N. */
  top: number | null;
}

/** An optional value: absent (or empty) is null. */
function optional<T>(param: Param<T>): Param<T | null> {
  return {
    default: null,
    parse: (raw) => (raw === "" ? {value: null} : param.parse(raw)),
    format: (v) => (v === null ? "" : param.format(v))
  };
}

/** Positions 1..max as "1,3,4" (held 0-based). */
function positions(max: number): Param<number[] | null> {
  return {
    default: null,
    parse: (raw) => {
      if (raw === "") return {value: null};
      const parts = raw.split(",");
      if (!parts.every((p) => /^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= max)) return {error: max ? `ska vara scenariernas nummer 1–${max}, kommaseparerade` : "det finns inga sparade scenarier"};
      return {value: [...new Set(parts.map((p) => Number(p) - 1))]};
    },
    format: (v) => (v === null ? "" : v.map((i) => i + 1).join(","))
  };
}

export function scenariosPageSpec(years: readonly number[], saved: number): Spec<ScenariosPageState> {
  return {
    val: positions(saved),
    year: optional(integer(years.at(-1)!, years[0]!, years.at(-1)!)),
    top: optional(integer(10, 1, 290))
  };
}
