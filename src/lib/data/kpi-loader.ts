/**
 * Loads the values of KPIs a page lacks (an edited model's KPIs from the
 * library) into the page's workbench. The library's module is imported on
 * first need, so a page whose models use only the workbench's KPIs never
 * fetches any of the library, code included.
 */
import type {Workbench} from "./workbench.js";

export type KpiLoader = (kpis: string[]) => Promise<unknown>;

export function kpiLoader(wb: Workbench): KpiLoader {
  return async (kpis) => {
    if (kpis.every((kpi) => wb.matrix.kpiIndex.has(kpi))) return;
    await (await import("./kpi-library.js")).ensureKpiValues(wb, kpis);
  };
}
