/** The model format: what is accepted, what is rejected and how the message names the field. */
import {readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {MODELS_DIR, snapshotDirFromEnv} from "../loaders/config.ts";
import {checkModelKpis, directionSign, ModelError, parseModel, parseModelText, type Model} from "../src/engine/model.ts";

const valid: Model = {
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

/** The ModelError's issues for a model changed by `mutate`. */
function issuesOf(mutate: (m: any) => void): string[] {
  const model = structuredClone(valid) as any;
  mutate(model);
  try {
    parseModel(model, "test.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain("test.json");
    return (error as ModelError).issues;
  }
  throw new Error("model was accepted");
}

describe("parseModel", () => {
  it("accepts a valid model and keeps optional fields", () => {
    const m = parseModel({...valid, status: "proposal", description: "x"});
    expect(m.indicators).toHaveLength(2);
    expect(m.status).toBe("proposal");
  });

  it("rejects an indicator in an unknown dimension, naming the field and the known ones", () => {
    expect(issuesOf((m) => (m.indicators[1].dimension = "kvalitet"))).toEqual([
      'indicators[1].dimension: unknown dimension "kvalitet" (known: effekt, resursatgang)'
    ]);
  });

  it("rejects a negative or non-numeric weight", () => {
    expect(issuesOf((m) => (m.indicators[0].weight = -1))).toEqual(["indicators[0].weight: must not be negative"]);
    expect(issuesOf((m) => (m.dimensions[1].weight = -0.1))).toEqual(["dimensions[1].weight: must not be negative"]);
    expect(issuesOf((m) => (m.indicators[0].weight = "1"))).toEqual(["indicators[0].weight: must be a number"]);
  });

  it("rejects a bad direction", () => {
    expect(issuesOf((m) => (m.indicators[1].direction = "up"))).toEqual([
      'indicators[1].direction: must be "higher_better" or "lower_better"'
    ]);
  });

  it("rejects missing fields, duplicates and empty lists", () => {
    expect(issuesOf((m) => delete m.name)).toEqual(["name: Invalid input: expected string, received undefined"]);
    expect(issuesOf((m) => (m.indicators[1].kpi = "N15428"))).toEqual(['indicators[1].kpi: duplicate KPI "N15428"']);
    expect(issuesOf((m) => (m.dimensions[1].id = "effekt"))).toContain('dimensions[1].id: duplicate dimension "effekt"');
    expect(issuesOf((m) => (m.indicators = []))).toEqual(["indicators: must list at least one indicator"]);
    expect(issuesOf((m) => (m.indicators[0].kpi = "15428"))).toEqual(["indicators[0].kpi: must be a Kolada KPI id such as N15428"]);
  });

  it("reports every problem at once", () => {
    const issues = issuesOf((m) => {
      m.indicators[0].weight = -2;
      m.indicators[1].direction = "down";
    });
    expect(issues).toHaveLength(2);
  });

  it("names a JSON syntax error", () => {
    expect(() => parseModelText("{", "broken.json")).toThrow(/Invalid model broken\.json:[\s\S]*not valid JSON/);
  });
});

describe("checkModelKpis", () => {
  it("rejects a KPI missing from the data, naming the indicator", () => {
    expect(() => checkModelKpis(valid, new Set(["N15428"]), "m.json")).toThrow('indicators[1].kpi: KPI "N15001" is missing from the data');
    expect(() => checkModelKpis(valid, new Set(["N15428", "N15001"]))).not.toThrow();
  });
});

describe("directionSign", () => {
  it("is +1 for higher_better and -1 for lower_better", () => {
    expect([directionSign("higher_better"), directionSign("lower_better")]).toEqual([1, -1]);
  });
});

describe("data/models/skk-standard.json", () => {
  const model = parseModelText(readFileSync(path.join(MODELS_DIR, "skk-standard.json"), "utf8"), "skk-standard.json");

  it("is a valid proposal over the four award dimensions, each with KPIs", () => {
    expect(model.status).toBe("proposal");
    expect(model.dimensions.map((d) => d.id)).toEqual(["resursatgang", "effektivitet", "effekt", "resultatkvalitet"]);
    for (const d of model.dimensions) expect(model.indicators.filter((i) => i.dimension === d.id).length).toBeGreaterThanOrEqual(3);
  });

  it("uses the direction of the candidate list where Kolada documents it", () => {
    const csv = readFileSync(path.join(snapshotDirFromEnv()!, "kpis/award_candidate_kpis.csv"), "utf8");
    for (const ind of model.indicators) {
      const line = csv.split("\n").find((l) => l.startsWith(`${ind.kpi},`));
      expect(line, ind.kpi).toBeDefined();
      if (line!.includes(",documented,")) expect(line).toContain(`,${ind.direction},documented,`);
    }
  });
});
