/** The exact messages and sources of the weights and pooling errors (src/engine/pool.ts), and proposal labels. */
import {describe, expect, it} from "vitest";
import {normaliseWeights, parseWeights, parseWeightsText, pooledWeights, proposalLabel, spread, WeightsError, type PoolMethod} from "../../src/engine/index.ts";
import {model} from "./fixtures.ts";
import {thrownBy} from "./throws.ts";

// Dimensions a (N00001, N00002, N00003) and b (N00004); every weight 1.
function abModel() {
  return model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "a", "higher_better", 1],
      ["N00003", "a", "higher_better", 1],
      ["N00004", "b", "higher_better", 1]
    ]
  );
}

describe("WeightsError", () => {
  it("lists every issue on its own line under the source, and is named WeightsError", () => {
    const e = new WeightsError("fil.json", ["första", "andra"]);
    expect(e.message).toBe("Invalid weights fil.json:\n  - första\n  - andra");
    expect(e.name).toBe("WeightsError");
    expect(e.source).toBe("fil.json");
    expect(e.otherModel).toBe(false);
  });
});

describe("default sources", () => {
  it("parseWeights, parseWeightsText and normaliseWeights name the source 'weights' when not told", () => {
    const m = abModel();
    const e1 = thrownBy(() => parseWeights({indicators: {N00009: 1}}, m), WeightsError);
    expect(e1.source).toBe("weights");
    expect(e1.message).toBe('Invalid weights weights:\n  - indicators.N00009: KPI not in model "test"');
    const e2 = thrownBy(() => parseWeightsText("{", m), WeightsError);
    expect(e2.source).toBe("weights");
    expect(e2.message.startsWith("Invalid weights weights:\n  - not valid JSON: ")).toBe(true);
    const e3 = thrownBy(() => normaliseWeights(m, {dimensions: {a: 0, b: 0}}), WeightsError);
    expect(e3.source).toBe("weights");
    expect(e3.issues).toEqual(["dimensions: every dimension weight is 0; at least one must be above 0"]);
  });
});

describe("parseWeights: where a schema issue is", () => {
  it("names a field by its path, without the file marker", () => {
    const e = thrownBy(() => parseWeights({dimensions: {a: -1}}, abModel(), "f"), WeightsError);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.startsWith("dimensions.a: ")).toBe(true);
  });

  it("names the whole file '(file)' when the value is not an object", () => {
    const e = thrownBy(() => parseWeights(5, abModel(), "f"), WeightsError);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.startsWith("(file): ")).toBe(true);
  });

  it("names every unknown top-level field, separated by a comma", () => {
    const e = thrownBy(() => parseWeights({vikter: {}, kommentar: "x"}, abModel(), "f"), WeightsError);
    expect(e.issues).toEqual(["vikter, kommentar: unknown field (allowed: name, dimensions, indicators, workshop)"]);
  });
});

describe("proposalLabel", () => {
  it("is the trimmed name, or 'förslag i+1' when the name is blank", () => {
    expect(proposalLabel({name: "  Anna  "}, 0)).toBe("Anna");
    expect(proposalLabel({name: "   "}, 1)).toBe("förslag 2");
    expect(proposalLabel({}, 2)).toBe("förslag 3");
  });
});

describe("pooledWeights: messages", () => {
  it("rejects an unknown method, naming the methods", () => {
    const e = thrownBy(() => pooledWeights(abModel(), [{}], "max" as PoolMethod), WeightsError);
    expect(e.source).toBe("pool");
    expect(e.issues).toEqual(['method must be one of mean, median, geomean (got "max")']);
  });

  it("rejects an empty pool", () => {
    const e = thrownBy(() => pooledWeights(abModel(), [], "mean"), WeightsError);
    expect(e.source).toBe("pool");
    expect(e.issues).toEqual(["no proposals to pool"]);
  });

  it("rejects a geometric mean that leaves every dimension at 0", () => {
    const e = thrownBy(() => pooledWeights(abModel(), [{dimensions: {a: 1, b: 0}}, {dimensions: {a: 0, b: 1}}], "geomean"), WeightsError);
    expect(e.source).toBe("pool");
    expect(e.issues).toEqual(["geomean: every dimension has weight 0 in at least one proposal, so every geometric mean is 0; use mean or median"]);
  });

  it("rejects a median that empties a dimension of weight 0.5: each proposal puts dimension a on another KPI", () => {
    const proposals = [{indicators: {N00001: 1, N00002: 0, N00003: 0}}, {indicators: {N00001: 0, N00002: 1, N00003: 0}}, {indicators: {N00001: 0, N00002: 0, N00003: 1}}];
    const e = thrownBy(() => pooledWeights(abModel(), proposals, "median"), WeightsError);
    expect(e.source).toBe("pool");
    expect(e.message).toBe('Invalid weights pool:\n  - median: dimension "a" pools to weight 0.5 but every KPI in it pools to 0, so nobody could be ranked; use mean');
  });
});

describe("spread", () => {
  it("rejects no values", () => {
    expect(() => spread([])).toThrow(new RangeError("spread of no values"));
  });
});
