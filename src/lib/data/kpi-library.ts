/**
 * STAND-IN for the KPI library (issue 9, part 1, branch p9lib): the same
 * function names over the KPIs the workbench has already loaded, so the
 * model editor can be built and tested before the library lands. The merge
 * of p9lib replaces this file.
 */
import type {Direction} from "../../engine/index.js";
import type {Workbench} from "./workbench.js";

export interface LibraryKpi {
  id: string;
  title: string;
  description: string;
  unit: string | null;
  /** Kolada's or the award candidates' direction, a suggestion; null when unknown. */
  direction: Direction | null;
}

export interface KpiLibrary {
  kpis: LibraryKpi[];
  byId: Map<string, LibraryKpi>;
}

/** The library: here, the KPIs of the workbench. */
export async function loadKpiLibrary(wb: Workbench): Promise<KpiLibrary> {
  const kpis = [...wb.kpis.values()].map((k) => ({id: k.id, title: k.title, description: k.description, unit: k.unit, direction: null}));
  return {kpis, byId: new Map(kpis.map((k) => [k.id, k]))};
}

/** KPIs whose id or title contains every word of the query (case-insensitive). */
export function searchKpis(library: KpiLibrary, query: string): LibraryKpi[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return library.kpis.filter((k) => words.every((w) => `${k.id} ${k.title}`.toLowerCase().includes(w)));
}

/** Makes sure the workbench has the values of these KPIs; here they must already be loaded. */
export async function ensureKpiValues(wb: Workbench, kpiIds: readonly string[]): Promise<void> {
  const missing = kpiIds.filter((id) => !wb.matrix.kpiIndex.has(id));
  if (missing.length) throw new Error(`nyckeltal som inte finns i arbetsbänkens data: ${missing.join(", ")}`);
}
