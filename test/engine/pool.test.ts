/**
 * Weights files and pooling: validation messages, normalisation, the three
 * pooling methods on hand-computed proposals, the ranking they give, and a
 * cross-check of random pools against DuckDB's avg/median/geomean.
 */
import {describe, expect, it} from "vitest";
import {
  applyWeights,
  buildMatrix,
  normaliseWeights,
  parseModel,
  parseWeights,
  parseWeightsText,
  pooledWeights,
  poolProposals,
  POOL_METHODS,
  prepareNomination,
  score,
  spread,
  WeightsError,
  type Model,
  type PoolMethod,
  type Proposal,
  type ValueRow
} from "../../src/engine/index.ts";
import {sql} from "../helpers/duckdb.ts";
import {model, municipalities, rng} from "./fixtures.ts";
import {thrownBy} from "./throws.ts";

// Dimensions a (K1, K2), b (K3), c (K4, K5); every weight 1.
const M: Model = model(
  [
    ["a", 1],
    ["b", 1],
    ["c", 1]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "a", "lower_better", 1],
    ["N00003", "b", "higher_better", 1],
    ["N00004", "c", "higher_better", 1],
    ["N00005", "c", "higher_better", 1]
  ]
);

/** Issues of a WeightsError thrown by `f`. */
function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(WeightsError);
    return (error as WeightsError).issues;
  }
  throw new Error("no error");
}

describe("parseWeights", () => {
  it("accepts a weights file and keeps what it says", () => {
    expect(parseWeights({name: "Anna", dimensions: {a: 2}, indicators: {N00003: 0}}, M)).toEqual({name: "Anna", dimensions: {a: 2}, indicators: {N00003: 0}});
    expect(parseWeights({}, M)).toEqual({});
    expect(parseWeights({workshop: "abc", dimensions: {}}, M)).toEqual({workshop: "abc", dimensions: {}});
  });

  it("names the field of a negative, non-numeric or non-finite weight", () => {
    expect(issuesOf(() => parseWeights({dimensions: {c: -1}}, M))).toEqual(["dimensions.c: must not be negative"]);
    expect(issuesOf(() => parseWeights({indicators: {N00002: "1"}}, M))).toEqual(["indicators.N00002: must be a number"]);
    expect(issuesOf(() => parseWeightsText('{"dimensions": {"a": 1e400}}', M))).toEqual(["dimensions.a: must be a finite number"]);
  });

  it("names an id the model lacks, and every problem at once", () => {
    expect(issuesOf(() => parseWeights({dimensions: {effekt: 1, a: 1}, indicators: {N99999: 1}}, M))).toEqual([
      'dimensions.effekt: unknown dimension for model "test" (known: a, b, c)',
      'indicators.N99999: KPI not in model "test"'
    ]);
  });

  it("rejects a misspelt field, a non-object, a list and broken JSON", () => {
    expect(issuesOf(() => parseWeights({dimension: {a: 1}}, M))).toEqual(["dimension: unknown field (allowed: name, dimensions, indicators, workshop)"]);
    expect(issuesOf(() => parseWeights([1], M))).toEqual(["(file): must be an object"]);
    expect(issuesOf(() => parseWeights({dimensions: [1]}, M))).toEqual(["dimensions: must be an object of dimension id: weight"]);
    expect(issuesOf(() => parseWeightsText("{", M, "x.json"))[0]).toMatch(/^not valid JSON/);
  });

  it("marks a well-formed file naming ids the model lacks as another model's, and no format error", () => {
    const otherModel = (f: () => unknown) => thrownBy(f, WeightsError).otherModel;
    expect(otherModel(() => parseWeights({dimensions: {effekt: 1}}, M))).toBe(true);
    expect(otherModel(() => parseWeights({indicators: {N99999: 1}}, M))).toBe(true);
    expect(otherModel(() => parseWeights({dimensions: {a: -1}}, M))).toBe(false);
    expect(otherModel(() => parseWeights({"unknown dimension": 1}, M))).toBe(false);
    expect(otherModel(() => parseWeightsText("{", M))).toBe(false);
  });

  it("names the source in the message", () => {
    expect(() => parseWeights({dimensions: {a: -1}}, M, "anna.json")).toThrow(/Invalid weights anna\.json:\n {2}- dimensions\.a: must not be negative/);
  });
});

describe("applyWeights", () => {
  it("sets the given weights, keeps the others and leaves the model unchanged", () => {
    const before = structuredClone(M);
    const out = applyWeights(M, {dimensions: {b: 3}, indicators: {N00005: 0.5}});
    expect(out.dimensions.map((d) => d.weight)).toEqual([1, 3, 1]);
    expect(out.indicators.map((i) => i.weight)).toEqual([1, 1, 1, 1, 0.5]);
    expect(M).toEqual(before);
    expect(parseModel(out)).toEqual(out);
  });
});

// Hand-computed proposals (normalised values in the comments).
const P1: Proposal = {name: "Anna", dimensions: {a: 1, b: 1, c: 2}, indicators: {N00001: 1, N00002: 3, N00004: 1, N00005: 1}};
// a .25 b .25 c .5 | K1 .25 K2 .75 K3 1 K4 .5 K5 .5
const P2: Proposal = {name: "Bo", dimensions: {a: 2, b: 0, c: 2}, indicators: {N00001: 1, N00002: 1, N00003: 0, N00004: 3, N00005: 1}};
// a .5 b 0 c .5 | K1 .5 K2 .5 K3 0 (b switched off) K4 .75 K5 .25
const P3: Proposal = {dimensions: {a: 1, b: 3, c: 0}, indicators: {N00001: 0, N00002: 2, N00004: 0, N00005: 0}};
// a .25 b .75 c 0 | K1 0 K2 1 K3 1 K4 0 K5 0 (c switched off)
const P4: Proposal = {dimensions: {a: 1, b: 1, c: 1}, indicators: {N00001: 1, N00002: 1, N00004: 1, N00005: 3}};
// a 1/3 b 1/3 c 1/3 | K1 .5 K2 .5 K3 1 K4 .25 K5 .75

const ids = ["N00001", "N00002", "N00003", "N00004", "N00005"];
const asArrays = (w: {dimensions: Record<string, number>; indicators: Record<string, number>}) => [
  ["a", "b", "c"].map((d) => w.dimensions[d]),
  ids.map((k) => w.indicators[k])
];
function expectClose(actual: (number | undefined)[][], expected: number[][]): void {
  expect(actual.map((xs) => xs.length)).toEqual(expected.map((xs) => xs.length));
  actual.forEach((xs, i) => xs.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, 14)));
}

describe("normaliseWeights", () => {
  it("makes dimension weights and each dimension's KPI weights sum to 1", () => {
    expectClose(asArrays(normaliseWeights(M, P1)), [
      [0.25, 0.25, 0.5],
      [0.25, 0.75, 1, 0.5, 0.5]
    ]);
  });

  it("keeps 0s for a dimension switched off with all its KPIs", () => {
    expectClose(asArrays(normaliseWeights(M, P2)), [
      [0.5, 0, 0.5],
      [0.5, 0.5, 0, 0.75, 0.25]
    ]);
  });

  it("rejects a proposal with every dimension at 0, naming it", () => {
    expect(issuesOf(() => normaliseWeights(M, {dimensions: {a: 0, b: 0, c: 0}}, "Cia"))).toEqual(["dimensions: every dimension weight is 0; at least one must be above 0"]);
    expect(() => normaliseWeights(M, {dimensions: {a: 0, b: 0, c: 0}}, "Cia")).toThrow(/Invalid weights Cia/);
  });

  it("rejects a weighted dimension whose KPIs are all 0", () => {
    expect(issuesOf(() => normaliseWeights(M, {indicators: {N00004: 0, N00005: 0}}))).toEqual([
      'indicators: every KPI of dimension "c" has weight 0 while the dimension\'s weight is above 0 (nobody could be ranked)'
    ]);
  });

  it("is the same for a proposal and any positive multiple of it", () => {
    const scaled: Proposal = {dimensions: {a: 7, b: 7, c: 14}, indicators: {N00001: 0.1, N00002: 0.3, N00003: 5, N00004: 2, N00005: 2}};
    expectClose(asArrays(normaliseWeights(M, scaled)), asArrays(normaliseWeights(M, P1)) as number[][]);
  });
});

describe("pooledWeights by hand", () => {
  it("mean of P1, P2, P3", () => {
    expectClose(asArrays(pooledWeights(M, [P1, P2, P3], "mean")), [
      [1 / 3, 1 / 3, 1 / 3],
      [0.25, 0.75, 2 / 3, 1.25 / 3, 0.25]
    ]);
  });

  it("median of P1, P2, P3 (not renormalised)", () => {
    expectClose(asArrays(pooledWeights(M, [P1, P2, P3], "median")), [
      [0.25, 0.25, 0.5],
      [0.25, 0.75, 1, 0.5, 0.25]
    ]);
  });

  it("median of an even number of proposals is the mean of the two middle ones", () => {
    expectClose(asArrays(pooledWeights(M, [P1, P2, P3, P4], "median")), [
      [(0.25 + 1 / 3) / 2, (0.25 + 1 / 3) / 2, (1 / 3 + 0.5) / 2],
      [(0.25 + 0.5) / 2, (0.5 + 0.75) / 2, 1, (0.25 + 0.5) / 2, (0.25 + 0.5) / 2]
    ]);
  });

  it("geomean of P1 and P4, renormalised", () => {
    // a = b = sqrt(1/4 · 1/3), c = sqrt(1/2 · 1/3); over their sum: 1 - √2/2 and √2 - 1.
    // K1, K2: sqrt(1/8), sqrt(3/8) → (√3 - 1)/2, (3 - √3)/2; K4, K5 the same; K3 = 1.
    const s3 = Math.sqrt(3);
    expectClose(asArrays(pooledWeights(M, [P1, P4], "geomean")), [
      [1 - Math.SQRT2 / 2, 1 - Math.SQRT2 / 2, Math.SQRT2 - 1],
      [(s3 - 1) / 2, (3 - s3) / 2, 1, (s3 - 1) / 2, (3 - s3) / 2]
    ]);
  });

  it("geomean: a 0 in one proposal is a veto", () => {
    // b is 0 in P2 and c in P3; K1 in P3; K3 in P2 (b stays all 0, and b weighs 0).
    expectClose(asArrays(pooledWeights(M, [P1, P2, P3], "geomean")), [
      [1, 0, 0],
      [0, 1, 0, 0, 0]
    ]);
  });

  it("one proposal pools to itself, normalised, by every method", () => {
    for (const method of POOL_METHODS) expectClose(asArrays(pooledWeights(M, [P1], method)), asArrays(normaliseWeights(M, P1)) as number[][]);
  });

  it("absent weights keep the model's", () => {
    expectClose(asArrays(pooledWeights(M, [{}, {dimensions: {a: 2}}], "mean")), [
      [(1 / 3 + 0.5) / 2, (1 / 3 + 0.25) / 2, (1 / 3 + 0.25) / 2],
      [0.5, 0.5, 1, 0.5, 0.5]
    ]);
  });
});

describe("pooling errors", () => {
  it("names the proposal that cannot be normalised, by name or position", () => {
    expect(() => pooledWeights(M, [P1, {name: "Dan", dimensions: {a: 0, b: 0, c: 0}}], "mean")).toThrow(/Invalid weights Dan/);
    expect(() => pooledWeights(M, [P1, P2, {dimensions: {a: 0, b: 0, c: 0}}], "mean")).toThrow(/Invalid weights förslag 3/);
  });

  it("rejects no proposals and an unknown method", () => {
    expect(issuesOf(() => pooledWeights(M, [], "mean"))).toEqual(["no proposals to pool"]);
    expect(issuesOf(() => pooledWeights(M, [P1], "mode" as PoolMethod))).toEqual(['method must be one of mean, median, geomean (got "mode")']);
  });

  it("geomean with every dimension vetoed is an error", () => {
    const only = (d: string): Proposal => ({dimensions: {a: 0, b: 0, c: 0, [d]: 1}});
    expect(issuesOf(() => pooledWeights(M, [only("a"), only("b"), only("c")], "geomean"))[0]).toMatch(/^geomean: every dimension has weight 0 in at least one proposal/);
  });

  it("a weighted dimension whose KPIs all pool to 0 is an error naming it", () => {
    const on1: Proposal = {dimensions: {b: 0, c: 0}, indicators: {N00001: 1, N00002: 0}};
    const on2: Proposal = {dimensions: {b: 0, c: 0}, indicators: {N00001: 0, N00002: 1}};
    const off: Proposal = {dimensions: {a: 0, b: 1, c: 0}, indicators: {N00001: 0, N00002: 0}};
    expect(issuesOf(() => pooledWeights(M, [on1, on2, off], "median"))).toEqual([
      'median: dimension "a" pools to weight 1 but every KPI in it pools to 0, so nobody could be ranked; use mean'
    ]);
    // The mean never does this: some proposal weighted the dimension, so its KPIs sum to 1 there.
    expect(pooledWeights(M, [on1, on2, off], "mean").indicators).toMatchObject({N00001: 1 / 3, N00002: 1 / 3});
  });
});

describe("poolProposals", () => {
  it("returns a valid model with the pooled weights and everything else of the model", () => {
    for (const method of POOL_METHODS) {
      const pooled = poolProposals(M, [P1, P4], method);
      expect(parseModel(pooled)).toEqual(pooled);
      const w = pooledWeights(M, [P1, P4], method);
      expect(pooled.dimensions.map((d) => d.weight)).toEqual(M.dimensions.map((d) => w.dimensions[d.id]));
      expect(pooled.indicators.map((i) => i.weight)).toEqual(M.indicators.map((i) => w.indicators[i.kpi]));
      expect(pooled.indicators.map(({weight: _w, ...rest}) => rest)).toEqual(M.indicators.map(({weight: _w, ...rest}) => rest));
      expect(pooled.status).toBe("scenario");
    }
    expect(poolProposals(M, [P1, P4], "median").name).toBe("test – poolade vikter (median, 2 förslag)");
    expect(poolProposals(M, [P1, P4], "mean").description).toContain("(Anna, förslag 2)");
  });
});

describe("the ranking", () => {
  const codes = Array.from({length: 40}, (_, i) => String(1100 + i * 3));
  const r = rng(7);
  const rows: ValueRow[] = [];
  for (const kpi of ids) for (const code of codes) if (r() > 0.08) rows.push({kpi, municipality: code, year: 2022, value: r() * 100});
  const prepared = prepareNomination(buildMatrix({municipalities: municipalities(codes), values: rows}), M, 2022);
  const order = (res: ReturnType<typeof score>) => res.rows.map((row) => [row.code, row.rank]);

  it("a proposal and its normalised weights rank the same", () => {
    for (const p of [P1, P2, P3, P4]) expect(order(score(prepared, normaliseWeights(M, p)))).toEqual(order(score(prepared, p as never)));
  });

  it("the pooled model ranks as its weights do, and medians rank as the renormalised medians", () => {
    const pooled = poolProposals(M, [P1, P2, P3, P4], "median");
    const fromModel = score(prepareNomination(buildMatrix({municipalities: municipalities(codes), values: rows}), pooled, 2022));
    expect(order(fromModel)).toEqual(order(score(prepared, pooledWeights(M, [P1, P2, P3, P4], "median"))));
    const w = pooledWeights(M, [P1, P2, P3, P4], "median");
    const dimSum = Object.values(w.dimensions).reduce((s, x) => s + x, 0);
    const renormalised = {...normaliseWeights(M, w), dimensions: Object.fromEntries(Object.entries(w.dimensions).map(([k, x]) => [k, x / dimSum]))};
    expect(order(score(prepared, renormalised))).toEqual(order(fromModel));
  });
});

describe("spread", () => {
  it("min, quartiles by linear interpolation, median, max", () => {
    expect(spread([0.5])).toEqual({min: 0.5, q1: 0.5, median: 0.5, q3: 0.5, max: 0.5});
    expect(spread([4, 1, 3, 2])).toEqual({min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4});
    expect(spread([0, 0.2, 0.4, 0.6, 1])).toEqual({min: 0, q1: 0.2, median: 0.4, q3: 0.6, max: 1});
    expect(() => spread([])).toThrow(RangeError);
  });
});

describe("cross-check against DuckDB", () => {
  it("random pools equal avg, median and the n-th root of the product of the SQL-normalised weights", async () => {
    const big = parseModel({
      name: "big",
      dimensions: ["d1", "d2", "d3", "d4"].map((id) => ({id, label: id, weight: 1})),
      indicators: Array.from({length: 13}, (_, k) => ({kpi: `N1000${String(k).padStart(2, "0")}`, dimension: `d${(k % 4) + 1}`, direction: "higher_better", weight: 1 + (k % 3)}))
    });
    const rand = rng(2026);
    const cases: {proposals: Proposal[]; method: PoolMethod}[] = [];
    for (let c = 0; c < 30; c++) {
      const n = 1 + Math.floor(rand() * 7);
      const proposals: Proposal[] = [];
      for (let p = 0; p < n; p++) {
        const dimensions: Record<string, number> = {};
        for (const d of big.dimensions) dimensions[d.id] = rand() < 0.15 ? 0 : Math.round(rand() * 50) / 10;
        if (Object.values(dimensions).every((w) => w === 0)) dimensions.d1 = 1;
        const indicators: Record<string, number> = {};
        // Leave some KPIs out (model weight); a 0 only where the dimension keeps another KPI above 0.
        for (const i of big.indicators) if (rand() < 0.8) indicators[i.kpi] = rand() < 0.1 ? 0 : Math.round(rand() * 50) / 10 + 0.1;
        proposals.push({dimensions, indicators});
      }
      cases.push({proposals, method: POOL_METHODS[c % 3]!});
    }
    const values: string[] = [];
    cases.forEach(({proposals}, c) =>
      proposals.forEach((p, pi) => {
        const applied = applyWeights(big, p);
        for (const d of applied.dimensions) values.push(`(${c}, ${pi}, 'dim', '${d.id}', '${d.id}', ${d.weight})`);
        for (const i of applied.indicators) values.push(`(${c}, ${pi}, 'kpi', '${i.kpi}', '${i.dimension}', ${i.weight})`);
      })
    );
    const result = await sql<{c: number; kind: string; id: string; grp: string; mean: number; median: number; geo: number}>(`
      WITH w(c, p, kind, id, grp, weight) AS (VALUES ${values.join(",")}),
      n AS (
        SELECT c, p, kind, id, grp,
          CASE WHEN kind = 'dim' THEN weight / sum(weight) OVER (PARTITION BY c, p, kind)
               ELSE coalesce(weight / nullif(sum(weight) OVER (PARTITION BY c, p, kind, grp), 0), 0) END AS x
        FROM w
      ),
      agg AS (
        SELECT c, kind, id, grp, avg(x) AS mean, median(x) AS median,
          pow(product(x), 1.0 / count(*)) AS g
        FROM n GROUP BY ALL
      )
      SELECT c, kind, id, grp, mean, median,
        CASE WHEN kind = 'dim' THEN g / sum(g) OVER (PARTITION BY c, kind)
             ELSE coalesce(g / nullif(sum(g) OVER (PARTITION BY c, kind, grp), 0), 0) END AS geo
      FROM agg ORDER BY c, kind, id`);
    let checked = 0;
    cases.forEach(({proposals, method}, c) => {
      const rowsOf = result.filter((row) => Number(row.c) === c);
      const column = method === "mean" ? "mean" : method === "median" ? "median" : "geo";
      const expected = (kind: string, id: string) => rowsOf.find((row) => row.kind === kind && row.id === id)![column];
      let got;
      try {
        got = pooledWeights(big, proposals, method);
      } catch (error) {
        // Only when SQL agrees that a weighted dimension's KPIs all pool to 0, or every dimension geomean is 0.
        expect(error).toBeInstanceOf(WeightsError);
        const empty = big.dimensions.some((d) => expected("dim", d.id) > 0 && big.indicators.filter((i) => i.dimension === d.id).every((i) => expected("kpi", i.kpi) === 0));
        const allVetoed = method === "geomean" && rowsOf.filter((row) => row.kind === "dim").every((row) => !(Number(row.geo) > 0));
        expect(empty || allVetoed).toBe(true);
        return;
      }
      for (const d of big.dimensions) expect(got.dimensions[d.id]).toBeCloseTo(expected("dim", d.id), 12);
      for (const i of big.indicators) expect(got.indicators[i.kpi]).toBeCloseTo(expected("kpi", i.kpi), 12);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
  });
});
