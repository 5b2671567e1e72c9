/** KPI metadata helpers shared by the snapshot and live sources. */
import type {Model} from "../src/engine/model.ts";
import type {KpiRecord} from "./types.ts";

/**
 * The unit at the tail of a Kolada title: "…, andel (%)" → "%", "…, kr/inv" →
 * "kr/inv", "…, antal/1000 inv" → "antal/1000 inv". Null when the tail is not a unit.
 */
export function unitFromTitle(title: string): string | null {
  const tail = title.slice(title.lastIndexOf(",") + 1).trim();
  if (/\(%\)$/.test(tail) || tail === "%") return "%";
  if (/^(kr|tkr|antal|dagar|dag|år|minuter|timmar|poäng|index|kvm|ton|kg|kWh|st)\b/i.test(tail)) return tail;
  return null;
}

/** Direction and dimension of each KPI as the models define them (first model wins). */
export function modelKpiRoles(models: readonly Model[]): Map<string, {direction: KpiRecord["direction"]; dimension: string}> {
  const roles = new Map<string, {direction: KpiRecord["direction"]; dimension: string}>();
  for (const model of models) {
    for (const ind of model.indicators) {
      if (!roles.has(ind.kpi)) roles.set(ind.kpi, {direction: ind.direction, dimension: ind.dimension});
    }
  }
  return roles;
}
