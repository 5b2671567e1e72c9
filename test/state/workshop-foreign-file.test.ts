/**
 * When a proposal file is called another model's (src/lib/state/workshop-state.ts
 * `collectFile`): when it names dimensions or KPIs the workshop's model lacks,
 * and never for a format error, whatever text the file's keys hold.
 */
import {expect, it} from "vitest";
import type {WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {collectFile} from "../../src/lib/state/workshop-state.ts";
import {testModel} from "../lib/scenario-fixtures.ts";

/** Dimensions a and b; KPIs N00001, N00002, N00003. */
const workshop = (): WorkshopDefinition => ({model: testModel("standard"), year: 2022, top: 10, allowKpiWeights: true});
const errors = (content: unknown) => collectFile(workshop(), [], "f.json", JSON.stringify(content)).rejected.map((r) => r.error);

it("a file naming a dimension and a KPI the model lacks is another model's", () => {
  expect(errors({dimensions: {x: 1}, indicators: {N99999: 2}})).toEqual(["annan modell: dimensions.x: okänd dimension i workshopens modell (den har a, b); indicators.N99999: nyckeltalet finns inte i workshopens modell"]);
});

it("a format error is not called another model's, also when a key's text reads like the model check's message", () => {
  expect(errors({dimensions: {a: -1}})).toEqual(["dimensions.a: får inte vara negativ"]);
  const tricky = errors({dimensions: {"unknown dimension": -1, "KPI not in model": -2}});
  expect(tricky).toHaveLength(1);
  expect(tricky[0]).not.toMatch(/annan modell/);
  expect(tricky[0]).toContain("får inte vara negativ");
});
