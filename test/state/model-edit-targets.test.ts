/**
 * The model editor's operations (src/lib/state/model-edit.ts) touch only
 * what they name: a renamed dimension and no other, a direction set on one
 * KPI, KPIs moved out of the removed dimension only; an empty dimension
 * goes without a decision about its KPIs. Also: a new dimension's id from a
 * label full of punctuation, the error's name, and an edit of a model that
 * was never validated reporting every issue.
 */
import {describe, expect, it} from "vitest";
import {parseModel, type Model} from "../../src/engine/index.ts";
import {dimensionId, ModelEditError, removeDimension, renameDimension, renameModel, setDirection} from "../../src/lib/state/model-edit.ts";

const MODEL: Model = parseModel({
  name: "M",
  dimensions: [
    {id: "a", label: "Resursåtgång", weight: 2},
    {id: "b", label: "Effekt", weight: 1},
    {id: "c", label: "Kvalitet", weight: 3}
  ],
  indicators: [
    {kpi: "N00001", dimension: "a", direction: "lower_better", weight: 1},
    {kpi: "N00002", dimension: "b", direction: "higher_better", weight: 0.5},
    {kpi: "N00003", dimension: "b", direction: "higher_better", weight: 3},
    {kpi: "N00004", dimension: "c", direction: "higher_better", weight: 2}
  ]
});

describe("renameDimension", () => {
  it("trims the new label and leaves every other dimension as it was", () => {
    const next = renameDimension(MODEL, "b", "  Effekt för invånarna  ");
    expect(next.dimensions).toEqual([
      {id: "a", label: "Resursåtgång", weight: 2},
      {id: "b", label: "Effekt för invånarna", weight: 1},
      {id: "c", label: "Kvalitet", weight: 3}
    ]);
  });

  it("lets a dimension keep its own label with other capitals (only another dimension's label is taken)", () => {
    expect(renameDimension(MODEL, "b", "EFFEKT").dimensions.map((d) => d.label)).toEqual(["Resursåtgång", "EFFEKT", "Kvalitet"]);
    expect(() => renameDimension(MODEL, "b", "KVALITET")).toThrow("Modellen har redan en dimension som heter ”KVALITET”.");
  });
});

describe("removeDimension", () => {
  it("moves only the removed dimension's KPIs, in place; the others keep their dimension", () => {
    const next = removeDimension(MODEL, "b", {moveTo: "c"});
    expect(next.dimensions.map((d) => d.id)).toEqual(["a", "c"]);
    expect(next.indicators.map((i) => [i.kpi, i.dimension])).toEqual([
      ["N00001", "a"],
      ["N00002", "c"],
      ["N00003", "c"],
      ["N00004", "c"]
    ]);
  });

  it("removes a dimension without KPIs whatever the move target says (there is nothing to move)", () => {
    const withEmpty = parseModel({...MODEL, dimensions: [...MODEL.dimensions, {id: "tom", label: "Tom", weight: 1}]});
    expect(removeDimension(withEmpty, "tom", {moveTo: "finns-inte"})).toEqual(MODEL);
    expect(removeDimension(withEmpty, "tom", {moveTo: "tom"})).toEqual(MODEL);
    expect(removeDimension(withEmpty, "tom", "remove")).toEqual(MODEL);
  });
});

describe("setDirection", () => {
  it("changes the named KPI's direction only", () => {
    const next = setDirection(MODEL, "N00002", "lower_better");
    expect(next.indicators.map((i) => [i.kpi, i.direction])).toEqual([
      ["N00001", "lower_better"],
      ["N00002", "lower_better"],
      ["N00003", "higher_better"],
      ["N00004", "higher_better"]
    ]);
  });
});

describe("dimensionId", () => {
  it("turns each run of other characters into one hyphen, none at the ends", () => {
    expect(dimensionId("Vård & omsorg", new Set())).toBe("vard-omsorg");
    expect(dimensionId("  --Skola, förskola--  ", new Set())).toBe("skola-forskola");
    expect(dimensionId("a  b", new Set(["a-b"]))).toBe("a-b-2");
  });
});

describe("a refused edit", () => {
  it("is a ModelEditError by name", () => {
    let caught: unknown;
    try {
      renameModel(MODEL, " ");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelEditError);
    expect((caught as Error).name).toBe("ModelEditError");
    expect(String(caught)).toBe("ModelEditError: Modellen måste ha ett namn.");
  });

  it("on a model that was never validated names every issue, in order, separated by semicolons", () => {
    const invalid = {...MODEL, indicators: [{...MODEL.indicators[0]!, weight: -1}, {...MODEL.indicators[1]!, kpi: "n2"}]} as Model;
    expect(() => renameModel(invalid, "Ny")).toThrow(new ModelEditError("indicators[0].weight: får inte vara negativ; indicators[1].kpi: måste vara ett Kolada-id för ett nyckeltal, som N15428"));
  });
});
