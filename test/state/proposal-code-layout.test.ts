/**
 * What a proposal code is, byte for byte (the table in the header of
 * src/lib/state/proposal-codec.ts), read with an independent base32 decoder
 * and checked against node:zlib's CRC-32; and what the encoder refuses, with
 * its exact message.
 */
import {describe, expect, it} from "vitest";
import type {Model} from "../../src/engine/model.ts";
import {decodeProposal, encodeProposal, modelHash, workshopId, type ProposalContent, type WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {base32Of, be32, bytesOf, DIMS_ONLY, grouped, MODEL, WITH_KPIS, withChecksum} from "./proposal-code-bytes.ts";

/** The three bytes of the model fingerprint: the first 24 bits of modelHash. */
const FP = be32(modelHash(MODEL)).slice(0, 3);

function refusal(workshop: WorkshopDefinition, proposal: ProposalContent): string {
  try {
    encodeProposal(workshop, proposal);
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    return (e as Error).message;
  }
  throw new Error("encoded");
}

describe("the bytes of a code", () => {
  it("dimension weights only: version 1, workshop id, model fingerprint, no flags, the trimmed name, weights in tenths, CRC-32", () => {
    const code = encodeProposal(DIMS_ONLY, {name: "  Bo ", dimensions: {a: 2.5, b: 0}});
    const bytes = bytesOf(code);
    // 1 + 4 + 3 + 1 + 1 + 2 (name) + 2 (weights) + 4 = 18 bytes = 144 bits = 29 characters.
    expect(bytes).toHaveLength(18);
    const body = bytes.slice(0, 14);
    expect(body[0]).toBe(1);
    // The workshop id as people see it is the first six characters of bytes 1-4.
    expect(base32Of(body.slice(1, 5)).slice(0, 6)).toBe(workshopId(DIMS_ONLY));
    expect(body.slice(5, 8)).toEqual(FP);
    expect(body.slice(8)).toEqual([0, 2, 0x42, 0x6f, 25, 0]);
    expect(bytes).toEqual(withChecksum(body));
    // KK- and groups of four characters: 7 groups of four and one of one.
    expect(code).toBe(grouped(bytes));
    expect(code).toMatch(/^KK-(\w{4}-){7}\w$/);
  });

  it("with KPI weights: flag 1, then every KPI weight in model order after the dimensions; absent weights are the model's", () => {
    const code = encodeProposal(WITH_KPIS, {name: "", dimensions: {a: 5}, indicators: {N00002: 0.1}});
    const bytes = bytesOf(code);
    expect(bytes).toHaveLength(1 + 4 + 3 + 1 + 1 + 0 + 5 + 4);
    // Dimensions a = 5, b = model's 1; KPIs N00001 = model's 1, N00002 = 0.1, N00003 = model's 1.
    expect(bytes.slice(5, 15)).toEqual([...FP, 1, 0, 50, 10, 10, 1, 10]);
    expect(bytes).toEqual(withChecksum(bytes.slice(0, 15)));
    expect(base32Of(bytes.slice(1, 5)).slice(0, 6)).toBe(workshopId(WITH_KPIS));
  });

  it("a workshop that allows KPI weights takes a code without them (no flag; the model's KPI weights apply)", () => {
    const code = encodeProposal(WITH_KPIS, {name: "Bo", dimensions: {a: 1, b: 2}});
    expect(bytesOf(code).slice(8, 14)).toEqual([0, 2, 0x42, 0x6f, 10, 20]);
    expect(decodeProposal(WITH_KPIS, code)).toEqual({ok: true, proposal: {name: "Bo", dimensions: {a: 1, b: 2}}});
  });

  it("a name of exactly 120 UTF-8 bytes is kept whole; blanks around a name are not counted", () => {
    const name = "å".repeat(60);
    const code = encodeProposal(DIMS_ONLY, {name: `  ${name}\n`, dimensions: {}});
    expect(bytesOf(code)[9]).toBe(120);
    expect(decodeProposal(DIMS_ONLY, code)).toEqual({ok: true, proposal: {name, dimensions: {a: 1, b: 1}}});
  });

  it("the weights 0 and 5 and a weight with floating-point noise (0.1 + 0.2) are exact steps", () => {
    const bytes = bytesOf(encodeProposal(DIMS_ONLY, {name: "", dimensions: {a: 0, b: 5}}));
    expect(bytes.slice(10, 12)).toEqual([0, 50]);
    expect(bytesOf(encodeProposal(DIMS_ONLY, {name: "", dimensions: {a: 0.1 + 0.2, b: 4.9}})).slice(10, 12)).toEqual([3, 49]);
  });

  it("the model fingerprint follows each KPI's id, dimension, direction and weight, and each dimension's id and weight", () => {
    const kpi = (patch: Partial<Model["indicators"][number]>): Model => ({...MODEL, indicators: MODEL.indicators.map((i, n) => (n === 1 ? {...i, ...patch} : i))});
    const dim = (patch: Partial<Model["dimensions"][number]>): Model => ({...MODEL, dimensions: MODEL.dimensions.map((d, n) => (n === 1 ? {...d, ...patch} : d))});
    const changed = [kpi({kpi: "N00009"}), kpi({dimension: "a"}), kpi({direction: "higher_better"}), kpi({weight: 3}), dim({id: "c"}), dim({weight: 2})];
    const hashes = new Set([MODEL, ...changed].map(modelHash));
    expect(hashes.size).toBe(1 + changed.length);
    // What does not change a ranking does not change the fingerprint.
    expect(modelHash({...MODEL, name: "annat namn", dimensions: MODEL.dimensions.map((d) => ({...d, label: "x"}))})).toBe(modelHash(MODEL));
  });
});

describe("what the encoder refuses, and why", () => {
  it("a weight outside 0-5, naming the dimension or KPI and the weight", () => {
    expect(refusal(DIMS_ONLY, {name: "", dimensions: {b: 5.1}})).toBe("dimensions.b: a proposal code holds weights 0-5 in steps of 0.1 (got 5.1)");
    expect(refusal(DIMS_ONLY, {name: "", dimensions: {a: -0.1}})).toBe("dimensions.a: a proposal code holds weights 0-5 in steps of 0.1 (got -0.1)");
    expect(refusal(WITH_KPIS, {name: "", dimensions: {}, indicators: {N00003: 7}})).toBe("indicators.N00003: a proposal code holds weights 0-5 in steps of 0.1 (got 7)");
    expect(refusal(WITH_KPIS, {name: "", dimensions: {}, indicators: {N00001: -1}})).toBe("indicators.N00001: a proposal code holds weights 0-5 in steps of 0.1 (got -1)");
  });

  it("a weight between two steps of 0.1; the tolerance for rounding noise is a millionth of a step", () => {
    expect(refusal(DIMS_ONLY, {name: "", dimensions: {a: 0.25}})).toBe("dimensions.a: a proposal code holds weights 0-5 in steps of 0.1 (got 0.25)");
    expect(refusal(WITH_KPIS, {name: "", dimensions: {}, indicators: {N00002: 1.05}})).toBe("indicators.N00002: a proposal code holds weights 0-5 in steps of 0.1 (got 1.05)");
    // 1e-7 is 1e-6 tenths from 0: at the tolerance, read as 0; 1.1e-7 is past it.
    expect(bytesOf(encodeProposal(DIMS_ONLY, {name: "", dimensions: {a: 1e-7}}))[10]).toBe(0);
    expect(refusal(DIMS_ONLY, {name: "", dimensions: {a: 1.1e-7}})).toBe("dimensions.a: a proposal code holds weights 0-5 in steps of 0.1 (got 1.1e-7)");
  });

  it("a name over 120 UTF-8 bytes", () => {
    expect(refusal(DIMS_ONLY, {name: "å".repeat(60) + "x", dimensions: {}})).toBe("name: at most 120 bytes");
  });

  it("KPI weights (even none) when the workshop does not allow them", () => {
    expect(refusal(DIMS_ONLY, {name: "", dimensions: {}, indicators: {}})).toBe("this workshop does not allow KPI weights");
  });
});
