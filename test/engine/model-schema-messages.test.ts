/**
 * The model schema's own messages (engine/model.ts), one field at a time: an
 * analyst editing a model file reads these, each naming the field.
 */
import {expect, it} from "vitest";
import {ModelError, parseModel, type Model} from "../../src/engine/model.ts";
import {thrownBy} from "./throws.ts";

function validModel(): Model {
  return {
    name: "Test",
    dimensions: [{id: "effekt", label: "Effekt", weight: 1}],
    indicators: [{kpi: "N15428", dimension: "effekt", direction: "higher_better", weight: 1}]
  };
}

/** The issues of the ModelError that parsing `raw` throws. */
function issues(raw: unknown): string[] {
  return thrownBy(() => parseModel(raw), ModelError).issues;
}

it("names an empty id, label, dimension or model name as empty", () => {
  const m = validModel();
  expect(issues({...m, name: ""})).toEqual(["name: must not be empty"]);
  expect(issues({...m, dimensions: [{...m.dimensions[0]!, id: ""}]})).toContain("dimensions[0].id: must not be empty");
  expect(issues({...m, dimensions: [{...m.dimensions[0]!, label: ""}]})).toEqual(["dimensions[0].label: must not be empty"]);
  expect(issues({...m, indicators: [{...m.indicators[0]!, dimension: ""}]})).toContain("indicators[0].dimension: must not be empty");
});

it("names a model without dimensions", () => {
  expect(issues({...validModel(), dimensions: []})).toContain("dimensions: must list at least one dimension");
});

it("names a weight that is not finite", () => {
  const m = validModel();
  expect(issues({...m, dimensions: [{...m.dimensions[0]!, weight: Infinity}]})).toEqual(["dimensions[0].weight: must be a finite number"]);
});

it("takes only a whole Kolada KPI id: nothing before the letter, nothing after the digits", () => {
  const m = validModel();
  const kpi = (id: string) => issues({...m, indicators: [{...m.indicators[0]!, kpi: id}]});
  expect(kpi("xN15428")).toContain("indicators[0].kpi: must be a Kolada KPI id such as N15428");
  expect(kpi("N15428-x")).toContain("indicators[0].kpi: must be a Kolada KPI id such as N15428");
});

it("takes the three statuses and no other, not even an empty one", () => {
  const m = validModel();
  for (const status of ["proposal", "adopted", "scenario"] as const) expect(parseModel({...m, status}).status).toBe(status);
  expect(issues({...m, status: ""})[0]).toMatch(/^status: /);
});
