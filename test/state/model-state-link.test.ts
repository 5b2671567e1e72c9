/**
 * The page's model as state (src/lib/state/model-state.ts and the store in
 * ranking-state.ts), the parts the other tests do not reach: the `edited`
 * parameter encodes a model once and not again while the model stays the
 * same, a link whose model lacks several KPIs in the data names each of
 * them, and a page without an edited model refuses one.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {buildMatrix, parseModel, type Model, type ValueRow} from "../../src/engine/index.ts";
import type {MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {writeModelLink, type ModelReference} from "../../src/lib/state/model-codec.ts";
import {editedParam, modelReference, resolveModelChoice} from "../../src/lib/state/model-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import {rankingStore} from "../../src/lib/state/ranking-state.ts";

const STANDARD = parseModel({
  name: "standard",
  dimensions: [
    {id: "a", label: "A", weight: 1},
    {id: "b", label: "B", weight: 2}
  ],
  indicators: [
    {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
    {kpi: "N00002", dimension: "b", direction: "lower_better", weight: 2}
  ]
});
/** The standard model with N00003 added. */
const EDITED = parseModel({...STANDARD, indicators: [...STANDARD.indicators, {kpi: "N00003", dimension: "b", direction: "higher_better", weight: 1}]});

/** Three municipalities, values for `kpis` in 2021–2022, and the standard model as the only preset. */
function workbench(kpis: string[]): Workbench {
  const municipalities: MunicipalityInfo[] = ["0180", "1280", "1480"].map((code, i) => ({code, name: code, county: code, countyCode: code.slice(0, 2), kommungrupp: `A${i + 1}`, kommungruppName: "", mainGroup: "A", population: 1}));
  const values: ValueRow[] = kpis.flatMap((kpi) => municipalities.flatMap((m, i) => [2021, 2022].map((year) => ({kpi, municipality: m.code, year, value: i + year}))));
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 3, kpis: kpis.length}, years: []},
    models: [{id: "skk-standard", model: STANDARD}],
    municipalities,
    kpis: new Map(kpis.map((id) => [id, {id, title: `Titel ${id}`, description: "", unit: null}])),
    matrix: buildMatrix({municipalities, values})
  };
}

describe("the edited parameter's text", () => {
  it("is encoded once per model: writing the same model again reuses the text, another model is encoded anew", () => {
    // titleOf is asked for the title of each KPI the preset lacks (N00003), once per encoding.
    const titleOf = vi.fn((_kpi: string): string | undefined => undefined);
    const ref: ModelReference = {preset: STANDARD, titleOf};
    const param = editedParam(EDITED, ref);
    const text = writeModelLink(EDITED, {preset: STANDARD, titleOf: () => undefined});
    expect(param.format(EDITED)).toBe(text);
    expect(titleOf.mock.calls).toEqual([["N00003"]]);
    expect(param.format(EDITED)).toBe(text);
    expect(titleOf).toHaveBeenCalledTimes(1);

    const renamed: Model = {...EDITED, name: "Ny"};
    const renamedText = param.format(renamed);
    expect(renamedText).not.toBe(text);
    expect(renamedText).toBe(writeModelLink(renamed, {preset: STANDARD, titleOf: () => undefined}));
    expect(titleOf).toHaveBeenCalledTimes(2);
    // Only the last model's text is kept.
    expect(param.format(EDITED)).toBe(text);
    expect(titleOf).toHaveBeenCalledTimes(3);
    expect(param.format(null)).toBe("");
  });
});

describe("a link's model with KPIs the data lacks", () => {
  it("names every missing KPI in one notice, separated by semicolons, and shows the preset", async () => {
    const wb = workbench(["N00001"]);
    const link = writeModelLink(EDITED, modelReference(wb, "skk-standard"));
    expect(await resolveModelChoice(wb, `?edited=${link}`, async () => {})).toEqual({
      choice: {preset: "skk-standard", edited: null},
      notices: ['Den ändrade modellen i länken kunde inte användas: indicators[1].kpi: nyckeltalet "N00002" saknas i data; indicators[2].kpi: nyckeltalet "N00003" saknas i data. Modellen ”standard” visas i stället.']
    });
  });
});

describe("the ranking store of a page that cannot show an edited model", () => {
  beforeEach(() => {
    vi.stubGlobal("window", {location: {search: "?model=skk-standard&dw=a:4"}});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("refuses setModel and keeps its state", () => {
    const wb = workbench(["N00001", "N00002", "N00003"]);
    const store = rankingStore(wb, (choice) => nominationSpec(wb, choice));
    const before = store.state;
    expect(before.dw).toEqual({a: 4, b: 2});
    expect(() => store.setModel(EDITED, "keep")).toThrow(new Error("this page cannot show an edited model"));
    expect(() => store.setModel(null, "model")).toThrow(new Error("this page cannot show an edited model"));
    expect(store.state).toBe(before);
  });
});
