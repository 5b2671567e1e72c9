/**
 * The Nyckeltal page's state in the URL: the search text (`q`), the operating
 * area (`omrade`) and the chosen KPI (`kpi`). Pure; no DOM.
 */
import type {KpiLibrary} from "../data/kpi-library-types.js";
import {optionalId, type Param, type Spec} from "./url-state.js";

export interface LibraryState {
  q: string;
  omrade: string;
  kpi: string;
}

/** Longest search text a link may carry. */
export const MAX_QUERY_LENGTH = 200;

/** Free text up to `max` characters, without control characters. */
export function searchText(max = MAX_QUERY_LENGTH): Param<string> {
  return {
    default: "",
    parse: (raw) =>
      raw.length > max ? {error: `högst ${max} tecken`} : /\p{Cc}/u.test(raw) ? {error: "innehåller styrtecken"} : {value: raw},
    format: (v) => v
  };
}

/** The page's parameters for this library (areas and KPI ids must be the library's). */
export function librarySpec(library: KpiLibrary): Spec<LibraryState> {
  return {q: searchText(), omrade: optionalId(library.operatingAreas), kpi: optionalId(library.kpis.map((k) => k.id))};
}
