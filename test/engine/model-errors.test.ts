/** How a model error reads: its name, its source (default "model") and one line per issue (engine/model.ts). */
import {describe, expect, it} from "vitest";
import {checkModelKpis, ModelError, parseModel, parseModelText, type Model} from "../../src/engine/model.ts";
import {thrownBy} from "./throws.ts";

function validModel(): Model {
  return {
    name: "Test",
    dimensions: [
      {id: "effekt", label: "Effekt", weight: 1},
      {id: "resursatgang", label: "Resursåtgång", weight: 2}
    ],
    indicators: [
      {kpi: "N15428", dimension: "effekt", direction: "higher_better", weight: 1},
      {kpi: "N15001", dimension: "resursatgang", direction: "lower_better", weight: 0.5}
    ]
  };
}

describe("ModelError", () => {
  it("is named ModelError and lists each issue on its own line", () => {
    const e = new ModelError("m.json", ["first: bad", "second: worse"]);
    expect(e.name).toBe("ModelError");
    expect(e.source).toBe("m.json");
    expect(e.issues).toEqual(["first: bad", "second: worse"]);
    expect(e.message).toBe("Invalid model m.json:\n  - first: bad\n  - second: worse");
    expect(String(e)).toBe("ModelError: Invalid model m.json:\n  - first: bad\n  - second: worse");
  });

  it("checkModelKpis names every missing KPI, one per line, with the source 'model' by default", () => {
    const e = thrownBy(() => checkModelKpis(validModel(), new Set(["N00001"])), ModelError);
    expect(e.source).toBe("model");
    expect(e.message).toBe(
      'Invalid model model:\n  - indicators[0].kpi: KPI "N15428" is missing from the data\n  - indicators[1].kpi: KPI "N15001" is missing from the data'
    );
  });

  it("parseModel names the source 'model' by default", () => {
    const e = thrownBy(() => parseModel({...validModel(), indicators: []}), ModelError);
    expect(e.source).toBe("model");
    expect(e.message.startsWith("Invalid model model:\n  - indicators")).toBe(true);
  });

  it("parseModelText reads valid JSON text as a model", () => {
    expect(parseModelText(JSON.stringify(validModel()))).toEqual(validModel());
  });

  it("parseModelText reports text that is not JSON as a model error, with the source 'model' by default", () => {
    const e = thrownBy(() => parseModelText("{"), ModelError);
    expect(e.name).toBe("ModelError");
    expect(e.source).toBe("model");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.startsWith("not valid JSON: ")).toBe(true);
    expect(e.message).toBe(`Invalid model model:\n  - ${e.issues[0]}`);
  });

  it("parseModelText passes its source on to the validation of JSON that is not a valid model", () => {
    const e = thrownBy(() => parseModelText('{"name": "x"}', "x.json"), ModelError);
    expect(e.source).toBe("x.json");
    expect(e.message.startsWith("Invalid model x.json:\n  - ")).toBe(true);
    expect(thrownBy(() => parseModelText('{"name": "x"}'), ModelError).source).toBe("model");
  });
});
