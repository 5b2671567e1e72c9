/**
 * The Sobol analysis refuses bad designs with exact messages: the seed and
 * bootstrap bounds (both ends), the dimension, empty, out-of-range and
 * overlapping groups, an estimate before every evaluation is recorded, and
 * the result of a chunked run that is not finished.
 */
import {describe, expect, it} from "vitest";
import {createUncertaintyContext, SaltelliDesign, sobolIndices, sobolJansen, SobolRun} from "../../src/engine/index.ts";
import {matrixOf, model, rowsForYear} from "./fixtures.ts";
import {expectThrows} from "./throws.ts";

const first = (u: Float64Array) => u[0]!;

/** Three municipalities, two dimensions of one KPI each; every weight varied (four input groups) unless `fixed`. */
function context3(fixed = false) {
  const codes = ["0101", "0102", "0103"];
  const m = model(
    [
      ["a", 1],
      ["b", 1.2]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "higher_better", 1]
    ]
  );
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [3, 1, 2], N00002: [1, 3, 2]}));
  return createUncertaintyContext(matrix, m, {kind: "nomination", year: 2022, seed: 17, ...(fixed ? {vary: {dimensionWeights: false, kpiWeights: false}} : {})});
}

describe("the seed of a Sobol design", () => {
  it("is accepted up to 2^32 - 1 and refused from 2^32", () => {
    // One coordinate, N = 2: 2 (1 + 2) = 6 evaluations.
    expect(sobolJansen(first, {dimension: 1, n: 2, seed: 2 ** 32 - 1, bootstrap: 0}).evaluations).toBe(6);
    expect(sobolJansen(first, {dimension: 1, n: 2, seed: 0, bootstrap: 0}).evaluations).toBe(6);
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: 2 ** 32, bootstrap: 0}), RangeError, "seed must be an integer from 0 to 4294967295 (got 4294967296)");
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: -1, bootstrap: 0}), RangeError, "seed must be an integer from 0 to 4294967295 (got -1)");
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: 1.5, bootstrap: 0}), RangeError, "seed must be an integer from 0 to 4294967295 (got 1.5)");
  });

  it("of a run on a ranking is checked the same way, before anything is evaluated", () => {
    const ctx = context3();
    expectThrows(() => new SobolRun(ctx, {n: 2, seed: 2 ** 32}), RangeError, "seed must be an integer from 0 to 4294967295 (got 4294967296)");
    expect(new SobolRun(ctx, {n: 2, seed: 2 ** 32 - 1}).total).toBe(2 * (4 + 2));
  });
});

describe("the bootstrap resamples of a Sobol design", () => {
  it("are accepted from 0 to 100000 and refused above", () => {
    expect(sobolJansen(first, {dimension: 1, n: 2, seed: 5, bootstrap: 0}).firstBand).toEqual([[NaN, NaN]]);
    // f = u0 on one coordinate: A_B = B, so every resample with both rows has S = 1; the band is [1, 1].
    const many = sobolJansen(first, {dimension: 1, n: 2, seed: 5, bootstrap: 100000});
    expect(many.first).toEqual([1]);
    expect(many.firstBand).toEqual([[1, 1]]);
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: 5, bootstrap: 100001}), RangeError, "bootstrap must be an integer from 0 to 100000 (got 100001)");
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: 5, bootstrap: -1}), RangeError, "bootstrap must be an integer from 0 to 100000 (got -1)");
    expectThrows(() => sobolJansen(first, {dimension: 1, n: 2, seed: 5, bootstrap: 2.5}), RangeError, "bootstrap must be an integer from 0 to 100000 (got 2.5)");
  });

  it("of a run on a ranking are checked even when nothing is varied", () => {
    const ctx = context3(true);
    expect(ctx.groups).toEqual([]);
    expect(sobolIndices(ctx, {n: 2, bootstrap: 100000}).indices).toEqual([]);
    expectThrows(() => sobolIndices(ctx, {n: 2, bootstrap: 100001}), RangeError, "bootstrap must be an integer from 0 to 100000 (got 100001)");
  });
});

describe("the dimension and groups of a Sobol design", () => {
  it("the dimension must be a whole number >= 1", () => {
    expectThrows(() => new SaltelliDesign({dimension: 0, n: 2, seed: 1}), RangeError, "dimension must be an integer >= 1 (got 0)");
    expectThrows(() => new SaltelliDesign({dimension: 1.5, n: 2, seed: 1}), RangeError, "dimension must be an integer >= 1 (got 1.5)");
    expectThrows(() => new SaltelliDesign({dimension: "2" as unknown as number, n: 2, seed: 1}), RangeError, 'dimension must be an integer >= 1 (got "2")');
    expect(new SaltelliDesign({dimension: 1, n: 2, seed: 1}).evaluations).toBe(6);
  });

  it("a group must not be empty; the message names the group by its index", () => {
    expectThrows(() => new SaltelliDesign({dimension: 2, groups: [[0], []], n: 2, seed: 1}), RangeError, "groups[1] must be a non-empty list of coordinates (got [])");
    expectThrows(() => new SaltelliDesign({dimension: 2, groups: [[]], n: 2, seed: 1}), RangeError, "groups[0] must be a non-empty list of coordinates (got [])");
  });

  it("a coordinate must lie in 0..dimension - 1", () => {
    expectThrows(() => new SaltelliDesign({dimension: 2, groups: [[0], [1, 2]], n: 2, seed: 1}), RangeError, "groups[1] must be coordinates from 0 to 1 (got [1,2])");
    expectThrows(() => new SaltelliDesign({dimension: 3, groups: [[-1]], n: 2, seed: 1}), RangeError, "groups[0] must be coordinates from 0 to 2 (got [-1])");
    expectThrows(() => new SaltelliDesign({dimension: 3, groups: [[0.5]], n: 2, seed: 1}), RangeError, "groups[0] must be coordinates from 0 to 2 (got [0.5])");
    // The last coordinate is in range; leaving coordinate 0 out of every group is allowed.
    expect(new SaltelliDesign({dimension: 3, groups: [[2], [1]], n: 2, seed: 1}).evaluations).toBe(2 * 4);
  });

  it("groups must be disjoint, also within one group", () => {
    expectThrows(() => new SaltelliDesign({dimension: 2, groups: [[0, 1], [1]], n: 2, seed: 1}), RangeError, "groups[1] must be disjoint from the other groups (got [1])");
    expectThrows(() => new SaltelliDesign({dimension: 2, groups: [[0, 0]], n: 2, seed: 1}), RangeError, "groups[0] must be disjoint from the other groups (got [0,0])");
  });
});

describe("estimating before the design is complete", () => {
  it("an evaluation not recorded is an error naming it", () => {
    // One coordinate, N = 2: evaluations 0..5.
    const design = new SaltelliDesign({dimension: 1, n: 2, seed: 1, bootstrap: 0});
    expectThrows(() => design.estimate(), Error, "evaluation 0 of 6 is not recorded");
    for (let e = 0; e < 5; e++) design.record(e, e);
    expectThrows(() => design.estimate(), Error, "evaluation 5 of 6 is not recorded");
    design.record(5, 5);
    // y: A = 0, 3; B = 1, 4; A_B = 2, 5. Mean 2, variance (4 + 1 + 1 + 4) / 4 = 2.5.
    expect(design.estimate().variance).toBe(2.5);
  });

  it("a non-finite model value is refused when recorded", () => {
    const design = new SaltelliDesign({dimension: 1, n: 2, seed: 1});
    expectThrows(() => design.record(3, Infinity), RangeError, "the model gave a non-finite value (Infinity) at evaluation 3");
    expectThrows(() => design.record(0, NaN), RangeError, "the model gave a non-finite value (NaN) at evaluation 0");
  });
});

describe("the result of a chunked Sobol run", () => {
  it("is refused until every evaluation is done, with the progress in the message", () => {
    const ctx = context3();
    expect(ctx.groups.map((g) => g.id)).toEqual(["dimension:a", "dimension:b", "kpis:a", "kpis:b"]);
    // N = 2, four groups: 2 (4 + 2) = 12 rankings.
    const run = new SobolRun(ctx, {n: 2, bootstrap: 0});
    expect(run.total).toBe(12);
    expectThrows(() => run.result(), Error, "the Sobol run is not finished (0 of 12 evaluations)");
    expect(run.step(5)).toBe(5);
    expectThrows(() => run.result(), Error, "the Sobol run is not finished (5 of 12 evaluations)");
    expect(run.step(100)).toBe(12);
    expect(run.finished).toBe(true);
    const r = run.result();
    expect(r.evaluations).toBe(12);
    expect(r.indices.map((x) => x.id)).toEqual(["dimension:a", "dimension:b", "kpis:a", "kpis:b"]);
  });
});
