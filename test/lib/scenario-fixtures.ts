/** A small workbench (4 municipalities, 3 KPIs, 2010–2022, two preset models) and scenario builders for the scenario tests. */
import {buildMatrix, parseModel, type Model, type ValueRow} from "../../src/engine/index.ts";
import type {MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {improvementSpec} from "../../src/lib/state/improvement-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import {makeScenario, type ImprovementSettings, type NominationSettings, type Scenario} from "../../src/lib/state/scenario-codec.ts";
import {defaultState} from "../../src/lib/state/url-state.ts";

export const YEARS = Array.from({length: 13}, (_, i) => 2010 + i);

function municipality(code: string, kommungrupp: string): MunicipalityInfo {
  return {code, name: `Kommun ${code}`, county: `Län ${code.slice(0, 2)}`, countyCode: code.slice(0, 2), kommungrupp, kommungruppName: `Grupp ${kommungrupp}`, mainGroup: `Huvudgrupp ${kommungrupp[0]}`, population: 1000};
}

export function testModel(name: string, weightA = 1): Model {
  return parseModel({
    name,
    dimensions: [
      {id: "a", label: "Effekt", weight: weightA},
      {id: "b", label: "Resursåtgång", weight: 1}
    ],
    indicators: [
      {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
      {kpi: "N00002", dimension: "b", direction: "lower_better", weight: 2},
      {kpi: "N00003", dimension: "a", direction: "higher_better", weight: 1}
    ]
  });
}

export function testWorkbench(): Workbench {
  const municipalities = [municipality("0180", "A1"), municipality("1284", "B3"), municipality("2480", "B3"), municipality("0114", "C8")].sort((a, b) => (a.code < b.code ? -1 : 1));
  const values: ValueRow[] = [];
  for (const year of YEARS) {
    municipalities.forEach((m, i) => {
      values.push({kpi: "N00001", municipality: m.code, year, value: ((i * 7) % 5) + year / 100});
      values.push({kpi: "N00002", municipality: m.code, year, value: 10 - i + ((year * 3) % 4)});
      values.push({kpi: "N00003", municipality: m.code, year, value: ((i * 3 + year) % 7) + 0.5 * i});
    });
  }
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 4, kpis: 3}, years: YEARS} as unknown as Workbench["manifest"],
    models: [
      {id: "skk-standard", model: testModel("standard")},
      {id: "heavy", model: testModel("heavy", 7.5)}
    ],
    municipalities,
    kpis: new Map([
      ["N00001", {id: "N00001", title: "Elever med godkända betyg", description: "", unit: "%"}],
      ["N00002", {id: "N00002", title: "Nettokostnadsavvikelse", description: "", unit: "%"}],
      ["N00003", {id: "N00003", title: "Nöjdhet", description: "", unit: null}]
    ]),
    matrix: buildMatrix({municipalities, values})
  };
}

export const SAVED = new Date("2026-12-01T09:30:00.000Z");

/** A nomination scenario: the page's default state with `patch`. */
export function nominationScenario(wb: Workbench, name: string, patch: Partial<NominationSettings> = {}, modelId = "skk-standard"): Scenario {
  const settings = {...defaultState(nominationSpec(wb, modelId)), model: modelId, ...patch};
  const model = wb.models.find((m) => m.id === modelId)!.model;
  const made = makeScenario(name, "nominering", model, settings, SAVED);
  if ("problems" in made) throw new Error(made.problems.join("; "));
  return made.scenario;
}

export function improvementScenario(wb: Workbench, name: string, patch: Partial<ImprovementSettings> = {}, modelId = "skk-standard"): Scenario {
  const settings = {...defaultState(improvementSpec(wb, modelId)), model: modelId, ...patch};
  const model = wb.models.find((m) => m.id === modelId)!.model;
  const made = makeScenario(name, "utveckling", model, settings, SAVED);
  if ("problems" in made) throw new Error(made.problems.join("; "));
  return made.scenario;
}

/** A Map as localStorage; `failOn` makes setItem throw for matching keys (quota, blocked storage). */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  failOn: ((key: string) => boolean) | null = null;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failOn?.(key)) throw new DOMException("quota", "QuotaExceededError");
    this.items.set(key, value);
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.items);
  }
}
