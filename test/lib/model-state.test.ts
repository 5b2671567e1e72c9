/**
 * The page's model as state (src/lib/state/model-state.ts and the store in
 * ranking-state.ts): reading a link's model (KPIs loaded first, every
 * failure a notice and the preset), the `edited` parameter, how weights
 * follow an edit or an upload, switching presets.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {buildMatrix, parseModel, type Model, type ValueRow} from "../../src/engine/index.ts";
import type {MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {writeModelLink} from "../../src/lib/state/model-codec.ts";
import {modelReference, resolveModelChoice, weightsAfterEdit, withWeights} from "../../src/lib/state/model-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import {rankingStore} from "../../src/lib/state/ranking-state.ts";
import {formatState, parseState} from "../../src/lib/state/url-state.ts";

const dims = [
  {id: "a", label: "A", weight: 1},
  {id: "b", label: "B", weight: 2}
];
const STANDARD = parseModel({
  name: "standard",
  dimensions: dims,
  indicators: [
    {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1, title: "Ett", note: "Varför"},
    {kpi: "N00002", dimension: "b", direction: "lower_better", weight: 2}
  ]
});
const OTHER = parseModel({name: "other", dimensions: [{id: "c", label: "C", weight: 1}], indicators: [{kpi: "N00003", dimension: "c", direction: "higher_better", weight: 1}]});
/** The standard model with N00003 added and N00002 moved to a. */
const EDITED = parseModel({
  ...STANDARD,
  indicators: [{...STANDARD.indicators[0]!}, {...STANDARD.indicators[1]!, dimension: "a"}, {kpi: "N00003", dimension: "b", direction: "higher_better", weight: 1}]
});

function workbench(kpis = ["N00001", "N00002", "N00003"]): Workbench {
  const municipalities: MunicipalityInfo[] = ["0180", "1280", "1480"].map((code, i) => ({code, name: code, county: code, countyCode: code.slice(0, 2), kommungrupp: `A${i + 1}`, kommungruppName: "", mainGroup: "A", population: 1}));
  const values: ValueRow[] = kpis.flatMap((kpi) => municipalities.flatMap((m, i) => [2021, 2022].map((year) => ({kpi, municipality: m.code, year, value: i + year}))));
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 3, kpis: kpis.length}, years: []},
    models: [
      {id: "skk-standard", model: STANDARD},
      {id: "other", model: OTHER}
    ],
    municipalities,
    kpis: new Map(kpis.map((id) => [id, {id, title: `Titel ${id}`, description: "", unit: null}])),
    matrix: buildMatrix({municipalities, values})
  };
}

const linkTo = (wb: Workbench, model: Model, preset = "skk-standard") => writeModelLink(model, modelReference(wb, preset));

describe("resolveModelChoice", () => {
  it("without `edited`: the preset the link names, else the default, and nothing loaded", async () => {
    const wb = workbench();
    const ensure = vi.fn(async () => {});
    expect(await resolveModelChoice(wb, "?model=other", ensure)).toEqual({choice: {preset: "other", edited: null}, notices: []});
    expect(await resolveModelChoice(wb, "?model=nope&year=2022", ensure)).toEqual({choice: {preset: "skk-standard", edited: null}, notices: []});
    expect(ensure).not.toHaveBeenCalled();
  });

  it("an edited model: its KPIs are loaded first, then it is the page's model, titles and notes included", async () => {
    const wb = workbench();
    const ensure = vi.fn(async () => {});
    const resolved = await resolveModelChoice(wb, `?model=skk-standard&edited=${linkTo(wb, EDITED)}`, ensure);
    expect(ensure).toHaveBeenCalledWith(["N00001", "N00002", "N00003"]);
    expect(resolved).toEqual({choice: {preset: "skk-standard", edited: EDITED}, notices: []});
  });

  it("an edited model equal to its preset is the preset", async () => {
    const wb = workbench();
    expect(await resolveModelChoice(wb, `?edited=${linkTo(wb, STANDARD)}`, async () => {})).toEqual({choice: {preset: "skk-standard", edited: null}, notices: []});
  });

  it("every failure is one notice saying why, and the preset: tampered, KPIs that cannot be loaded, KPIs missing from the data, an invalid model", async () => {
    const wb = workbench(["N00001", "N00002"]);
    const link = linkTo(workbench(), EDITED);
    const notice = (why: string) => [`Den ändrade modellen i länken kunde inte användas: ${why}. Modellen ”standard” visas i stället.`];
    const preset = {preset: "skk-standard", edited: null};
    expect(await resolveModelChoice(wb, `?edited=${link.slice(0, -5)}`, async () => {})).toEqual({choice: preset, notices: notice("modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad")});
    const failing = async () => {
      throw new Error("nyckeltalet N00003 finns inte i nyckeltalsbiblioteket");
    };
    expect(await resolveModelChoice(wb, `?edited=${link}`, failing)).toEqual({choice: preset, notices: notice("nyckeltalet N00003 finns inte i nyckeltalsbiblioteket")});
    expect(await resolveModelChoice(wb, `?edited=${link}`, async () => {})).toEqual({choice: preset, notices: notice('indicators[2].kpi: nyckeltalet "N00003" saknas i data')});
    const negative = linkTo(wb, {...STANDARD, indicators: [{...STANDARD.indicators[0]!, weight: -1}]});
    expect(await resolveModelChoice(wb, `?model=skk-standard&edited=${negative}`, async () => {})).toEqual({choice: preset, notices: notice("indicators[0].weight: får inte vara negativ")});
  });
});

describe("the edited parameter", () => {
  const wb = workbench();

  it("is left out of the URL for a preset and written for an edited model, which reads back", () => {
    const presetSpec = nominationSpec(wb, {preset: "skk-standard", edited: null});
    const plain = formatState(parseState("", presetSpec).state, presetSpec);
    expect(new URLSearchParams(plain).has("edited")).toBe(false);
    expect(plain.startsWith("model=skk-standard&year=")).toBe(true);

    const spec = nominationSpec(wb, {preset: "skk-standard", edited: EDITED});
    const state = {...parseState("", spec).state, edited: EDITED};
    const query = formatState(state, spec);
    expect(query.startsWith(`model=skk-standard&edited=${linkTo(wb, EDITED)}&year=`)).toBe(true);
    expect(parseState(query, spec)).toEqual({state, notices: []});
  });

  it("on a page that cannot show an edited model it is refused with a notice, never dropped silently", () => {
    const spec = nominationSpec(wb, "skk-standard");
    const {state, notices} = parseState(`edited=${linkTo(wb, EDITED)}`, spec);
    expect(state.edited).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Ogiltigt värde för ”edited” .*den här sidan kan ännu inte visa en ändrad modell; den förvalda modellen används\. Standardvärdet används\.$/);
  });
});

describe("weights after a model change", () => {
  it("an edit keeps the weights of what stays, gives what is new its model weight and drops what went", () => {
    const current = {dimensions: {a: 3, b: 0.5}, indicators: {N00001: 4, N00002: 0}};
    const model = parseModel({...EDITED, dimensions: [...EDITED.dimensions.filter((d) => d.id !== "b"), {id: "c", label: "C", weight: 1}], indicators: EDITED.indicators.map((i) => ({...i, dimension: "a"})).filter((i) => i.kpi !== "N00001")});
    expect(weightsAfterEdit(current, model)).toEqual({dimensions: {a: 3, c: 1}, indicators: {N00002: 0, N00003: 1}});
  });

  it("withWeights makes the current weights the model's own (what the download saves)", () => {
    const saved = withWeights(EDITED, {dimensions: {a: 0.5, b: 3}, indicators: {N00001: 2, N00002: 0, N00003: 1.7}});
    expect(saved.dimensions.map((d) => d.weight)).toEqual([0.5, 3]);
    expect(saved.indicators.map((i) => i.weight)).toEqual([2, 0, 1.7]);
    expect(parseModel(saved)).toEqual(saved);
    expect(saved.indicators[0]!.note).toBe("Varför");
  });
});

describe("the ranking store with a model", () => {
  const wb = workbench();
  beforeEach(() => {
    vi.stubGlobal("window", {location: {search: "?model=skk-standard&dw=a:4"}});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("an edit keeps the sliders' weights, an upload takes the model's, and a model equal to the preset is the preset", () => {
    const store = rankingStore(wb, (choice) => nominationSpec(wb, choice), {choice: {preset: "skk-standard", edited: null}, notices: ["från länken"]});
    expect(store.notices).toEqual(["från länken"]);
    expect(store.state.dw).toEqual({a: 4, b: 2});
    store.setModel(EDITED, "keep");
    expect(store.state.edited).toBe(EDITED);
    expect({dw: store.state.dw, w: store.state.w}).toEqual({dw: {a: 4, b: 2}, w: {N00001: 1, N00002: 2, N00003: 1}});
    store.setModel(withWeights(EDITED, {dimensions: {a: 0, b: 1}, indicators: {}}), "model");
    expect(store.state.dw).toEqual({a: 0, b: 1});
    store.setModel(parseModel(JSON.parse(JSON.stringify(STANDARD))), "keep");
    expect(store.state.edited).toBeNull();
    expect(store.state.dw).toEqual({a: 0, b: 1});
    store.setModel(EDITED, "keep");
    store.setModel(null, "model");
    expect({edited: store.state.edited, dw: store.state.dw}).toEqual({edited: null, dw: {a: 1, b: 2}});
  });

  it("switching preset drops the edits and takes the preset's weights", () => {
    const store = rankingStore(wb, (choice) => nominationSpec(wb, choice), {choice: {preset: "skk-standard", edited: EDITED}, notices: []});
    expect(store.state.edited).toBe(EDITED);
    expect(store.apply({model: "other"})).toBe(true);
    expect({model: store.state.model, edited: store.state.edited, dw: store.state.dw, w: store.state.w}).toEqual({model: "other", edited: null, dw: {c: 1}, w: {N00003: 1}});
  });
});
