/**
 * The model editor's operations (src/lib/state/model-edit.ts): each edit on
 * hand-made models, the model always valid after it, and every refused edit
 * with its Swedish reason and no change.
 */
import {describe, expect, it} from "vitest";
import {parseModel, type Model} from "../../src/engine/index.ts";
import {
  addDimension,
  addIndicator,
  dimensionId,
  linkSafetyIssues,
  ModelEditError,
  removeDimension,
  removeIndicator,
  renameDimension,
  renameModel,
  setDirection,
  setIndicatorDimension
} from "../../src/lib/state/model-edit.ts";

const MODEL: Model = parseModel({
  name: "M",
  dimensions: [
    {id: "a", label: "Resursåtgång", weight: 2},
    {id: "b", label: "Effekt", weight: 1}
  ],
  indicators: [
    {kpi: "N00001", dimension: "a", direction: "lower_better", weight: 1, title: "Ett"},
    {kpi: "N00002", dimension: "b", direction: "higher_better", weight: 0.5},
    {kpi: "N00003", dimension: "b", direction: "higher_better", weight: 3, note: "not"}
  ]
});
const snapshot = JSON.stringify(MODEL);
const refused = (edit: () => unknown, message: string) => {
  expect(edit).toThrow(ModelEditError);
  expect(edit).toThrow(message);
  expect(JSON.stringify(MODEL)).toBe(snapshot);
};

describe("KPIs", () => {
  it("adds a KPI last with weight 1, the chosen dimension and direction, and Kolada's title", () => {
    const next = addIndicator(MODEL, {kpi: "U09800", dimension: "a", direction: "higher_better", title: "Titel"});
    expect(next.indicators.map((i) => i.kpi)).toEqual(["N00001", "N00002", "N00003", "U09800"]);
    expect(next.indicators.at(-1)).toEqual({kpi: "U09800", dimension: "a", direction: "higher_better", weight: 1, title: "Titel"});
    expect(next.indicators.slice(0, 3)).toEqual(MODEL.indicators);
  });

  it("refuses a KPI already in the model, an unknown dimension, or an id that is not a Kolada id", () => {
    refused(() => addIndicator(MODEL, {kpi: "N00002", dimension: "a", direction: "higher_better"}), "Nyckeltalet N00002 finns redan i modellen.");
    refused(() => addIndicator(MODEL, {kpi: "N00009", dimension: "x", direction: "higher_better"}), "Modellen har ingen dimension ”x”.");
    refused(() => addIndicator(MODEL, {kpi: "abc", dimension: "a", direction: "higher_better"}), "indicators[3].kpi: måste vara ett Kolada-id för ett nyckeltal, som N15428");
  });

  it("removes a KPI, but not the last one", () => {
    expect(removeIndicator(MODEL, "N00002").indicators.map((i) => i.kpi)).toEqual(["N00001", "N00003"]);
    const one = removeIndicator(removeIndicator(MODEL, "N00002"), "N00003");
    expect(() => removeIndicator(one, "N00001")).toThrow("Modellen måste ha minst ett nyckeltal.");
    refused(() => removeIndicator(MODEL, "N00009"), "Nyckeltalet N00009 finns inte i modellen.");
  });

  it("changes a KPI's direction and dimension, everything else kept", () => {
    const flipped = setDirection(MODEL, "N00001", "higher_better");
    expect(flipped.indicators[0]).toEqual({...MODEL.indicators[0], direction: "higher_better"});
    expect(flipped.indicators.slice(1)).toEqual(MODEL.indicators.slice(1));
    const moved = setIndicatorDimension(MODEL, "N00003", "a");
    expect(moved.indicators.map((i) => [i.kpi, i.dimension])).toEqual([["N00001", "a"], ["N00002", "b"], ["N00003", "a"]]);
    expect(moved.indicators[2]!.note).toBe("not");
    refused(() => setIndicatorDimension(MODEL, "N00003", "z"), "Modellen har ingen dimension ”z”.");
  });
});

describe("dimensions", () => {
  it("adds a dimension with weight 1 and an id from its label, unique", () => {
    const {model, id} = addDimension(MODEL, "  Miljö och klimat ");
    expect(id).toBe("miljo-och-klimat");
    expect(model.dimensions.at(-1)).toEqual({id: "miljo-och-klimat", label: "Miljö och klimat", weight: 1});
    expect(dimensionId("Miljö och klimat", new Set(["miljo-och-klimat", "miljo-och-klimat-2"]))).toBe("miljo-och-klimat-3");
    expect(dimensionId("!!!", new Set())).toBe("dimension");
    expect(dimensionId("Åäö", new Set())).toBe("aao");
    refused(() => addDimension(MODEL, "effekt"), "Modellen har redan en dimension som heter ”effekt”.");
    refused(() => addDimension(MODEL, "   "), "Den nya dimensionen måste ha ett namn.");
  });

  it("renames a dimension's label and keeps its id (the links' weights)", () => {
    const next = renameDimension(MODEL, "b", "Effekt för invånarna");
    expect(next.dimensions[1]).toEqual({id: "b", label: "Effekt för invånarna", weight: 1});
    refused(() => renameDimension(MODEL, "b", "resursåtgång"), "Modellen har redan en dimension som heter ”resursåtgång”.");
    refused(() => renameDimension(MODEL, "b", ""), "En dimension måste ha ett namn.");
  });

  it("removes a dimension: its KPIs moved to another (in place) or removed with it", () => {
    const moved = removeDimension(MODEL, "b", {moveTo: "a"});
    expect(moved.dimensions.map((d) => d.id)).toEqual(["a"]);
    expect(moved.indicators.map((i) => [i.kpi, i.dimension, i.weight])).toEqual([["N00001", "a", 1], ["N00002", "a", 0.5], ["N00003", "a", 3]]);
    const removed = removeDimension(MODEL, "b", "remove");
    expect(removed.indicators.map((i) => i.kpi)).toEqual(["N00001"]);
    const empty = addDimension(MODEL, "Tom").model;
    expect(removeDimension(empty, "tom", "remove")).toEqual(MODEL);
  });

  it("refuses to remove the last dimension, to remove every KPI with a dimension, or to move KPIs into the removed one", () => {
    refused(() => removeDimension(removeDimension(MODEL, "b", {moveTo: "a"}), "a", "remove"), "Modellen måste ha minst en dimension.");
    refused(() => removeDimension(setIndicatorDimension(MODEL, "N00001", "b"), "b", "remove"), "Alla modellens nyckeltal finns i Effekt; flytta dem till en annan dimension i stället.");
    refused(() => removeDimension(MODEL, "b", {moveTo: "b"}), "Nyckeltalen kan inte flyttas till dimensionen som tas bort.");
    refused(() => removeDimension(MODEL, "b", {moveTo: "q"}), "Modellen har ingen dimension ”q”.");
  });
});

describe("the model", () => {
  it("gets a new name, trimmed, never an empty one", () => {
    expect(renameModel(MODEL, " Ny ").name).toBe("Ny");
    refused(() => renameModel(MODEL, " "), "Modellen måste ha ett namn.");
  });

  it("names dimension ids a link cannot carry (a comma or a colon)", () => {
    expect(linkSafetyIssues(MODEL)).toEqual([]);
    const bad = parseModel({...MODEL, dimensions: [{id: "a:1", label: "A", weight: 1}, {id: "b,c", label: "B", weight: 1}], indicators: [{...MODEL.indicators[0]!, dimension: "a:1"}]});
    expect(linkSafetyIssues(bad)).toEqual(["dimensions[0].id: får inte innehålla komma eller kolon (”a:1”)", "dimensions[1].id: får inte innehålla komma eller kolon (”b,c”)"]);
  });
});
